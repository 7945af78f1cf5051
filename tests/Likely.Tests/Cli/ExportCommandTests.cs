using System.Text.Json;
using Likely.Data;
using Likely.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

/// <summary><c>likely export</c> through the real command tree: the file, the report, and one-line errors with exit status 2.</summary>
public sealed class ExportCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-export-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Export_Json_WritesOnnxThatOnnxRuntimeRunsAsPredict()
    {
        string model = Train("--architecture", "mlp", "--hidden", "8", "--activation", "gelu"), onnx = Path.Combine(folder, "m.onnx");
        var (status, output, error) = Run("export", "--model", model, "--onnx", onnx, "--json");
        Assert.True(status == 0, error);
        Assert.Single(output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        JsonKeys.AssertCamelCase(root);
        Assert.Equal(onnx, root.GetProperty("onnx").GetString());
        Assert.Equal(17, root.GetProperty("opset").GetInt32());
        Assert.Equal("features", root.GetProperty("input").GetString());
        Assert.Equal(["probabilities", "logits"], root.GetProperty("outputs").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(64, root.GetProperty("features").GetInt32());
        Assert.Equal(10, root.GetProperty("classes").GetInt32());
        Assert.Equal(new FileInfo(onnx).Length, root.GetProperty("bytes").GetInt64());
        Assert.Equal(1, root.GetProperty("temperature").GetDouble());
        Assert.False(root.TryGetProperty("calibrationMethod", out _)); // not calibrated

        // The file ONNX Runtime reads gives the probabilities of the saved model (Likely's forward pass is the expectation).
        Dataset test = DatasetCatalog.Load("digits:test");
        float[] expected = ClassifierModel.Load(model).PredictProbabilities(test.Features, test.RowCount, threads: 1);
        using var session = new InferenceSession(onnx);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(test.Features.ToArray(), [test.RowCount, 64]))], ["probabilities"]);
        float[] actual = results.Single().AsEnumerable<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"entry {i}: {expected[i]} vs {actual[i]}"));
    }

    [Fact]
    public void Export_VectorCalibratedModel_OnnxRuntimeGivesPredictsProbabilitiesAndJsonNamesTheMethod()
    {
        string model = Train("--architecture", "softmax", "--validation", "0.2"), calibrated = Path.Combine(folder, "vector.safetensors"), onnx = Path.Combine(folder, "v.onnx");
        var (calibrateStatus, _, calibrateError) = Run("calibrate", "--model", model, "--data", "validation", "--out", calibrated, "--method", "vector");
        Assert.True(calibrateStatus == 0, calibrateError);
        var (status, output, error) = Run("export", "--model", calibrated, "--onnx", onnx, "--json");
        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        JsonKeys.AssertCamelCase(json.RootElement);
        Assert.Equal("vector", json.RootElement.GetProperty("calibrationMethod").GetString());
        Assert.False(json.RootElement.TryGetProperty("temperature", out _)); // vector scaling has no single T

        // Oracle: the saved model's own probabilities (predict applies w ⊙ z + b); ONNX Runtime runs the exported graph.
        ClassifierModel loaded = ClassifierModel.Load(calibrated);
        Assert.Equal(CalibrationMethod.Vector, loaded.Calibration.Method);
        Dataset test = DatasetCatalog.Load("digits:test");
        float[] expected = loaded.PredictProbabilities(test.Features, test.RowCount, threads: 1);
        float[] uncalibrated = ClassifierModel.Load(model).PredictProbabilities(test.Features, test.RowCount, threads: 1);
        using var session = new InferenceSession(onnx);
        Assert.Equal("vector", session.ModelMetadata.CustomMetadataMap["likely.calibration"]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", new DenseTensor<float>(test.Features.ToArray(), [test.RowCount, 64]))], ["probabilities"]);
        float[] actual = results.Single().AsEnumerable<float>().ToArray();
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(Enumerable.Range(0, expected.Length), i => Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5f, $"entry {i}: {expected[i]} vs {actual[i]}"));
        // Not vacuous: the calibration moved the probabilities by far more than the tolerance.
        Assert.True(Enumerable.Range(0, expected.Length).Max(i => Math.Abs(expected[i] - uncalibrated[i])) > 1e-3f);

        var (textStatus, text, textError) = Run("export", "--model", calibrated, "--onnx", onnx);
        Assert.True(textStatus == 0, textError);
        Assert.StartsWith("Wrote SoftmaxRegression(64 → 10), vector scaling as ONNX", text);
    }

    [Fact]
    public void Export_Text_OneLineNamingInputAndOutputs()
    {
        string model = Train(), onnx = Path.Combine(folder, "m.onnx");
        var (status, output, error) = Run("export", "--model", model, "--onnx", onnx);
        Assert.True(status == 0, error);
        Assert.Equal($"Wrote SoftmaxRegression(64 → 10) as ONNX (opset 17) to {onnx}: input features [N, 64], outputs probabilities and logits [N, 10].\n", output.ReplaceLineEndings("\n"));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    [Fact]
    public void Export_OnnxIsAFolder_OneLineErrorBeforeReadingTheModel()
    {
        // The model does not exist: the folder is refused first, so the target is checked before any work.
        var (status, output, error) = Run("export", "--model", Path.Combine(folder, "absent.safetensors"), "--onnx", folder);
        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("is a folder", error);
        Assert.Contains("--onnx", error);
    }

    [Fact]
    public void Export_ModelNotAModelFile_OneLineErrorAndNoFile()
    {
        string model = Path.Combine(folder, "bad.safetensors"), onnx = Path.Combine(folder, "m.onnx");
        File.WriteAllText(model, "not a safetensors file");
        var (status, output, error) = Run("export", "--model", model, "--onnx", onnx);
        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("bad.safetensors", error);
        Assert.False(File.Exists(onnx));
    }

    [Fact]
    public void Export_MissingModel_OneLineError()
    {
        var (status, _, error) = Run("export", "--model", Path.Combine(folder, "absent.safetensors"), "--onnx", Path.Combine(folder, "m.onnx"));
        Assert.Equal(2, status);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("absent.safetensors", error);
    }

    /// <summary>A quick digits model (softmax regression unless the extra arguments say otherwise, 2 epochs).</summary>
    private string Train(params string[] extra)
    {
        string path = Path.Combine(folder, $"m{Guid.NewGuid():N}.safetensors");
        string[] architecture = extra.Length == 0 ? ["--architecture", "softmax"] : [];
        var (status, _, error) = Run(["train", "--data", "digits", .. architecture, "--epochs", "2", "--out", path, .. extra]);
        Assert.True(status == 0, error);
        return path;
    }
}
