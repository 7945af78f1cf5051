using Likely.Data;
using Likely.Resampling;

namespace Likely.Likelihood;

/// <summary>How a bootstrap draws its resamples.</summary>
public enum BootstrapResampling
{
    /// <summary>N rows drawn with replacement from the sample (the empirical distribution p̂).</summary>
    Nonparametric,

    /// <summary>N draws from the fitted member p(·; θ̂).</summary>
    Parametric,
}

/// <summary>The two intervals one set of bootstrap replicates gives.</summary>
/// <param name="Percentile">The percentile intervals.</param>
/// <param name="Bca">The bias-corrected and accelerated (BCa) intervals.</param>
public sealed record BootstrapIntervals(ConfidenceIntervals Percentile, ConfidenceIntervals Bca);

/// <summary>
/// Bootstrap confidence intervals for a family's parameters: refit the family to each of B resamples and read the
/// interval off the replicates θ̂*₁ … θ̂*_B, as percentiles or bias-corrected and accelerated (BCa; Efron 1987).
/// The parameters' counterpart of <c>Likely.Information.InformationBootstrap</c>, with the same <see cref="BootstrapOptions"/>.
/// </summary>
/// <remarks>
/// <para>
/// Percentile: the (1 − level)/2 and (1 + level)/2 quantiles of the replicates (linear interpolation between order
/// statistics, NumPy's default). BCa: the quantiles at α₁,₂ = Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z))) for z = Φ⁻¹ of those two
/// levels, with the bias correction z₀ = Φ⁻¹(p), p the share of replicates below θ̂ with ties counting half (SciPy's
/// rule; it matters for discrete families, whose replicates often equal θ̂), kept within [½/B, 1 − ½/B] so z₀ stays
/// finite — computed by <see cref="BcaPercentiles"/>, which the information bootstraps share — and the acceleration a = Σ(θ̄ − θ̂₍ᵢ₎)³ / (6 [Σ(θ̄ − θ̂₍ᵢ₎)²]^{3/2}) from the jackknife (one left-out row each
/// for N ≤ 1000; above that 1000 left-out groups, rows i ≡ g mod 1000).
/// </para>
/// <para>
/// A resample whose refit fails (all rows equal, say) is counted in <see cref="ConfidenceIntervals.FailedResamples"/> and
/// left out. Resample b is drawn from a generator seeded by (seed, b) alone and the refits write to their own slots, so
/// the intervals are identical for any thread count.
/// </para>
/// </remarks>
public static class ParameterBootstrap
{
    private const int MaxJackknifeGroups = 1000;

    /// <summary>The percentile and BCa intervals of every parameter the fit estimates.</summary>
    /// <param name="family">The family.</param>
    /// <param name="sample">The observations.</param>
    /// <param name="options">Resamples (B ≥ 2), level, seed and threads; null for the defaults (999, 0.95, 1, all cores).</param>
    /// <param name="resampling">Nonparametric (rows with replacement, the default) or parametric (draws from the fit).</param>
    /// <param name="held">Parameters held in every fit (they get no interval); null for none.</param>
    /// <param name="cancellationToken">Stops the refits.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1, or B &lt; 2.</exception>
    /// <exception cref="ArgumentException">The family's parameters cannot be named one by one (categorical), or the fit's own argument errors.</exception>
    /// <exception cref="InvalidOperationException">Fewer than 2 resamples could be refitted.</exception>
    public static BootstrapIntervals Intervals(DistributionFamily family, ReadOnlySpan<double> sample, BootstrapOptions? options = null,
        BootstrapResampling resampling = BootstrapResampling.Nonparametric, IReadOnlyDictionary<string, double>? held = null,
        CancellationToken cancellationToken = default)
    {
        ConfidenceIntervals.RequireNamedParameters(family);
        options = Checked(options);
        double[] x = sample.ToArray();
        DistributionFit fit = family.Fit(x, held);
        int n = x.Length;
        DistributionFit? Replicate(Random random)
        {
            double[] resample = new double[n];
            if (resampling == BootstrapResampling.Parametric)
            {
                fit.Distribution.Sample(random, resample);
            }
            else
            {
                for (int i = 0; i < n; i++)
                {
                    resample[i] = x[random.Next(n)];
                }
            }

            return TryRefit(() => family.Fit(resample, held));
        }

        return Compute(family.Name, fit, n, Replicate, kept => TryRefit(() => family.Fit(kept.Select(i => x[i]).ToArray(), held)), options, cancellationToken);
    }

