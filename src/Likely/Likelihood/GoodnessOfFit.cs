namespace Likely.Likelihood;

/// <summary>
/// Goodness-of-fit tests of a distribution family with estimated parameters, by parametric bootstrap: the family is
/// fitted to the sample by maximum likelihood, the statistic T of the sample under that fit is computed, and B samples
/// of the same size drawn from the fit are each refitted and scored the same way, giving the null distribution of T
/// with the estimation included (the classical tables assume known parameters and are wrong here). This is SciPy's
/// <c>goodness_of_fit</c>. The p-value is (1 + #{T_b ≥ T})/(B + 1) and its Monte Carlo standard error √(p(1 − p)/B).
/// </summary>
/// <remarks>
/// Resample b draws from its own <see cref="Random"/> seeded from (seed, b), so the result is the same for any number
/// of threads. As SciPy, T_b ≥ T is tested with a relative allowance of 100 ε·|T| for rounding.
/// </remarks>
public static partial class GoodnessOfFit
{
    // SciPy's monte_carlo_test counts T_b ≥ T − 100·eps·|T| (eps = 2⁻⁵², machine epsilon of double).
    private const double RoundingAllowance = 100 * 2.220446049250313e-16;

    /// <summary>Tests whether <paramref name="sample"/> could come from <paramref name="family"/> with estimated parameters.</summary>
    /// <param name="family">The family, e.g. from <c>Families.Find("normal")</c>.</param>
    /// <param name="sample">The observations, in the family's support.</param>
    /// <param name="held">Parameters held at given values in every fit (as SciPy's <c>known_params</c>), or null.</param>
    /// <param name="statistic">The discrepancy: KS, CvM or AD for a continuous family, χ² for a discrete one.</param>
    /// <param name="resamples">B, the bootstrap resamples. Range: resamples ≥ 1 (999 gives a p-value s.e. ≤ 0.016).</param>
    /// <param name="seed">Seeds every resample's generator.</param>
    /// <param name="threads">Resamples run in parallel on this many threads; 0 for one per processor. Range: threads ≥ 0. The result does not depend on it.</param>
    /// <returns>T, the p-value, its standard error, B and the failed refits, and the fit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="family"/> is null.</exception>
    /// <exception cref="ArgumentException">The fit of the sample fails (the family's message), or the statistic does not suit the family.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="resamples"/> &lt; 1 or <paramref name="threads"/> &lt; 0.</exception>
    /// <exception cref="InvalidOperationException">Every resample's refit failed, so there is no null distribution.</exception>
    public static GoodnessOfFitResult Test(DistributionFamily family, ReadOnlySpan<double> sample, IReadOnlyDictionary<string, double>? held,
        GoodnessOfFitStatistic statistic, int resamples = 999, int seed = 1, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentOutOfRangeException.ThrowIfLessThan(resamples, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(threads);
        RequireMatch(family.Name, family.IsDiscrete, statistic);
        DistributionFit fit = family.Fit(sample, held);
        double observed = Compute(fit.Distribution, sample, statistic);
        double[] nullStatistics = NullDistribution(family, fit.Distribution, sample.Length, held, statistic, resamples, seed, threads);
        return Summarize(statistic, observed, nullStatistics, fit);
    }

    /// <summary>T_b for b = 0…B − 1, NaN where the refit failed; each slot depends only on (seed, b).</summary>
    private static double[] NullDistribution(DistributionFamily family, IUnivariateDistribution fitted, int n, IReadOnlyDictionary<string, double>? held,
        GoodnessOfFitStatistic statistic, int resamples, int seed, int threads)
    {
        var result = new double[resamples];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads == 0 ? Environment.ProcessorCount : threads };
        Parallel.For(0, resamples, options, b => result[b] = ResampleStatistic(family, fitted, n, held, statistic, ParameterBootstrap.ResampleSeed(seed, b)));
        return result;
    }

    /// <summary>Draws N values from the fit, refits the family and scores the draw under its own refit; NaN when the refit fails.</summary>
    private static double ResampleStatistic(DistributionFamily family, IUnivariateDistribution fitted, int n, IReadOnlyDictionary<string, double>? held,
        GoodnessOfFitStatistic statistic, int seed)
    {
        var draw = new double[n];
        fitted.Sample(new Random(seed), draw);
        try
        {
            return Compute(family.Fit(draw, held).Distribution, draw, statistic);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return double.NaN;
        }
    }

    private static GoodnessOfFitResult Summarize(GoodnessOfFitStatistic statistic, double observed, double[] nullStatistics, DistributionFit fit)
    {
        int succeeded = 0, atLeast = 0;
        double threshold = observed - RoundingAllowance * Math.Abs(observed);
        foreach (double t in nullStatistics)
        {
            if (!double.IsNaN(t))
            {
                succeeded++;
                atLeast += t >= threshold ? 1 : 0;
            }
        }

        if (succeeded == 0)
        {
            throw new InvalidOperationException($"All {nullStatistics.Length} bootstrap refits of {fit.Distribution.FamilyName} failed, so there is no null distribution; check that the fitted model is not degenerate.");
        }

        double p = (1.0 + atLeast) / (succeeded + 1);
        return new GoodnessOfFitResult(statistic, observed, p, Math.Sqrt(p * (1 - p) / succeeded), succeeded, nullStatistics.Length - succeeded, fit);
    }

    private static void RequireMatch(string family, bool isDiscrete, GoodnessOfFitStatistic statistic)
    {
        if (statistic == GoodnessOfFitStatistic.KaplanMeierKolmogorovSmirnov)
        {
            throw new ArgumentException($"{statistic} is for right-censored data; call TestCensored with the censoring flags.", nameof(statistic));
        }

        bool wantsDiscrete = statistic == GoodnessOfFitStatistic.ChiSquare;
        if (wantsDiscrete != isDiscrete)
        {
            string fix = isDiscrete ? "use ChiSquare for a discrete family" : "use KolmogorovSmirnov, CramerVonMises or AndersonDarling for a continuous family";
            throw new ArgumentException($"{statistic} does not suit {family}, which is {(isDiscrete ? "discrete" : "continuous")}; {fix}.", nameof(statistic));
        }
    }

    private static void RequireSample(ReadOnlySpan<double> sample)
    {
        if (sample.IsEmpty)
        {
            throw new ArgumentException("The sample is empty; a goodness-of-fit statistic needs at least one observation.", nameof(sample));
        }

        for (int i = 0; i < sample.Length; i++)
        {
            if (double.IsNaN(sample[i]))
            {
                throw new ArgumentException($"sample[{i}] is NaN; remove or impute missing values first.", nameof(sample));
            }
        }
    }
}
