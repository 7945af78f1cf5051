namespace Likely.Likelihood;

/// <summary>One parameter of a user-defined likelihood: its name, domain, and either a starting value or a held value.</summary>
/// <param name="Name">The parameter's name, used in results and messages.</param>
/// <param name="Start">Where the search starts; must lie strictly inside <paramref name="Domain"/>. When the parameter is fixed, its value.</param>
/// <param name="Domain">Where the parameter lives; the search never leaves it.</param>
/// <param name="IsFixed">True to hold the parameter at <paramref name="Start"/> and estimate only the others.</param>
public sealed record ParameterSpecification(string Name, double Start, ParameterDomain Domain = ParameterDomain.Real, bool IsFixed = false);
