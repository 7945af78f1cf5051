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
        var (fractionStatus, _, fractionError) = Run("fit", "normal", "--data", path, "--test-fraction", "0.3");

        Assert.Equal(2, status);
        Assert.Contains("--seed applies to fit auto (the train/test split), --gof and --ci bootstrap (the resamples)", error);
        Assert.Equal(2, fractionStatus);
        Assert.Contains("--test-fraction applies to fit auto only", fractionError);
    }

    private string ReferenceCsv(JsonElement sample) =>
        Csv("x", sample.EnumerateArray().Select(v => v.GetDouble().ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Fit_CiProfileJson_GivesEachParameterTheClosedFormEnds()
    {
        // The normal case of Data/uncertainty_reference.json: the closed forms μ = x̄ ± s·√(e^(c/N) − 1) and the σ ends
        // of N[(s/σ)² − 1 − ln (s/σ)²] = c, from make_uncertainty_reference.py (brentq to 1e-15). Tolerance 1e-8 relative:
        // the library's root finder stops at 1e-10 in its coordinate, and "R" round-trips the CSV exactly.
        JsonElement reference = Likely.Tests.Likelihood.UncertaintyReference.Profile("normal", 0.95);
        string path = ReferenceCsv(reference.GetProperty("sample"));

        var (status, output, error) = Run("fit", "normal", "--data", path, "--ci", "profile", "--json");

        Assert.Equal(0, status);
        Assert.Equal("", error);
        using var json = JsonDocument.Parse(output);
        JsonElement interval = json.RootElement.GetProperty("interval");
        Assert.Equal("profile", interval.GetProperty("method").GetString());
        Assert.Equal(0.95, interval.GetProperty("level").GetDouble());
        Assert.False(interval.TryGetProperty("resamples", out _));
        foreach (JsonElement parameter in json.RootElement.GetProperty("fit").GetProperty("parameters").EnumerateArray())
        {
            string name = parameter.GetProperty("name").GetString()!;
            double[] closed = reference.GetProperty("closedForm").GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.Equal(closed[0], parameter.GetProperty("lower").GetDouble(), closed[0] * 1e-8);
            Assert.Equal(closed[1], parameter.GetProperty("upper").GetDouble(), closed[1] * 1e-8);
            Assert.False(parameter.TryGetProperty("lowerAtRangeBound", out _));
        }
    }

    [Fact]
    public void Fit_CiTable_AddsLowerAndUpperColumnsAndTheMethod()
    {
        string path = Csv("k", ["0", "1", "1", "2", "5"]);

        var (status, output, _) = Run("fit", "poisson", "--data", path, "--ci", "profile", "--level", "0.9");

        Assert.Equal(0, status);
        Assert.Contains("lower", output);
        Assert.Contains("upper", output);
        Assert.Contains("90% profile-likelihood intervals", output);
    }

    [Fact]
    public void Fit_CiWaldOutsideTheRange_IsFlaggedNotClipped()
    {
        // Rows 1 and 3: σ̂ = 1 and SE = σ̂/√(2N) = 0.5, so at 99% (z = 2.5758) the lower end 1 − 1.2879 = −0.2879 < 0, by hand.
        string path = Csv("x", ["1", "3"]);

        var (status, output, _) = Run("fit", "normal", "--data", path, "--ci", "wald", "--level", "0.99", "--json");

        Assert.Equal(0, status);
        using var json = JsonDocument.Parse(output);
        JsonElement sigma = json.RootElement.GetProperty("fit").GetProperty("parameters")[1];
        Assert.Equal(1 - 2.5758293035489004 * 0.5, sigma.GetProperty("lower").GetDouble(), 1e-6); // z: scipy.stats.norm.ppf(0.995)
        Assert.True(sigma.GetProperty("lowerOutsideRange").GetBoolean());
        Assert.False(sigma.TryGetProperty("upperOutsideRange", out _));
        var (_, table, _) = Run("fit", "normal", "--data", path, "--ci", "wald", "--level", "0.99");
        Assert.Contains("(outside range)", table);
    }

    [Fact]
    public void Fit_CiBootstrap_SameSeedGivesTheSameJsonAndAnotherSeedAnother()
    {
        string path = Csv("x", Enumerable.Range(1, 30).Select(i => (1.5 + Math.Sin(i) + i * 0.1).ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var (status, first, _) = Run("fit", "gamma", "--data", path, "--ci", "bootstrap", "--resamples", "200", "--seed", "4", "--json");
        var (_, again, _) = Run("fit", "gamma", "--data", path, "--ci", "bootstrap", "--resamples", "200", "--seed", "4", "--json");
        var (_, other, _) = Run("fit", "gamma", "--data", path, "--ci", "bootstrap", "--resamples", "200", "--seed", "5", "--json");

        Assert.Equal(0, status);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        using var json = JsonDocument.Parse(first);
        JsonElement interval = json.RootElement.GetProperty("interval");
        Assert.Equal("bootstrap", interval.GetProperty("method").GetString());
        Assert.Equal(200, interval.GetProperty("resamples").GetInt32());
        Assert.Equal(4, interval.GetProperty("seed").GetInt32());
        JsonElement shape = json.RootElement.GetProperty("fit").GetProperty("parameters")[0];
        Assert.True(shape.GetProperty("lower").GetDouble() < shape.GetProperty("estimate").GetDouble());
        Assert.True(shape.GetProperty("upper").GetDouble() > shape.GetProperty("estimate").GetDouble());
    }

    [Theory]
    [InlineData("0", "--level 0 is out of range: it must be between 0 and 1 exclusive, e.g. 0.95.")]
    [InlineData("1", "--level 1 is out of range: it must be between 0 and 1 exclusive, e.g. 0.95.")]
    [InlineData("1.5", "--level 1.5 is out of range: it must be between 0 and 1 exclusive, e.g. 0.95.")]
    [InlineData("-0.2", "--level -0.2 is out of range: it must be between 0 and 1 exclusive, e.g. 0.95.")]
    public void Fit_LevelOutsideZeroOne_ExitsTwoInOneLine(string level, string expected)
    {
        string path = Csv("x", ["1.5", "2.5", "3.25", "4"]);

        var (status, output, error) = Run("fit", "normal", "--data", path, "--ci", "profile", "--level", level);

        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Equal(expected, error.TrimEnd('\n').Replace("error: ", "", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(new[] { "auto", "--ci", "profile" }, "--ci applies to one family; fit auto compares families")]
    [InlineData(new[] { "normal", "--level", "0.9" }, "--level applies to confidence intervals; add --ci profile|wald|bootstrap|bootstrap-percentile.")]
    [InlineData(new[] { "normal", "--ci", "profile", "--resamples", "99" }, "--resamples applies to --ci bootstrap or bootstrap-percentile, not --ci profile")]
    [InlineData(new[] { "normal", "--ci", "bootstrap", "--resamples", "1" }, "--resamples 1 is out of range: it must be at least 2")]
    [InlineData(new[] { "normal", "--ci", "profle" }, "--ci 'profle' is not one of: profile, wald, bootstrap, bootstrap-percentile (did you mean profile?)")]
    [InlineData(new[] { "categorical", "--ci", "profile" }, "categorical's parameters (p0, …, pK−1) follow the data")]
    public void Fit_CiMisuse_ExitsTwoInOneLine(string[] arguments, string expected)
    {
        string path = Csv("x", ["1.5", "2.5", "3.25", "4"]);

        var (status, output, error) = Run(["fit", .. arguments, "--data", path]);

        Assert.Equal(2, status);
        Assert.Equal("", output);
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
    }

    [Fact]
    public void FitAuto_Json_HasVuongAndTheNestedLikelihoodRatioAgainstScipy()
    {
        // The likelihood-ratio case of Data/uncertainty_reference.json: SciPy's exponential and gamma log-likelihoods
        // give Λ and chi2.sf(Λ, 1); tolerance 1e-7 (SciPy's gamma by Nelder–Mead against Likely's Newton).
        JsonElement reference = Likely.Tests.Likelihood.UncertaintyReference.Root.GetProperty("likelihoodRatio");
        string path = ReferenceCsv(reference.GetProperty("sample"));

        var (status, output, _) = Run("fit", "auto", "--data", path, "--json");

        Assert.Equal(0, status);
        using var json = JsonDocument.Parse(output);
        JsonElement gamma = json.RootElement.GetProperty("likelihoodRatio").EnumerateArray()
            .Single(r => r.GetProperty("restricted").GetString() == "exponential" && r.GetProperty("general").GetString() == "gamma");
        Assert.Equal(reference.GetProperty("statistic").GetDouble(), gamma.GetProperty("statistic").GetDouble(), 1e-7);
        Assert.Equal(reference.GetProperty("pValue").GetDouble(), gamma.GetProperty("pValue").GetDouble(), 1e-7);
        Assert.Equal("shape = 1", gamma.GetProperty("constraint").GetString());
        string best = json.RootElement.GetProperty("families")[0].GetProperty("family").GetString()!;
        JsonElement[] vuong = json.RootElement.GetProperty("vuong").EnumerateArray().ToArray();
        Assert.NotEmpty(vuong);
        Assert.All(vuong, v => Assert.Equal(best, v.GetProperty("first").GetString()));
        var (_, table, _) = Run("fit", "auto", "--data", path);
        Assert.Contains($"Vuong test, {best} against each other family", table);
        Assert.Contains("exponential ⊂ gamma", table);
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

/// <summary><c>fit --censored</c>, <c>--gof</c> and <c>--plot</c> through the command line (issue 13).</summary>
public sealed class FitBeyondTheEstimateCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-fit-beyond-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Csv(string text)
    {
        string path = Path.Combine(folder, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Censored_Exponential_IsTheClosedForm()
    {
        // Events at 1, 2 and 3 and one row censored at 4: λ̂ = events / Σx = 3 / 10 (by hand).
        string path = Csv("t,censored\n1,0\n2,0\n3,0\n4,1\n");
        var (status, output, error) = CliRunner.Run("fit", "exponential", "--data", path, "--column", "t", "--censored", "censored", "--json");
        Assert.True(status == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        Assert.Equal(1, json.RootElement.GetProperty("censored").GetInt32());
        Assert.Equal(0.3, json.RootElement.GetProperty("fit").GetProperty("parameters")[0].GetProperty("estimate").GetDouble(), 6);
    }

    [Theory]
    [InlineData("t,censored\n1,0\n2,maybe\n", "row 2: 'maybe' is not a censoring flag")]
    [InlineData("t,censored\n1,1\n2,1\n", "Every one of the 2 rows is censored")]
    public void Censored_BadFlags_OneLine(string csv, string expected)
    {
        var (status, _, error) = CliRunner.Run("fit", "exponential", "--data", Csv(csv), "--column", "t", "--censored", "censored");
        Assert.Equal(2, status);
        Assert.Contains(expected, error);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void Censored_CiGofAndPlot_ThroughTheCommand()
    {
        // Events at 1, 2 and 3, one row censored at 4 (by hand: λ̂ = 3/10, ln L = 3 ln λ − 10 λ). The profile's ends solve
        // 2[ℓ(λ̂) − ℓ(λ)] = χ²₁(0.95) = 3.841458820694124, found here by bisection on that closed form.
        string path = Csv("t,censored\n1,0\n2,0\n3,0\n4,1\n2.5,0\n0.5,0\n6,1\n");
        double d = 5, total = 19, rate = d / total;
        double Excess(double l) => 2 * (d * Math.Log(rate) - rate * total - (d * Math.Log(l) - l * total)) - 3.841458820694124;
        double Bisect(double a, double b)
        {
            for (int i = 0; i < 200; i++)
            {
                double m = 0.5 * (a + b);
                if (Math.Sign(Excess(m)) == Math.Sign(Excess(a))) a = m; else b = m;
            }

            return 0.5 * (a + b);
        }

        string figure = Path.Combine(folder, "fit.svg");
        var (status, output, error) = CliRunner.Run("fit", "exponential", "--data", path, "--column", "t", "--censored", "censored",
            "--ci", "profile", "--gof", "--resamples", "49", "--plot", figure, "--json");
        Assert.True(status == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var lambda = json.RootElement.GetProperty("fit").GetProperty("parameters")[0];
        Assert.Equal(rate, lambda.GetProperty("estimate").GetDouble(), 1e-8);
        Assert.Equal(Bisect(1e-4, rate), lambda.GetProperty("lower").GetDouble(), 1e-8);
        Assert.Equal(Bisect(rate, 10), lambda.GetProperty("upper").GetDouble(), 1e-8);
        var test = json.RootElement.GetProperty("goodnessOfFit")[0];
        Assert.Equal("kaplan-meier-kolmogorov-smirnov", test.GetProperty("statistic").GetString());
        string svg = File.ReadAllText(figure);
        Assert.Contains("Kaplan", svg);
        Assert.Contains("Exact values (5 of 7 rows)", svg);
    }

    [Fact]
    public void Censored_CiBootstrap_SameSeedSameIntervals()
    {
        string path = Csv("t,censored\n1,0\n2,0\n3,0\n4,1\n2.5,0\n0.5,0\n6,1\n1.5,0\n");
        string[] arguments = ["fit", "exponential", "--data", path, "--column", "t", "--censored", "censored", "--ci", "bootstrap", "--resamples", "50", "--seed", "5", "--json"];
        var first = CliRunner.Run(arguments);
        var second = CliRunner.Run(arguments);
        Assert.True(first.Status == 0, first.Error);
        Assert.Equal(first.Output, second.Output);
    }

    [Fact]
    public void GoodnessOfFit_AndPlot_ThroughTheCommand()
    {
        var values = new double[200];
        new Likely.Distributions.Normal(5, 2).Sample(new Random(3), values);
        string path = Csv("x\n" + string.Join('\n', values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        string figure = Path.Combine(folder, "fit.svg");
        var (status, output, error) = CliRunner.Run("fit", "normal", "--data", path, "--gof", "--resamples", "99", "--plot", figure, "--json");
        Assert.True(status == 0, error);
        using var json = System.Text.Json.JsonDocument.Parse(output);
        var tests = json.RootElement.GetProperty("goodnessOfFit").EnumerateArray().ToArray();
        Assert.Equal(["kolmogorov-smirnov", "cramer-von-mises", "anderson-darling"], tests.Select(t => t.GetProperty("statistic").GetString()));
        // Normal draws tested as normal, with B = 99: each p is (1 + hits)/100, so a multiple of 0.01 in (0, 1].
        Assert.All(tests, t => Assert.Equal(0, Math.Round(t.GetProperty("pValue").GetDouble() * 100, 9) % 1));
        Assert.StartsWith("<svg", File.ReadAllText(figure));
        Assert.Equal(figure, json.RootElement.GetProperty("plot").GetString());
    }

    [Theory]
    [InlineData("aic")]
    [InlineData("bic")]
    public void Auto_VuongCorrection_SubtractsThePenaltyByHand(string correction)
    {
        var values = new double[300];
        new Likely.Distributions.Gamma(3, 2).Sample(new Random(11), values);
        string path = Csv("x\n" + string.Join('\n', values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))) + "\n");
        var plain = CliRunner.Run("fit", "auto", "--data", path, "--json");
        var corrected = CliRunner.Run("fit", "auto", "--data", path, "--vuong-correction", correction, "--json");
        Assert.True(corrected.Status == 0, corrected.Error);
        using var a = System.Text.Json.JsonDocument.Parse(plain.Output);
        using var b = System.Text.Json.JsonDocument.Parse(corrected.Output);
        Assert.Equal("none", a.RootElement.GetProperty("vuongCorrection").GetString());
        Assert.Equal(correction, b.RootElement.GetProperty("vuongCorrection").GetString());
        var k = a.RootElement.GetProperty("families").EnumerateArray().Where(f => f.TryGetProperty("fit", out var fit) && fit.ValueKind != System.Text.Json.JsonValueKind.Null)
            .ToDictionary(f => f.GetProperty("family").GetString()!, f => f.GetProperty("fit").GetProperty("freeParameters").GetInt32());
        var before = a.RootElement.GetProperty("vuong").EnumerateArray().ToArray();
        var after = b.RootElement.GetProperty("vuong").EnumerateArray().ToArray();
        Assert.NotEmpty(before);
        for (int i = 0; i < before.Length; i++)
        {
            // By hand: Σℓ less (k₁ − k₂) (AIC) or (k₁ − k₂)·ln N / 2 (BIC); z scales with Σℓ, ω unchanged.
            int extra = k[before[i].GetProperty("first").GetString()!] - k[before[i].GetProperty("second").GetString()!];
            double sum = before[i].GetProperty("logLikelihoodRatio").GetDouble();
            double penalty = correction == "aic" ? extra : extra * Math.Log(300) / 2;
            Assert.Equal(sum - penalty, after[i].GetProperty("logLikelihoodRatio").GetDouble(), 1e-9);
            Assert.Equal(before[i].GetProperty("z").GetDouble() * (sum - penalty) / sum, after[i].GetProperty("z").GetDouble(), 1e-9);
        }
    }

    [Fact]
    public void VuongCorrection_WithoutAuto_IsRefused()
    {
        var (status, _, error) = CliRunner.Run("fit", "normal", "--data", Csv("x\n1\n2\n3\n"), "--vuong-correction", "aic");
        Assert.Equal(2, status);
        Assert.Contains("--vuong-correction applies to fit auto only", error);
    }

    [Fact]
    public void Auto_RefusesTheOneFamilyOptions()
    {
        var (status, _, error) = CliRunner.Run("fit", "auto", "--data", Csv("x\n1\n2\n3\n"), "--gof");
        Assert.Equal(2, status);
        Assert.Contains("--gof applies to one family", error);
    }
}
