using System.Globalization;
using System.Text.Json;
using Likely.Evaluation;
using Likely.Training;
using Spectre.Console;

namespace Likely.Cli.Commands.Training;

/// <summary>Prints <see cref="ClassificationMetrics"/> as tables or as one JSON object.</summary>
internal static class EvaluationReport
{
    /// <summary>JSON settings of the training commands' output: camelCase names, ±∞/NaN as strings, readable arrows.</summary>
    internal static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // "→" stays readable
    };

    public static void WriteTables(TextWriter output, ClassifierModel model, string data, ClassificationMetrics m)
    {
        IAnsiConsole console = ConsoleFactory.Plain(output);
        output.WriteLine($"{model} on {data}");
        var summary = new Table().Border(TableBorder.Simple).AddColumns("metric", "value");
        summary.AddRow("rows", m.RowCount.ToString("N0", CultureInfo.InvariantCulture));
        summary.AddRow("mean cross-entropy (nats)", F(m.CrossEntropy));
        summary.AddRow("mean cross-entropy (bits)", F(m.CrossEntropyBits));
        summary.AddRow("perplexity", F(m.Perplexity));
        summary.AddRow("accuracy (micro)", F(m.Accuracy));
        summary.AddRow("macro accuracy", F(m.MacroAccuracy));
        summary.AddRow($"top-{m.TopK} accuracy", F(m.TopKAccuracy));
        summary.AddRow("log-loss reduction vs class prior", F(m.CrossEntropyReduction));
        summary.AddRow("expected calibration error (15 bins)", F(m.ExpectedCalibrationError));
        console.Write(summary);

        var perClass = new Table().Border(TableBorder.Simple).Title("Per class").AddColumns("class", "rows", "accuracy", "log-loss (nats)");
        for (int c = 0; c < m.ClassCount; c++)
        {
            int rows = Enumerable.Range(0, m.ClassCount).Sum(p => m.Count(c, p));
            perClass.AddRow(Markup.Escape(model.ClassNames[c]), rows.ToString("N0", CultureInfo.InvariantCulture),
                rows == 0 ? "-" : F((double)m.Count(c, c) / rows), F(m.PerClassCrossEntropy[c]));
        }

        console.Write(perClass);

        var confusion = new Table().Border(TableBorder.Simple).Title("Confusion matrix (rows: actual, columns: predicted)");
        confusion.AddColumn("actual \\ predicted");
        for (int p = 0; p < m.ClassCount; p++) confusion.AddColumn(p.ToString(CultureInfo.InvariantCulture));
        for (int c = 0; c < m.ClassCount; c++)
        {
            string name = model.ClassNames[c] == c.ToString(CultureInfo.InvariantCulture) ? model.ClassNames[c] : $"{c} {model.ClassNames[c]}";
            confusion.AddRow(new[] { Markup.Escape(name) }
                .Concat(Enumerable.Range(0, m.ClassCount).Select(p => m.Count(c, p).ToString(CultureInfo.InvariantCulture))).ToArray());
        }

        console.Write(confusion);
    }

    public static void WriteJson(TextWriter output, ClassifierModel model, string data, ClassificationMetrics m)
    {
        int[][] matrix = Enumerable.Range(0, m.ClassCount).Select(c => Enumerable.Range(0, m.ClassCount).Select(p => m.Count(c, p)).ToArray()).ToArray();
        output.WriteLine(JsonSerializer.Serialize(new
        {
            model = model.ToString(),
            data,
            rows = m.RowCount,
            crossEntropyNats = m.CrossEntropy,
            crossEntropyBits = m.CrossEntropyBits,
            perplexity = m.Perplexity,
            accuracy = m.Accuracy,
            microAccuracy = m.MicroAccuracy,
            macroAccuracy = m.MacroAccuracy,
            topK = m.TopK,
            topKAccuracy = m.TopKAccuracy,
            logLossReduction = m.CrossEntropyReduction,
            expectedCalibrationError = m.ExpectedCalibrationError,
            classes = model.ClassNames,
            perClassLogLoss = m.PerClassCrossEntropy,
            confusionMatrix = matrix,
        }, JsonOptions));
    }

    private static string F(double value) => double.IsNaN(value) ? "-" : value.ToString("F4", CultureInfo.InvariantCulture);
}
