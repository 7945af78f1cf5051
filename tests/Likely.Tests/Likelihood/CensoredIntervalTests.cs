using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;
using Likely.Resampling;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Confidence intervals and the goodness-of-fit test from right-censored data. The exponential's censored
/// log-likelihood is d ln λ − λ Σt (d events, Σt over every row), so its MLE is d/Σt, its observed information d/λ², and
/// its profile interval solves 2[ℓ(λ̂) − ℓ(λ)] = χ²₁(level), found here by bisection on that closed form. The sample is
/// the exponential case of Data/censored_reference.json (400 draws of Exponential(0.5) censored at 3).
/// </summary>
public class CensoredIntervalTests
{
    private static (double[] Values, bool[] Censored) Reference(string family)
    {
        string path = Path.Combine(Likely.Tests.Cli.Snapshot.RepositoryRoot, "tests", "Likely.Tests", "Data", "censored_reference.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        JsonElement c = document.RootElement.GetProperty("cases").EnumerateArray().Single(x => x.GetProperty("family").GetString() == family);
        return ([.. c.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())], [.. c.GetProperty("censored").EnumerateArray().Select(v => v.GetBoolean())]);
    }

    /// <summary>The root of f on [a, b] by bisection, f(a) and f(b) of opposite signs.</summary>
    private static double Bisect(Func<double, double> f, double a, double b)
    {
        double fa = f(a);
        for (int i = 0; i < 200; i++)
        {
            double m = 0.5 * (a + b), fm = f(m);
            if (Math.Sign(fm) == Math.Sign(fa)) { a = m; fa = fm; }
            else b = m;
        }

        return 0.5 * (a + b);
    }

    [Theory]
    [InlineData(0.95, 3.841458820694124)]
    [InlineData(0.90, 2.705543454095404)]
    public void ProfileIntervals_CensoredExponential_SolveTheClosedFormRatio(double level, double chiSquare)
    {
        (double[] t, bool[] censored) = Reference("exponential");
        double d = censored.Count(c => !c), total = t.Sum(), rate = d / total;
        double LogLikelihood(double lambda) => d * Math.Log(lambda) - lambda * total;
        double Excess(double lambda) => 2 * (LogLikelihood(rate) - LogLikelihood(lambda)) - chiSquare; // χ²₁ quantiles from tables
        double lower = Bisect(Excess, rate * 1e-3, rate), upper = Bisect(Excess, rate, rate * 10);

        ParameterInterval interval = ProfileLikelihood.Intervals(Families.Find("exponential"), t, censored, level)["lambda"]!;

        Assert.Equal(rate, interval.Estimate, 1e-9 * rate);
        Assert.Equal(lower, interval.Lower, 1e-8 * rate);
        Assert.Equal(upper, interval.Upper, 1e-8 * rate);
        Assert.Equal(IntervalEnd.Inside, interval.LowerEnd);
    }

    [Fact]
    public void WaldIntervals_CensoredExponential_UseTheCensoredInformation()
    {
        (double[] t, bool[] censored) = Reference("exponential");
        double d = censored.Count(c => !c), rate = d / t.Sum();
        DistributionFit fit = CensoredMaximumLikelihood.Fit(Families.Find("exponential"), t, censored);

        ParameterInterval interval = WaldInterval.Intervals(Families.Find("exponential"), fit, 0.95)["lambda"]!;

        // SE = λ̂/√d from the observed information d/λ²; z = 1.959963984540054 (tables).
        double half = 1.959963984540054 * rate / Math.Sqrt(d);
        Assert.Equal(rate - half, interval.Lower, 1e-6 * rate);
        Assert.Equal(rate + half, interval.Upper, 1e-6 * rate);
    }

    [Fact]
    public void ProfileIntervals_CensoredWeibull_EndsLieOnTheCutoff()
    {
        // Each end of the profile interval must sit where the profile deviance, recomputed by an independent
        // maximization over the other parameter (a golden-section search on the censored log-likelihood), is χ²₁(0.95).
        (double[] x, bool[] censored) = Reference("weibull");
        DistributionFamily weibull = Families.Find("weibull");
        DistributionFit best = CensoredMaximumLikelihood.Fit(weibull, x, censored);
        ConfidenceIntervals intervals = ProfileLikelihood.Intervals(weibull, x, censored, 0.95);
        double ProfileAtShape(double k)
        {
            // ln L over ln λ for fixed k: unimodal, searched by golden section on [ln 0.1, ln 100].
            double LogL(double logScale) => CensoredMaximumLikelihood.LogLikelihood(weibull.Create([k, Math.Exp(logScale)]), x, censored);
            double a = Math.Log(0.1), b = Math.Log(100), g = (Math.Sqrt(5) - 1) / 2;
            for (int i = 0; i < 200; i++)
            {
                double c = b - g * (b - a), e = a + g * (b - a);
                if (LogL(c) > LogL(e)) b = e; else a = c;
            }

            return LogL(0.5 * (a + b));
        }

        foreach (double end in new[] { intervals["k"]!.Lower, intervals["k"]!.Upper })
        {
            Assert.Equal(3.841458820694124, 2 * (best.LogLikelihood - ProfileAtShape(end)), 1e-5);
        }
    }

