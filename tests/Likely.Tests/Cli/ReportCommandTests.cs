using System.Globalization;
using System.Text.Json;
using Likely.Data;
using Likely.Models;
using Likely.Training;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-report-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>A digits softmax model (full-batch L-BFGS: deterministic and quick).</summary>
    internal static string TrainDigits(string folder)
    {
        string path = Path.Combine(folder, "digits.safetensors");
        var trained = Run("train", "--data", "digits", "--architecture", "softmax", "--solver", "lbfgs", "--out", path);
        Assert.True(trained.Status == 0, trained.Error);
        return path;
    }

    [Fact]
    public void Report_DigitsModel_PageAndJsonHoldTheEvaluateNumbers()
    {
        string model = TrainDigits(folder), page = Path.Combine(folder, "report.html");
        var (status, output, error) = Run("report", "--model", model, "--data", "digits:test", "--out", page, "--json");
        Assert.True(status == 0, error);
        using var report = JsonDocument.Parse(output);
        using var evaluation = JsonDocument.Parse(Run("evaluate", "--model", model, "--data", "digits:test", "--json").Output);
        JsonElement r = report.RootElement, e = evaluation.RootElement;
        JsonKeys.AssertCamelCase(r);
        Assert.Equal(e.GetProperty("crossEntropy").GetDouble(), r.GetProperty("crossEntropy").GetDouble());
        Assert.Equal(e.GetProperty("accuracy").GetDouble(), r.GetProperty("accuracy").GetDouble());
        Assert.Equal(e.GetProperty("crossEntropyReduction").GetDouble(), r.GetProperty("crossEntropyReduction").GetDouble());

        // The class-prior entropy from the label counts (the confusion matrix's row sums), by hand: −Σ (n_c/N) ln(n_c/N).
        int[] counts = [.. e.GetProperty("confusionMatrix").EnumerateArray().Select(row => row.EnumerateArray().Sum(cell => cell.GetInt32()))];
        double n = counts.Sum(), prior = -counts.Where(c => c > 0).Sum(c => c / n * Math.Log(c / n));
        Assert.Equal(prior, r.GetProperty("classPriorEntropy").GetDouble(), 1e-12);

        string html = File.ReadAllText(page);
        Assert.Equal(new FileInfo(page).Length, r.GetProperty("bytes").GetInt32());
        Assert.Contains(Fixed4(e.GetProperty("accuracy").GetDouble()), html);
        Assert.Contains(Fixed4(e.GetProperty("crossEntropy").GetDouble()) + " nats", html);
        Assert.Contains(Fixed4(prior), html);
        Assert.Contains("data:image/png;base64,", html); // digits are 8×8 images
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        // The only URLs are the SVG figures' XML namespace names, which nothing fetches.
        Assert.All(System.Text.RegularExpressions.Regex.Matches(html, @"https?://[^\s""'<>)]+").Select(match => match.Value),
            url => Assert.Contains(url, new[] { "http://www.w3.org/2000/svg", "http://www.w3.org/1999/xlink" }));
    }

    [Fact]
    public void Report_Figures_LearningCurvesOnlyWithAHistory()
    {
        string lbfgs = TrainDigits(folder), minibatch = Path.Combine(folder, "mlp.safetensors");
        Assert.Equal(0, Run("train", "--data", "digits", "--hidden-widths", "16", "--epochs", "2", "--out", minibatch).Status);
        string[] Figures(string model, string page)
        {
            var (status, output, error) = Run("report", "--model", model, "--data", "digits:test", "--out", Path.Combine(folder, page), "--json");
            Assert.True(status == 0, error);
            using var json = JsonDocument.Parse(output);
            return [.. json.RootElement.GetProperty("figures").EnumerateArray().Select(f => f.GetString()!)];
        }

        Assert.Equal(["Confusion matrix", "Reliability diagram", "Cross-entropy per class"], Figures(lbfgs, "a.html"));
        Assert.Equal(["Learning curves", "Confusion matrix", "Reliability diagram", "Cross-entropy per class"], Figures(minibatch, "b.html"));
        string html = File.ReadAllText(Path.Combine(folder, "b.html"));
        Assert.Equal(4, html.Split("<svg").Length - 1);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Report_HardestRows_AreThoseOfLowestPredictedProbabilityOfTheLabel()
    {
        // Independently of the report: likely predict's probabilities and the data's labels, −ln q(y|x) sorted by hand.
        string model = TrainDigits(folder), probabilities = Path.Combine(folder, "p.csv");
        Assert.Equal(0, Run("predict", "--model", model, "--data", "digits:test", "--out", probabilities).Status);
        int[] labels = DatasetCatalog.Load("digits:test").Labels;
        double[] losses = [.. File.ReadLines(probabilities).Skip(1).Select((line, row) =>
            -Math.Log(double.Parse(line.Split(',')[labels[row]], CultureInfo.InvariantCulture)))];
        int[] expected = [.. Enumerable.Range(0, losses.Length).OrderByDescending(row => losses[row]).Take(5)];

        var (status, output, error) = Run("report", "--model", model, "--data", "digits:test", "--out", Path.Combine(folder, "r.html"), "--hardest", "5", "--json");

        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(expected, json.RootElement.GetProperty("hardestRows").EnumerateArray().Select(row => row.GetInt32()));
    }

    [Fact]
    public void Report_ClassAndFeatureNamesWithMarkup_AreEscaped()
    {
        string data = Path.Combine(folder, "data.csv"), model = Path.Combine(folder, "m.safetensors"), page = Path.Combine(folder, "r.html");
        File.WriteAllLines(data, ["\"<b>x</b>\",label", "0,<script>", "0.1,<script>", "0.2,a&b", "0.9,a&b", "1,\"q\"\"'\"", "0.95,\"q\"\"'\""]);
        var trained = Run("train", "--data", data, "--label", "label", "--architecture", "softmax", "--solver", "lbfgs", "--out", model);
        Assert.True(trained.Status == 0, trained.Error);

        var (status, _, error) = Run("report", "--model", model, "--data", data, "--label", "label", "--out", page);

        Assert.True(status == 0, error);
        string html = File.ReadAllText(page);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("a&b", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", html);
        Assert.Contains("&lt;b&gt;x&lt;/b&gt;", html);
        Assert.Contains("a&amp;b", html);
        Assert.Contains("q&quot;&#39;", html);
        Assert.DoesNotContain("data:image/png", html); // a CSV is a table, not images
    }

    [Fact]
    public void Report_UnwritableOut_FailsBeforeReadingTheModel()
    {
        // The model does not exist either: the error is about --out, so the path was checked first.
        string absent = Path.Combine(folder, "absent.safetensors"), target = Path.Combine(folder, "no-such-folder", "r.html");
        var (status, output, error) = Run("report", "--model", absent, "--data", "digits:test", "--out", target);
        Assert.Equal(2, status);
        Assert.StartsWith("error: --out", error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Report_JsonAndStandardOutput_RefusedInOneLine()
    {
        var (status, _, error) = Run("report", "--model", "m.safetensors", "--data", "digits:test", "--out", "-", "--json");
        Assert.Equal(2, status);
        Assert.Contains("--json", error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Report_ModelWithoutProvenanceAndWithTemperature_SaysSoAndShowsT()
    {
        // Two inputs, two classes; no standardizer and no provenance, as a model written by another program may be.
        var layer = new DenseLayer(2, 2, [1, 0, 0, 1], [0, 0]);
        var network = new MultilayerPerceptron([layer], Activation.Relu);
        string model = Path.Combine(folder, "bare.safetensors"), data = Path.Combine(folder, "d.csv"), page = Path.Combine(folder, "r.html");
        new ClassifierModel(network, null, ["no", "yes"], ["u", "v"], provenance: null, temperature: 2.5).Save(model);
        File.WriteAllLines(data, ["u,v,y", "1,0,no", "0,1,yes", "0.2,0.9,no"]);

        var (status, output, error) = Run("report", "--model", model, "--data", data, "--label", "y", "--out", page, "--json");

        Assert.True(status == 0, error);
        string html = File.ReadAllText(page);
        Assert.Contains("holds no provenance", html);
        Assert.Contains("T = 2.5", html);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(2.5, json.RootElement.GetProperty("temperature").GetDouble());
        Assert.Equal("temperature", json.RootElement.GetProperty("calibrationMethod").GetString());
        // By hand: logits z/T = x/2.5. Row 3 (label no) has z = (0.08, 0.36): −ln q = ln(1 + e^0.28) = 0.8393; the hardest.
        Assert.Equal(2, json.RootElement.GetProperty("hardestRows")[0].GetInt32());
    }

    [Fact]
    public void Report_VectorScaledModel_ModelSectionTablesScaleAndBias()
    {
        // The identity network (z = x) with w = (2, 0.5), b = (0.25, −0.25): z′ = (2u + 0.25, 0.5v − 0.25).
        var network = new MultilayerPerceptron([new DenseLayer(2, 2, [1, 0, 0, 1], [0, 0])], Activation.Relu);
        string model = Path.Combine(folder, "vector.safetensors"), data = Path.Combine(folder, "d.csv"), page = Path.Combine(folder, "r.html");
        new ClassifierModel(network, null, ["no", "yes"], ["u", "v"], provenance: null).WithCalibration(LogitCalibration.Vector([2, 0.5], [0.25, -0.25])).Save(model);
        File.WriteAllLines(data, ["u,v,y", "1,0,no", "0,1,yes", "0.2,0.9,no"]);

        var (status, output, error) = Run("report", "--model", model, "--data", data, "--label", "y", "--out", page, "--json");

        Assert.True(status == 0, error);
        string html = File.ReadAllText(page);
        Assert.Contains("vector scaling (a scale and bias per class", html);
        Assert.Contains("<tr><td>no</td><td class=\"num\">2</td><td class=\"num\">0.25</td></tr>", html);
        Assert.Contains("<tr><td>yes</td><td class=\"num\">0.5</td><td class=\"num\">-0.25</td></tr>", html);
        Assert.DoesNotContain("T = 1 (not calibrated)", html);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("vector", json.RootElement.GetProperty("calibrationMethod").GetString());
        Assert.False(json.RootElement.TryGetProperty("temperature", out _));
        // By hand, −ln q(y|x) per row: ln(1 + e^−2.5) = 0.0789, ln 2 = 0.6931, ln(1 + e^−0.45) = 0.4932 (mean 0.421762);
        // row 1 is the hardest. Without the calibration row 2 would be (ln(1 + e^0.7) = 1.1032).
        Assert.Equal(0.4217619536166499, json.RootElement.GetProperty("crossEntropy").GetDouble(), 1e-6);
        Assert.Equal(1, json.RootElement.GetProperty("hardestRows")[0].GetInt32());
    }

    [Fact]
    public void Scalable_SvgWithSizeOnly_GetsTheViewBoxOfItsSize()
    {
        string svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"880\" height=\"480.5\"><rect width=\"10\" height=\"10\"/></svg>";
        string scalable = Likely.Cli.Commands.Report.ReportPage.Scalable(svg);
        Assert.StartsWith("<svg viewBox=\"0 0 880 480.5\" xmlns=", scalable);
        Assert.Equal(scalable, Likely.Cli.Commands.Report.ReportPage.Scalable(scalable)); // a viewBox is kept as it is
    }

    private static string Fixed4(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
