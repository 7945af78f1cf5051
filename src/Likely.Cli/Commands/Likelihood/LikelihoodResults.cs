using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>One parameter of a fit in JSON: <c>{"name":"mu","estimate":169.9,"standardError":0.34,"fixed":false}</c>.</summary>
/// <param name="Name">The parameter's name (as <c>--fix</c> spells it).</param>
/// <param name="Label">The category p‹k› stands for, for a categorical fit of labels; absent otherwise.</param>
/// <param name="Estimate">θ̂, or the held value.</param>
/// <param name="StandardError">From the observed Fisher information; absent for a held parameter.</param>
/// <param name="Fixed">True when the parameter was held with <c>--fix</c>.</param>
public sealed record FittedParameterResult(string Name, string? Label, double Estimate, double? StandardError, bool Fixed);

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
    int Observations, IReadOnlyList<FittedParameterResult> Parameters, double LogLikelihood, double MeanLogLikelihood,
    double CrossEntropy, int FreeParameters, double Aic, double Bic, int Iterations)
{
    /// <summary>The statistics of <paramref name="fit"/>; <paramref name="labels"/> name the categories of a categorical fit.</summary>
    public static FitStatisticsResult Of(MaximumLikelihoodFit fit, string[]? labels) => new(
        fit.ObservationCount,
        fit.Parameters.Select(p => new FittedParameterResult(p.Name, LikelihoodFormat.CategoryLabel(p.Name, labels), p.Estimate, p.StandardError, p.IsFixed)).ToArray(),
        fit.LogLikelihood, fit.MeanLogLikelihood, fit.CrossEntropy, fit.FreeParameterCount, fit.Aic, fit.Bic, fit.Iterations);
}

/// <summary>The JSON of <c>likely fit FAMILY --json</c>.</summary>
/// <param name="Family">The family's name.</param>
/// <param name="Data">The CSV file (--data).</param>
/// <param name="Column">The column, or "(first)".</param>
/// <param name="Fit">The fit.</param>
public sealed record FitResult(string Family, string Data, string Column, FitStatisticsResult Fit);

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
public sealed record AutoFitResult(
    string Data, string Column, int Observations, int TrainRows, int TestRows, int Seed, bool Discrete,
    IReadOnlyList<AutoFitFamilyResult> Families, IReadOnlyList<string> LeftOut);

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
public sealed record ExplainResult(
    string Family, string Data, string Column, FitStatisticsResult Fit, ExplainProductStep Step1, ExplainMeanStep Step2,
    ExplainDecompositionStep? Step3, ExplainPerturbationStep Step4, string? Plot)
{
    /// <summary>The JSON of <paramref name="ledger"/> for <paramref name="fit"/>.</summary>
    public static ExplainResult Of(string family, string file, string column, MaximumLikelihoodFit fit, LikelihoodLedger ledger, string[]? labels, string? plot) => new(
        family, file, column, FitStatisticsResult.Of(fit, labels),
        new ExplainProductStep(ledger.NaiveProduct, ledger.UnderflowIndex, ledger.OverflowIndex, ledger.LogLikelihood),
        new ExplainMeanStep(ledger.MeanLogLikelihood, ledger.CrossEntropy),
        ledger.Decomposition is { } d ? new ExplainDecompositionStep(d.EmpiricalEntropy, d.KullbackLeiblerDivergence, d.CrossEntropy, d.Discrepancy, d.Holds) : null,
        new ExplainPerturbationStep(ledger.Perturbations.Select(p => new ExplainPerturbation(p.Parameter, p.Value, p.Delta, p.CrossEntropy, p.Increase)).ToArray(), ledger.EveryPerturbationIsWorse),
        plot);
}
