using System.Text.Json;
using Likely.Training;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

/// <summary><c>likely calibrate</c> through the real command tree: the fit, the file, the report, and one-line errors with exit status 2.</summary>
public sealed class CalibrateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-calibrate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Calibrate_HeldOutValidation_SavesTemperatureAndReportsTest()
    {
        string model = Train("--validation", "0.2"), calibrated = Path.Combine(folder, "calibrated.safetensors");
        var (status, output, error) = Run("calibrate", "--model", model, "--data", "validation", "--out", calibrated, "--test", "digits:test", "--json");
        Assert.True(status == 0, error);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        JsonKeys.AssertCamelCase(root);
        double t = root.GetProperty("temperature").GetDouble();
        // The held-out rows are the train command's own validation split: round(0.2 · 1,437) = 287 rows (DatasetSplit's rule).
        Assert.Equal(287, root.GetProperty("rows").GetInt32());
        Assert.True(root.GetProperty("crossEntropyAfter").GetDouble() <= root.GetProperty("crossEntropyBefore").GetDouble());
        Assert.Equal(t, ClassifierModel.Load(calibrated).Temperature);
        Assert.Equal(1, ClassifierModel.Load(model).Temperature); // the input is untouched
        JsonElement test = root.GetProperty("test");
        Assert.Equal(360, test.GetProperty("rows").GetInt32());
        Assert.Equal(test.GetProperty("before").GetProperty("accuracy").GetDouble(), test.GetProperty("after").GetProperty("accuracy").GetDouble());

        // The same numbers as evaluate gives for each file (an independent path: the model file, reloaded).
        var (_, evaluated, _) = Run("evaluate", "--model", calibrated, "--data", "digits:test", "--json");
        using var evaluation = JsonDocument.Parse(evaluated);
        Assert.Equal(evaluation.RootElement.GetProperty("crossEntropy").GetDouble(), test.GetProperty("after").GetProperty("crossEntropy").GetDouble());
        Assert.Equal(evaluation.RootElement.GetProperty("expectedCalibrationError").GetDouble(), test.GetProperty("after").GetProperty("expectedCalibrationError").GetDouble());
    }

    [Fact]
    public void Predict_CalibratedModel_SoftmaxOfLogProbabilitiesOverT()
    {
        // Oracle: ln q(c|x) of the uncalibrated model is z_c minus a row constant, so softmax(ln q / T) = softmax(z/T).
        string model = Train("--validation", "0.2"), calibrated = Path.Combine(folder, "calibrated.safetensors");
        Assert.Equal(0, Run("calibrate", "--model", model, "--data", "validation", "--out", calibrated).Status);
        double t = ClassifierModel.Load(calibrated).Temperature;
        string plainCsv = Path.Combine(folder, "plain.csv"), calibratedCsv = Path.Combine(folder, "calibrated.csv");
        Assert.Equal(0, Run("predict", "--model", model, "--data", "digits:test", "--out", plainCsv).Status);
        Assert.Equal(0, Run("predict", "--model", calibrated, "--data", "digits:test", "--out", calibratedCsv).Status);
        double[][] plain = ReadCsv(plainCsv), scaled = ReadCsv(calibratedCsv);
        Assert.Equal(360, scaled.Length);
        for (int r = 0; r < plain.Length; r++)
        {
            double[] s = plain[r].Select(p => Math.Log(p) / t).ToArray();
            double max = s.Max(), sum = s.Sum(v => Math.Exp(v - max));
            for (int c = 0; c < s.Length; c++)
            {
                // float32 probabilities (relative error ~1e-7, and ln of tiny ones ~1e-7 absolute) through 1/T: 1e-5 absolute.
                Assert.Equal(Math.Exp(s[c] - max) / sum, scaled[r][c], 1e-5);
            }
        }

        var (_, evaluated, _) = Run("evaluate", "--model", calibrated, "--data", "digits:test", "--json");
        using var json = JsonDocument.Parse(evaluated);
        Assert.Equal(t, json.RootElement.GetProperty("temperature").GetDouble());
        var (_, plainEvaluated, _) = Run("evaluate", "--model", model, "--data", "digits:test", "--json");
        Assert.DoesNotContain("temperature", plainEvaluated); // T = 1: evaluate's object is what it always was
    }

    private static double[][] ReadCsv(string path) =>
        File.ReadAllLines(path).Skip(1).Select(line => line.Split(',').Select(v => double.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray()).ToArray();

    [Fact]
    public void Calibrate_Text_LedgerLineAndTable()
    {
        string model = Train("--validation", "0.2"), calibrated = Path.Combine(folder, "calibrated.safetensors");
        var (status, output, error) = Run("calibrate", "--model", model, "--data", "validation", "--out", calibrated, "--test", "digits:test");
        Assert.True(status == 0, error);
        string[] lines = output.Split('\n');
        Assert.Matches(@"^T̂ = [0-9.]+ maximizes the likelihood of the validation labels: cross-entropy [0-9.]+ → [0-9.]+ nats on N = 287 rows of validation \(the 0\.2 of digits held out in training, seed 1\)\.$", lines[0]);
        Assert.Contains("expected calibration error (15 bins)", output);
        Assert.Contains($"to {calibrated}.", output);
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
    }

    [Fact]
    public void Calibrate_MethodVector_SavesScaleAndBiasThatEvaluateApplies()
    {
        string model = Train("--validation", "0.2"), calibrated = Path.Combine(folder, "vector.safetensors");
        var (status, output, error) = Run("calibrate", "--model", model, "--data", "validation", "--out", calibrated, "--method", "vector", "--test", "digits:test", "--json");
        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        JsonKeys.AssertCamelCase(root);
        Assert.Equal("vector", root.GetProperty("method").GetString());
        Assert.False(root.TryGetProperty("temperature", out _));
        double[] scale = root.GetProperty("scale").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        double[] bias = root.GetProperty("bias").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(10, scale.Length);
        Assert.Equal(0, bias.Sum(), 1e-5); // the gauge: b̂ sums to 0
        Assert.True(root.GetProperty("crossEntropyAfter").GetDouble() <= root.GetProperty("crossEntropyBefore").GetDouble());

        // The saved model is vector-scaled with exactly these values, and evaluate (reloading it) gives the "after" metrics.
        ClassifierModel loaded = ClassifierModel.Load(calibrated);
        Assert.Equal(CalibrationMethod.Vector, loaded.Calibration.Method);
        Assert.Equal(scale, loaded.Calibration.Scale);
        Assert.Equal(bias, loaded.Calibration.Bias);
        var (_, evaluated, _) = Run("evaluate", "--model", calibrated, "--data", "digits:test", "--json");
        using var evaluation = JsonDocument.Parse(evaluated);
        JsonElement after = root.GetProperty("test").GetProperty("after");
        Assert.Equal(evaluation.RootElement.GetProperty("crossEntropy").GetDouble(), after.GetProperty("crossEntropy").GetDouble());
        Assert.Equal(evaluation.RootElement.GetProperty("accuracy").GetDouble(), after.GetProperty("accuracy").GetDouble());

        var (textStatus, text, textError) = Run("calibrate", "--model", model, "--data", "validation", "--out", calibrated, "--method", "vector");
        Assert.True(textStatus == 0, textError);
        Assert.Matches(@"^Vector scaling ŵ ⊙ z \+ b̂ \(20 parameters\) maximizes the likelihood of the validation labels: cross-entropy [0-9.]+ → [0-9.]+ nats on N = 287 rows", text);
        Assert.Contains("(vector scaling)", text);
    }

    [Fact]
    public void Calibrate_UnknownMethod_OneLineError()
    {
        string model = Train("--validation", "0.2");
        var (status, _, error) = Run("calibrate", "--model", model, "--data", "validation", "--out", Path.Combine(folder, "c.safetensors"), "--method", "matrix");
        Assert.Equal(2, status);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("temperature", error);
    }

    [Fact]
    public void Calibrate_OutIsModel_ReplacesItAtomically()
    {
        // Allowed: the model is read whole before the calibrated one is renamed over it.
        string model = Train("--validation", "0.2");
        var (status, output, error) = Run("calibrate", "--model", model, "--data", "validation", "--out", model, "--json");
        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(json.RootElement.GetProperty("temperature").GetDouble(), ClassifierModel.Load(model).Temperature);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void Calibrate_ModelWithoutValidation_OneLineError()
    {
        string model = Train();
        var (status, output, error) = Run("calibrate", "--model", model, "--data", "validation", "--out", Path.Combine(folder, "c.safetensors"));
        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("held none out", error);
        Assert.False(File.Exists(Path.Combine(folder, "c.safetensors")));
    }

    [Fact]
    public void Calibrate_TestIsData_OneLineError()
    {
        string model = Train();
        var (status, _, error) = Run("calibrate", "--model", model, "--data", "digits:test", "--out", Path.Combine(folder, "c.safetensors"), "--test", "digits:test");
        Assert.Equal(2, status);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("other rows", error);
    }

    [Fact]
    public void Calibrate_LabelsTheModelDoesNotKnow_OneLineError()
    {
        string model = Train();
        string csv = Path.Combine(folder, "v.csv");
        string header = string.Join(",", ClassifierModel.Load(model).FeatureNames) + ",label";
        string row = string.Join(",", Enumerable.Repeat("0.5", 64));
        File.WriteAllLines(csv, [header, row + ",3", row + ",eleven"]);
        var (status, _, error) = Run("calibrate", "--model", model, "--data", csv, "--label", "label", "--out", Path.Combine(folder, "c.safetensors"));
        Assert.Equal(2, status);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("eleven", error);
    }

    [Fact]
    public void Calibrate_OutIsAFolder_FailsBeforeTheWork()
    {
        string model = Train();
        var (status, _, error) = Run("calibrate", "--model", model, "--data", "digits:test", "--out", folder);
        Assert.Equal(2, status);
        Assert.Contains("is a folder", error);
    }

    /// <summary>A quick digits model (softmax regression, 2 epochs), with the extra train arguments given.</summary>
    private string Train(params string[] extra)
    {
        string path = Path.Combine(folder, $"m{Guid.NewGuid():N}.safetensors");
        var (status, _, error) = Run(["train", "--data", "digits", "--architecture", "softmax", "--epochs", "2", "--out", path, .. extra]);
        Assert.True(status == 0, error);
        return path;
    }
}
