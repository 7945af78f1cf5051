using Likely.Likelihood;

namespace Likely.Resampling;

/// <summary>
/// The bias-corrected and accelerated (BCa) percentile interval of bootstrap replicates (Efron 1987; Efron &amp;
/// Tibshirani 1993, §14.3): the replicates' quantiles at α₁,₂ = Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z))), z = Φ⁻¹((1 ∓ level)/2),
/// with the bias correction z₀ and the acceleration a below. Legend: B = replicates, N = observations.
/// </summary>
internal static class BcaPercentiles
{
    /// <summary>
    /// The BCa interval of ascending <paramref name="sorted"/> replicates θ̂*_b for the estimate θ̂, quantiles by
    /// <see cref="Percentiles.Linear"/>. z₀ = Φ⁻¹(p) with p = (#{θ̂*_b &lt; θ̂} + #{θ̂*_b ≤ θ̂}) / 2B — ties with θ̂ count
    /// half, as in SciPy's <c>bootstrap(method='BCa')</c>, which matters for estimates from counts, whose replicates often
    /// equal θ̂ in exact arithmetic — kept within [½/B, 1 − ½/B] so z₀ is finite. A replicate within 10⁻¹² relative of θ̂
    /// is a tie: a resample whose counts are a permutation of the observed ones sums its terms in another order and
    /// lands a few ulps from θ̂, and rounding must not decide its side.
    /// </summary>
    public static (double Lower, double Upper) Interval(ReadOnlySpan<double> sorted, double estimate, double acceleration, double level)
    {
        int below = 0, atOrBelow = 0;
        double tie = 1e-12 * Math.Abs(estimate);
        foreach (double r in sorted)
        {
            below += r < estimate - tie ? 1 : 0;
            atOrBelow += r <= estimate + tie ? 1 : 0;
        }

        double b = sorted.Length;
        double z0 = TailProbabilities.NormalQuantile(Math.Clamp((below + atOrBelow) / (2 * b), 0.5 / b, 1 - 0.5 / b));
        double Adjusted(double q)
        {
            double z = TailProbabilities.NormalQuantile(q);
            return TailProbabilities.NormalCdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)));
        }

        return (Percentiles.Linear(sorted, Adjusted(0.5 - 0.5 * level)), Percentiles.Linear(sorted, Adjusted(0.5 + 0.5 * level)));
    }

    /// <summary>The jackknife acceleration a = Σᵢ(θ̄ − θ̂₍ᵢ₎)³ / (6 [Σᵢ(θ̄ − θ̂₍ᵢ₎)²]^{3/2}) of N leave-one-out values (every weight 1).</summary>
    public static double Acceleration(ReadOnlySpan<double> jackknife)
    {
        long[] ones = new long[jackknife.Length];
        Array.Fill(ones, 1L);
        return Acceleration(jackknife, ones);
    }

    /// <summary>
    /// The jackknife acceleration a = Σᵢ wᵢ(θ̄ − θ̂₍ᵢ₎)³ / (6 [Σᵢ wᵢ(θ̄ − θ̂₍ᵢ₎)²]^{3/2}), θ̄ = Σ wᵢθ̂₍ᵢ₎ / Σ wᵢ, where value i
    /// stands for wᵢ left-out observations that all give the same θ̂₍ᵢ₎ (the observations of one category or cell): the
    /// same a as the N leave-one-out values written out. 0 when they are all equal or there are none.
    /// </summary>
    public static double Acceleration(ReadOnlySpan<double> jackknife, ReadOnlySpan<long> weights)
    {
        double total = 0, mean = 0;
        for (int i = 0; i < jackknife.Length; i++)
        {
            total += weights[i];
            mean += weights[i] * jackknife[i];
        }

        if (total == 0) return 0;
        mean /= total;
        double squares = 0, cubes = 0;
        for (int i = 0; i < jackknife.Length; i++)
        {
            double d = mean - jackknife[i];
            squares += weights[i] * d * d;
            cubes += weights[i] * d * d * d;
        }

        return squares > 0 ? cubes / (6 * Math.Pow(squares, 1.5)) : 0;
    }
}
