namespace Likely.Likelihood;

/// <summary>How a confidence interval for a parameter was computed.</summary>
public enum IntervalMethod
{
    /// <summary>The likelihood-ratio (profile) interval {θⱼ : 2[ln L(θ̂) − max ln L | θⱼ] ≤ χ²₁(level)}.</summary>
    Profile,

    /// <summary>The Wald interval θ̂ⱼ ± z·SEⱼ, z = Φ⁻¹((1 + level)/2), SE from the observed information.</summary>
    Wald,

    /// <summary>The bootstrap's bias-corrected and accelerated (BCa) interval (Efron 1987).</summary>
    BootstrapBca,

    /// <summary>The bootstrap's percentile interval: the (1 − level)/2 and (1 + level)/2 quantiles of the replicates.</summary>
    BootstrapPercentile,
}

/// <summary>What one end of an interval is.</summary>
public enum IntervalEnd
{
    /// <summary>An end found inside the parameter's range.</summary>
    Inside,

    /// <summary>
    /// No end exists inside the range (the profile stays under the cut-off all the way, e.g. a Student-t's ν towards ∞):
    /// the range's bound is reported (0, ±∞, 1), and it is not itself admissible unless the range includes it.
    /// </summary>
    RangeBound,

    /// <summary>A Wald end outside the parameter's range (θ̂ − z·SE &lt; 0 for a σ), reported as computed, not clipped.</summary>
    OutsideRange,
}

/// <summary>A confidence interval for one parameter.</summary>
/// <param name="Name">The parameter's name, as the family spells it.</param>
/// <param name="Estimate">θ̂ⱼ, the maximum-likelihood estimate on the sample.</param>
/// <param name="Lower">The lower end (see <paramref name="LowerEnd"/>).</param>
/// <param name="Upper">The upper end (see <paramref name="UpperEnd"/>).</param>
/// <param name="LowerEnd">Whether the lower end lies inside the range, is the range's bound, or (Wald) lies outside it.</param>
/// <param name="UpperEnd">The same for the upper end.</param>
public sealed record ParameterInterval(string Name, double Estimate, double Lower, double Upper, IntervalEnd LowerEnd, IntervalEnd UpperEnd);

/// <summary>Confidence intervals for every estimated parameter of a fit, all by one method at one level.</summary>
/// <param name="Method">How they were computed.</param>
/// <param name="Level">The confidence level, e.g. 0.95.</param>
/// <param name="Parameters">One interval per estimated parameter, in the family's order (held parameters have none).</param>
public sealed record ConfidenceIntervals(IntervalMethod Method, double Level, IReadOnlyList<ParameterInterval> Parameters)
{
    /// <summary>For the bootstrap: B, the resamples drawn; null for the other methods.</summary>
    public int? Resamples { get; init; }

    /// <summary>For the bootstrap: the resamples whose refit failed (left out of the quantiles); null for the other methods.</summary>
    public int? FailedResamples { get; init; }

    /// <summary>For the bootstrap: the seed the resamples were drawn from; null for the other methods.</summary>
    public int? Seed { get; init; }

    /// <summary>The interval of the parameter named <paramref name="name"/>, or null when it was held.</summary>
    public ParameterInterval? this[string name] => Parameters.FirstOrDefault(p => p.Name == name);

    /// <summary>Throws unless 0 &lt; level &lt; 1.</summary>
    internal static void RequireLevel(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, $"The confidence level {level} must be strictly between 0 and 1, e.g. 0.95.");
        }
    }

    /// <summary>Throws for a family whose parameters cannot be named one by one (the categorical).</summary>
    internal static void RequireNamedParameters(DistributionFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        if (family.Parameters.Count == 0)
        {
            throw new ArgumentException($"{family.Name}'s parameters ({family.ParameterSummary}) follow the data and cannot be held one at a time, so Likely gives no confidence intervals for them.", nameof(family));
        }
    }
}
