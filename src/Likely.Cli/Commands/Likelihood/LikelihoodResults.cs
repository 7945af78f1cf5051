using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>One parameter of a fit in JSON: <c>{"name":"mu","estimate":169.9,"standardError":0.34,"fixed":false}</c>, and with --ci <c>"lower"</c>, <c>"upper"</c>.</summary>
/// <param name="Name">The parameter's name (as <c>--fix</c> spells it).</param>
/// <param name="Label">The category p‹k› stands for, for a categorical fit of labels; absent otherwise.</param>
/// <param name="Estimate">θ̂, or the held value.</param>
/// <param name="StandardError">From the observed Fisher information; absent for a held parameter.</param>
/// <param name="Fixed">True when the parameter was held with <c>--fix</c>.</param>
/// <param name="Lower">With --ci: the interval's lower end ("-Infinity" when it is the range's bound −∞); absent without --ci or for a held parameter.</param>
/// <param name="Upper">With --ci: the upper end ("Infinity" when it is the range's bound +∞).</param>
/// <param name="LowerAtRangeBound">True when no lower end exists inside the parameter's range, so <paramref name="Lower"/> is the range's bound; absent otherwise.</param>
/// <param name="UpperAtRangeBound">The same for the upper end.</param>
/// <param name="LowerOutsideRange">True when a Wald lower end lies outside the range (reported as computed, not clipped); absent otherwise.</param>
/// <param name="UpperOutsideRange">The same for the upper end.</param>
public sealed record FittedParameterResult(string Name, string? Label, double Estimate, double? StandardError, bool Fixed,
    double? Lower = null, double? Upper = null, bool? LowerAtRangeBound = null, bool? UpperAtRangeBound = null,
    bool? LowerOutsideRange = null, bool? UpperOutsideRange = null);

/// <summary>A fit's statistics in JSON, the same object in <c>fit</c>, <c>explain</c> and each row of <c>fit auto</c>.</summary>
/// <param name="Observations">N.</param>
/// <param name="Parameters">Every parameter in the family's order.</param>
/// <param name="LogLikelihood">ln L(θ̂), nats.</param>
/// <param name="MeanLogLikelihood">(1/N) ln L(θ̂).</param>
/// <param name="CrossEntropy">H(p̂, p_θ̂) = −(1/N) ln L(θ̂), nats.</param>
/// <param name="FreeParameters">k, the parameters estimated (K − 1 for a categorical).</param>
/// <param name="Aic">2k − 2 ln L.</param>
/// <param name="Bic">k ln N − 2 ln L.</param>
/// <param name="Iterations">Optimizer iterations; 0 for a closed form.</param>
public sealed record FitStatisticsResult(
    long Observations, IReadOnlyList<FittedParameterResult> Parameters, double LogLikelihood, double MeanLogLikelihood,
    double CrossEntropy, int FreeParameters, double Aic, double Bic, int Iterations)
{
    /// <summary>The statistics of <paramref name="fit"/>; <paramref name="labels"/> name the categories of a categorical fit; <paramref name="intervals"/> add each parameter's ends.</summary>
    public static FitStatisticsResult Of(MaximumLikelihoodFit fit, string[]? labels, ConfidenceIntervals? intervals = null) => new(
        fit.ObservationCount,
        fit.Parameters.Select(p => Parameter(p, labels, intervals?[p.Name])).ToArray(),
        fit.LogLikelihood, fit.MeanLogLikelihood, fit.CrossEntropy, fit.FreeParameterCount, fit.Aic, fit.Bic, fit.Iterations);

    private static FittedParameterResult Parameter(FittedParameter p, string[]? labels, ParameterInterval? interval) => new(
        p.Name, LikelihoodFormat.CategoryLabel(p.Name, labels), p.Estimate, p.StandardError, p.IsFixed,
        interval?.Lower, interval?.Upper,
        Flag(interval?.LowerEnd == IntervalEnd.RangeBound), Flag(interval?.UpperEnd == IntervalEnd.RangeBound),
        Flag(interval?.LowerEnd == IntervalEnd.OutsideRange), Flag(interval?.UpperEnd == IntervalEnd.OutsideRange));

    /// <summary>True, or null so that the key is left out.</summary>
    private static bool? Flag(bool value) => value ? true : null;
}

