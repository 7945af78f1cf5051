using Likely.Information;
using Likely.Models;
using Likely.Cli.Output;
using Likely.Numerics;
using Likely.Training;

namespace Likely.Cli.Options;

/// <summary>
/// The one place that spells the library's option values on the command line and in its JSON (the glossary in
/// docs/ARCHITECTURE.md lists them): lower case, words joined by dashes, and the name PyTorch or scikit-learn uses
/// where one exists (adamw, lbfgs).
/// </summary>
public static class Vocabulary
{
    /// <summary>--optimizer.</summary>
    public static readonly Choices<OptimizerKind> Optimizer = new(("sgd", OptimizerKind.Sgd), ("adam", OptimizerKind.Adam), ("adamw", OptimizerKind.AdamW));

    /// <summary>--activation.</summary>
    public static readonly Choices<Activation> Activation = new(
        ("relu", Models.Activation.Relu), ("leaky-relu", Models.Activation.LeakyRelu), ("tanh", Models.Activation.Tanh),
        ("sigmoid", Models.Activation.Sigmoid), ("gelu", Models.Activation.Gelu));

    /// <summary>--initialization.</summary>
    public static readonly Choices<Initialization> Initialization = new(
        ("uniform", Models.Initialization.Uniform), ("he", Models.Initialization.He), ("xavier", Models.Initialization.Xavier));

    /// <summary>--schedule.</summary>
    public static readonly Choices<ScheduleKind> Schedule = new(("constant", ScheduleKind.Constant), ("step", ScheduleKind.Step), ("cosine", ScheduleKind.Cosine));

    /// <summary>--solver.</summary>
    public static readonly Choices<SolverKind> Solver = new(("minibatch", SolverKind.Minibatch), ("lbfgs", SolverKind.Lbfgs));

    /// <summary>Why training stopped, in the training JSON and summary.</summary>
    public static readonly Choices<StopReason> StopReason = new(
        ("completed", Training.StopReason.Completed), ("early-stopping", Training.StopReason.EarlyStopping), ("canceled", Training.StopReason.Canceled),
        ("diverged", Training.StopReason.Diverged), ("converged", Training.StopReason.Converged), ("iteration-limit", Training.StopReason.IterationLimit));

    /// <summary>--estimator of the count-based entropies.</summary>
    public static readonly Choices<EntropyEstimator> EntropyEstimator = new(
        ("plugin", Information.EntropyEstimator.PlugIn), ("miller-madow", Information.EntropyEstimator.MillerMadow),
        ("chao-shen", Information.EntropyEstimator.ChaoShen));

    /// <summary>--estimator of <c>likely mi</c>: the contingency table's plug-in value, or KSG for continuous columns.</summary>
    public static readonly Choices<MutualInformationEstimator> MutualInformationEstimator = new(
        ("plugin", Information.MutualInformationEstimator.PlugIn), ("ksg", Information.MutualInformationEstimator.Kraskov));

    /// <summary>--ci of <c>likely fit</c>: how each parameter's confidence interval is computed (bootstrap: BCa).</summary>
    public static readonly Choices<Likelihood.IntervalMethod> IntervalMethod = new(
        ("profile", Likelihood.IntervalMethod.Profile), ("wald", Likelihood.IntervalMethod.Wald),
        ("bootstrap", Likelihood.IntervalMethod.BootstrapBca), ("bootstrap-percentile", Likelihood.IntervalMethod.BootstrapPercentile));

    /// <summary>--vuong-correction of <c>likely fit auto</c>: the parameter-count penalty of the Vuong tests (bic: Schwarz's).</summary>
    public static readonly Choices<Likelihood.VuongCorrection> VuongCorrection = new(
        ("none", Likelihood.VuongCorrection.None), ("aic", Likelihood.VuongCorrection.Aic), ("bic", Likelihood.VuongCorrection.Schwarz));

    /// <summary>--engine of <c>fit</c>, <c>entropy</c> and <c>mi</c>: what reads --data (docs/SCALE.md).</summary>
    public static readonly Choices<Commands.AggregationEngine> AggregationEngine = new(
        ("auto", Commands.AggregationEngine.Auto), ("embedded", Commands.AggregationEngine.Embedded), ("duckdb", Commands.AggregationEngine.DuckDb));

    /// <summary>--method of <c>likely calibrate</c>: one temperature for every class, or a scale and a bias per class.</summary>
    public static readonly Choices<CalibrationMethod> CalibrationMethod = new(
        ("temperature", Training.CalibrationMethod.Temperature), ("vector", Training.CalibrationMethod.Vector));

    /// <summary>--format of a figure.</summary>
    public static readonly Choices<FigureFormat> FigureFormat = new(("svg", Output.FigureFormat.Svg), ("png", Output.FigureFormat.Png));

    /// <summary>The vector path, as <c>likely info</c> and LIKELY_VECTOR_PATH spell it.</summary>
    public static readonly Choices<VectorPath> VectorPath = new(
        ("scalar", Numerics.VectorPath.Scalar), ("vector128", Numerics.VectorPath.Vector128), ("vector256", Numerics.VectorPath.Vector256),
        ("vector512", Numerics.VectorPath.Vector512));
}
