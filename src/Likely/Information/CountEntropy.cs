namespace Likely.Information;

/// <summary>
/// Entropy estimated from observed counts n₁…n_k (N = Σ nᵢ): the plug-in estimate −Σᵢ (nᵢ/N) log(nᵢ/N), optionally with
/// the Miller–Madow correction (m − 1) / (2N) nats, m = number of non-zero counts, or the Chao–Shen coverage-adjusted
/// estimate. See <see cref="EntropyEstimator"/>.
/// </summary>
/// <remarks>
/// Zero counts contribute nothing (0 log 0 = 0) and do not count towards m. A single non-zero count gives 0 with either
/// estimator (Chao–Shen included). The plug-in value is computed as log N − (1/N) Σ nᵢ log nᵢ, exact in the counts.
/// </remarks>
public static class CountEntropy
{
    /// <summary>The entropy of the distribution behind <paramref name="counts"/>, by <paramref name="estimator"/>.</summary>
    /// <param name="counts">How often each category was observed: k ≥ 1 counts, each ≥ 0, with a positive total.</param>
    /// <param name="estimator">Plug-in (default), Miller–Madow or Chao–Shen.</param>
    /// <param name="logBase">The unit: nats (default), bits, hartleys or any base.</param>
    /// <returns>The estimate in the chosen unit (≥ 0).</returns>
    /// <exception cref="ArgumentException">No counts, a negative count, or a total of 0.</exception>
    public static double Compute(ReadOnlySpan<long> counts, EntropyEstimator estimator = EntropyEstimator.PlugIn, LogBase logBase = default)
    {
        if (counts.IsEmpty)
        {
            throw new ArgumentException("'counts' is empty; give how often each category was observed.", nameof(counts));
        }

        double total = 0, sumNLogN = 0;
        int observed = 0;
        long singletons = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            long n = counts[i];
            if (n < 0)
            {
                throw new ArgumentException($"counts[{i}] is {n}; counts must be ≥ 0.", nameof(counts));
            }

            if (n > 0)
            {
                total += n;
                sumNLogN += n * Math.Log(n);
                observed++;
                if (n == 1) singletons++;
            }
        }

        if (total == 0)
        {
            throw new ArgumentException("Every count is 0; at least one category must have been observed.", nameof(counts));
        }

        // −Σ (n/N) log(n/N) = log N − (1/N) Σ n log n; clamp the rounding below 0 when one category holds everything.
        double plugIn = Math.Max(0, Math.Log(total) - sumNLogN / total);
        double nats = estimator switch
        {
            EntropyEstimator.PlugIn => plugIn,
            EntropyEstimator.MillerMadow => plugIn + (observed - 1) / (2 * total),
            EntropyEstimator.ChaoShen => ChaoShenEntropy.Nats(counts, total, singletons),
            _ => throw new ArgumentOutOfRangeException(nameof(estimator), estimator, "Use EntropyEstimator.PlugIn, MillerMadow or ChaoShen."),
        };
        return logBase.FromNats(nats);
    }

    /// <summary>The entropy of the empirical distribution of <paramref name="samples"/> (any values compared by equality).</summary>
    /// <param name="samples">The observed outcomes, at least one.</param>
    /// <param name="estimator">Plug-in (default), Miller–Madow or Chao–Shen.</param>
    /// <param name="logBase">The unit: nats (default), bits, hartleys or any base.</param>
    /// <exception cref="ArgumentException">There are no samples.</exception>
    public static double FromSamples<T>(IEnumerable<T> samples, EntropyEstimator estimator = EntropyEstimator.PlugIn, LogBase logBase = default)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(samples);
        long[] counts = samples.CountBy(sample => sample).Select(pair => (long)pair.Value).ToArray();
        if (counts.Length == 0)
        {
            throw new ArgumentException("'samples' is empty; the empirical entropy needs at least one observation.", nameof(samples));
        }

        return Compute(counts, estimator, logBase);
    }
}