    /// <summary>
    /// The percentile and BCa intervals of every estimated parameter from right-censored data, by the nonparametric
    /// bootstrap of rows: each resample draws N (value, censored) pairs with replacement, so the censoring pattern is
    /// resampled with the values, and is refitted by <see cref="CensoredMaximumLikelihood.Fit"/> (Efron 1981).
    /// </summary>
    /// <param name="family">A continuous family.</param>
    /// <param name="values">Every row's time: the event's, or the last time a censored row was seen.</param>
    /// <param name="censored">True where the row is right-censored; the same length as <paramref name="values"/>.</param>
    /// <param name="options">Resamples (B ≥ 2), level, seed and threads; null for the defaults (999, 0.95, 1, all cores).</param>
    /// <param name="held">Parameters held in every fit (they get no interval); null for none.</param>
    /// <param name="cancellationToken">Stops the refits.</param>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1, or B &lt; 2.</exception>
    /// <exception cref="ArgumentException">As <see cref="CensoredMaximumLikelihood.Fit"/> on the whole sample.</exception>
    /// <exception cref="InvalidOperationException">Fewer than 2 resamples could be refitted (a resample with every row censored has no fit).</exception>
    public static BootstrapIntervals Intervals(DistributionFamily family, ReadOnlySpan<double> values, ReadOnlySpan<bool> censored,
        BootstrapOptions? options = null, IReadOnlyDictionary<string, double>? held = null, CancellationToken cancellationToken = default)
    {
        ConfidenceIntervals.RequireNamedParameters(family);
        options = Checked(options);
        double[] x = values.ToArray();
        bool[] flags = censored.ToArray();
        DistributionFit fit = CensoredMaximumLikelihood.Fit(family, x, flags, held);
        int n = x.Length;
        DistributionFit? Refit(int[] rows) =>
            TryRefit(() => CensoredMaximumLikelihood.Fit(family, rows.Select(i => x[i]).ToArray(), rows.Select(i => flags[i]).ToArray(), held));
        DistributionFit? Replicate(Random random)
        {
            int[] rows = new int[n];
            for (int i = 0; i < n; i++)
            {
                rows[i] = random.Next(n);
            }

            return Refit(rows);
        }

        return Compute(family.Name, fit, n, Replicate, Refit, options, cancellationToken);
    }

    private static BootstrapOptions Checked(BootstrapOptions? options)
    {
        options ??= new BootstrapOptions();
        options.Validate();
        if (options.Resamples < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Resamples, $"Resamples is {options.Resamples}; an interval needs at least 2 (999 is usual).");
        }