/// <summary>How the intervals of <c>likely fit --ci</c> were computed, in JSON.</summary>
/// <param name="Method">profile, wald, bootstrap (BCa) or bootstrap-percentile, as --ci spells it.</param>
/// <param name="Level">The confidence level.</param>
/// <param name="Resamples">Bootstrap only: B.</param>
/// <param name="Seed">Bootstrap only: the seed of the resamples.</param>
/// <param name="FailedResamples">Bootstrap only: resamples whose refit failed and were left out.</param>
public sealed record IntervalResult(string Method, double Level, int? Resamples, int? Seed, int? FailedResamples);

/// <summary>The JSON of <c>likely fit FAMILY --json</c>.</summary>
/// <param name="Family">The family's name.</param>
/// <param name="Data">The CSV file (--data).</param>
/// <param name="Column">The column, or "(first)".</param>
/// <param name="Fit">The fit.</param>
/// <param name="Interval">With --ci: how the parameters' <c>lower</c> and <c>upper</c> were computed; absent otherwise.</param>
/// <param name="Censored">With --censored: how many rows were right-censored; absent otherwise.</param>
/// <param name="GoodnessOfFit">With --gof: each test of the fit; absent otherwise.</param>
/// <param name="Plot">With --plot: the figure written.</param>
/// <param name="Engine">embedded or duckdb, the engine that read --data or --query; absent with --from-stats.</param>
public sealed record FitResult(string Family, string Data, string Column, FitStatisticsResult Fit, IntervalResult? Interval = null,
    int? Censored = null, IReadOnlyList<GoodnessOfFitTestResult>? GoodnessOfFit = null, string? Plot = null, string? Engine = null);

/// <summary>One family's row in <c>likely fit auto --json</c>: ranked with its fit, or with the reason it could not be fitted.</summary>
/// <param name="Family">The family's name.</param>
/// <param name="Rank">1 for the lowest held-out cross-entropy; absent when the family could not be fitted.</param>
/// <param name="HeldOutCrossEntropy">−mean ln p over the held-out rows under the fit to the others, nats; absent with <paramref name="Error"/>.</param>
/// <param name="AicRank">The rank by AIC on all rows; absent with <paramref name="Error"/>.</param>
/// <param name="Fit">The fit to all rows; absent with <paramref name="Error"/>.</param>
/// <param name="Error">Why the family could not be fitted.</param>
public sealed record AutoFitFamilyResult(string Family, int? Rank, double? HeldOutCrossEntropy, int? AicRank, FitStatisticsResult? Fit, string? Error);

/// <summary>The JSON of <c>likely fit auto --json</c>.</summary>
/// <param name="Data">The CSV file (--data).</param>
/// <param name="Column">The column, or "(first)".</param>
/// <param name="Observations">N.</param>
/// <param name="TrainRows">Rows each family was fitted to for the held-out score.</param>
/// <param name="TestRows">Rows held out.</param>
/// <param name="Seed">The seed of the split.</param>
/// <param name="Discrete">True when the families compared are the discrete ones (whole-number data or labels).</param>
/// <param name="Families">The candidates, best first.</param>
/// <param name="LeftOut">Families of the compared kind left out because a parameter must be held (binomial: n).</param>
/// <param name="Vuong">The Vuong test of the best family against each other fitted family.</param>
/// <param name="LikelihoodRatio">The likelihood-ratio test of each nested pair of fitted families.</param>
/// <param name="VuongCorrection">The Vuong tests' parameter-count correction, as --vuong-correction spells it: none, aic or bic.</param>
public sealed record AutoFitResult(
    string Data, string Column, int Observations, int TrainRows, int TestRows, int Seed, bool Discrete,
    IReadOnlyList<AutoFitFamilyResult> Families, IReadOnlyList<string> LeftOut,
    IReadOnlyList<VuongTestResult> Vuong, IReadOnlyList<LikelihoodRatioTestResult> LikelihoodRatio, string VuongCorrection = "none");

