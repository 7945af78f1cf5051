using System.Text.Json;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Information;

namespace Likely.Tests.Cli;

/// <summary>The one output layer: one JSON rule, one number format, tables without trailing spaces (issue 10).</summary>
public class OutputLayerTests
{
    [Fact]
    public void Json_WritesNonFiniteNumbersAsNamedStrings_AndReadsThemBack()
    {
        // The documented rule: +∞, −∞ and NaN are the strings System.Text.Json's named literals read back as doubles.
        var result = new QuantityResult("kl-divergence", double.PositiveInfinity, 2, "bits") with { Observations = 3 };
        string text = JsonOutput.Serialize(result, CliJson.Default.QuantityResult);
        Assert.Equal("{\"quantity\":\"kl-divergence\",\"value\":\"Infinity\",\"base\":2,\"unit\":\"bits\",\"observations\":3}", text);
        QuantityResult? back = JsonSerializer.Deserialize(text, CliJson.Default.QuantityResult);
        Assert.Equal(double.PositiveInfinity, back!.Value);
        Assert.Equal("\"-Infinity\"", JsonOutput.Serialize(double.NegativeInfinity, CliJson.Default.Double));
        Assert.Equal("\"NaN\"", JsonOutput.Serialize(double.NaN, CliJson.Default.Double));
    }

    [Fact]
    public void Json_IsOneLine_WithUnicodeUnescaped()
    {
        var result = new QuantityResult("entropy", 0.1, Math.E, "nats", Estimator: "plugin");
        string text = JsonOutput.Serialize(result, CliJson.Default.QuantityResult);
        Assert.DoesNotContain('\n', text);
        Assert.Equal("{\"quantity\":\"entropy\",\"value\":0.1,\"base\":2.718281828459045,\"unit\":\"nats\",\"estimator\":\"plugin\"}", text);
        var labelled = new RuntimeResult("1", "r", "p", "CPU ‖ θ̂", 2, "scalar", "none", "scalar", []);
        Assert.Contains("CPU ‖ θ̂", JsonOutput.Serialize(labelled, CliJson.Default.RuntimeResult), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1.5, 10, "1.5")]
    [InlineData(1.584962500721156, 10, "1.584962501")]
    [InlineData(4.4e-16, 10, "4.4E-16")]
    [InlineData(172.4123456789, 8, "172.41235")]
    [InlineData(double.PositiveInfinity, 10, "∞")]
    [InlineData(double.NegativeInfinity, 10, "-∞")]
    [InlineData(double.NaN, 10, "NaN")]
    public void NumberText_HasOneFormat(double value, int digits, string expected) =>
        Assert.Equal(expected, NumberText.Format(value, digits));

    [Fact]
    public void Table_HasNoTrailingSpaces()
    {
        var table = CliConsole.Table("parameter", "estimate");
        CliConsole.AddRow(table, "mu", "1");
        CliConsole.AddRow(table, "a much longer name", "2.5");
        var writer = new StringWriter();
        CliConsole.Write(writer, table);
        string[] lines = writer.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Contains(lines, line => line.Contains("a much longer name", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.Equal(line.TrimEnd(), line));
    }

    [Theory]
    [InlineData("adamw", "adamw")]
    [InlineData("AdamW", "adamw")]
    [InlineData(" sgd ", "sgd")]
    public void Choices_ParseIgnoringCase_AndSpellOneWay(string typed, string spelled)
    {
        Assert.True(Vocabulary.Optimizer.TryParse(typed, out var value));
        Assert.Equal(spelled, Vocabulary.Optimizer.NameOf(value));
    }

    [Fact]
    public void Choices_RefuseInOneLine_WithTheClosestSpelling() =>
        Assert.Equal("--optimizer 'adam-w' is not one of: sgd, adam, adamw (did you mean adamw?).", Vocabulary.Optimizer.Problem("--optimizer", "adam-w"));

    [Theory]
    [InlineData("entopy", "entropy")]
    [InlineData("--bsae", "--base")]
    [InlineData("--learning", "--learning-rate")] // a prefix of a longer name
    [InlineData("frobnicate", null)]
    public void Spelling_FindsTheClosestCandidate(string typed, string? expected) =>
        Assert.Equal(expected, Spelling.Closest(typed, ["entropy", "explain", "--base", "--json", "--learning-rate", "--seed"]));

    [Fact]
    public void EveryEnumValue_HasOneSpelling()
    {
        // Choices checks this when it is built: touching each list builds it.
        Assert.Equal(3, Vocabulary.Optimizer.Names.Count());
        Assert.Equal(5, Vocabulary.Activation.Names.Count());
        Assert.Equal(6, Vocabulary.StopReason.Names.Count());
        Assert.Equal(3, Vocabulary.EntropyEstimator.Names.Count());
        Assert.Equal(2, Vocabulary.MutualInformationEstimator.Names.Count());
        Assert.Equal(4, Vocabulary.VectorPath.Names.Count());
    }
}
