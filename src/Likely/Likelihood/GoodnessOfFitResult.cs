namespace Likely.Likelihood;

/// <summary>
/// The result of a parametric-bootstrap goodness-of-fit test: the statistic of the sample under its fit, and how often
/// samples drawn from that fit and refitted give a statistic at least as large.
/// </summary>
/// <param name="Statistic">Which discrepancy was measured.</param>
/// <param name="Value">T, the statistic of the sample under its maximum-likelihood fit.</param>
/// <param name="PValue">(1 + #{T_b ≥ T}) / (B + 1) over the B successful resamples, as SciPy's <c>goodness_of_fit</c>; in (0, 1].</param>
/// <param name="PValueStandardError">The Monte Carlo standard error √(p(1 − p)/B) of the p-value.</param>
/// <param name="Resamples">B, the resamples whose refit succeeded and entered the p-value.</param>
/// <param name="FailedRefits">Resamples whose refit failed (e.g. a constant resample); they are left out of B.</param>
/// <param name="Fit">The maximum-likelihood fit of the sample the statistic was computed under.</param>
public sealed record GoodnessOfFitResult(GoodnessOfFitStatistic Statistic, double Value, double PValue, double PValueStandardError,
    int Resamples, int FailedRefits, DistributionFit Fit);
