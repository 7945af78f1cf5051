namespace Likely.Resampling;

/// <summary>
/// A bootstrap confidence interval for an estimate: [Lower, Upper] are the α/2 and 1 − α/2 quantiles of the
/// estimates recomputed on <see cref="Resamples"/> resamples, α = 1 − <see cref="Level"/> (percentile), or their
/// quantiles at the bias-corrected and accelerated levels (BCa), as <see cref="Method"/> says.
/// </summary>
/// <param name="Estimate">The estimate on the observed data, in the unit asked for.</param>
/// <param name="Lower">The lower end, in the same unit.</param>
/// <param name="Upper">The upper end, in the same unit.</param>
/// <param name="Level">The confidence level 1 − α, e.g. 0.95.</param>
/// <param name="Resamples">B, the number of resamples the quantiles were taken over.</param>
public sealed record BootstrapInterval(double Estimate, double Lower, double Upper, double Level, int Resamples)
{
    /// <summary>How the ends were read off the replicates: <see cref="Likelihood.IntervalMethod.BootstrapPercentile"/> (the default) or <see cref="Likelihood.IntervalMethod.BootstrapBca"/>.</summary>
    public Likelihood.IntervalMethod Method { get; init; } = Likelihood.IntervalMethod.BootstrapPercentile;
}
