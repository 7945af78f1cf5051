namespace Likely.Likelihood;

/// <summary>
/// Model selection among distribution families: fit each candidate and rank them by held-out cross-entropy (fit on a
/// seeded training split, score −mean ln p on the rest) and, beside it, by AIC = 2k − 2 ln L on all rows.
/// </summary>
/// <remarks>
/// Whole-number data are compared among the discrete families only and other data among the continuous ones: a
/// probability and a density are not on one scale, so their cross-entropies cannot be ranked together. A family is a
/// candidate when its support contains every value and its fit estimates every parameter (the binomial needs n held,
/// so it is left out and listed in <see cref="ModelComparison.LeftOut"/>).
/// </remarks>
public static class ModelSelection
{
    /// <summary>Compares <paramref name="families"/> on <paramref name="sample"/>.</summary>
    /// <param name="sample">The observations (N ≥ 2).</param>
    /// <param name="families">The families to consider, e.g. <c>Families.All</c>; those whose support does not contain the data are skipped.</param>
    /// <param name="testFraction">Fraction of rows held out; T = round(fraction·N), clamped to 1…N−1. Range: 0 &lt; fraction &lt; 1. Default 0.2.</param>
    /// <param name="seed">Seed of the shuffle that splits the rows. Default 1.</param>
    /// <param name="vuongCorrection">The parameter-count correction of the Vuong tests of the best family against the others. Default none.</param>
    /// <returns>
    /// Every candidate, ranked, a family whose fit fails kept with its error, ranked last; the Vuong test of the best
    /// family against each other fitted one, and the likelihood-ratio test of every nested pair both of whose families were fitted.
    /// </returns>
    /// <exception cref="ArgumentException">Fewer than 2 observations.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="testFraction"/> is not strictly between 0 and 1.</exception>
    public static ModelComparison Compare(ReadOnlySpan<double> sample, IReadOnlyList<DistributionFamily> families, double testFraction = 0.2, int seed = 1,
        VuongCorrection vuongCorrection = VuongCorrection.None)
    {
        ArgumentNullException.ThrowIfNull(families);
        if (!(testFraction > 0 && testFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(testFraction), testFraction, $"The test fraction {testFraction} must be strictly between 0 and 1, e.g. 0.2.");
        }

        if (sample.Length < 2)
        {
            throw new ArgumentException($"The sample has {sample.Length} observations; a comparison needs at least 2, to hold some out.", nameof(sample));
        }

        double[] x = sample.ToArray();
        bool discrete = x.All(IsWholeNumber);
        DistributionFamily[] kind = families.Where(f => f.IsDiscrete == discrete && f.SupportContains(x)).ToArray();
        (int[] train, int[] test) = Split(x.Length, testFraction, seed);
        var rows = kind.Where(f => f.EstimatesEveryParameter).Select(f => Score(f, x, train, test)).ToList();
        FamilyScore[] ranked = Rank(rows);
        return new ModelComparison(x.Length, train.Length, test.Length, seed, discrete, ranked, kind.Where(f => !f.EstimatesEveryParameter).ToArray())
        {
            Vuong = VuongAgainstBest(x, ranked, vuongCorrection),
            LikelihoodRatio = NestedTests(ranked),
        };
    }

    /// <summary>The best-ranked family against each other fitted family (the best first in each pair).</summary>
    private static VuongResult[] VuongAgainstBest(double[] x, FamilyScore[] ranked, VuongCorrection correction)
    {
        FamilyScore[] fitted = ranked.Where(r => r.Fit is not null).ToArray();
        return fitted.Length < 2 ? [] : fitted.Skip(1).Select(r => VuongTest.Compare(x, fitted[0].Fit!, r.Fit!, correction)).ToArray();
    }

    /// <summary>Every pair of <see cref="LikelihoodRatioTest.Nestings"/> whose two families were both fitted.</summary>
    private static LikelihoodRatioResult[] NestedTests(FamilyScore[] ranked)
    {
        Dictionary<string, DistributionFit> fits = ranked.Where(r => r.Fit is not null).ToDictionary(r => r.Family.Name, r => (DistributionFit)r.Fit!);
        return LikelihoodRatioTest.Nestings
            .Where(n => fits.ContainsKey(n.Restricted) && fits.ContainsKey(n.General))
            .Select(n => LikelihoodRatioTest.Compare(n, fits[n.Restricted], fits[n.General]))
            .ToArray();
    }

    /// <summary>A seeded shuffle of the rows; the first N − T train and the last T are held out.</summary>
    private static (int[] Train, int[] Test) Split(int n, double testFraction, int seed)
    {
        int[] order = Enumerable.Range(0, n).ToArray();
        new Random(seed).Shuffle(order);
        int testCount = Math.Clamp((int)Math.Round(testFraction * n), 1, n - 1);
        return (order[..^testCount], order[^testCount..]);
    }

    /// <summary>Fits all rows (for the parameters and AIC) and the training rows (for the held-out score).</summary>
    private static FamilyScore Score(DistributionFamily family, double[] x, int[] train, int[] test)
    {
        try
        {
            DistributionFit all = family.Fit(x);
            DistributionFit trained = family.Fit(train.Select(i => x[i]).ToArray());
            double sum = 0;
            foreach (int i in test)
            {
                sum += trained.Distribution.LogDensity(x[i]);
            }

            return new FamilyScore(family, null, -sum / test.Length, all, null, null);
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return new FamilyScore(family, null, double.PositiveInfinity, null, null, exception);
        }
    }

    /// <summary>Fitted rows by held-out cross-entropy (ties keep the families' order), failures last; ranks filled in.</summary>
    private static FamilyScore[] Rank(List<FamilyScore> rows)
    {
        FamilyScore[] ordered = rows.OrderBy(r => r.Fit is null).ThenBy(r => r.HeldOutCrossEntropy).ToArray();
        Dictionary<DistributionFamily, int> aicRank = ordered.Where(r => r.Fit is not null).OrderBy(r => r.Fit!.Aic)
            .Select((r, i) => (r.Family, Rank: i + 1)).ToDictionary(p => p.Family, p => p.Rank);
        return ordered.Select((r, i) => r.Fit is null ? r : r with { Rank = i + 1, AicRank = aicRank[r.Family] }).ToArray();
    }

    private static bool IsWholeNumber(double x) => double.IsFinite(x) && Math.Floor(x) == x;
}
