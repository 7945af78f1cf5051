using System.Text.Json;
using Likely.Cli;
using Likely.Training;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

public sealed class TrainCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-train-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Train_DigitsMlp_SavesLoadableModelAndPrintsTable()
    {
        string path = Path.Combine(folder, "digits.safetensors");
        var (status, output, error) = Run("train", "--data", "digits", "--hidden", "32", "--epochs", "3", "--batch", "64", "--out", path);
        Assert.True(status == 0, error);
        Assert.Contains("train CE (nats)", output);
        Assert.Contains("MultilayerPerceptron(64 → 32 → 10, Relu)", output);
        Assert.Contains("epoch 3:", error); // one progress line per epoch when not on a terminal
        ClassifierModel model = ClassifierModel.Load(path);
        Assert.Equal(10, model.ClassNames.Count);
        Assert.NotNull(model.Standardizer);
        Assert.Equal([32], model.Network.HiddenWidths);
    }

    [Fact]
    public void Train_Json_OneObjectPerEpochThenSummary()
    {
        var (status, output, _) = Run("train", "--data", "digits", "--model", "softmax", "--epochs", "2", "--validation", "0.2", "--json");
        Assert.Equal(0, status);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using JsonDocument epoch = JsonDocument.Parse(lines[1]);
        Assert.Equal("epoch", epoch.RootElement.GetProperty("type").GetString());
        Assert.Equal(2, epoch.RootElement.GetProperty("epoch").GetInt32());
        double nats = epoch.RootElement.GetProperty("validation").GetProperty("crossEntropyNats").GetDouble();
        double bits = epoch.RootElement.GetProperty("validation").GetProperty("crossEntropyBits").GetDouble();
        Assert.Equal(nats / Math.Log(2), bits, 1e-12); // bits = nats / ln 2
        using JsonDocument summary = JsonDocument.Parse(lines[2]);
        Assert.Equal("summary", summary.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void Train_LbfgsSoftmax_ReportsIterations()
    {
        var (status, output, error) = Run("train", "--data", "digits", "--model", "softmax", "--solver", "lbfgs", "--max-iterations", "50");
        Assert.True(status == 0, error);
        Assert.Contains("L-BFGS:", output);
    }

    [Fact]
    public void Train_ValidationWithPatience_ReportsValidationAndBestEpoch()
    {
        var (status, output, error) = Run("train", "--data", "digits", "--hidden", "16", "--epochs", "4", "--validation", "0.25",
            "--patience", "2", "--optimizer", "sgd", "--nesterov", "--lr", "0.05", "--schedule", "cosine", "--warmup", "1",
            "--dropout", "0.1", "--label-smoothing", "0.05", "--clip-norm", "5", "--weight-decay", "1e-4", "--json");
        Assert.True(status == 0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using JsonDocument summary = JsonDocument.Parse(lines[^1]);
        Assert.Equal(359, summary.RootElement.GetProperty("validationRows").GetInt32()); // 25% of 1,437 rows, rounded
        int best = summary.RootElement.GetProperty("bestEpoch").GetInt32();
        Assert.InRange(best, 1, 4);
    }

    [Fact]
    public void Train_ClassWeightsOfWrongLength_ExitsTwo()
    {
        var (status, _, error) = Run("train", "--data", "digits", "--model", "softmax", "--epochs", "1", "--class-weights", "1,2");
        Assert.Equal(2, status);
        Assert.Equal("error: --class-weights 1,2 is out of range: it must be one weight per class: the data have 10 classes, not 2.", error.Trim());
    }

    [Fact]
    public void Train_NegativeLearningRate_ErrorNamesTheFlag()
    {
        var (status, _, error) = Run("train", "--data", "digits", "--lr", "-1");
        Assert.Equal(2, status);
        // --lr is the short alias of --learning-rate, the flag named after ClassifierOptions.LearningRate.
        Assert.Equal("error: --learning-rate -1 is out of range: it must be a finite number > 0.", error.Trim());
    }

    [Theory]
    [InlineData("--solver", "lbfgs")] // lbfgs with the default MLP
    [InlineData("--activation", "swish")]
    [InlineData("--hidden", "256,x")]
    [InlineData("--patience", "3")] // without --validation
    [InlineData("--epochs", "0")]
    [InlineData("--lr", "-1")]
    [InlineData("--data", "nowhere.csv")]
    public void Train_BadInput_ExitsTwoWithOneLine(string option, string value)
    {
        string[] args = option == "--data" ? ["train", "--data", value, "--label", "y"] : ["train", "--data", "digits", option, value];
        var (status, _, error) = Run(args);
        Assert.Equal(2, status);
        Assert.StartsWith("error:", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
