namespace Likely.Likelihood;

/// <summary>
/// A pair of families in which one is the other with a parameter pinned: the restricted family is a member of the
/// general one (exponential = gamma with shape 1). Keyed by the families' registry names, so a pair whose families are
/// not registered is simply not compared.
/// </summary>
/// <param name="Restricted">The smaller family's name, e.g. <c>exponential</c>.</param>
/// <param name="General">The larger family's name, e.g. <c>gamma</c>.</param>
/// <param name="Constraint">The restriction in words, e.g. "shape = 1".</param>
/// <param name="DegreesOfFreedom">The parameters the restriction removes.</param>
/// <param name="OnBoundary">
/// True when the restriction puts the parameter on the boundary of its range (the Poisson is the negative binomial's
/// limit r → ∞): the statistic's null distribution is then the 50:50 mixture of χ²₀ and χ²₁, and the p-value half the χ²₁ one.
/// </param>
public sealed record NestedFamilies(string Restricted, string General, string Constraint, int DegreesOfFreedom, bool OnBoundary);

/// <summary>The outcome of a likelihood-ratio test of a restricted family against a general one that contains it.</summary>
/// <param name="Restricted">The smaller family's name.</param>
/// <param name="General">The larger family's name.</param>
/// <param name="Statistic">Λ = 2[ln L(general) − ln L(restricted)], at least 0 (a rounding-level negative is taken as 0).</param>
/// <param name="DegreesOfFreedom">The parameters the restriction removes.</param>
/// <param name="OnBoundary">True when the null distribution is the 50:50 mixture of χ²₀ and χ²₁.</param>
/// <param name="PValue">P(Λ ≥ observed) under the restricted family: the χ² survival function, or half of it on the boundary (1 at Λ = 0).</param>
public sealed record LikelihoodRatioResult(string Restricted, string General, double Statistic, int DegreesOfFreedom, bool OnBoundary, double PValue);

/// <summary>
/// The likelihood-ratio test for nested families: Λ = 2[ln L(θ̂_general) − ln L(θ̂_restricted)], referred to χ² with as
/// many degrees of freedom as the restriction removes (Wilks), or, when the restriction sits on the boundary of the
/// parameter space, to the 50:50 mixture of χ²₀ and χ²₁ (Self and Liang 1987): p = ½ P(χ²₁ ≥ Λ) for Λ &gt; 0.
/// </summary>
public static class LikelihoodRatioTest
{
    /// <summary>
    /// The nested pairs Likely knows, as data: exponential ⊂ gamma (shape = 1), exponential ⊂ weibull (shape k = 1),
    /// poisson ⊂ negative-binomial (r → ∞, on the boundary). A pair is used only when both families are registered.
    /// </summary>
    public static IReadOnlyList<NestedFamilies> Nestings { get; } =
    [
        new("exponential", "gamma", "shape = 1", 1, false),
        new("exponential", "weibull", "shape k = 1", 1, false),
        new("poisson", "negative-binomial", "r → ∞", 1, true),
    ];

    /// <summary>The nesting of <paramref name="restricted"/> in <paramref name="general"/>, or null when the table has none.</summary>
    public static NestedFamilies? FindNesting(string restricted, string general) =>
        Nestings.FirstOrDefault(n => n.Restricted == restricted && n.General == general);

    /// <summary>Tests the restricted fit against the general one, both maximum-likelihood fits to the same sample.</summary>
    /// <param name="nesting">How the families nest (degrees of freedom, boundary).</param>
    /// <param name="restricted">The restricted family's fit.</param>
    /// <param name="general">The general family's fit.</param>
    /// <exception cref="ArgumentException">The fits are to different numbers of observations.</exception>
    public static LikelihoodRatioResult Compare(NestedFamilies nesting, MaximumLikelihoodFit restricted, MaximumLikelihoodFit general)
    {
        ArgumentNullException.ThrowIfNull(nesting);
        ArgumentNullException.ThrowIfNull(restricted);
        ArgumentNullException.ThrowIfNull(general);
        if (restricted.ObservationCount != general.ObservationCount)
        {
            throw new ArgumentException($"The fits are to {restricted.ObservationCount} and {general.ObservationCount} observations; a likelihood-ratio test compares fits to one sample.", nameof(general));
        }

        // The general family contains the restricted one, so Λ ≥ 0 up to the optimizer's tolerance.
        double statistic = Math.Max(0, 2 * (general.LogLikelihood - restricted.LogLikelihood));
        double p = nesting.OnBoundary
            ? (statistic > 0 ? 0.5 * TailProbabilities.ChiSquareSurvival(statistic, 1) : 1)
            : TailProbabilities.ChiSquareSurvival(statistic, nesting.DegreesOfFreedom);
        return new LikelihoodRatioResult(nesting.Restricted, nesting.General, statistic, nesting.DegreesOfFreedom, nesting.OnBoundary, p);
    }

    /// <summary>Fits both families to <paramref name="sample"/> and tests the restricted one against the general one.</summary>
    /// <param name="sample">The observations.</param>
    /// <param name="restricted">The smaller family.</param>
    /// <param name="general">The larger family.</param>
    /// <exception cref="ArgumentException"><see cref="Nestings"/> has no such pair, or a fit's own argument errors.</exception>
    /// <exception cref="InvalidOperationException">A fit did not converge.</exception>
    public static LikelihoodRatioResult Compare(ReadOnlySpan<double> sample, DistributionFamily restricted, DistributionFamily general)
    {
        ArgumentNullException.ThrowIfNull(restricted);
        ArgumentNullException.ThrowIfNull(general);
        NestedFamilies nesting = FindNesting(restricted.Name, general.Name)
            ?? throw new ArgumentException($"{restricted.Name} is not known to be nested in {general.Name}; the nested pairs are: {string.Join(", ", Nestings.Select(n => $"{n.Restricted} ⊂ {n.General}"))}.", nameof(general));
        return Compare(nesting, restricted.Fit(sample), general.Fit(sample));
    }
}
