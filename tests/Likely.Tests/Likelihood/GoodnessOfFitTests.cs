using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Goodness-of-fit statistics and bootstrap p-values against SciPy (scipy_gof.json, written by make_scipy_gof.py with
/// SciPy 1.10.1): the statistics exactly (kstest, cramervonmises, anderson, goodness_of_fit's A²; χ² via chisquare over
/// cells pooled independently in the script), the p-values within Monte Carlo error of goodness_of_fit's.
/// </summary>
public sealed class GoodnessOfFitTests
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(FindFile())));

    private static JsonElement Section(string name) => Document.Value.RootElement.GetProperty(name);

    private static JsonElement Entry(string section, string name) =>
        Section(section).EnumerateArray().Single(e => e.GetProperty("name").GetString() == name);

    public static TheoryData<string> StatisticCases() => new(Section("statistics").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));

    public static TheoryData<string> ChiSquareCases() => new(Section("chiSquare").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));

    public static TheoryData<string> BootstrapCases() => new(Section("bootstrap").EnumerateArray().Select(e => e.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(StatisticCases))]
    public void Compute_ScipyModelAndSample_MatchesScipyStatistics(string name)
    {
        // Expected: scipy.stats.kstest(x, dist.cdf).statistic, cramervonmises(x, dist.cdf).statistic, and A² as
        // goodness_of_fit's _anderson_darling (and scipy.stats.anderson where the script stored it), under the same model.
        JsonElement reference = Entry("statistics", name);
        (IUnivariateDistribution model, double[] x) = ModelAndSample(reference);

        // Sums of ≤ 80 terms of CDFs good to 1e-10 relative (1e-12 for the closed forms): 1e-9 relative.
        AssertRelative(reference.GetProperty("ks").GetDouble(), GoodnessOfFit.Compute(model, x, GoodnessOfFitStatistic.KolmogorovSmirnov), 1e-9);
        AssertRelative(reference.GetProperty("cvm").GetDouble(), GoodnessOfFit.Compute(model, x, GoodnessOfFitStatistic.CramerVonMises), 1e-9);
        AssertRelative(reference.GetProperty("ad").GetDouble(), GoodnessOfFit.Compute(model, x, GoodnessOfFitStatistic.AndersonDarling), 1e-9);
        if (reference.TryGetProperty("andersonA2", out JsonElement anderson))
        {
            AssertRelative(anderson.GetDouble(), GoodnessOfFit.Compute(model, x, GoodnessOfFitStatistic.AndersonDarling), 1e-9);
        }
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("exponential")]
    public void Test_ClosedFormFamily_StatisticIsScipysUnderTheFit(string name)
    {
        // The script's parameters are SciPy's MLE (norm.fit, expon.fit(floc=0)), closed forms that Likely's fit matches
        // to rounding, so the statistic of Test equals SciPy's statistic under SciPy's fit.
        JsonElement reference = Entry("statistics", name);
        (_, double[] x) = ModelAndSample(reference);
        DistributionFamily family = Families.Find(reference.GetProperty("family").GetString()!);

        GoodnessOfFitResult result = GoodnessOfFit.Test(family, x, null, GoodnessOfFitStatistic.AndersonDarling, resamples: 19);

        AssertRelative(reference.GetProperty("ad").GetDouble(), result.Value, 1e-9);
    }

    [Theory]
    [MemberData(nameof(ChiSquareCases))]
    public void Compute_ChiSquare_MatchesScipyChisquareOverPooledCells(string name)
    {
        // Expected: scipy.stats.chisquare(observed, expected) over cells pooled in the script with scipy's cdf/sf.
        JsonElement reference = Entry("chiSquare", name);
        (IUnivariateDistribution model, double[] x) = ModelAndSample(reference);
        double[] sorted = x.Order().ToArray();

        var cells = GoodnessOfFit.ChiSquareCells(model, sorted);

        Assert.Equal(reference.GetProperty("observed").EnumerateArray().Select(e => e.GetDouble()), cells.Select(c => c.Observed));
        double[] expected = reference.GetProperty("expected").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(expected.Length, cells.Count);
        for (int i = 0; i < expected.Length; i++)
        {
            AssertRelative(expected[i], cells[i].Expected, 1e-9);
        }

        AssertRelative(reference.GetProperty("chiSquare").GetDouble(), GoodnessOfFit.Compute(model, x, GoodnessOfFitStatistic.ChiSquare), 1e-9);
    }

    [Theory]
    [MemberData(nameof(BootstrapCases))]
    public void Test_SameSampleAsScipy_PValueWithinMonteCarloError(string name)
    {
        // Expected: scipy.stats.goodness_of_fit(dist, x, statistic=…, n_mc_samples=9999). Both p-values are Monte Carlo
        // estimates of the same probability, so they must agree within 4 combined standard errors,
        // 4·√(se_scipy² + se_likely²) (a false alarm about 1 in 16,000 per case), with a 2e-3 floor for p near 0.
        JsonElement reference = Entry("bootstrap", name);
        DistributionFamily family = Families.Find(reference.GetProperty("family").GetString()!);
        double[] x = Doubles(reference.GetProperty("sample"));
        GoodnessOfFitStatistic statistic = reference.GetProperty("statistic").GetString() switch
        {
            "ks" => GoodnessOfFitStatistic.KolmogorovSmirnov,
            "cvm" => GoodnessOfFitStatistic.CramerVonMises,
            _ => GoodnessOfFitStatistic.AndersonDarling,
        };

        GoodnessOfFitResult result = GoodnessOfFit.Test(family, x, null, statistic, resamples: 1999, seed: 11);

        AssertRelative(reference.GetProperty("value").GetDouble(), result.Value, 1e-9);
        double scipyP = reference.GetProperty("pValue").GetDouble(), scipyError = reference.GetProperty("standardError").GetDouble();
        double allowed = Math.Max(4 * Math.Sqrt(scipyError * scipyError + result.PValueStandardError * result.PValueStandardError), 2e-3);
        Assert.True(Math.Abs(result.PValue - scipyP) <= allowed, $"{name}: p = {result.PValue} ± {result.PValueStandardError} vs scipy {scipyP} ± {scipyError}");
        Assert.Equal(1999, result.Resamples + result.FailedRefits);
    }

    [Fact]
    public void Test_OneAndTwoThreads_GiveIdenticalResults()
    {
        double[] x = new double[40];
        new Gamma(2, 1.5).Sample(new Random(5), x);

        GoodnessOfFitResult one = GoodnessOfFit.Test(Gamma.Family, x, null, GoodnessOfFitStatistic.CramerVonMises, resamples: 199, seed: 3, threads: 1);
        GoodnessOfFitResult two = GoodnessOfFit.Test(Gamma.Family, x, null, GoodnessOfFitStatistic.CramerVonMises, resamples: 199, seed: 3, threads: 2);

        Assert.Equal(one with { Fit = two.Fit }, two);
    }

    [Fact]
    public void Test_ExponentialDataAsNormal_PValueIsSmall()
    {
        // Exponential(1) draws tested as normal: skewness 2 is far from 0; A² rejects decisively at N = 200.
        double[] x = new double[200];
        new Exponential(1).Sample(new Random(21), x);

        GoodnessOfFitResult result = GoodnessOfFit.Test(Normal.Family, x, null, GoodnessOfFitStatistic.AndersonDarling, resamples: 499);

        Assert.True(result.PValue <= 0.01, $"p = {result.PValue}");
    }

    [Theory]
    [InlineData("weibull", GoodnessOfFitStatistic.AndersonDarling)]
    [InlineData("gamma", GoodnessOfFitStatistic.KolmogorovSmirnov)]
    [InlineData("poisson", GoodnessOfFitStatistic.ChiSquare)]
    [InlineData("negative-binomial", GoodnessOfFitStatistic.ChiSquare)]
    public void Test_DataFromTheFamily_PValueIsNotSmall(string family, GoodnessOfFitStatistic statistic)
    {
        // Under the null the p-value is uniform; with this fixed seed it must not be below 0.05 (checked once; a
        // correct test gives p ≥ 0.05 for 95% of seeds, so a failure here is a 1-in-20 event only if the code is right).
        double[] x = new double[150];
        Distributions.FamilyCases.Of(family).Truth.Sample(new Random(17), x);

        GoodnessOfFitResult result = GoodnessOfFit.Test(Families.Find(family), x, null, statistic, resamples: 299, seed: 2);

        Assert.True(result.PValue >= 0.05, $"{family}: p = {result.PValue}");
        Assert.Equal(Math.Sqrt(result.PValue * (1 - result.PValue) / result.Resamples), result.PValueStandardError, 1e-15);
    }

    [Fact]
    public void Test_StatisticNotSuitingFamily_ThrowsNamingTheFix()
    {
        var error = Assert.Throws<ArgumentException>(() => GoodnessOfFit.Test(Poisson.Family, [1, 2, 3], null, GoodnessOfFitStatistic.KolmogorovSmirnov));

        Assert.Contains("ChiSquare", error.Message);
    }

    [Fact]
    public void ResampleSeed_DistinctIndices_GiveDistinctSeeds()
    {
        var seeds = Enumerable.Range(0, 10_000).Select(b => ParameterBootstrap.ResampleSeed(1, b)).ToHashSet();

        Assert.Equal(10_000, seeds.Count);
    }

    private static (IUnivariateDistribution Model, double[] Sample) ModelAndSample(JsonElement reference) =>
        (Families.Find(reference.GetProperty("family").GetString()!).Create(Doubles(reference.GetProperty("parameters"))), Doubles(reference.GetProperty("sample")));

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Max(1e-300, Math.Abs(expected)), $"{actual} vs scipy {expected}");

    private static string FindFile() => Likely.Tests.Data.DataTestFiles.Committed("scipy_gof.json");
}
