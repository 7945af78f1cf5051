namespace Likely.Likelihood;

public static partial class GoodnessOfFit
{
    /// <summary>
    /// Tests whether right-censored data could come from <paramref name="family"/> with estimated parameters: the
    /// statistic D = sup |F̂_KM(x) − F(x; θ̂)| over the observed range (<see cref="GoodnessOfFitStatistic.KaplanMeierKolmogorovSmirnov"/>)
    /// with θ̂ the censored maximum-likelihood fit, and its p-value by a parametric bootstrap that imitates how the data
    /// arose: each resample draws N event times Tᵢ from the fit and N censoring times Cᵢ from the reverse Kaplan–Meier
    /// estimate of the censoring distribution (<see cref="KaplanMeier.Censoring"/>), records min(Tᵢ, Cᵢ), censored where
    /// Cᵢ &lt; Tᵢ, refits the family to it by censored maximum likelihood and scores it the same way.
    /// </summary>
    /// <remarks>
    /// <para>
    /// The censoring distribution is estimated, not assumed: under Type I censoring at a fixed time c it puts all its
    /// mass on c, so every resample is censored at c as the data were. Where the reverse estimate leaves mass beyond the
    /// largest value (the largest row was an event), a censoring time drawn there is +∞: that row is observed exactly.
    /// </para>
    /// <para>
    /// As <see cref="Test"/>: resample b draws from its own generator seeded from (seed, b), so the p-value is the same
    /// for any number of threads; p = (1 + #{D_b ≥ D})/(B + 1) over the resamples whose refit succeeded (one with every
    /// row censored has no fit and is left out).
    /// </para>
    /// </remarks>
    /// <param name="family">A continuous family.</param>
    /// <param name="values">Every row's time: the event's, or the last time a censored row was seen.</param>
    /// <param name="censored">True where the row is right-censored; the same length as <paramref name="values"/>.</param>
    /// <param name="held">Parameters held at given values in every fit, or null.</param>
    /// <param name="resamples">B. Range: resamples ≥ 1.</param>
    /// <param name="seed">Seeds every resample's generator.</param>
    /// <param name="threads">Resamples run in parallel on this many threads; 0 for one per processor. The result does not depend on it.</param>
    /// <returns>D, its p-value and standard error, B and the failed refits, and the censored fit.</returns>
    /// <exception cref="ArgumentException">As <see cref="CensoredMaximumLikelihood.Fit"/>: a discrete family, lengths that differ, every row censored, a value out of the support.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resamples"/> &lt; 1 or <paramref name="threads"/> &lt; 0.</exception>
    /// <exception cref="InvalidOperationException">The fit did not converge, or every resample's refit failed.</exception>
    public static GoodnessOfFitResult TestCensored(DistributionFamily family, ReadOnlySpan<double> values, ReadOnlySpan<bool> censored,
        IReadOnlyDictionary<string, double>? held, int resamples = 999, int seed = 1, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        DistributionFit fit = CensoredMaximumLikelihood.Fit(family, values, censored, held);
        double observed = KaplanMeierDistance(fit.Distribution, values, censored);
        KaplanMeier censoring = KaplanMeier.Censoring(values, censored);
        IUnivariateDistribution fitted = fit.Distribution;
        int n = values.Length;
        var nullStatistics = new double[resamples];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        Parallel.For(0, resamples, options, b =>
            nullStatistics[b] = CensoredResampleStatistic(family, fitted, censoring, n, held, ParameterBootstrap.ResampleSeed(seed, b)));
        return Summarize(GoodnessOfFitStatistic.KaplanMeierKolmogorovSmirnov, observed, nullStatistics, fit);
    }

    /// <summary>
    /// D = sup |F̂_KM(x) − F(x)| over [x₍₁₎, x₍N₎]. F̂_KM is a step function and F continuous and non-decreasing, so the
    /// supremum on each step [a, b) is at its ends: it is the largest of |F̂(v) − F(v)| and |F̂(v⁻) − F(v)| over the
    /// distinct values v (the steps' ends, and the range's ends).
    /// </summary>
    /// <param name="model">The fitted continuous model.</param>
    /// <param name="values">The rows' times.</param>
    /// <param name="censored">True where the row is right-censored.</param>
    /// <exception cref="ArgumentException">As <see cref="KaplanMeier.Estimate"/>.</exception>
    public static double KaplanMeierDistance(IUnivariateDistribution model, ReadOnlySpan<double> values, ReadOnlySpan<bool> censored)
    {
        ArgumentNullException.ThrowIfNull(model);
        KaplanMeier estimate = KaplanMeier.Estimate(values, censored);
        double[] sorted = values.ToArray();
        Array.Sort(sorted);
        double distance = 0, before = 0; // F̂ just below the current value
        for (int i = 0; i < sorted.Length; i++)
        {
            if (i > 0 && sorted[i] == sorted[i - 1])
            {
                continue;
            }

            double f = model.Cdf(sorted[i]), at = estimate.Cdf(sorted[i]);
            distance = Math.Max(distance, Math.Max(Math.Abs(at - f), Math.Abs(before - f)));
            before = at;
        }

        return distance;
    }

    /// <summary>One resample: event times from the fit, censoring times from the reverse Kaplan–Meier, refitted and scored; NaN when the refit fails.</summary>
    private static double CensoredResampleStatistic(DistributionFamily family, IUnivariateDistribution fitted, KaplanMeier censoring, int n,
        IReadOnlyDictionary<string, double>? held, int seed)
    {
        var random = new Random(seed);
        var times = new double[n];
        fitted.Sample(random, times);
        var flags = new bool[n];
        for (int i = 0; i < n; i++)
        {
            double c = censoring.Sample(random);
            if (c < times[i])
            {
                times[i] = c;
                flags[i] = true;
            }
        }

        try
        {
            return KaplanMeierDistance(CensoredMaximumLikelihood.Fit(family, times, flags, held).Distribution, times, flags);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return double.NaN;
        }
    }
}
