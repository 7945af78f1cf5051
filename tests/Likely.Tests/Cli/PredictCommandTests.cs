using System.Globalization;
using Likely.Cli;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

public sealed class PredictCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-predict-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Predict_CsvWithNamedClasses_WritesProbabilityRowsSummingToOne()
    {
        // A small CSV with string labels: class "high" when x + y > 1.
        string train = Path.Combine(folder, "train.csv");
        var random = new Random(1);
        var lines = new List<string> { "x,y,label" };
        for (int i = 0; i < 200; i++)
        {
            double x = random.NextDouble(), y = random.NextDouble();
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{x},{y},{(x + y > 1 ? "high" : "low")}"));
        }

        File.WriteAllLines(train, lines);
        string model = Path.Combine(folder, "m.safetensors");
        var trained = Run("train", "--data", train, "--label", "label", "--architecture", "softmax", "--solver", "lbfgs", "--out", model);
        Assert.True(trained.Status == 0, trained.Error);

        string input = Path.Combine(folder, "new.csv");
        File.WriteAllLines(input, ["y,x", "0.9,0.9", "0.05,0.1"]); // columns in another order: selected by name
        string probabilities = Path.Combine(folder, "probs.csv");
        var (status, _, error) = Run("predict", "--model", model, "--data", input, "--out", probabilities);
        Assert.True(status == 0, error);
        string[] rows = File.ReadAllLines(probabilities);
        Assert.Equal(3, rows.Length);
        string[] header = rows[0].Split(',');
        Assert.Equal(2, header.Length);
        int high = Array.IndexOf(header, "high");
        Assert.True(high >= 0, rows[0]);
        double[] first = rows[1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        double[] second = rows[2].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(1.0, first.Sum(), 1e-6);
        Assert.True(first[high] > 0.9, rows[1]); // (0.9, 0.9) is deep in "high"
        Assert.True(second[high] < 0.1, rows[2]); // (0.1, 0.05) is deep in "low"
    }

    [Fact]
    public void Predict_CsvMissingFeature_ExitsTwoAndWritesNothing()
    {
        string model = Path.Combine(folder, "m.safetensors");
        Assert.Equal(0, Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "1", "--out", model).Status);
        string input = Path.Combine(folder, "bad.csv");
        File.WriteAllLines(input, ["a,b", "1,2"]);
        string output = Path.Combine(folder, "probs.csv");
        var (status, _, error) = Run("predict", "--model", model, "--data", input, "--out", output);
        Assert.Equal(2, status);
        Assert.StartsWith("error:", error);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Predict_OutIsTheInput_ExitsTwoAndLeavesTheInputAlone()
    {
        string model = Path.Combine(folder, "m.safetensors");
        Assert.Equal(0, Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "1", "--out", model).Status);
        string input = Path.Combine(folder, "x.csv");
        string header = string.Join(",", Enumerable.Range(0, 64).Select(j => $"f{j}"));
        string row = string.Join(",", Enumerable.Repeat("1", 64));
        File.WriteAllLines(input, [header, row]);
        byte[] before = File.ReadAllBytes(input);

        var (status, _, error) = Run("predict", "--model", model, "--data", input, "--out", input);
        Assert.Equal(2, status);
        Assert.StartsWith("error: --out:", error);
        Assert.Equal(before, File.ReadAllBytes(input));
    }

    [Fact]
    public void Predict_OutDash_WritesCsvToStandardOutput()
    {
        string model = Path.Combine(folder, "m.safetensors");
        Assert.Equal(0, Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "1", "--out", model).Status);
        var (status, output, error) = Run("predict", "--model", model, "--data", "digits:test", "--out", "-");
        Assert.True(status == 0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(361, lines.Length); // header + 360 test digits
        Assert.Equal("0,1,2,3,4,5,6,7,8,9", lines[0]);
        Assert.False(File.Exists("-"));
    }
}
