using System.Globalization;
using Likely.Cli.Output;
using Likely.Evaluation;
using Likely.Training;
using Spectre.Console;

namespace Likely.Cli.Commands.Training;

/// <summary>Prints <see cref="ClassificationMetrics"/> as tables or as one JSON object (<see cref="EvaluationResult"/>).</summary>
internal static class EvaluationReport
{
    /// <summary>Decimals of a metric in the human output (cross-entropy, accuracy, perplexity).</summary>
    public const int MetricDecimals = 4;

    /// <summary>Writes the summary, per-class and confusion tables.</summary>
    public static void WriteTables(TextWriter output, ClassifierModel model, string data, ClassificationMetrics m)
    {
        output.WriteLine($"{model} on {data}");
        var summary = CliConsole.Table("metric", "value");
        CliConsole.AddRow(summary, "rows", NumberText.Count(m.RowCount));
        CliConsole.AddRow(summary, "cross-entropy (nats)", Metric(m.CrossEntropy));
        CliConsole.AddRow(summary, "cross-entropy (bits)", Metric(m.CrossEntropyBits));
        CliConsole.AddRow(summary, "perplexity", Metric(m.Perplexity));
        CliConsole.AddRow(summary, "accuracy (micro)", Metric(m.Accuracy));
        CliConsole.AddRow(summary, "macro accuracy", Metric(m.MacroAccuracy));
        CliConsole.AddRow(summary, $"top-{m.TopK} accuracy", Metric(m.TopKAccuracy));
        CliConsole.AddRow(summary, "cross-entropy reduction vs class prior", Metric(m.CrossEntropyReduction));
        CliConsole.AddRow(summary, "expected calibration error (15 bins)", Metric(m.ExpectedCalibrationError));
        CliConsole.Write(output, summary);

        var perClass = CliConsole.Table("class", "rows", "accuracy", "cross-entropy (nats)").Title("Per class");
        for (int c = 0; c < m.ClassCount; c++)
        {
            int rows = Enumerable.Range(0, m.ClassCount).Sum(p => m.Count(c, p));
            // A class with no row has no accuracy or cross-entropy to show.
            CliConsole.AddRow(perClass, model.ClassNames[c], NumberText.Count(rows),
                rows == 0 ? "-" : Metric((double)m.Count(c, c) / rows), rows == 0 ? "-" : Metric(m.PerClassCrossEntropy[c]));
        }

        CliConsole.Write(output, perClass);

        string[] headers = ["actual \\ predicted", .. Enumerable.Range(0, m.ClassCount).Select(p => p.ToString(CultureInfo.InvariantCulture))];
        var confusion = CliConsole.Table(headers).Title("Confusion matrix (rows: actual, columns: predicted)");
        for (int c = 0; c < m.ClassCount; c++)
        {
            string name = model.ClassNames[c] == c.ToString(CultureInfo.InvariantCulture) ? model.ClassNames[c] : $"{c} {model.ClassNames[c]}";
            CliConsole.AddRow(confusion, [name, .. Enumerable.Range(0, m.ClassCount).Select(p => NumberText.Count(m.Count(c, p)))]);
        }

        CliConsole.Write(output, confusion);
    }

    /// <summary>Writes the one JSON object.</summary>
    public static void WriteJson(TextWriter output, ClassifierModel model, string data, ClassificationMetrics m) =>
        JsonOutput.Write(output, EvaluationResult.Of(model, data, m), CliJson.Default.EvaluationResult);

    /// <summary>The calibration's method as <c>likely calibrate --method</c> spells it (the JSON key <c>calibrationMethod</c> of
    /// evaluate, report and export), or null for an uncalibrated model (T = 1), whose JSON leaves the key out.</summary>
    public static string? CalibrationMethodName(ClassifierModel model) =>
        model.Calibration.IsNone ? null : Options.Vocabulary.CalibrationMethod.NameOf(model.Calibration.Method);

    /// <summary>A metric in a table or line, to <see cref="MetricDecimals"/> decimals, so a column's decimals align.</summary>
    public static string Metric(double value) => NumberText.Fixed(value, MetricDecimals);
}
