namespace Likely.Likelihood;

/// <summary>One parameter of a maximum-likelihood fit: its estimate and its standard error.</summary>
/// <param name="Name">The parameter's name, as the family spells it (e.g. <c>mu</c>, <c>sigma</c>, <c>shape</c>).</param>
/// <param name="Estimate">θ̂, the maximum-likelihood estimate, or the held value when <paramref name="IsFixed"/>.</param>
/// <param name="StandardError">
/// √[(I⁻¹)ⱼⱼ], where I = −∇² ln L(θ̂) is the observed Fisher information over the free parameters;
/// null when the parameter was held fixed (it was not estimated, so it has no sampling error).
/// </param>
/// <param name="IsFixed">True when the caller held this parameter at a given value (as SciPy's <c>floc</c>/<c>fscale</c>).</param>
public sealed record FittedParameter(string Name, double Estimate, double? StandardError, bool IsFixed);
