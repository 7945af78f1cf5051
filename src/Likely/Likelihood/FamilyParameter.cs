namespace Likely.Likelihood;

/// <summary>
/// One parameter of a distribution family as the registry states it: the name used everywhere (constructor argument,
/// fit result, <c>--fix</c>, JSON key), its symbol, its range and what it means.
/// </summary>
/// <param name="Name">The name, the textbook symbol spelled in ASCII: <c>mu</c>, <c>sigma</c>, <c>lambda</c>, <c>p</c>.</param>
/// <param name="Symbol">The symbol for docs and messages: μ, σ, λ, p.</param>
/// <param name="Range">The admissible values.</param>
/// <param name="Meaning">What the parameter is, in a few words: "the mean", "the number of trials per observation".</param>
/// <param name="MustBeHeld">
/// True when a fit never estimates this parameter and needs it held at a given value (the binomial's n).
/// </param>
/// <param name="Aliases">Other spellings accepted when holding the parameter (the exponential's λ also as <c>rate</c>).</param>
public sealed record FamilyParameter(string Name, string Symbol, ParameterRange Range, string Meaning, bool MustBeHeld = false, IReadOnlyList<string>? Aliases = null)
{
    /// <summary>True when <paramref name="name"/> is this parameter's name or one of its aliases (ordinal, case-sensitive).</summary>
    public bool IsCalled(string name) => Name == name || (Aliases?.Contains(name) ?? false);
}
