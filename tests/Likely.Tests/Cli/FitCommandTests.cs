using System.Text.Json;
using Likely.Cli;
using Likely.Distributions;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

public sealed class FitCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-fit-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Csv(string header, IEnumerable<string> values)
    {
        string path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllLines(path, new[] { header }.Concat(values));
        return path;
    }

    [Fact]
    public void Fit_NormalJson_MatchesLibraryFit()
    {
        double[] x = [1.5, 2.25, 3.0, 0.5, 2.0, 4.5];
        string path = Csv("x", x.Select(v => v.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var (status, output, error) = Run("fit", "normal", "--file", path, "--column", "x", "--json");

        Assert.Equal(0, status);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        JsonElement parameters = json.RootElement.GetProperty("parameters");
        // μ̂ = mean = 13.75/6, worked by hand; σ̂ divides by N.
        Assert.Equal(13.75 / 6, parameters[0].GetProperty("estimate").GetDouble(), 1e-14);
        Assert.Equal(Normal.Fit(x)["sigma"].Estimate, parameters[1].GetProperty("estimate").GetDouble(), 1e-14);
        Assert.Equal(6, json.RootElement.GetProperty("observations").GetInt32());
        Assert.Equal(-json.RootElement.GetProperty("meanLogLikelihood").GetDouble(), json.RootElement.GetProperty("crossEntropy").GetDouble());
    }

    [Fact]
    public void Fit_FixParameter_ReportsItFixed()
    {
        string path = Csv("x", ["1", "2", "3", "4"]);

        var (status, output, _) = Run("fit", "normal", "--file", path, "--fix", "mu=0", "--json");

        Assert.Equal(0, status);
        using var json = JsonDocument.Parse(output);
        JsonElement mu = json.RootElement.GetProperty("parameters")[0];
        Assert.True(mu.GetProperty("fixed").GetBoolean());
        Assert.Equal(JsonValueKind.Null, mu.GetProperty("standardError").ValueKind);
        // σ̂ about the held μ = 0: √((1 + 4 + 9 + 16)/4) = √7.5, worked by hand.
        Assert.Equal(Math.Sqrt(7.5), json.RootElement.GetProperty("parameters")[1].GetProperty("estimate").GetDouble(), 1e-14);
        Assert.Equal(1, json.RootElement.GetProperty("freeParameters").GetInt32());
    }

    [Fact]
    public void Fit_TextOutput_ShowsTable()
    {
        string path = Csv("k", ["0", "1", "1", "2", "5"]);

        var (status, output, _) = Run("fit", "poisson", "--file", path);

        Assert.Equal(0, status);
        Assert.Contains("lambda", output);
        Assert.Contains("1.8", output); // λ̂ = 9/5
        Assert.Contains("AIC", output);
    }

    [Theory]
    [InlineData("poisson", "-1", "outside the support of poisson")]
    [InlineData("lognormal", "0", "outside the support of lognormal")]
    [InlineData("normal", "NaN", "not a finite number")]
    public void Fit_ValueOutsideSupport_ExitsTwoWithReason(string family, string bad, string expected)
    {
        string path = Csv("x", ["1", bad, "2"]);

        var (status, _, error) = Run("fit", family, "--file", path);

        Assert.Equal(2, status);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public void Fit_EmptyColumnOrConstant_ExitsTwo()
    {
        Assert.Contains("empty", Run("fit", "normal", "--file", Csv("x", [])).Error);
        var (status, _, error) = Run("fit", "normal", "--file", Csv("x", ["3", "3", "3"]));
        Assert.Equal(2, status);
        Assert.Contains("All 3 observations equal 3", error);
    }

    [Fact]
    public void Fit_UnknownFamilyOrParameter_ExitsTwo()
    {
        string path = Csv("x", ["1", "2"]);
        Assert.Contains("Unknown family 'weibull'", Run("fit", "weibull", "--file", path).Error);
        Assert.Contains("normal has no parameter 'lambda'", Run("fit", "normal", "--file", path, "--fix", "lambda=1").Error);
        Assert.Contains("--fix n=<trials>", Run("fit", "binomial", "--file", path).Error);
        Assert.Equal(2, Run("fit", "normal", "--file", Path.Combine(folder, "missing.csv")).Status);
    }

    [Fact]
    public void Fit_Categorical_UsesLabels()
    {
        string path = Csv("c", ["b", "a", "b", "c"]);

        var (status, output, _) = Run("fit", "categorical", "--file", path, "--json");

        Assert.Equal(0, status);
        using var json = JsonDocument.Parse(output);
        JsonElement b = json.RootElement.GetProperty("parameters")[1];
        Assert.Equal("b", b.GetProperty("label").GetString());
        Assert.Equal(0.5, b.GetProperty("estimate").GetDouble()); // 2 of 4
        Assert.Equal(2, json.RootElement.GetProperty("freeParameters").GetInt32()); // K − 1
    }

    [Fact]
    public void FitAuto_GammaSample_RanksFamiliesAndSkipsUnsupported()
    {
        double[] x = new double[400];
        new Gamma(2, 1).Sample(new Random(3), x);
        string path = Csv("x", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var (status, output, _) = Run("fit", "auto", "--file", path, "--json");

        Assert.Equal(0, status);
        using var json = JsonDocument.Parse(output);
        string[] families = json.RootElement.GetProperty("families").EnumerateArray().Select(f => f.GetProperty("family").GetString()!).ToArray();
        Assert.Contains("gamma", families);
        Assert.DoesNotContain("poisson", families); // not whole numbers
        Assert.DoesNotContain("beta", families); // values above 1
        Assert.Equal(80, json.RootElement.GetProperty("testRows").GetInt32()); // 20% of 400
        // The generating family should beat the normal on held-out data (a right-skewed sample).
        double Score(string f) => json.RootElement.GetProperty("families").EnumerateArray().First(e => e.GetProperty("family").GetString() == f).GetProperty("heldOutCrossEntropy").GetDouble();
        Assert.True(Score("gamma") < Score("normal"));
    }
}
