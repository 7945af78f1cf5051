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

    /// <summary>
    /// Chao–Shen coverage-adjusted estimate (Chao &amp; Shen 2003): with sample coverage Ĉ = 1 − f₁/N (f₁ = number of
    /// categories seen exactly once; f₁ = N is replaced by N − 1 so that Ĉ &gt; 0) and p̃ᵢ = Ĉ·nᵢ/N,
    /// Ĥ_CS = −Σᵢ p̃ᵢ log p̃ᵢ / (1 − (1 − p̃ᵢ)^N): the coverage shrinks the observed frequencies to leave mass for unseen
    /// categories, and the Horvitz–Thompson weight 1 / (1 − (1 − p̃ᵢ)^N) corrects for categories missed by chance.
    /// </summary>
    ChaoShen,
}
