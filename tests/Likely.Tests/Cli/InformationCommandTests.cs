using System.Globalization;
using System.Text.Json;
using Likely.Cli;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

public sealed class InformationCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("likely-info-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static JsonElement SingleJsonObject(string output)
    {
        // Exactly one line, holding exactly one object.
        string[] lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Single(lines);
        using JsonDocument document = JsonDocument.Parse(lines[0]);
        Assert.Equal(JsonValueKind.Object, document.RootElement.ValueKind);
        return document.RootElement.Clone();
    }

    [Fact]
    public void Entropy_InlineBits_PrintsHumanLine()
    {
        // 1.5 bits by hand (see EntropyTests).
        var (status, output, error) = Run("entropy", "0.5", "0.25", "0.25", "--base", "2");
        Assert.Equal(0, status);
        Assert.Equal("H(p) = 1.5 bits", output.Trim());
        Assert.Empty(error);
    }

    [Fact]
    public void Entropy_Json_PrintsOneObjectWithQuantityValueBaseUnit()
    {
        var (status, output, _) = Run("entropy", "0.5", "0.25", "0.25", "--base", "2", "--json");
        Assert.Equal(0, status);
        JsonElement json = SingleJsonObject(output);
        Assert.Equal("entropy", json.GetProperty("quantity").GetString());
        Assert.Equal(1.5, json.GetProperty("value").GetDouble());
        Assert.Equal(2, json.GetProperty("base").GetDouble());
        Assert.Equal("bits", json.GetProperty("unit").GetString());
    }

    [Fact]
    public void Entropy_CountsMillerMadow_AddsCorrection()
    {
        // Counts (3, 1, 0): plug-in −¾ln¾ − ¼ln¼ plus (2 − 1)/(2·4) nats (hand value, see CountEntropyTests).
        var (status, output, _) = Run("entropy", "--counts", "3", "1", "0", "--estimator", "miller-madow", "--json");
        Assert.Equal(0, status);
        double expected = -0.75 * Math.Log(0.75) - 0.25 * Math.Log(0.25) + 0.125;
        Assert.Equal(expected, SingleJsonObject(output).GetProperty("value").GetDouble(), 14);
    }

    [Fact]
    public void Entropy_EmpiricalColumn_CountsCategories()
    {
        // a, b, a, c → (½, ¼, ¼) → 1.5 bits.
        string path = Path.Combine(_folder, "values.csv");
        File.WriteAllText(path, "id,label\n1,a\n2,b\n3,a\n4,c\n");
        var (status, output, _) = Run("entropy", "--data", path, "--column", "label", "--empirical", "--base", "2");
        Assert.Equal(0, status);
        Assert.StartsWith("Ĥ (plugin, N = 4, 3 categories) = 1.5 bits", output.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_SumOff_ExitsTwoWithOneLineNamingFlag()
    {
        var (status, output, error) = Run("entropy", "0.5", "0.4");
        Assert.Equal(2, status);
        Assert.Empty(output);
        Assert.Equal("error: Probabilities in 'p' sum to 0.9, not 1; pass --normalize to rescale.", error.Trim());
    }

    [Fact]
    public void Entropy_NegativeProbability_ExitsTwo()
    {
        var (status, _, error) = Run("entropy", "0.5", "-0.2", "0.7");
        Assert.Equal(2, status);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("p[1] is -0.2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_MalformedNumber_ExitsTwo()
    {
        var (status, _, error) = Run("entropy", "0.5", "half");
        Assert.Equal(2, status);
        Assert.Contains("'half' is not a number", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_BadBase_ExitsTwo()
    {
        var (status, _, error) = Run("entropy", "0.5", "0.5", "--base", "1");
        Assert.Equal(2, status);
        Assert.Contains("--base", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Entropy_EstimatorWithProbabilities_ExitsTwo()
    {
        var (status, _, error) = Run("entropy", "0.5", "0.5", "--estimator", "miller-madow");
        Assert.Equal(2, status);
        Assert.Contains("--estimator applies to counts", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_NoInput_ExitsTwoSayingWhatToGive()
    {
        var (status, _, error) = Run("entropy");
        Assert.Equal(2, status);
        Assert.Contains("give exactly one of", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_MissingFile_ExitsTwo()
    {
        var (status, _, error) = Run("entropy", "--data", Path.Combine(_folder, "missing.csv"));
        Assert.Equal(2, status);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
    }

    [Fact]
    public void KullbackLeibler_FairCoinAgainstBiased_IsLnFiveThirds()
    {
        // ln(5/3) nats by hand (see KullbackLeiblerDivergenceTests).
        var (status, output, _) = Run("kl", "--p", "0.5,0.5", "--q", "0.9,0.1", "--json");
        Assert.Equal(0, status);
        JsonElement json = SingleJsonObject(output);
        Assert.Equal("kl-divergence", json.GetProperty("quantity").GetString());
        Assert.Equal(Math.Log(5.0 / 3), json.GetProperty("value").GetDouble(), 14);
        Assert.Equal("nats", json.GetProperty("unit").GetString());
    }

    [Fact]
    public void KullbackLeibler_QZeroWherePPositive_PrintsInfinity()
    {
        var (status, output, _) = Run("kl", "--p", "0.5,0.5", "--q", "1,0", "--json");
        Assert.Equal(0, status);
        Assert.Equal("Infinity", SingleJsonObject(output).GetProperty("value").GetString());
    }

    [Fact]
    public void CrossEntropy_InBits_MatchesHandValue()
    {
        // −½log₂0.9 − ½log₂0.1, the formula on two entries.
        var (status, output, _) = Run("cross-entropy", "--p", "0.5,0.5", "--q", "0.9,0.1", "--base", "2", "--json");
        Assert.Equal(0, status);
        Assert.Equal(-0.5 * Math.Log2(0.9) - 0.5 * Math.Log2(0.1), SingleJsonObject(output).GetProperty("value").GetDouble(), 14);
    }

    [Fact]
    public void JensenShannon_DisjointSupports_IsOneBit()
    {
        var (status, output, _) = Run("js", "--p", "1,0", "--q", "0,1", "--base", "2");
        Assert.Equal(0, status);
        Assert.Equal("JS(p, q) = 1 bits", output.Trim());
    }

    [Fact]
    public void CrossEntropy_LengthMismatch_ExitsTwo()
    {
        var (status, _, error) = Run("cross-entropy", "--p", "0.5,0.5", "--q", "0.2,0.3,0.5");
        Assert.Equal(2, status);
        Assert.Contains("'p' has 2 entries but 'q' has 3", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MutualInformation_IdenticalColumns_IsEntropy()
    {
        // Y = X with two equally frequent values: I = H(X) = 1 bit.
        string path = Path.Combine(_folder, "data.csv");
        File.WriteAllText(path, "x,y\nsun,dry\nrain,wet\nsun,dry\nrain,wet\n");
        var (status, output, _) = Run("mi", "--data", path, "--x", "x", "--y", "y", "--base", "2", "--json");
        Assert.Equal(0, status);
        JsonElement json = SingleJsonObject(output);
        Assert.Equal("mutual-information", json.GetProperty("quantity").GetString());
        Assert.Equal(1.0, json.GetProperty("value").GetDouble(), 14);
        // By hand: H(X) = H(Y) = H(X, Y) = 1 bit when Y is a relabelling of X; the keys are camelCase like every command's.
        Assert.Equal(1.0, json.GetProperty("entropyX").GetDouble(), 14);
        Assert.Equal(1.0, json.GetProperty("entropyY").GetDouble(), 14);
        Assert.Equal(1.0, json.GetProperty("jointEntropy").GetDouble(), 14);
        Assert.Equal(4, json.GetProperty("observations").GetInt64());
    }

    [Fact]
    public void MutualInformation_BadColumn_ExitsTwoWithOneLine()
    {
        string path = Path.Combine(_folder, "data.csv");
        File.WriteAllText(path, "x,y\na,b\n");
        var (status, output, error) = Run("mi", "--data", path, "--x", "nope", "--y", "y");
        Assert.Equal(2, status);
        Assert.Empty(output);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("no column 'nope'; its columns are: x, y", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("figure.svg", "<svg")]
    [InlineData("figure.png", "PNG")]
    public void PlotBinaryEntropy_WritesFigureAndNoTemporaryFile(string name, string signature)
    {
        string path = Path.Combine(_folder, name);
        var (status, _, error) = Run("plot", "binary-entropy", "--out", path);
        Assert.True(status == 0, error);
        Assert.True(File.Exists(path));
        string head = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path).AsSpan(0, 200));
        Assert.Contains(signature, head, StringComparison.Ordinal);
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void PlotBinaryEntropy_SvgHasAxisLabels()
    {
        string path = Path.Combine(_folder, "figure.svg");
        Assert.Equal(0, Run("plot", "binary-entropy", "--out", path).Status);
        string svg = File.ReadAllText(path);
        Assert.Contains("H(p) (bits)", svg, StringComparison.Ordinal);
        Assert.Contains("p (probability of one outcome)", svg, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotBinaryEntropy_UnknownExtension_ExitsTwoAndWritesNothing()
    {
        var (status, _, error) = Run("plot", "binary-entropy", "--out", Path.Combine(_folder, "figure.gif"));
        Assert.Equal(2, status);
        Assert.Contains(".svg or .png", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Theory]
    [InlineData("entropy")]
    [InlineData("cross-entropy")]
    [InlineData("kl")]
    [InlineData("js")]
    [InlineData("mi")]
    public void Help_ShowsOptionsAndAnExample(string verb)
    {
        var (status, output, _) = Run(verb, "--help");
        Assert.Equal(0, status);
        Assert.Contains("--base", output, StringComparison.Ordinal);
        Assert.Contains("--json", output, StringComparison.Ordinal);
        Assert.Contains($"likely {verb} ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tour_PrintsInformationIdentity()
    {
        var (status, output, _) = Run("tour");
        Assert.Equal(0, status);
        Assert.Contains("H(p, q) = H(p) + D(p‖q)", output, StringComparison.Ordinal);
    }
    [Fact]
    public void Entropy_CountsChaoShen_MatchesHandValue()
    {
        // Counts (3, 1, 0) by hand from Chao & Shen (2003): Ĉ = 3/4, p̃ = (9/16, 3/16) (see ChaoShenEntropyTests).
        var (status, output, _) = Run("entropy", "--counts", "3", "1", "0", "--estimator", "chao-shen", "--json");
        Assert.Equal(0, status);
        double expected = -(9.0 / 16) * Math.Log(9.0 / 16) / (1 - Math.Pow(7.0 / 16, 4)) - (3.0 / 16) * Math.Log(3.0 / 16) / (1 - Math.Pow(13.0 / 16, 4));
        JsonElement json = SingleJsonObject(output);
        Assert.Equal(expected, json.GetProperty("value").GetDouble(), 14);
        Assert.Equal("chao-shen", json.GetProperty("estimator").GetString());
    }

    [Fact]
    public void Entropy_CountsCi_PrintsIntervalLineAndSameJsonForSameSeed()
    {
        string[] args = ["entropy", "--counts", "30", "12", "5", "1", "1", "--ci", "bootstrap-percentile", "--resamples", "199", "--seed", "4", "--base", "2"];
        var (status, output, error) = Run(args);
        Assert.Equal(0, status);
        Assert.Empty(error);
        Assert.Matches(@"^Ĥ \(plugin, N = 49\) = [0-9.]+ bits  \(95% bootstrap interval [0-9.]+–[0-9.]+, 199 resamples\)$", output.Trim());
        var (_, first, _) = Run([.. args, "--json"]);
        var (_, second, _) = Run([.. args, "--json"]);
        Assert.Equal(first, second);
        JsonElement json = SingleJsonObject(first);
        double lower = json.GetProperty("lower").GetDouble(), upper = json.GetProperty("upper").GetDouble();
        Assert.True(lower < json.GetProperty("value").GetDouble() && json.GetProperty("value").GetDouble() < upper, first);
        Assert.Equal(0.95, json.GetProperty("level").GetDouble());
        Assert.Equal(199, json.GetProperty("resamples").GetInt32());
        Assert.Equal(4, json.GetProperty("seed").GetInt32());
    }

    [Fact]
    public void Entropy_EmpiricalCiOneCategory_IsZeroToZero()
    {
        string path = Path.Combine(_folder, "same.csv");
        File.WriteAllText(path, "label\na\na\na\n");
        var (status, output, _) = Run("entropy", "--data", path, "--empirical", "--ci", "bootstrap-percentile", "--level", "0.9", "--resamples", "9");
        Assert.Equal(0, status);
        Assert.Equal("Ĥ (plugin, N = 3, 1 categories) = 0 nats  (90% bootstrap interval 0–0, 9 resamples)", output.Trim());
    }

    [Theory]
    [InlineData("--level", "0.9")]
    [InlineData("--resamples", "99")]
    [InlineData("--seed", "3")]
    public void Entropy_IntervalOptionWithoutCi_ExitsTwo(string option, string value)
    {
        var (status, _, error) = Run("entropy", "--counts", "3", "1", option, value);
        Assert.Equal(2, status);
        Assert.Equal($"error: entropy: {option} applies to the bootstrap interval; add --ci bootstrap (or --ci bootstrap-percentile).", error.Trim());
    }

    [Fact]
    public void Entropy_CiOutOfRangeOrWithProbabilities_ExitsTwo()
    {
        var (status, _, error) = Run("entropy", "--counts", "3", "1", "--ci", "bootstrap-percentile", "--level", "1.5");
        Assert.Equal(2, status);
        Assert.Equal("error: --level 1.5 is out of range: it must be between 0 and 1 exclusive, e.g. 0.95.", error.Trim());
        (status, _, error) = Run("entropy", "--counts", "3", "1", "--ci", "bootstrap-percentile", "--resamples", "0");
        Assert.Equal(2, status);
        Assert.Contains("--resamples 0 is out of range", error, StringComparison.Ordinal);
        (status, _, error) = Run("entropy", "0.5", "0.5", "--ci", "bootstrap-percentile");
        Assert.Equal(2, status);
        Assert.Contains("--ci resamples observations", error, StringComparison.Ordinal);
    }

    [Fact]
    public void EntropyAndMi_CiBootstrap_BcaIntervalNamedInLineAndJson()
    {
        string[] args = ["entropy", "--counts", "30", "12", "5", "1", "1", "--ci", "bootstrap", "--resamples", "199", "--seed", "4"];
        var (status, output, error) = Run(args);
        Assert.True(status == 0, error);
        Assert.Matches(@"^Ĥ \(plugin, N = 49\) = [0-9.]+ nats  \(95% bootstrap BCa interval [0-9.]+–[0-9.]+, 199 resamples\)$", output.Trim());
        JsonElement json = SingleJsonObject(Run([.. args, "--json"]).Output);
        Assert.Equal("bootstrap", json.GetProperty("interval").GetString());
        // The same resamples as the percentile interval, read at other levels: BCa and percentile ends differ.
        JsonElement percentile = SingleJsonObject(Run(["entropy", "--counts", "30", "12", "5", "1", "1", "--ci", "bootstrap-percentile", "--resamples", "199", "--seed", "4", "--json"]).Output);
        Assert.Equal("bootstrap-percentile", percentile.GetProperty("interval").GetString());
        Assert.NotEqual(percentile.GetProperty("lower").GetDouble(), json.GetProperty("lower").GetDouble());

        string path = Path.Combine(_folder, "bca-pairs.csv");
        File.WriteAllText(path, "a,b\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i % 3},{(i % 3 == 0 ? i % 2 : i % 3)}\n")));
        (status, output, error) = Run("mi", "--data", path, "--x", "a", "--y", "b", "--ci", "bootstrap", "--resamples", "199");
        Assert.True(status == 0, error);
        Assert.Contains("; 95% bootstrap BCa interval ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void MutualInformation_Ci_AddsIntervalAroundPlugIn()
    {
        string path = Path.Combine(_folder, "pairs.csv");
        File.WriteAllText(path, "a,b\n" + string.Concat(Enumerable.Range(0, 60).Select(i => $"{i % 3},{(i % 3 == 0 ? i % 2 : i % 3)}\n")));
        var (status, output, _) = Run("mi", "--data", path, "--x", "a", "--y", "b", "--ci", "bootstrap-percentile", "--resamples", "199", "--json");
        Assert.Equal(0, status);
        JsonElement json = SingleJsonObject(output);
        Assert.False(json.TryGetProperty("estimator", out _)); // the plug-in JSON keeps its old keys
        // By hand: the joint counts are (0,0) 10, (0,1) 10, (1,1) 20, (2,2) 20 of 60, so H(B) = H(1/6, 1/2, 1/3) and
        // H(B|A) = ⅓·1 bit; I = log₂6/6 + ½ + log₂3/3 − ⅓ bits, converted to the reported base.
        double bits = Math.Log2(6) / 6 + 0.5 + Math.Log2(3) / 3 - 1.0 / 3;
        Assert.Equal(bits / Math.Log2(json.GetProperty("base").GetDouble()), json.GetProperty("value").GetDouble(), 12);
        Assert.True(json.GetProperty("lower").GetDouble() <= json.GetProperty("value").GetDouble());
        Assert.True(json.GetProperty("value").GetDouble() <= json.GetProperty("upper").GetDouble());
        var (_, line, _) = Run("mi", "--data", path, "--x", "a", "--y", "b", "--ci", "bootstrap-percentile", "--resamples", "199");
        Assert.Contains("; 95% bootstrap interval ", line, StringComparison.Ordinal);
    }

    [Fact]
    public void MutualInformation_Ksg_MatchesScikitLearnOnCommittedSample()
    {
        // Expected: sklearn 1.2.1 mutual_info_regression on the ρ = 0.9, k = 5 sample of information_estimators.json.
        JsonElement item = Likely.Tests.Information.InformationEstimatorReference.Root.GetProperty("ksg")[3];
        double[] x = Likely.Tests.Information.InformationEstimatorReference.Doubles(item.GetProperty("x"));
        double[] y = Likely.Tests.Information.InformationEstimatorReference.Doubles(item.GetProperty("y"));
        string path = Path.Combine(_folder, "gauss.csv");
        File.WriteAllLines(path, ["u,v", .. x.Select((v, i) => $"{v.ToString("R", CultureInfo.InvariantCulture)},{y[i].ToString("R", CultureInfo.InvariantCulture)}")]);
        var (status, output, _) = Run("mi", "--data", path, "--x", "u", "--y", "v", "--estimator", "ksg", "--neighbors", "5", "--json");
        Assert.Equal(0, status);
        JsonElement json = SingleJsonObject(output);
        Assert.Equal(item.GetProperty("sklearn_nats").GetDouble(), json.GetProperty("value").GetDouble(), 9);
        Assert.Equal("ksg", json.GetProperty("estimator").GetString());
        Assert.Equal(5, json.GetProperty("neighbors").GetInt32());
        Assert.Equal(x.Length, json.GetProperty("observations").GetInt32());
        Assert.False(json.TryGetProperty("entropyX", out _));
        var (_, line, _) = Run("mi", "--data", path, "--x", "u", "--y", "v", "--estimator", "ksg", "--neighbors", "5", "--base", "2");
        Assert.EndsWith($"bits  (KSG, k = 5, N = {x.Length})", line.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public void MutualInformation_KsgMisuse_ExitsTwoWithOneLine()
    {
        string path = Path.Combine(_folder, "words.csv");
        File.WriteAllText(path, "a,b\nx,1\ny,2\nz,3\nw,4\n");
        var (status, _, error) = Run("mi", "--data", path, "--x", "a", "--y", "b", "--estimator", "ksg");
        Assert.Equal(2, status);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("--estimator ksg needs two numeric columns", error, StringComparison.Ordinal);
        (status, _, error) = Run("mi", "--data", path, "--x", "b", "--y", "b", "--estimator", "ksg", "--neighbors", "4");
        Assert.Equal(2, status);
        Assert.Contains("--neighbors 4 is out of range", error, StringComparison.Ordinal);
        (status, _, error) = Run("mi", "--data", path, "--x", "b", "--y", "b", "--estimator", "ksg", "--ci", "bootstrap-percentile");
        Assert.Equal(2, status);
        Assert.Contains("--ci resamples counts", error, StringComparison.Ordinal);
        (status, _, error) = Run("mi", "--data", path, "--x", "a", "--y", "b", "--neighbors", "2");
        Assert.Equal(2, status);
        Assert.Contains("--neighbors applies to --estimator ksg", error, StringComparison.Ordinal);
    }
}

/// <summary>--ci names its method in every command, as fit does; entropy and mi compute the bootstrap percentile interval.</summary>
public class InformationIntervalVocabularyTests
{
    [Theory]
    [InlineData("profile")]
    [InlineData("wald")]
    public void OtherMethods_AreRefusedInOneLine(string method)
    {
        var (status, _, error) = CliRunner.Run("entropy", "--counts", "3", "1", "--ci", method);
        Assert.Equal(2, status);
        Assert.StartsWith($"error: entropy: --ci {method} is not available here; the intervals these commands compute are --ci bootstrap and --ci bootstrap-percentile", error);
        Assert.Single(error.Trim().Split('\n'));
    }
}
