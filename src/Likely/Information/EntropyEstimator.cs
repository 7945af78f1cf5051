namespace Likely.Information;

/// <summary>How <see cref="CountEntropy"/> estimates the entropy of a distribution from observed counts.</summary>
public enum EntropyEstimator
{
    /// <summary>
    /// Plug-in (maximum-likelihood) estimate: the entropy of the empirical distribution p̂ᵢ = nᵢ / N,
    /// Ĥ = −Σᵢ p̂ᵢ log p̂ᵢ. Biased low: on average it underestimates H by about (m − 1) / (2N) nats.
    /// </summary>
    PlugIn,

    /// <summary>
    /// Miller–Madow bias correction: Ĥ_MM = Ĥ_plug-in + (m − 1) / (2N) nats, where m is the number of categories with a
    /// non-zero count and N the total count (Miller 1955).
    /// </summary>
    MillerMadow,
}
