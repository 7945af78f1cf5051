namespace Likely.Likelihood;

/// <summary>
/// The discrepancy between a sample's empirical distribution and a fitted model that a goodness-of-fit test measures;
/// larger is a worse fit for all four. The first three are for continuous families, <see cref="ChiSquare"/> for discrete ones.
/// </summary>
public enum GoodnessOfFitStatistic
{
    /// <summary>
    /// Kolmogorov–Smirnov D = maxᵢ max(i/N − F(x₍ᵢ₎), F(x₍ᵢ₎) − (i − 1)/N), the largest vertical gap between the
    /// empirical and fitted CDFs (as SciPy's <c>kstest</c>, two-sided).
    /// </summary>
    KolmogorovSmirnov,

    /// <summary>
    /// Cramér–von Mises W² = 1/(12N) + Σᵢ ((2i − 1)/(2N) − F(x₍ᵢ₎))², the integrated squared gap (SciPy's <c>cramervonmises</c>).
    /// </summary>
    CramerVonMises,

    /// <summary>
    /// Anderson–Darling A² = −N − Σᵢ ((2i − 1)/N)(ln F(x₍ᵢ₎) + ln(1 − F(x₍N+1−i₎))), the squared gap weighted toward
    /// the tails. ln(1 − F) comes from the family's <see cref="IUnivariateDistribution.LogSurvival(double)"/> and ln F
    /// from its <see cref="IUnivariateDistribution.LogCdf(double)"/>, so points far in either tail stay finite (even
    /// where F or 1 − F is below 1e-308), and A² is a large finite number rather than +∞.
    /// </summary>
    AndersonDarling,

    /// <summary>
    /// Pearson's χ² = Σ_c (O_c − E_c)²/E_c over cells of adjacent support values, pooled from the left until each has
    /// expected count E_c ≥ 5 (the last cell takes the whole upper tail and the first the whole lower tail).
    /// </summary>
    ChiSquare,

    /// <summary>
    /// For right-censored data: D = sup |F̂_KM(x) − F(x)| over the observed range [x₍₁₎, x₍N₎], the largest vertical gap
    /// between the Kaplan–Meier estimate of the CDF (<see cref="KaplanMeier"/>) and the fitted CDF; with no censored
    /// row it is <see cref="KolmogorovSmirnov"/>'s D. Tested by <see cref="GoodnessOfFit.TestCensored"/>.
    /// </summary>
    KaplanMeierKolmogorovSmirnov,
}
