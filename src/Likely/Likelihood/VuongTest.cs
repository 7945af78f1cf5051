namespace Likely.Likelihood;

/// <summary>The penalty the Vuong test subtracts from the log-likelihood ratio for the models' parameter counts.</summary>
public enum VuongCorrection
{
    /// <summary>None: z from Σ ℓᵢ itself.</summary>
    None,

    /// <summary>Akaike's: Σ ℓᵢ − (k₁ − k₂).</summary>
    Aic,

    /// <summary>Schwarz's (BIC): Σ ℓᵢ − (k₁ − k₂)·ln N / 2.</summary>
    Schwarz,
}

/// <summary>The outcome of a Vuong test of two fits to one sample.</summary>
/// <param name="First">The first model's family name.</param>
/// <param name="Second">The second model's family name.</param>
/// <param name="LogLikelihoodRatio">Σᵢ ℓᵢ, ℓᵢ = ln p₁(xᵢ) − ln p₂(xᵢ), after the correction.</param>
/// <param name="Z">z = Σ ℓᵢ / (√N ω), ω² = (1/N) Σ (ℓᵢ − ℓ̄)²; positive favours the first model.</param>
/// <param name="PValue">Two-sided, 2 Φ(−|z|): how often |z| would be this large if the two fitted models were equally close to the truth.</param>
/// <param name="Correction">The parameter-count correction applied.</param>
public sealed record VuongResult(string First, string Second, double LogLikelihoodRatio, double Z, double PValue, VuongCorrection Correction);

/// <summary>
/// Vuong's test (1989) for non-nested models: with pointwise log-likelihood ratios ℓᵢ = ln p₁(xᵢ; θ̂₁) − ln p₂(xᵢ; θ̂₂),
/// z = √N · ℓ̄ / ω, ω² = (1/N) Σ (ℓᵢ − ℓ̄)², is asymptotically standard normal when both models are equally close
/// (in Kullback–Leibler divergence, i.e. in cross-entropy) to the truth.
/// </summary>
/// <remarks>
/// Special values: when every ℓᵢ is equal (the models agree at every point, ω = 0), z is 0 and p = 1 if that common value
/// is 0, else z = ±∞ and p = 0. A value with probability 0 under one model makes an ℓᵢ infinite: z is ±∞ and p = 0.
/// </remarks>
public static class VuongTest
{
    /// <summary>Tests fit <paramref name="first"/> against fit <paramref name="second"/> on the sample they were both fitted to.</summary>
    /// <param name="sample">The observations (N ≥ 2).</param>
    /// <param name="first">A fit to <paramref name="sample"/>.</param>
    /// <param name="second">Another family's fit to <paramref name="sample"/>.</param>
    /// <param name="correction">The parameter-count correction. Default none.</param>
    /// <exception cref="ArgumentException">Fewer than 2 observations, or a fit is to a different number of observations.</exception>
    public static VuongResult Compare(ReadOnlySpan<double> sample, DistributionFit first, DistributionFit second, VuongCorrection correction = VuongCorrection.None)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        int n = sample.Length;
        if (n < 2)
        {
            throw new ArgumentException($"The sample has {n} observations; the Vuong test needs at least 2.", nameof(sample));
        }

        if (first.ObservationCount != n || second.ObservationCount != n)
        {
            throw new ArgumentException($"The fits are to {first.ObservationCount} and {second.ObservationCount} observations, the sample has {n}; fit both to this sample.", nameof(sample));
        }

        double[] ratios = new double[n];
        double[] other = new double[n];
        first.Distribution.LogDensity(sample, ratios);
        second.Distribution.LogDensity(sample, other);
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            ratios[i] -= other[i];
            sum += ratios[i];
        }

        string a = first.Distribution.FamilyName, b = second.Distribution.FamilyName;
        if (!double.IsFinite(sum) || ratios.Any(r => !double.IsFinite(r)))
        {
            double sign = ratios.Any(double.IsPositiveInfinity) ? 1 : -1;
            return new VuongResult(a, b, sign * double.PositiveInfinity, sign * double.PositiveInfinity, 0, correction);
        }

        double mean = sum / n, squares = 0;
        foreach (double r in ratios)
        {
            squares += (r - mean) * (r - mean);
        }

        double omega = Math.Sqrt(squares / n);
        int extra = first.FreeParameterCount - second.FreeParameterCount;
        double corrected = correction switch
        {
            VuongCorrection.Aic => sum - extra,
            VuongCorrection.Schwarz => sum - extra * Math.Log(n) / 2,
            _ => sum,
        };
        double z = omega > 0 ? corrected / (Math.Sqrt(n) * omega)
            : corrected == 0 ? 0 : Math.Sign(corrected) * double.PositiveInfinity;
        return new VuongResult(a, b, corrected, z, 2 * TailProbabilities.NormalCdf(-Math.Abs(z)), correction);
    }
}