/// <summary>One Vuong test in <c>likely fit auto --json</c>: <c>{"first":"gamma","second":"normal","z":3.1,"pValue":0.002,…}</c>.</summary>
/// <param name="First">The best-ranked family.</param>
/// <param name="Second">The family it is tested against.</param>
/// <param name="LogLikelihoodRatio">Σᵢ [ln p_first(xᵢ) − ln p_second(xᵢ)] on all rows, nats, less the correction (see <c>vuongCorrection</c>).</param>
/// <param name="Z">√N · mean/sd of the pointwise log-likelihood ratios; positive favours <paramref name="First"/>.</param>
/// <param name="PValue">Two-sided, 2Φ(−|z|).</param>
public sealed record VuongTestResult(string First, string Second, double LogLikelihoodRatio, double Z, double PValue);

/// <summary>One likelihood-ratio test in <c>likely fit auto --json</c>.</summary>
/// <param name="Restricted">The smaller family (e.g. exponential).</param>
/// <param name="General">The family containing it (e.g. gamma).</param>
/// <param name="Constraint">The restriction, e.g. "shape = 1".</param>
/// <param name="Statistic">2[ln L(general) − ln L(restricted)].</param>
/// <param name="DegreesOfFreedom">The parameters the restriction removes.</param>
/// <param name="OnBoundary">True when the p-value is the 50:50 χ²₀/χ²₁ mixture's (r → ∞ of the negative binomial).</param>
/// <param name="PValue">P(χ² ≥ statistic), halved on the boundary.</param>
public sealed record LikelihoodRatioTestResult(string Restricted, string General, string Constraint, double Statistic, int DegreesOfFreedom, bool OnBoundary, double PValue);

/// <summary>Step 1 of <c>explain --json</c>: the naive product against the sum of logs.</summary>
/// <param name="NaiveProduct">Π p(xᵢ) in float64 (usually 0 or "Infinity").</param>
/// <param name="UnderflowAt">The m at which the product first reached 0; absent if it never did.</param>
/// <param name="OverflowAt">The m at which it first reached +∞; absent if it never did.</param>
/// <param name="SumOfLogs">Σ ln p(xᵢ).</param>
public sealed record ExplainProductStep(double NaiveProduct, int? UnderflowAt, int? OverflowAt, double SumOfLogs);

/// <summary>Step 2 of <c>explain --json</c>: the mean log-likelihood is minus the cross-entropy.</summary>
/// <param name="MeanLogLikelihood">(1/m) Σ ln p(xᵢ).</param>
/// <param name="CrossEntropy">H(p̂, p_model), nats.</param>
public sealed record ExplainMeanStep(double MeanLogLikelihood, double CrossEntropy);

/// <summary>Step 3 of <c>explain --json</c> (discrete data only): H(p̂, q) = H(p̂) + D(p̂ ‖ q).</summary>
/// <param name="EmpiricalEntropy">H(p̂).</param>
/// <param name="KullbackLeiblerDivergence">D(p̂ ‖ q).</param>
/// <param name="CrossEntropy">H(p̂, q) summed over the distinct values.</param>
/// <param name="Discrepancy">|H(p̂, q) − (H(p̂) + D(p̂ ‖ q))|.</param>
/// <param name="Holds">True when the discrepancy is within rounding.</param>
public sealed record ExplainDecompositionStep(double EmpiricalEntropy, double KullbackLeiblerDivergence, double CrossEntropy, double Discrepancy, bool Holds);

