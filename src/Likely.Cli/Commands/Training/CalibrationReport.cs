using Likely.Cli.Output;
using Likely.Evaluation;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>Prints a temperature fit (and the test metrics before and after it) as a ledger line and a table, or as one JSON object.</summary>
internal static class CalibrationReport
{
    /// <summary>The one line of ledger: T̂ is the maximum-likelihood estimate, and what it did to the validation cross-entropy.</summary>
    public static string Ledger(TemperatureFit fit, string data) =>
        $"T̂ = {NumberText.Format(fit.Temperature, 4)} maximizes the likelihood of the validation labels: cross-entropy " +
        $"{EvaluationReport.Metric(fit.CrossEntropyBefore)} → {EvaluationReport.Metric(fit.CrossEntropyAfter)} nats on N = {NumberText.Count(fit.RowCount)} rows of {data}.";

    /// <summary>Writes the ledger line and, with a test set, the table of its metrics before and after.</summary>
    public static void WriteText(TextWriter output, TemperatureFit fit, string data, TestComparison? test)
    {
        output.WriteLine(Ledger(fit, data));
        if (test is null)
        {
            return;
        }

        (ClassificationMetrics before, ClassificationMetrics after) = (test.Before, test.After);
        output.WriteLine($"On the test data {test.Data} ({NumberText.Count(before.RowCount)} rows):");
        var table = CliConsole.Table("metric", "before (T = " + NumberText.Format(test.TemperatureBefore, 4) + ")", $"after (T = {NumberText.Format(fit.Temperature, 4)})");
        CliConsole.AddRow(table, "cross-entropy (nats)", EvaluationReport.Metric(before.CrossEntropy), EvaluationReport.Metric(after.CrossEntropy));
        CliConsole.AddRow(table, "expected calibration error (15 bins)", EvaluationReport.Metric(before.ExpectedCalibrationError), EvaluationReport.Metric(after.ExpectedCalibrationError));
        CliConsole.AddRow(table, "accuracy", EvaluationReport.Metric(before.Accuracy), EvaluationReport.Metric(after.Accuracy));
        CliConsole.Write(output, table);
    }

    /// <summary>Writes the one JSON object.</summary>
    public static void WriteJson(TextWriter output, string model, string data, string saved, TemperatureFit fit, TestComparison? test) =>
        JsonOutput.Write(output,
            new CalibrationResult(model, data, saved, fit.RowCount, fit.Temperature, fit.CrossEntropyBefore, fit.CrossEntropyAfter, fit.Iterations,
                test is null ? null : new CalibrationTestResult(test.Data, test.Before.RowCount, CalibrationMetricsResult.Of(test.Before), CalibrationMetricsResult.Of(test.After))),
            CliJson.Default.CalibrationResult);
}

/// <summary>A test set's metrics under the model as given and under the calibrated one.</summary>
/// <param name="Data">The test data's spec.</param>
/// <param name="TemperatureBefore">The model's temperature before calibration (1 unless it was calibrated already).</param>
/// <param name="Before">The metrics of the model as given.</param>
/// <param name="After">The metrics of the calibrated model.</param>
internal sealed record TestComparison(string Data, double TemperatureBefore, ClassificationMetrics Before, ClassificationMetrics After);

/// <summary><c>likely calibrate --json</c>: the temperature fit and, with <c>--test</c>, the test metrics before and after.</summary>
/// <param name="Model">The model file read.</param>
/// <param name="Data">The validation data's spec (<c>validation</c> for the rows the model held out in training).</param>
/// <param name="Out">The calibrated model file written.</param>
/// <param name="Rows">N, the validation rows.</param>
/// <param name="Temperature">T̂, the maximum-likelihood temperature stored in the calibrated model.</param>
/// <param name="CrossEntropyBefore">The validation cross-entropy (nats) of the model as given.</param>
/// <param name="CrossEntropyAfter">The validation cross-entropy (nats) at T̂.</param>
/// <param name="Iterations">Newton steps of the fit.</param>
/// <param name="Test">The test metrics before and after, or null without <c>--test</c>.</param>
internal sealed record CalibrationResult(
    string Model, string Data, string Out, int Rows, double Temperature, double CrossEntropyBefore, double CrossEntropyAfter, int Iterations, CalibrationTestResult? Test);

/// <summary>The test part of <see cref="CalibrationResult"/>.</summary>
/// <param name="Data">The test data's spec.</param>
/// <param name="Rows">Its rows.</param>
/// <param name="Before">Its metrics under the model as given.</param>
/// <param name="After">Its metrics under the calibrated model.</param>
internal sealed record CalibrationTestResult(string Data, int Rows, CalibrationMetricsResult Before, CalibrationMetricsResult After);

/// <summary>The metrics calibration changes (cross-entropy, expected calibration error) and the one it cannot (accuracy).</summary>
/// <param name="CrossEntropy">Mean −ln q(y|x), nats.</param>
/// <param name="ExpectedCalibrationError">Σ_b (n_b/N)·|accuracy_b − confidence_b| over 15 bins.</param>
/// <param name="Accuracy">Fraction of rows whose most probable class is the label.</param>
internal sealed record CalibrationMetricsResult(double CrossEntropy, double ExpectedCalibrationError, double Accuracy)
{
    /// <summary>The three metrics of <paramref name="m"/>.</summary>
    public static CalibrationMetricsResult Of(ClassificationMetrics m) => new(m.CrossEntropy, m.ExpectedCalibrationError, m.Accuracy);
}
