using System.Text.Json;
using Likely.Cli;
using Likely.Models;
using Likely.Training;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-evaluate-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Evaluate_TrainedDigitsModel_PrintsMetricsAboveTarget()
    {
        string path = Path.Combine(folder, "m.safetensors");
        Assert.Equal(0, Run("train", "--data", "digits", "--hidden", "64", "--epochs", "20", "--batch", "32", "--out", path).Status);
        var (status, output, error) = Run("evaluate", "--model", path, "--data", "digits:test", "--json");
        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("accuracy").GetDouble() >= 0.95);
        var (tableStatus, tables, _) = Run("evaluate", "--model", path, "--data", "digits:test");
        Assert.Equal(0, tableStatus);
        Assert.Contains("cross-entropy reduction vs class prior", tables);
        Assert.Contains("Confusion matrix", tables);
        Assert.All(tables.Split('\n'), line => Assert.Equal(line.TrimEnd(), line)); // no trailing spaces
    }

    [Fact]
    public void Evaluate_Json_CamelCaseKeysNamedCrossEntropy()
    {
        string path = Path.Combine(folder, "m.safetensors");
        var trained = Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "2", "--optimizer", "adamw", "--out", path);
        Assert.True(trained.Status == 0, trained.Error);
        var (status, output, error) = Run("evaluate", "--model", path, "--data", "digits:test", "--json");
        Assert.True(status == 0, error);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        JsonKeys.AssertCamelCase(root);
        double nats = root.GetProperty("crossEntropy").GetDouble();
        Assert.Equal(nats / Math.Log(2), root.GetProperty("crossEntropyBits").GetDouble(), 1e-12);
        Assert.Equal(Math.Exp(nats), root.GetProperty("perplexity").GetDouble(), 1e-9);
        Assert.Equal(10, root.GetProperty("perClassCrossEntropy").GetArrayLength());
        Assert.True(root.GetProperty("crossEntropyReduction").GetDouble() > 0); // better than predicting the class frequencies
        Assert.Equal(360, root.GetProperty("confusionMatrix").EnumerateArray().Sum(row => row.EnumerateArray().Sum(cell => cell.GetInt32())));
        foreach (string old in new[] { "crossEntropyNats", "logLossReduction", "perClassLogLoss" })
        {
            Assert.False(root.TryGetProperty(old, out _), old);
        }
    }

    [Fact]
    public void Evaluate_VectorScaledModel_JsonNamesMethodScaleAndBiasAndAppliesThem()
    {
        // Two inputs, two classes, identity weights (z = x) and w = (2, 0.5), b = (0.25, −0.25): z′ = (2u + 0.25, 0.5v − 0.25).
        string model = Path.Combine(folder, "vector.safetensors"), data = Path.Combine(folder, "d.csv");
        Calibrated(LogitCalibration.Vector([2, 0.5], [0.25, -0.25])).Save(model);
        File.WriteAllLines(data, ["u,v,y", "1,0,no", "0,1,yes", "0.2,0.9,no"]);
        var (status, output, error) = Run("evaluate", "--model", model, "--data", data, "--label", "y", "--json");
        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        JsonKeys.AssertCamelCase(root);
        Assert.Equal("vector", root.GetProperty("calibrationMethod").GetString());
        Assert.False(root.TryGetProperty("temperature", out _));
        Assert.Equal([2.0, 0.5], root.GetProperty("scale").EnumerateArray().Select(v => v.GetDouble()));
        Assert.Equal([0.25, -0.25], root.GetProperty("bias").EnumerateArray().Select(v => v.GetDouble()));
        // By hand, −ln q(y|x) = ln(1 + e^(z′_other − z′_y)): rows z′ = (2.25, −0.25), (0.25, 0.25), (0.65, 0.2) give
        // ln(1 + e^−2.5) = 0.078890, ln 2 = 0.693147, ln(1 + e^−0.45) = 0.493249; their mean is 0.421762.
        Assert.Equal(0.4217619536166499, root.GetProperty("crossEntropy").GetDouble(), 1e-6);
    }

    [Fact]
    public void Evaluate_TemperatureAndUncalibratedModels_CalibrationMethodOnlyWhenCalibrated()
    {
        string data = Path.Combine(folder, "d.csv");
        File.WriteAllLines(data, ["u,v,y", "1,0,no", "0,1,yes", "0.2,0.9,no"]);
        foreach ((double t, string? method) in new[] { (2.5, "temperature"), (1.0, (string?)null) })
        {
            string model = Path.Combine(folder, $"t{t}.safetensors");
            Calibrated(LogitCalibration.FromTemperature(t)).Save(model);
            var (status, output, error) = Run("evaluate", "--model", model, "--data", data, "--label", "y", "--json");
            Assert.True(status == 0, error);
            using var json = JsonDocument.Parse(output);
            JsonElement root = json.RootElement;
            Assert.Equal(method, root.TryGetProperty("calibrationMethod", out JsonElement m) ? m.GetString() : null);
            Assert.Equal(method is null ? null : (double?)t, root.TryGetProperty("temperature", out JsonElement temperature) ? temperature.GetDouble() : (double?)null);
            Assert.False(root.TryGetProperty("scale", out _));
            Assert.False(root.TryGetProperty("bias", out _));
        }
    }

    /// <summary>The identity network of two inputs u, v and two classes no, yes, with the given calibration.</summary>
    private static ClassifierModel Calibrated(LogitCalibration calibration) =>
        new ClassifierModel(new MultilayerPerceptron([new DenseLayer(2, 2, [1, 0, 0, 1], [0, 0])], Activation.Relu), null, ["no", "yes"], ["u", "v"], provenance: null)
            .WithCalibration(calibration);

    [Fact]
    public void Evaluate_OneClassOnly_UndefinedMetricsAreTheStringNaN()
    {
        // Rows of one class only: the other class's cross-entropy and the reduction against the prior are undefined.
        string train = Path.Combine(folder, "train.csv"), test = Path.Combine(folder, "test.csv");
        File.WriteAllLines(train, ["x,label", "0,low", "0.1,low", "0.2,low", "0.8,high", "0.9,high", "1,high"]);
        File.WriteAllLines(test, ["x,label", "0.95,high", "0.85,high"]);
        string model = Path.Combine(folder, "m.safetensors");
        var trained = Run("train", "--data", train, "--label", "label", "--architecture", "softmax", "--solver", "lbfgs", "--out", model);
        Assert.True(trained.Status == 0, trained.Error);

        var (status, output, error) = Run("evaluate", "--model", model, "--data", test, "--label", "label", "--json");
        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal("NaN", root.GetProperty("crossEntropyReduction").GetString());
        string[] classes = root.GetProperty("classes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        JsonElement perClass = root.GetProperty("perClassCrossEntropy");
        Assert.Equal("NaN", perClass[Array.IndexOf(classes, "low")].GetString());
        Assert.Equal(JsonValueKind.Number, perClass[Array.IndexOf(classes, "high")].ValueKind);
    }

    [Fact]
    public void Evaluate_MissingModel_ExitsTwo()
    {
        var (status, _, error) = Run("evaluate", "--model", Path.Combine(folder, "absent.safetensors"), "--data", "digits:test");
        Assert.Equal(2, status);
        Assert.StartsWith("error:", error);
    }

    [Fact]
    public void Evaluate_NotAModel_ExitsTwo()
    {
        string path = Path.Combine(folder, "junk.safetensors");
        File.WriteAllText(path, "not a safetensors file");
        var (status, _, error) = Run("evaluate", "--model", path, "--data", "digits:test");
        Assert.Equal(2, status);
        Assert.StartsWith("error:", error);
    }
}
