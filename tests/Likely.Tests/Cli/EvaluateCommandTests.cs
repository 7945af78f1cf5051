using Likely.Cli;

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
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("accuracy").GetDouble() >= 0.95);
        var (tableStatus, tables, _) = Run("evaluate", "--model", path, "--data", "digits:test");
        Assert.Equal(0, tableStatus);
        Assert.Contains("log-loss reduction vs class prior", tables);
        Assert.Contains("Confusion matrix", tables);
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
