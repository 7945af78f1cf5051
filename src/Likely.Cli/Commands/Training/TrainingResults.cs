using Likely.Cli.Options;
using Likely.Evaluation;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>
/// Cross-entropy and accuracy of a model on one set of rows, as the training and evaluation JSON nest it, e.g.
/// <c>{"rows":1078,"crossEntropy":0.08,"crossEntropyBits":0.12,"perplexity":1.08,"accuracy":0.98,"topKAccuracy":1}</c>.
/// </summary>
/// <param name="Rows">N, in the summary; left out of an epoch's object.</param>
/// <param name="CrossEntropy">H = −(1/N)·Σ ln q(y|x), the mean negative log-likelihood, in nats.</param>
/// <param name="CrossEntropyBits">H/ln 2.</param>
/// <param name="Perplexity">e^H.</param>
/// <param name="Accuracy">Fraction of rows whose most probable class is the label, in [0, 1].</param>
/// <param name="TopKAccuracy">Fraction of rows whose label is among the k most probable classes.</param>
internal sealed record MetricsResult(int? Rows, double CrossEntropy, double CrossEntropyBits, double Perplexity, double Accuracy, double TopKAccuracy)
{
    /// <summary>The object of <paramref name="metrics"/>, with <paramref name="rows"/> when known.</summary>
    public static MetricsResult Of(EpochMetrics metrics, int? rows) =>
        new(rows, metrics.CrossEntropy, metrics.CrossEntropyBits, metrics.Perplexity, metrics.Accuracy, metrics.TopKAccuracy);
}

/// <summary>The JSON line <c>likely train --json</c> prints after each epoch: <c>{"type":"epoch","epoch":1,"training":{…},…}</c>.</summary>
/// <param name="Type">Always epoch.</param>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="Training">Metrics on the training rows, accumulated over the epoch as the weights moved.</param>
/// <param name="Validation">Metrics on the validation rows at the end of the epoch; left out without validation.</param>
/// <param name="LearningRate">η at the epoch's last step.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps.</param>
/// <param name="RowsPerSecond">Training rows processed per second.</param>
internal sealed record EpochResult(
    string Type, int Epoch, MetricsResult Training, MetricsResult? Validation, double LearningRate, double Seconds, double RowsPerSecond)
{
    /// <summary>The object of one epoch's report.</summary>
    public static EpochResult Of(EpochReport report) => new(
        "epoch", report.Epoch, MetricsResult.Of(report.Training, null), report.Validation is { } v ? MetricsResult.Of(v, null) : null,
        report.LearningRate, report.Seconds, report.RowsPerSecond);
}

/// <summary>The last JSON line of <c>likely train --json</c>: <c>{"type":"summary","model":…,"solver":"minibatch","optimizer":"adamw",…}</c>.</summary>
/// <param name="Type">Always summary.</param>
/// <param name="Model">The network, e.g. <c>MultilayerPerceptron(64 → 32 → 10, Relu)</c>.</param>
/// <param name="Parameters">Number of weights and biases.</param>
/// <param name="Solver">minibatch or lbfgs, spelled as <c>--solver</c>.</param>
/// <param name="Optimizer">sgd, adam or adamw, spelled as <c>--optimizer</c>; left out for lbfgs.</param>
/// <param name="TrainingRows">Rows trained on.</param>
/// <param name="ValidationRows">Rows held out for validation.</param>
/// <param name="Epochs">Epochs completed; left out for lbfgs.</param>
/// <param name="BestEpoch">The epoch whose weights were kept; left out for lbfgs.</param>
/// <param name="StoppedEarly">Whether early stopping ended the run.</param>
/// <param name="StopReason">Why training stopped, spelled by <see cref="Vocabulary.StopReason"/>.</param>
/// <param name="LbfgsIterations">L-BFGS only: iterations run.</param>
/// <param name="LbfgsConverged">L-BFGS only: whether it converged before the iteration limit.</param>
/// <param name="LbfgsObjective">L-BFGS only: the penalized objective reached (summed over rows).</param>
/// <param name="Training">The kept model's metrics on the training rows.</param>
/// <param name="Validation">The kept model's metrics on the validation rows; left out without validation.</param>
/// <param name="TrainingSeconds">Seconds spent in training.</param>
/// <param name="TotalSeconds">Seconds in all, loading the data included.</param>
/// <param name="Output">The model file written; left out when none was.</param>
/// <param name="Checkpoint">The checkpoint file written; left out when none was.</param>
/// <param name="DataFingerprint">The training data's content hash.</param>
/// <param name="Streamed">With <c>--memory-limit</c>: whether the data were streamed a window of row groups at a time (true) or
/// fitted the limit and were loaded whole (false); left out without it.</param>
internal sealed record TrainingSummaryResult(
    string Type, string Model, long Parameters, string Solver, string? Optimizer, int TrainingRows, int ValidationRows, int? Epochs, int? BestEpoch,
    bool StoppedEarly, string StopReason, int? LbfgsIterations, bool? LbfgsConverged, double? LbfgsObjective, MetricsResult? Training,
    MetricsResult? Validation, double TrainingSeconds, double TotalSeconds, string? Output, string? Checkpoint, string DataFingerprint, bool? Streamed = null);

