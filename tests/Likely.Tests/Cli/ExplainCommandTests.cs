using System.Text.Json;

namespace Likely.Tests.Cli;

public sealed class ExplainCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-explain-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Csv(string header, IEnumerable<string> values)
    {
        string path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, new[] { header }.Concat(values));
        return path;
    }

    [Fact]
    public void Explain_CategoricalJson_AllFourSteps()
    {
        // 1200 labels: a 0.5/0.3/0.2 split repeated. Each row multiplies the product by e^(−1.03) on average and float64
        // reaches 0 below e^(−745), so it underflows near m ≈ 745/1.03 ≈ 720 (worked by hand).
        string[] labels = Enumerable.Range(0, 1200).Select(i => (i % 10) switch { < 5 => "sunny", < 8 => "cloudy", _ => "rain" }).ToArray();
        string path = Csv("weather", labels);

        var (status, output, error) = CliRunner.Run("explain", "categorical", "--data", path, "--json");

        Assert.Equal(0, status);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        JsonElement root = json.RootElement;
        Assert.Equal(0, root.GetProperty("step1").GetProperty("naiveProduct").GetDouble());
        Assert.InRange(root.GetProperty("step1").GetProperty("underflowAt").GetInt32(), 650, 800);
        // H(p̂) for (0.5, 0.3, 0.2), worked by hand: −(0.5 ln 0.5 + 0.3 ln 0.3 + 0.2 ln 0.2) = 1.0296530140645737.
        Assert.Equal(1.0296530140645737, root.GetProperty("step3").GetProperty("empiricalEntropy").GetDouble(), 1e-12);
        Assert.True(root.GetProperty("step3").GetProperty("holds").GetBoolean());
        Assert.Equal(1.0296530140645737, root.GetProperty("step2").GetProperty("crossEntropy").GetDouble(), 1e-12);
        Assert.True(root.GetProperty("step4").GetProperty("everyPerturbationIsWorse").GetBoolean());
        Assert.Equal(6, root.GetProperty("step4").GetProperty("perturbations").GetArrayLength());
    }

    [Fact]
    public void Explain_NarrowNormalJson_WritesTheOverflowedProductAsInfinity()
    {
        // σ = 0.01: densities near 40, so the running product overflows (e^709.8 is the largest double: after roughly
        // 709.8/ln 40 ≈ 190–270 rows). JSON has no ∞: the output layer writes the string "Infinity"; step 3 is left
        // out for a continuous family.
        double[] x = new double[1000];
        new Likely.Distributions.Normal(0, 0.01).Sample(new Random(8), x);
        string path = Csv("x", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var (status, output, error) = CliRunner.Run("explain", "--data", path, "--json");

        Assert.True(status == 0, error);
        using var json = JsonDocument.Parse(output);
        JsonElement step1 = json.RootElement.GetProperty("step1");
        Assert.Equal("Infinity", step1.GetProperty("naiveProduct").GetString());
        Assert.InRange(step1.GetProperty("overflowAt").GetInt32(), 150, 300);
        Assert.False(step1.TryGetProperty("underflowAt", out _));
        Assert.False(json.RootElement.TryGetProperty("step3", out _));
        Assert.Equal(["mu", "sigma"], json.RootElement.GetProperty("fit").GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
    }

    [Fact]
    public void Explain_CensoredExponential_ShowsTheTwoSumsByHand()
    {
        // Events at 1, 2, 3 and one row censored at 4: λ̂ = 3/10; Σ ln f = 3 ln 0.3 − 0.3·6 over the exact rows and
        // Σ ln S = −0.3·4 over the censored one (S(x) = e^{−λx}), all by hand.
        string path = Path.Combine(folder, "censored.csv");
        File.WriteAllText(path, "t,censored\n1,0\n2,0\n3,0\n4,1\n");
        var (status, output, error) = CliRunner.Run("explain", "exponential", "--data", path, "--column", "t", "--censored", "censored", "--json");
        Assert.True(status == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var censored = json.RootElement.GetProperty("censored");
        Assert.Equal(3, censored.GetProperty("exactRows").GetInt32());
        Assert.Equal(1, censored.GetProperty("censoredRows").GetInt32());
        Assert.Equal(3 * Math.Log(0.3) - 0.3 * 6, censored.GetProperty("sumLogDensity").GetDouble(), 1e-7);
        Assert.Equal(-0.3 * 4, censored.GetProperty("sumLogSurvival").GetDouble(), 1e-7);
        Assert.Equal(3 * Math.Log(0.3) - 3, json.RootElement.GetProperty("step1").GetProperty("sumOfLogs").GetDouble(), 1e-7);
        Assert.True(json.RootElement.GetProperty("step4").GetProperty("everyPerturbationIsWorse").GetBoolean());

        var text = CliRunner.Run("explain", "exponential", "--data", path, "--column", "t", "--censored", "censored");
        Assert.Contains("Σ ln S(x_i) over the 1 censored rows", text.Output);
        var refused = CliRunner.Run("explain", "exponential", "--data", path, "--column", "t", "--censored", "censored", "--plot", Path.Combine(folder, "l.svg"));
        Assert.Equal(2, refused.Status);
        Assert.Contains("explain --plot draws the uncensored ledger", refused.Error);
    }

    [Fact]
    public void Explain_BadFamilyOrFix_ExitsTwoWithOneLine()
    {
        string path = Csv("x", ["1", "2", "3.5"]);

        var unknown = CliRunner.Run("explain", "gumbel", "--data", path);
        var nan = CliRunner.Run("explain", "--data", path, "--fix", "sigma=nan");

        Assert.Equal(2, unknown.Status);
        Assert.Contains("Unknown family 'gumbel'; choose one of: bernoulli, categorical, binomial", unknown.Error);
        Assert.Equal(2, nan.Status);
        Assert.Equal("error: normal: held parameter sigma = NaN is out of range; it must be finite and > 0.", nan.Error.TrimEnd());
    }

    [Fact]
    public void Explain_NormalText_PrintsStepsAndNoDecomposition()
    {
        double[] x = new double[1000];
        new Likely.Distributions.Normal(10, 2).Sample(new Random(4), x);
        string path = Csv("x", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var (status, output, _) = CliRunner.Run("explain", "--data", path, "--column", "x");

        Assert.Equal(0, status);
        Assert.Contains("first reached 0 at m = ", output);
        Assert.Contains("H(p̂, p_model) = ", output);
        Assert.Contains("Discrete samples only", output);
        Assert.Contains("All 4 perturbations raise the cross-entropy", output);
    }

    [Fact]
    public void Explain_Plot_WritesSvgAtomically()
    {
        string path = Csv("k", Enumerable.Range(0, 50).Select(i => (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        string plot = Path.Combine(folder, "ledger.svg");

        var (status, _, error) = CliRunner.Run("explain", "poisson", "--data", path, "--plot", plot);

        Assert.True(status == 0, error);
        string svg = File.ReadAllText(plot);
        Assert.StartsWith("<svg", svg);
        Assert.EndsWith("</svg>\n", svg);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp")); // no temporary left behind
    }

    [Fact]
    public void Explain_PlotPng_WritesBothPanelsAsOnePng()
    {
        string path = Csv("height_cm", ["172.4", "161.7", "180.2", "169.9", "175.0", "158.3"]);
        string plot = Path.Combine(folder, "ledger.png");

        var (status, _, error) = CliRunner.Run("explain", "normal", "--data", path, "--plot", plot);

        Assert.True(status == 0, error);
        byte[] png = File.ReadAllBytes(plot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png[..4]);
        // Two 720×400 panels, one above the other (IHDR: width and height at bytes 16–23).
        Assert.Equal(720, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(800, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }

    [Fact]
    public void Explain_PlotSvgWithoutColumn_NamesTheFirstColumnOnTheAxis()
    {
        string path = Csv("height_cm", ["172.4", "161.7", "180.2", "169.9", "175.0", "158.3"]);
        string plot = Path.Combine(folder, "ledger-axis.svg");

        var (status, _, error) = CliRunner.Run("explain", "normal", "--data", path, "--plot", plot);

        Assert.True(status == 0, error);
        string[] texts = System.Xml.Linq.XDocument.Load(plot).Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray();
        Assert.Contains("height_cm", texts);
        Assert.DoesNotContain("x", texts);
    }

    [Fact]
    public void Explain_PlotJpg_ExitsTwoBeforeReadingTheData()
    {
        var (status, _, error) = CliRunner.Run("explain", "--data", Path.Combine(folder, "missing.csv"), "--plot", Path.Combine(folder, "p.jpg"));

        Assert.Equal(2, status);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Contains("give a file name ending in .png or .svg", error);
    }

    [Fact]
    public void Explain_PlotIntoMissingFolder_ExitsTwoAndWritesNothing()
    {
        string path = Csv("x", ["1", "2", "3.5"]);

        var (status, _, error) = CliRunner.Run("explain", "--data", path, "--plot", Path.Combine(folder, "no", "such", "p.svg"));

        Assert.Equal(2, status);
        Assert.Contains("does not exist", error);
    }

    [Fact]
    public void Tour_LikelihoodStep_ShowsLedgerOnBuiltInSample()
    {
        var (status, output, _) = CliRunner.Run("tour");

        Assert.Equal(0, status);
        Assert.Contains("Maximum likelihood is minimum cross-entropy", output);
        Assert.Contains("underflowed at m = ", output);
        Assert.Contains("both above", output);
    }

    [Fact]
    public void Explain_FamilyAsTheOldDistOption_StillWorks_AndTwoDifferentFamiliesAreRefused()
    {
        string path = Csv("goals", ["0", "1", "2", "1", "3"]);
        var positional = CliRunner.Run("explain", "poisson", "--data", path, "--json");
        var old = CliRunner.Run("explain", "--file", path, "--dist", "poisson", "--json");
        Assert.Equal(0, old.Status);
        // The same object either way.
        Assert.Equal(positional.Output, old.Output);
        using var json = JsonDocument.Parse(old.Output);
        Assert.Equal("poisson", json.RootElement.GetProperty("family").GetString());
        Assert.Equal(path, json.RootElement.GetProperty("data").GetString());

        var twice = CliRunner.Run("explain", "normal", "--data", path, "--dist", "poisson");
        Assert.Equal(2, twice.Status);
        Assert.StartsWith("error: likely explain: the family is given twice (normal and --dist poisson)", twice.Error);
    }
}