/// <summary>One perturbed parameter in step 4 of <c>explain --json</c>.</summary>
/// <param name="Parameter">The parameter moved.</param>
/// <param name="Value">θ̂ⱼ ± δ.</param>
/// <param name="Delta">±δ.</param>
/// <param name="CrossEntropy">H(p̂, p_θ) there.</param>
/// <param name="Increase">The change against θ̂ (positive: θ̂ does better).</param>
public sealed record ExplainPerturbation(string Parameter, double Value, double Delta, double CrossEntropy, double Increase);

/// <summary>Step 4 of <c>explain --json</c>: every nearby θ does worse.</summary>
/// <param name="Perturbations">Each free parameter moved one standard error either way.</param>
/// <param name="EveryPerturbationIsWorse">True when all raised the cross-entropy.</param>
public sealed record ExplainPerturbationStep(IReadOnlyList<ExplainPerturbation> Perturbations, bool EveryPerturbationIsWorse);

/// <summary>The JSON of <c>likely explain --json</c>.</summary>
/// <param name="Family">The family's name.</param>
/// <param name="Data">The CSV file (--data).</param>
/// <param name="Column">The column, or "(first)".</param>
/// <param name="Fit">The fit.</param>
/// <param name="Step1">The product against the sum of logs.</param>
/// <param name="Step2">The mean log-likelihood and the cross-entropy.</param>
/// <param name="Step3">The decomposition; absent for a continuous family.</param>
/// <param name="Step4">The perturbations.</param>
/// <param name="Plot">The SVG written, when --plot was given.</param>
/// <param name="Censored">With --censored: step 1's sum of logs split into the exact rows' Σ ln f and the censored rows' Σ ln S; absent otherwise.</param>
public sealed record ExplainResult(
    string Family, string Data, string Column, FitStatisticsResult Fit, ExplainProductStep Step1, ExplainMeanStep Step2,
    ExplainDecompositionStep? Step3, ExplainPerturbationStep Step4, string? Plot, ExplainCensoredTerms? Censored = null)
{
    /// <summary>The JSON of <paramref name="ledger"/> for <paramref name="fit"/>.</summary>
    public static ExplainResult Of(string family, string file, string column, MaximumLikelihoodFit fit, LikelihoodLedger ledger, string[]? labels, string? plot) => new(
        family, file, column, FitStatisticsResult.Of(fit, labels),
        new ExplainProductStep(ledger.NaiveProduct, ledger.UnderflowIndex, ledger.OverflowIndex, ledger.LogLikelihood),
        new ExplainMeanStep(ledger.MeanLogLikelihood, ledger.CrossEntropy),
        ledger.Decomposition is { } d ? new ExplainDecompositionStep(d.EmpiricalEntropy, d.KullbackLeiblerDivergence, d.CrossEntropy, d.Discrepancy, d.Holds) : null,
        new ExplainPerturbationStep(ledger.Perturbations.Select(p => new ExplainPerturbation(p.Parameter, p.Value, p.Delta, p.CrossEntropy, p.Increase)).ToArray(), ledger.EveryPerturbationIsWorse),
        plot,
        ledger.Censoring is { } c ? new ExplainCensoredTerms(c.ExactCount, c.CensoredCount, c.ExactLogDensity, c.CensoredLogSurvival) : null);
}

/// <summary>
/// <c>explain --censored --json</c>: <c>{"exactRows":227,"censoredRows":73,"sumLogDensity":…,"sumLogSurvival":…}</c>,
/// the two parts of ln L = Σ_exact ln f(xᵢ) + Σ_censored ln S(xᵢ).
/// </summary>
/// <param name="ExactRows">Rows observed exactly.</param>
/// <param name="CensoredRows">Rows right-censored.</param>
/// <param name="SumLogDensity">Σ ln f(xᵢ) over the exact rows, nats.</param>
/// <param name="SumLogSurvival">Σ ln S(xᵢ) = Σ ln P(X &gt; xᵢ) over the censored rows, nats (≤ 0).</param>
public sealed record ExplainCensoredTerms(int ExactRows, int CensoredRows, double SumLogDensity, double SumLogSurvival);