/// <summary>The JSON object of <c>likely evaluate --json</c>.</summary>
/// <param name="Model">The network, e.g. <c>MultilayerPerceptron(64 → 32 → 10, Relu)</c>.</param>
/// <param name="Data">The data as given to <c>--data</c>.</param>
/// <param name="Rows">N, the rows evaluated.</param>
/// <param name="CrossEntropy">H, the mean negative log-likelihood, in nats.</param>
/// <param name="CrossEntropyBits">H/ln 2.</param>
/// <param name="Perplexity">e^H.</param>
/// <param name="Accuracy">Fraction of rows predicted correctly.</param>
/// <param name="MicroAccuracy">The same as <paramref name="Accuracy"/>, under the name ML.NET gives it.</param>
/// <param name="MacroAccuracy">Mean over the classes present of each class's accuracy.</param>
/// <param name="TopK">k of <paramref name="TopKAccuracy"/>.</param>
/// <param name="TopKAccuracy">Fraction of rows whose label is among the k most probable classes.</param>
/// <param name="CrossEntropyReduction">(H_prior − H)/H_prior against always predicting the class frequencies; "NaN" when all rows share one class.</param>
/// <param name="ExpectedCalibrationError">Σ_b (n_b/N)·|accuracy_b − confidence_b| over 15 bins.</param>
/// <param name="Classes">The class names, in class order.</param>
/// <param name="PerClassCrossEntropy">H over the rows of each class, in class order; "NaN" for a class with no row.</param>
/// <param name="ConfusionMatrix">Row counts, [actual][predicted].</param>
/// <param name="Temperature">T of a calibrated model (its logits are divided by T before the softmax); left out when T = 1
/// and for vector scaling.</param>
/// <param name="CalibrationMethod">temperature or vector, as <c>likely calibrate --method</c> spells it; left out for an
/// uncalibrated model (T = 1).</param>
/// <param name="Scale">w of vector scaling, one per class in class order (z′_c = w_c·z_c + b_c); left out otherwise.</param>
/// <param name="Bias">b of vector scaling, one per class in class order; left out otherwise.</param>
internal sealed record EvaluationResult(
    string Model, string Data, int Rows, double CrossEntropy, double CrossEntropyBits, double Perplexity, double Accuracy, double MicroAccuracy,
    double MacroAccuracy, int TopK, double TopKAccuracy, double CrossEntropyReduction, double ExpectedCalibrationError,
    IReadOnlyList<string> Classes, IReadOnlyList<double> PerClassCrossEntropy, int[][] ConfusionMatrix, double? Temperature = null,
    string? CalibrationMethod = null, IReadOnlyList<double>? Scale = null, IReadOnlyList<double>? Bias = null)
{
    /// <summary>The object of <paramref name="m"/>, the metrics of <paramref name="model"/> on <paramref name="data"/>.</summary>
    public static EvaluationResult Of(ClassifierModel model, string data, ClassificationMetrics m)
    {
        int[][] matrix = Enumerable.Range(0, m.ClassCount).Select(c => Enumerable.Range(0, m.ClassCount).Select(p => m.Count(c, p)).ToArray()).ToArray();
        return new EvaluationResult(
            model.ToString(), data, m.RowCount, m.CrossEntropy, m.CrossEntropyBits, m.Perplexity, m.Accuracy, m.MicroAccuracy, m.MacroAccuracy,
            m.TopK, m.TopKAccuracy, m.CrossEntropyReduction, m.ExpectedCalibrationError, model.ClassNames, m.PerClassCrossEntropy, matrix,
            model.Temperature == 1 ? null : model.Temperature, EvaluationReport.CalibrationMethodName(model),
            model.Calibration.Method == Likely.Training.CalibrationMethod.Vector ? model.Calibration.Scale : null,
            model.Calibration.Method == Likely.Training.CalibrationMethod.Vector ? model.Calibration.Bias : null);
    }
}
