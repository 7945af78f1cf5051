using System.CommandLine;
using System.Text.Json;
using Likely.Cli;
using Likely.Cli.Commands;
using Likely.Data;
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
        Assert.Contains("train cross-entropy (nats)", output);
        Assert.Contains("MultilayerPerceptron(64 → 32 → 10, Relu)", output);
        Assert.All(output.Split('\n'), line => Assert.Equal(line.TrimEnd(), line)); // tables without trailing spaces
        Assert.Contains("epoch 3:", error); // one progress line per epoch when not on a terminal
        ClassifierModel model = ClassifierModel.Load(path);
        Assert.Equal(10, model.ClassNames.Count);
        Assert.NotNull(model.Standardizer);
        Assert.Equal([32], model.Network.HiddenWidths);
    }

    [Fact]
    public void Train_Json_OneObjectPerEpochThenSummary()
    {
        var (status, output, _) = Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "2", "--validation", "0.2", "--json");
        Assert.Equal(0, status);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        using JsonDocument epoch = JsonDocument.Parse(lines[1]);
        Assert.Equal("epoch", epoch.RootElement.GetProperty("type").GetString());
        Assert.Equal(2, epoch.RootElement.GetProperty("epoch").GetInt32());
        double nats = epoch.RootElement.GetProperty("validation").GetProperty("crossEntropy").GetDouble();
        double bits = epoch.RootElement.GetProperty("validation").GetProperty("crossEntropyBits").GetDouble();
        Assert.Equal(nats / Math.Log(2), bits, 1e-12); // bits = nats / ln 2
        using JsonDocument summary = JsonDocument.Parse(lines[2]);
        Assert.Equal("summary", summary.RootElement.GetProperty("type").GetString());
    }

    [Fact]
    public void Train_LbfgsSoftmax_ReportsIterations()
    {
        var (status, output, error) = Run("train", "--data", "digits", "--architecture", "softmax", "--solver", "lbfgs", "--max-iterations", "50");
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
        var (status, _, error) = Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "1", "--class-weights", "1,2");
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
    [InlineData("--optimizer", "rmsprop")]
    [InlineData("--architecture", "cnn")]
    [InlineData("--model", "cnn")] // the hidden old name of --architecture
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

    [Fact]
    public void Train_OptimizerMisspelled_OneLineNamingTheValuesAndTheClosest()
    {
        // adam-w was the spelling of errors and JSON before Vocabulary made it adamw everywhere.
        var (status, output, error) = Run("train", "--data", "digits", "--optimizer", "adam-w");
        Assert.Equal(2, status);
        Assert.Equal("", output);
        string line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("error: --optimizer 'adam-w' is not one of: sgd, adam, adamw (did you mean adamw?); run likely train --help", line);
    }

    [Fact]
    public void Train_ArchitectureSoftmax_SameModelAsTheHiddenOldModelFlag()
    {
        string architecture = Path.Combine(folder, "architecture.safetensors"), old = Path.Combine(folder, "old.safetensors");
        string[] common = ["train", "--data", "digits", "--epochs", "2", "--seed", "4"];
        var (status, _, error) = Run([.. common, "--architecture", "softmax", "--out", architecture]);
        Assert.True(status == 0, error);
        (status, _, error) = Run([.. common, "--model", "softmax", "--out", old]);
        Assert.True(status == 0, error);

        Assert.Empty(ClassifierModel.Load(architecture).Network.HiddenWidths);
        SafetensorsContent a = Safetensors.Read(architecture), b = Safetensors.Read(old);
        Assert.Equal(a.Tensors.Select(t => t.Name), b.Tensors.Select(t => t.Name));
        foreach ((SafetensorsTensor x, SafetensorsTensor y) in a.Tensors.Zip(b.Tensors))
        {
            Assert.Equal(x.Data, y.Data);
        }
    }

    [Theory]
    [InlineData("--architecture")]
    [InlineData("--model")]
    public void Train_SoftmaxWithHiddenWidths_ExitsTwoNamingTheFlagTyped(string flag)
    {
        var (status, _, error) = Run("train", "--data", "digits", flag, "softmax", "--hidden-widths", "32");
        Assert.Equal(2, status);
        Assert.Equal($"error: {flag} softmax has no hidden layer; drop --hidden-widths (or use --architecture mlp).", error.Trim());
    }

    [Fact]
    public void Train_ArchitectureAndOldModelDisagree_ExitsTwo()
    {
        var (status, _, error) = Run("train", "--data", "digits", "--architecture", "mlp", "--model", "softmax");
        Assert.Equal(2, status);
        Assert.StartsWith("error: --architecture mlp and --model softmax disagree;", error);
    }

    [Theory]
    [InlineData("--no-standardize")]
    [InlineData("--standardize", "false")] // the hidden old spelling
    public void Train_NoStandardize_SavesAModelWithoutStandardizer(params string[] flag)
    {
        string path = Path.Combine(folder, "raw.safetensors");
        var (status, _, error) = Run(["train", "--data", "digits", "--architecture", "softmax", "--epochs", "1", "--out", path, .. flag]);
        Assert.True(status == 0, error);
        ClassifierModel model = ClassifierModel.Load(path);
        Assert.Null(model.Standardizer);
        Assert.False(model.Provenance!.Options.Standardize);
    }

    [Fact]
    public void Train_NoStandardizeAndStandardizeTrue_ExitsTwo()
    {
        var (status, _, error) = Run("train", "--data", "digits", "--no-standardize", "--standardize", "true");
        Assert.Equal(2, status);
        Assert.StartsWith("error: --no-standardize and --standardize contradict each other;", error);
    }

    [Fact]
    public void Train_Json_CamelCaseKeysAndTheOptimizersOneSpelling()
    {
        var (status, output, error) = Run("train", "--data", "digits", "--hidden", "16", "--epochs", "2", "--optimizer", "adamw", "--validation", "0.2", "--json");
        Assert.True(status == 0, error);
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length); // two epochs, then the summary
        foreach (string line in lines)
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonKeys.AssertCamelCase(document.RootElement);
        }

        using JsonDocument summary = JsonDocument.Parse(lines[^1]);
        JsonElement root = summary.RootElement;
        Assert.Equal("adamw", root.GetProperty("optimizer").GetString());
        Assert.Equal("minibatch", root.GetProperty("solver").GetString());
        Assert.Equal("completed", root.GetProperty("stopReason").GetString());
        Assert.True(root.GetProperty("validation").GetProperty("crossEntropy").GetDouble() > 0);
        Assert.False(root.TryGetProperty("output", out _)); // nothing saved: left out, not null
    }

    [Fact]
    public void Train_LbfgsJson_NamesTheSolverAndNoOptimizer()
    {
        var (status, output, error) = Run("train", "--data", "digits", "--architecture", "softmax", "--solver", "lbfgs", "--max-iterations", "20", "--json");
        Assert.True(status == 0, error);
        using JsonDocument summary = JsonDocument.Parse(output.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.Equal("lbfgs", summary.RootElement.GetProperty("solver").GetString());
        Assert.False(summary.RootElement.TryGetProperty("optimizer", out _));
        Assert.False(summary.RootElement.TryGetProperty("epochs", out _));
    }

    [Fact]
    public void Train_Help_ShowsTheNewNamesAndEachDefaultOnce()
    {
        var (status, output, _) = Run("train", "--help");
        Assert.Equal(0, status);
        string[] lines = output.Split('\n');
        Assert.Contains(lines, line => line.Contains("--architecture <mlp|softmax>", StringComparison.Ordinal) && line.Contains("[default: mlp]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.Contains("--optimizer <sgd|adam|adamw>", StringComparison.Ordinal) && line.Contains("[default: adam]", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.TrimStart().StartsWith("--no-standardize", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("--model", StringComparison.Ordinal)); // hidden
        Assert.DoesNotContain(lines, line => line.TrimStart().StartsWith("--standardize", StringComparison.Ordinal)); // hidden
        Assert.DoesNotContain("Default ", output);
        Assert.All(lines, line => Assert.True(line.Split("[default:").Length <= 2, line));
    }

    [Theory]
    [InlineData("--batch", "--batch-size")]
    [InlineData("--lr", "--learning-rate")]
    [InlineData("--hidden", "--hidden-widths")]
    [InlineData("--init", "--initialization")]
    public void Train_ShortFlags_AreAliasesOfThePropertyNamedFlag(string alias, string name)
    {
        // The name is what errors print (the ClassifierOptions property in kebab case); help lists the shorter alias first.
        Command train = TrainCommand.Create(new CliContext(TextWriter.Null, TextWriter.Null));
        Option option = Assert.Single(train.Options, o => o.Aliases.Contains(alias));
        Assert.Equal(name, option.Name);
    }
}

/// <summary>Checks on the keys of the command's JSON (the one contract of Output/CliJson).</summary>
internal static class JsonKeys
{
    /// <summary>Asserts that every key, at any depth, is camelCase: a lower-case letter, then letters and digits.</summary>
    public static void AssertCamelCase(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    Assert.Matches("^[a-z][a-zA-Z0-9]*$", property.Name);
                    AssertCamelCase(property.Value);
                }

                break;
            case JsonValueKind.Array:
                foreach (JsonElement item in element.EnumerateArray()) AssertCamelCase(item);
                break;
        }
    }
}
