namespace Likely.Likelihood;

/// <summary>
/// Where a parameter lives. The estimator optimizes over an unconstrained u and maps it into the domain, so every
/// iterate is a valid parameter: Real θ = u, Positive θ = eᵘ, UnitInterval θ = 1/(1 + e⁻ᵘ).
/// </summary>
public enum ParameterDomain
{
    /// <summary>θ ∈ ℝ (a location).</summary>
    Real,

    /// <summary>θ &gt; 0 (a scale, rate or shape), optimized as ln θ.</summary>
    Positive,

    /// <summary>θ ∈ (0, 1) (a probability), optimized as logit θ.</summary>
    UnitInterval,
}
