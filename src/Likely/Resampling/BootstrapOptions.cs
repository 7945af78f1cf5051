namespace Likely.Resampling;

/// <summary>
/// How <c>Likely.Information.InformationBootstrap</c> and <c>Likely.Likelihood.ParameterBootstrap</c> builds a percentile confidence interval: how many resamples, the confidence
/// level, the seed and the threads. Immutable; <see cref="Validate"/> checks every range.
/// </summary>
public sealed record BootstrapOptions
{
    /// <summary>B, the number of resamples. Range: ≥ 1. Default: 999 (so that (B + 1)·α/2 is a whole number at 95%).</summary>
    public int Resamples { get; init; } = 999;

    /// <summary>The confidence level 1 − α. Range: 0 &lt; level &lt; 1. Default: 0.95.</summary>
    public double Level { get; init; } = 0.95;

    /// <summary>
    /// The seed. Resample b draws from its own generator, seeded by SplitMix64 of (seed, b), so the interval depends on
    /// the seed only, never on the thread count or the order the resamples ran in. Any value. Default: 1.
    /// </summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads to run resamples on; the interval does not depend on it. Range: ≥ 1. Default: all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>Checks every option's range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range; the message names it.</exception>
    public void Validate()
    {
        if (Resamples < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Resamples), Resamples, $"Resamples is {Resamples}; it must be at least 1 (999 is usual).");
        }

        if (!(Level > 0 && Level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Level), Level, $"Level is {Level}; it must be between 0 and 1 exclusive, e.g. 0.95.");
        }

        if (Threads < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(Threads), Threads, $"Threads is {Threads}; it must be at least 1.");
        }
    }
}
