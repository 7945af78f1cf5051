using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Evaluation;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>Prints a calibration fit (and the test metrics before and after it) as a ledger line and a table, or as one JSON object.</summary>
internal static class CalibrationReport
{
    /// <summary>The one line of ledger: the maximum-likelihood calibration, and what it did to the validation cross-entropy.</summary>
    public static string Ledger(CalibrationOutcome fit, string data) =>
        (fit.Calibration.Method == CalibrationMethod.Vector
            ? $"Vector scaling ŵ ⊙ z + b̂ ({2 * fit.Calibration.ClassCount} parameters) maximizes the likelihood of the validation labels: cross-entropy "
            : $"T̂ = {NumberText.Format(fit.Calibration.Temperature, 4)} maximizes the likelihood of the validation labels: cross-entropy ") +
        $"{EvaluationReport.Metric(fit.CrossEntropyBefore)} → {EvaluationReport.Metric(fit.CrossEntropyAfter)} nats on N = {NumberText.Count(fit.RowCount)} rows of {data}.";

    /// <summary>The calibration in words: <c>T = 0.603</c> or <c>vector scaling</c>.</summary>
    public static string Describe(LogitCalibration calibration) =>
        calibration.Method == CalibrationMethod.Vector ? "vector scaling" : $"T = {NumberText.Format(calibration.Temperature, 4)}";

    /// <summary>Writes the ledger line (and ŵ, b̂ for vector scaling) and, with a test set, the table of its metrics before and after.</summary>
    public static void WriteText(TextWriter output, CalibrationOutcome fit, string data, TestComparison? test)
    {
        output.WriteLine(Ledger(fit, data));
        if (fit.Calibration.Method == CalibrationMethod.Vector)
        {
            output.WriteLine($"ŵ = [{string.Join(", ", fit.Calibration.Scale.Select(w => NumberText.Format(w, 3)))}]");
            output.WriteLine($"b̂ = [{string.Join(", ", fit.Calibration.Bias.Select(b => NumberText.Format(b, 3)))}]");
        }

        if (test is null)
        {
            return;
        }

        (ClassificationMetrics before, ClassificationMetrics after) = (test.Before, test.After);
        output.WriteLine($"On the test data {test.Data} ({NumberText.Count(before.RowCount)} rows):");
        var table = CliConsole.Table("metric", $"before ({Describe(test.CalibrationBefore)})", $"after ({Describe(fit.Calibration)})");
        CliConsole.AddRow(table, "cross-entropy (nats)", EvaluationReport.Metric(before.CrossEntropy), EvaluationReport.Metric(after.CrossEntropy));
        CliConsole.AddRow(table, "expected calibration error (15 bins)", EvaluationReport.Metric(before.ExpectedCalibrationError), EvaluationReport.Metric(after.ExpectedCalibrationError));
        CliConsole.AddRow(table, "accuracy", EvaluationReport.Metric(before.Accuracy), EvaluationReport.Metric(after.Accuracy));
        CliConsole.Write(output, table);
    }

    /// <summary>Writes the one JSON object.</summary>
    public static void WriteJson(TextWriter output, string model, string data, string saved, CalibrationOutcome fit, TestComparison? test)
    {
        LogitCalibration calibration = fit.Calibration;
        bool vector = calibration.Method == CalibrationMethod.Vector;
        JsonOutput.Write(output,
            new CalibrationResult(model, data, saved, fit.RowCount, vector ? null : calibration.Temperature, fit.CrossEntropyBefore, fit.CrossEntropyAfter, fit.Iterations,
                test is null ? null : new CalibrationTestResult(test.Data, test.Before.RowCount, CalibrationMetricsResult.Of(test.Before), CalibrationMetricsResult.Of(test.After)),
                Vocabulary.CalibrationMethod.NameOf(calibration.Method), vector ? calibration.Scale.ToArray() : null, vector ? calibration.Bias.ToArray() : null),
            CliJson.Default.CalibrationResult);
    }
}

