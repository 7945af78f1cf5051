using System.Text.Json;
using Likely.Cli;
using Likely.Distributions;
using Likely.Likelihood;

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

        var (status, output, error) = Run("fit", "normal", "--data", path, "--column", "x", "--json");

        Assert.Equal(0, status);
        Assert.Equal("", error);
        Assert.Single(output.TrimEnd('\n').Split('\n')); // one compact line
        using var json = JsonDocument.Parse(output);
        Assert.Equal("normal", json.RootElement.GetProperty("family").GetString());
        JsonElement fit = json.RootElement.GetProperty("fit");
        JsonElement parameters = fit.GetProperty("parameters");
        // By hand: μ̂ = mean = 13.75/6; σ̂² = (1/N) Σ (x − μ̂)² = (Σx² − N μ̂²)/6 = (40.8125 − 31.5104166…)/6 = 1.5503472…
        double mu = 13.75 / 6, sigma = Math.Sqrt((40.8125 - 6 * mu * mu) / 6);
        Assert.Equal(["mu", "sigma"], parameters.EnumerateArray().Select(p => p.GetProperty("name").GetString()));
        Assert.Equal(mu, parameters[0].GetProperty("estimate").GetDouble(), 1e-14);
        Assert.Equal(sigma, parameters[1].GetProperty("estimate").GetDouble(), 1e-13);
        Assert.Equal(6, fit.GetProperty("observations").GetInt32());
        // The normal's cross-entropy at its MLE in closed form: ½ ln(2πσ̂²) + ½ (the mean of z² is 1).
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * sigma * sigma) + 0.5, fit.GetProperty("crossEntropy").GetDouble(), 1e-13);
    }

    [Fact]
    public void Fit_FixParameter_ReportsItFixed()
    {
        string path = Csv("x", ["1", "2", "3", "4"]);

        var (status, output, _) = Run("fit", "normal", "--data", path, "--fix", "mu=0", "--json");

        Assert.Equal(0, status);
        using var json = JsonDocument.Parse(output);
        JsonElement fit = json.RootElement.GetProperty("fit");
        JsonElement mu = fit.GetProperty("parameters")[0];
        Assert.True(mu.GetProperty("fixed").GetBoolean());
        Assert.False(mu.TryGetProperty("standardError", out _)); // a held parameter has none: the key is left out
        // σ̂ about the held μ = 0: √((1 + 4 + 9 + 16)/4) = √7.5, worked by hand.
        Assert.Equal(Math.Sqrt(7.5), fit.GetProperty("parameters")[1].GetProperty("estimate").GetDouble(), 1e-14);
        Assert.Equal(1, fit.GetProperty("freeParameters").GetInt32());
    }

    [Fact]
    public void Fit_TextOutput_ShowsTable()
    {
        string path = Csv("k", ["0", "1", "1", "2", "5"]);

        var (status, output, _) = Run("fit", "poisson", "--data", path);

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

        var (status, _, error) = Run("fit", family, "--data", path);

        Assert.Equal(2, status);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("   at ", error); // no stack trace
    }

    [Fact]
    public void Fit_EmptyColumnOrConstant_ExitsTwo()
    {
        Assert.Contains("empty", Run("fit", "normal", "--data", Csv("x", [])).Error);
        var (status, _, error) = Run("fit", "normal", "--data", Csv("x", ["3", "3", "3"]));
        Assert.Equal(2, status);
        Assert.Contains("All 3 observations equal 3", error);
    }

    [Fact]
    public void Fit_UnknownFamilyOrParameter_ExitsTwo()
    {
        string path = Csv("x", ["1", "2"]);
        Assert.Contains("Unknown family 'gumbel'", Run("fit", "gumbel", "--data", path).Error);
        Assert.Contains("normal has no parameter 'lambda'", Run("fit", "normal", "--data", path, "--fix", "lambda=1").Error);
        Assert.Contains("binomial needs n (the number of trials per observation) held: pass --fix n=<value>", Run("fit", "binomial", "--data", path).Error);
        Assert.Equal(2, Run("fit", "normal", "--data", Path.Combine(folder, "missing.csv")).Status);
    }

    [Fact]
    public void Fit_Categorical_UsesLabels()
    {
        string path = Csv("c", ["b", "a", "b", "c"]);

        var (status, output, _) = Run("fit", "categorical", "--data", path, "--json");

        Assert.Equal(0, status);
        using var json = JsonDocument.Parse(output);
        JsonElement b = json.RootElement.GetProperty("fit").GetProperty("parameters")[1];
        Assert.Equal("b", b.GetProperty("label").GetString());
        Assert.Equal(0.5, b.GetProperty("estimate").GetDouble()); // 2 of 4
        Assert.Equal(2, json.RootElement.GetProperty("fit").GetProperty("freeParameters").GetInt32()); // K − 1
    }

    [Fact]
    public void FitAuto_GammaSample_RanksFamiliesAndSkipsUnsupported()
    {
        double[] x = new double[400];
        new Gamma(2, 1).Sample(new Random(3), x);
        string path = Csv("x", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var (status, output, _) = Run("fit", "auto", "--data", path, "--json");

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
        // The library's comparison, formatted: the same order and the same numbers.
        ModelComparison library = ModelSelection.Compare(x, Families.All);
        Assert.Equal(library.Rows.Select(r => r.Family.Name), families);
        Assert.Equal(library.Rows.Single(r => r.Family.Name == "gamma").HeldOutCrossEntropy, Score("gamma"));
    }

    [Fact]
    public void FitAuto_WithFix_IsRefusedNotIgnored()
    {
        string path = Csv("x", ["1.5", "2.5", "3.25", "4"]);

        var (status, output, error) = Run("fit", "auto", "--data", path, "--fix", "mu=2");

        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Contains("--fix applies to one family; fit auto compares families with every parameter estimated", error);
    }

    [Fact]
    public void Fit_SplitOptionsWithoutAuto_AreRefusedNotIgnored()
    {
        string path = Csv("x", ["1.5", "2.5", "3.25", "4"]);

        var (status, _, error) = Run("fit", "normal", "--data", path, "--seed", "3");

        Assert.Equal(2, status);
        Assert.Contains("--test-fraction and --seed apply to fit auto only", error);
    }

    [Theory]
    [InlineData("mu=nan", "normal: held parameter mu = NaN is out of range; it must be a finite number.")]
    [InlineData("mu=Infinity", "normal: held parameter mu = Infinity is out of range; it must be a finite number.")]
    [InlineData("sigma=0", "normal: held parameter sigma = 0 is out of range; it must be finite and > 0.")]
    public void Fit_FixOutsideTheParameterRange_ExitsTwoNamingParameterAndRange(string pair, string expected)
    {
        // Once, mu=nan answered "All 500 observations equal 172.4"; the held value itself is now refused, on one line.
        string path = Csv("x", ["172.4", "170.1", "168.9"]);

        var (status, _, error) = Run("fit", "normal", "--data", path, "--fix", pair);

        Assert.Equal(2, status);
        Assert.Equal($"error: {expected}", error.TrimEnd());
    }

    [Fact]
    public void Fit_ExponentialFixRate_IsAcceptedAsLambda()
    {
        // rate is lambda's old name: accepted, reported as lambda. ln L = N ln λ − λ Σx = 3 ln 0.5 − 0.5·6, by hand.
        string path = Csv("x", ["1", "2", "3"]);

        var (status, output, error) = Run("fit", "exponential", "--data", path, "--fix", "rate=0.5", "--json");

        Assert.Equal(0, status);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        JsonElement fit = json.RootElement.GetProperty("fit");
        Assert.Equal("lambda", fit.GetProperty("parameters")[0].GetProperty("name").GetString());
        Assert.Equal(3 * Math.Log(0.5) - 0.5 * 6, fit.GetProperty("logLikelihood").GetDouble(), 1e-13);
    }

    [Fact]
    public void Fit_StudentTOnNormalLookingRows_SaysFitNormalInstead()
    {
        double[] x = new double[2000];
        new Normal(170, 8).Sample(new Random(6), x);
        string path = Csv("x", x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

        var (status, _, error) = Run("fit", "student-t", "--data", path);

        Assert.Equal(2, status);
        Assert.Contains("fit normal instead, or hold nu fixed", error);
    }

    [Fact]
    public void FitHelp_ListsEveryFamilyWithItsParameters()
    {
        var (status, output, _) = Run("fit", "--help");

        Assert.Equal(0, status);
        // From the registry, e.g. "normal (mu, sigma)", "poisson (lambda)", "student-t (nu, mu, sigma)".
        Assert.All(Families.All, family => Assert.Contains($"{family.Name} ({family.ParameterSummary})", output));
        Assert.Contains("normal (mu, sigma)", output);
        Assert.Contains("binomial needs --fix n=", output);
    }
}