        return options;
    }

    /// <summary>
    /// The intervals from B replicates (replicate b from a generator seeded by (seed, b) alone) and the jackknife over
    /// left-out groups of rows; <paramref name="replicate"/> and <paramref name="refitRows"/> return null for a failed refit.
    /// </summary>
    private static BootstrapIntervals Compute(string familyName, DistributionFit fit, int n, Func<Random, DistributionFit?> replicate,
        Func<int[], DistributionFit?> refitRows, BootstrapOptions options, CancellationToken cancellationToken)
    {
        int[] free = Enumerable.Range(0, fit.Parameters.Count).Where(j => !fit.Parameters[j].IsFixed).ToArray();
        double[]? Free(DistributionFit? refit) => refit is null ? null : free.Select(j => refit.Parameters[j].Estimate).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads, CancellationToken = cancellationToken };
        double[]?[] replicates = new double[options.Resamples][];
        Parallel.For(0, options.Resamples, parallel, b => replicates[b] = Free(replicate(new Random(ResampleSeed(options.Seed, b)))));

        int groups = Math.Min(n, MaxJackknifeGroups);
        double[]?[] jackknife = new double[groups][];
        Parallel.For(0, groups, parallel, g =>
        {
            int[] kept = Enumerable.Range(0, n).Where(i => i % groups != g).ToArray();
            jackknife[g] = kept.Length == 0 ? null : Free(refitRows(kept));
        });

        double[][] valid = replicates.Where(r => r is not null).ToArray()!;
        if (valid.Length < 2)
        {
            throw new InvalidOperationException($"Only {valid.Length} of {options.Resamples} bootstrap resamples of {familyName} could be refitted; the sample is too small or too uniform to bootstrap.");
        }

        double[][] leftOut = jackknife.Where(r => r is not null).ToArray()!;
        var percentile = new List<ParameterInterval>();
        var bca = new List<ParameterInterval>();
        for (int a = 0; a < free.Length; a++)
        {
            FittedParameter p = fit.Parameters[free[a]];
            double[] column = valid.Select(r => r[a]).ToArray();
            double[] jack = leftOut.Select(r => r[a]).ToArray();
            double[] sorted = Sorted(column);
            (double pl, double pu) = PercentileOfSorted(sorted, options.Level);
            (double bl, double bu) = BcaOfSorted(sorted, p.Estimate, jack, options.Level);
            percentile.Add(new ParameterInterval(p.Name, p.Estimate, pl, pu, IntervalEnd.Inside, IntervalEnd.Inside));
            bca.Add(new ParameterInterval(p.Name, p.Estimate, bl, bu, IntervalEnd.Inside, IntervalEnd.Inside));
        }

        int failed = options.Resamples - valid.Length;
        return new BootstrapIntervals(
            new ConfidenceIntervals(IntervalMethod.BootstrapPercentile, options.Level, percentile) { Resamples = options.Resamples, FailedResamples = failed, Seed = options.Seed },
            new ConfidenceIntervals(IntervalMethod.BootstrapBca, options.Level, bca) { Resamples = options.Resamples, FailedResamples = failed, Seed = options.Seed });
    }

    /// <summary>
    /// The percentile interval of <paramref name="replicates"/>: their (1 − level)/2 and (1 + level)/2 quantiles, by
    /// linear interpolation between order statistics (position q·(B − 1) in the sorted replicates, NumPy's default).
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than 2 replicates, or one is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public static (double Lower, double Upper) Percentile(ReadOnlySpan<double> replicates, double level)
    {
        ConfidenceIntervals.RequireLevel(level);
        return PercentileOfSorted(Sorted(replicates), level);
    }

    private static (double Lower, double Upper) PercentileOfSorted(double[] sorted, double level) =>
        (Percentiles.Linear(sorted, 0.5 - 0.5 * level), Percentiles.Linear(sorted, 0.5 + 0.5 * level));

    /// <summary>
    /// The BCa interval of <paramref name="replicates"/> for an estimate θ̂ = <paramref name="estimate"/>, with the
    /// acceleration from the jackknife values θ̂₍ᵢ₎ (see the class remarks for the formulas).
    /// </summary>
    /// <param name="replicates">θ̂*_b, b = 1…B, B ≥ 2.</param>
    /// <param name="estimate">θ̂ on the sample.</param>
    /// <param name="jackknife">θ̂₍ᵢ₎, the estimate with row (or group) i left out; a = 0 when they are all equal or empty.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1.</param>
    /// <exception cref="ArgumentException">Fewer than 2 replicates, or one is NaN.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    public static (double Lower, double Upper) Bca(ReadOnlySpan<double> replicates, double estimate, ReadOnlySpan<double> jackknife, double level)
    {
        ConfidenceIntervals.RequireLevel(level);
        return BcaOfSorted(Sorted(replicates), estimate, jackknife, level);
    }

    private static (double Lower, double Upper) BcaOfSorted(double[] sorted, double estimate, ReadOnlySpan<double> jackknife, double level) =>
        BcaPercentiles.Interval(sorted, estimate, BcaPercentiles.Acceleration(jackknife), level);

    private static double[] Sorted(ReadOnlySpan<double> replicates)
    {
        if (replicates.Length < 2)
        {
            throw new ArgumentException($"A bootstrap interval needs at least 2 replicates; got {replicates.Length}.", nameof(replicates));
        }

        double[] sorted = replicates.ToArray();
        if (sorted.Any(double.IsNaN))
        {
            throw new ArgumentException("A bootstrap replicate is NaN; leave failed refits out.", nameof(replicates));
        }

        Array.Sort(sorted);
        return sorted;
    }

    /// <summary>The refit, or null when it cannot be fitted (the family refuses the resample or does not converge).</summary>
    private static DistributionFit? TryRefit(Func<DistributionFit> refit)
    {
        try
        {
            return refit();
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The seed of resample b's generator: one SplitMix64 step from (seed, b), so neighbouring b get unrelated streams.</summary>
    internal static int ResampleSeed(int seed, int index)
    {
        ulong state = ((ulong)(uint)seed << 32) | (uint)index;
        return (int)(SeededShuffle.Next(ref state) & int.MaxValue);
    }
}
