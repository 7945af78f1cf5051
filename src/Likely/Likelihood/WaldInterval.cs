namespace Likely.Likelihood;

/// <summary>
/// Wald intervals: θ̂ⱼ ± z·SEⱼ with z = Φ⁻¹((1 + level)/2) and SEⱼ = √[(I⁻¹)ⱼⱼ] from the observed information.
/// </summary>
/// <remarks>
/// The interval is symmetric by construction and knows nothing of the parameter's range: an end outside it (σ̂ − z·SE &lt; 0)
/// is reported as computed and marked <see cref="IntervalEnd.OutsideRange"/>, not clipped. The profile interval
/// (<see cref="ProfileLikelihood"/>) respects the range and the likelihood's skew.
/// </remarks>
public static class WaldInterval
{
    /// <summary>The Wald interval of every estimated parameter of <paramref name="fit"/>.</summary>
    /// <param name="family">The family fitted (for the parameters' ranges).</param>
    /// <param name="fit">A fit of <paramref name="family"/>.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1. Default 0.95.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    /// <exception cref="ArgumentException">The family's parameters cannot be named one by one (categorical).</exception>
    public static ConfidenceIntervals Intervals(DistributionFamily family, MaximumLikelihoodFit fit, double level = 0.95)
    {
        ConfidenceIntervals.RequireNamedParameters(family);
        ArgumentNullException.ThrowIfNull(fit);
        ConfidenceIntervals.RequireLevel(level);
        double z = TailProbabilities.NormalQuantile(0.5 + 0.5 * level);
        var intervals = new List<ParameterInterval>();
        for (int j = 0; j < fit.Parameters.Count; j++)
        {
            FittedParameter p = fit.Parameters[j];
            if (p.IsFixed || p.StandardError is not { } se)
            {
                continue;
            }

            ParameterRange range = family.Parameters[j].Range;
            double lower = p.Estimate - z * se, upper = p.Estimate + z * se;
            intervals.Add(new ParameterInterval(p.Name, p.Estimate, lower, upper,
                range.Contains(lower) ? IntervalEnd.Inside : IntervalEnd.OutsideRange,
                range.Contains(upper) ? IntervalEnd.Inside : IntervalEnd.OutsideRange));
        }

        return new ConfidenceIntervals(IntervalMethod.Wald, level, intervals);
    }
}