/// <summary>What either fit of <c>likely calibrate</c> found, in one shape for the report.</summary>
/// <param name="Calibration">The fitted map of the logits (a temperature, or a scale and bias per class).</param>
/// <param name="CrossEntropyBefore">The validation cross-entropy (nats) of the model as given.</param>
/// <param name="CrossEntropyAfter">The validation cross-entropy (nats) under <paramref name="Calibration"/>.</param>
/// <param name="RowCount">N, the validation rows.</param>
/// <param name="Iterations">Newton steps (temperature) or L-BFGS iterations (vector).</param>
internal sealed record CalibrationOutcome(LogitCalibration Calibration, double CrossEntropyBefore, double CrossEntropyAfter, int RowCount, int Iterations)
{
    /// <summary>Fits <paramref name="method"/> to the validation rows (the one library call of the command).</summary>
    public static CalibrationOutcome Fit(CalibrationMethod method, ClassifierModel model, Likely.Data.Dataset validation, int threads)
    {
        if (method == CalibrationMethod.Vector)
        {
            VectorScalingFit vector = VectorScaling.Fit(model, validation, threads);
            return new(vector.Calibration, vector.CrossEntropyBefore, vector.CrossEntropyAfter, vector.RowCount, vector.Iterations);
        }

        TemperatureFit temperature = TemperatureScaling.Fit(model, validation, threads);
        return new(temperature.Calibration, temperature.CrossEntropyBefore, temperature.CrossEntropyAfter, temperature.RowCount, temperature.Iterations);
    }
}

/// <summary>A test set's metrics under the model as given and under the calibrated one.</summary>
/// <param name="Data">The test data's spec.</param>
/// <param name="CalibrationBefore">The model's calibration before (none, T = 1, unless it was calibrated already).</param>
/// <param name="Before">The metrics of the model as given.</param>
/// <param name="After">The metrics of the calibrated model.</param>
internal sealed record TestComparison(string Data, LogitCalibration CalibrationBefore, ClassificationMetrics Before, ClassificationMetrics After);

/// <summary><c>likely calibrate --json</c>: the fit and, with <c>--test</c>, the test metrics before and after.</summary>
/// <param name="Model">The model file read.</param>
/// <param name="Data">The validation data's spec (<c>validation</c> for the rows the model held out in training).</param>
/// <param name="Out">The calibrated model file written.</param>
/// <param name="Rows">N, the validation rows.</param>
/// <param name="Temperature">T̂, the maximum-likelihood temperature stored in the calibrated model; left out for vector scaling.</param>
/// <param name="CrossEntropyBefore">The validation cross-entropy (nats) of the model as given.</param>
/// <param name="CrossEntropyAfter">The validation cross-entropy (nats) after calibration.</param>
/// <param name="Iterations">Newton steps (temperature) or L-BFGS iterations (vector) of the fit.</param>
/// <param name="Test">The test metrics before and after, or null without <c>--test</c>.</param>
/// <param name="Method">temperature or vector, as <c>--method</c> spells it.</param>
/// <param name="Scale">ŵ per class, in the model's class order (vector scaling only).</param>
/// <param name="Bias">b̂ per class, summing to 0 (vector scaling only).</param>
internal sealed record CalibrationResult(
    string Model, string Data, string Out, int Rows, double? Temperature, double CrossEntropyBefore, double CrossEntropyAfter, int Iterations, CalibrationTestResult? Test,
    string Method, double[]? Scale, double[]? Bias);

/// <summary>The test part of <see cref="CalibrationResult"/>.</summary>
/// <param name="Data">The test data's spec.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="Before">Its metrics under the model as given.</param>
/// <param name="After">Its metrics under the calibrated model.</param>
internal sealed record CalibrationTestResult(string Data, int Rows, CalibrationMetricsResult Before, CalibrationMetricsResult After);

/// <summary>The metrics calibration changes (cross-entropy, expected calibration error) and accuracy (unchanged by a temperature).</summary>
/// <param name="CrossEntropy">Mean −ln q(y|x), nats.</param>
/// <param name="ExpectedCalibrationError">Σ_b (n_b/N)·|accuracy_b − confidence_b| over 15 bins.</param>
/// <param name="Accuracy">Fraction of rows whose most probable class is the label.</param>
internal sealed record CalibrationMetricsResult(double CrossEntropy, double ExpectedCalibrationError, double Accuracy)
{
    /// <summary>The three metrics of <paramref name="m"/>.</summary>
    public static CalibrationMetricsResult Of(ClassificationMetrics m) => new(m.CrossEntropy, m.ExpectedCalibrationError, m.Accuracy);
}