    [Fact]
    public void BootstrapIntervals_NothingCensored_AreTheOrdinaryBootstrap()
    {
        // With every flag false the (value, censored) rows resample as the values do, and each refit is the ordinary fit,
        // so the two paths must agree to the last bit for the same seed.
        double[] x = new double[120];
        new Gamma(2, 1.5).Sample(new Random(8), x);
        var options = new BootstrapOptions { Resamples = 60, Seed = 4 };
        BootstrapIntervals ordinary = ParameterBootstrap.Intervals(Families.Find("gamma"), x, options);
        BootstrapIntervals censored = ParameterBootstrap.Intervals(Families.Find("gamma"), x, new bool[x.Length], options);
        Assert.Equal(ordinary.Bca.Parameters, censored.Bca.Parameters);
        Assert.Equal(ordinary.Percentile.Parameters, censored.Percentile.Parameters);
    }

    [Fact]
    public void BootstrapIntervals_Censored_AnyThreadCountAndNearTheProfile()
    {
        (double[] t, bool[] censored) = Reference("exponential");
        DistributionFamily exponential = Families.Find("exponential");
        BootstrapIntervals one = ParameterBootstrap.Intervals(exponential, t, censored, new BootstrapOptions { Resamples = 400, Seed = 2, Threads = 1 });
        BootstrapIntervals four = ParameterBootstrap.Intervals(exponential, t, censored, new BootstrapOptions { Resamples = 400, Seed = 2, Threads = 4 });
        Assert.Equal(one.Bca.Parameters, four.Bca.Parameters);

        // With 400 rows both intervals estimate the same thing: the BCa ends lie within a tenth of the profile's width of
        // its ends. Resampling values without their flags would shift λ̂* and fail this.
        ParameterInterval profile = ProfileLikelihood.Intervals(exponential, t, censored)["lambda"]!, bca = one.Bca["lambda"]!;
        double width = profile.Upper - profile.Lower;
        Assert.InRange(bca.Lower, profile.Lower - 0.1 * width, profile.Lower + 0.1 * width);
        Assert.InRange(bca.Upper, profile.Upper - 0.1 * width, profile.Upper + 0.1 * width);
    }

    [Fact]
    public void KaplanMeierDistance_ByHand()
    {
        // Events at 1 and 2, censored at 3, under Exponential(1): F̂ = 1/3, 2/3, 2/3 at 1, 2, 3 and F = 1 − e^{−x}; the
        // largest gap is just below 1, between F̂ = 0 and F(1) = 1 − e^{−1}.
        double d = GoodnessOfFit.KaplanMeierDistance(new Exponential(1), [2.0, 1, 3], [false, false, true]);
        Assert.Equal(1 - Math.Exp(-1), d, 1e-15);
    }

    [Fact]
    public void KaplanMeierDistance_NothingCensored_IsKolmogorovSmirnov()
    {
        double[] x = new double[50];
        new Normal(1, 2).Sample(new Random(9), x);
        var model = new Normal(1.2, 1.9);
        Assert.Equal(GoodnessOfFit.Compute(model, x, GoodnessOfFitStatistic.KolmogorovSmirnov),
            GoodnessOfFit.KaplanMeierDistance(model, x, new bool[x.Length]), 1e-15);
    }

    [Fact]
    public void TestCensored_RightFamilyPassesWrongFamilyFails_AnyThreadCount()
    {
        (double[] x, bool[] censored) = Reference("weibull"); // Weibull(k = 1.5, λ = 2) censored at 2.5
        GoodnessOfFitResult weibull = GoodnessOfFit.TestCensored(Families.Find("weibull"), x, censored, null, resamples: 99, seed: 3, threads: 1);
        GoodnessOfFitResult again = GoodnessOfFit.TestCensored(Families.Find("weibull"), x, censored, null, resamples: 99, seed: 3, threads: 3);
        GoodnessOfFitResult exponential = GoodnessOfFit.TestCensored(Families.Find("exponential"), x, censored, null, resamples: 99, seed: 3);

        Assert.Equal(weibull.PValue, again.PValue);
        Assert.Equal(GoodnessOfFitStatistic.KaplanMeierKolmogorovSmirnov, weibull.Statistic);
        Assert.True(weibull.PValue > 0.05, $"weibull p = {weibull.PValue}");
        Assert.Equal(0.01, exponential.PValue); // k = 1.5 is far from 1 at N = 400: no resample reaches D, so p = 1/(B + 1)
    }

    [Fact]
    public void Test_KaplanMeierStatisticWithoutFlags_IsRefused()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            GoodnessOfFit.Test(Families.Find("normal"), [1.0, 2, 3], null, GoodnessOfFitStatistic.KaplanMeierKolmogorovSmirnov));
        Assert.Contains("TestCensored", exception.Message);
    }
}
