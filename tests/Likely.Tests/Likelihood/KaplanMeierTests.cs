using System.Text.Json;
using Likely.Likelihood;
using Likely.Tests.Data;

namespace Likely.Tests.Likelihood;

/// <summary>
/// The Kaplan–Meier estimator against the textbook 6-MP example (Freireich et al. 1963, as tabulated in Kleinbaum and
/// Klein, Survival Analysis, table 2.2) and against an independent NumPy product-limit written out in
/// Data/make_kaplan_meier_reference.py (SciPy 1.10 has no censored ecdf).
/// </summary>
public class KaplanMeierTests
{
    // The 6-MP group of the leukemia remission trial, weeks; true marks a censored row (written 6+ in the book).
    private static readonly double[] Weeks = [6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22, 23, 25, 32, 32, 34, 35];
    private static readonly bool[] Censored = [false, false, false, true, false, true, false, true, true, false, false, true, true, true, false, false, true, true, true, true, true];

    [Fact]
    public void Estimate_SixMp_MatchesTheTextbookTable()
    {
        KaplanMeier estimate = KaplanMeier.Estimate(Weeks, Censored);

        // By hand: Ŝ multiplies (1 − d/n) at each event time; the book prints the products to three decimals.
        Assert.Equal([6.0, 7, 10, 13, 16, 22, 23], estimate.Times);
        Assert.Equal([21, 17, 15, 12, 11, 7, 6], estimate.AtRisk);
        Assert.Equal([3, 1, 1, 1, 1, 1, 1], estimate.Events);
        double[] expected = [18.0 / 21, 18.0 / 21 * 16 / 17, 18.0 / 21 * 16 / 17 * 14 / 15, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12,
            18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11, 18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7,
            18.0 / 21 * 16 / 17 * 14 / 15 * 11 / 12 * 10 / 11 * 6 / 7 * 5 / 6];
        double[] book = [0.857, 0.807, 0.753, 0.690, 0.627, 0.538, 0.448];
        for (int j = 0; j < expected.Length; j++)
        {
            Assert.Equal(expected[j], estimate.Survival[j], 1e-15);
            Assert.Equal(book[j], estimate.Survival[j], 0.0005);
        }
    }

    [Fact]
    public void SurvivalAt_IsARightContinuousStep()
    {
        KaplanMeier estimate = KaplanMeier.Estimate(Weeks, Censored);
        Assert.Equal(1, estimate.SurvivalAt(5.999));
        Assert.Equal(18.0 / 21, estimate.SurvivalAt(6), 1e-15); // the step is taken at 6 itself
        Assert.Equal(estimate.SurvivalAt(6), estimate.SurvivalAt(6.5));
        Assert.Equal(estimate.Survival[^1], estimate.SurvivalAt(1000)); // level after the last event (censored rows follow)
        Assert.Equal(1 - estimate.Survival[^1], estimate.Cdf(1000));
    }

    [Fact]
    public void Estimate_NothingCensored_IsOneMinusTheEmpiricalCdf()
    {
        double[] x = [3, 1, 2, 2, 5];
        KaplanMeier estimate = KaplanMeier.Estimate(x, new bool[x.Length]);
        // ECDF by counting: #{x ≤ t}/5 at t = 1, 2, 3, 5 is 1/5, 3/5, 4/5, 1.
        Assert.Equal([1.0, 2, 3, 5], estimate.Times);
        Assert.Equal(new[] { 0.8, 0.4, 0.2, 0.0 }, estimate.Survival.ToArray(), (a, b) => Math.Abs(a - b) < 1e-15);
    }

    [Fact]
    public void Estimate_MatchesTheNumpyProductLimitWithTies()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(DataTestFiles.Committed("kaplan_meier_reference.json")));
        JsonElement root = reference.RootElement;
        double[] values = [.. root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())];
        bool[] censored = [.. root.GetProperty("censored").EnumerateArray().Select(v => v.GetBoolean())];
        double[] D(string name) => [.. root.GetProperty(name).EnumerateArray().Select(v => v.GetDouble())];

        KaplanMeier estimate = KaplanMeier.Estimate(values, censored);
        Assert.Equal(D("times"), estimate.Times);
        Assert.Equal(D("atRisk"), estimate.AtRisk.Select(n => (double)n));
        Assert.Equal(D("events"), estimate.Events.Select(n => (double)n));
        Assert.Equal(D("survival"), estimate.Survival.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-14);

        KaplanMeier censoring = KaplanMeier.Censoring(values, censored);
        Assert.Equal(D("censoringTimes"), censoring.Times);
        Assert.Equal(D("censoringSurvival"), censoring.Survival.ToArray(), (a, b) => Math.Abs(a - b) <= 1e-14);
    }

    [Fact]
    public void Sample_DrawsTheJumpsWithTheirMass()
    {
        // Events at 1 and 2, one censored at 3: Ŝ = 2/3, 1/3, and 1/3 of the mass lies beyond 3 (drawn as +∞).
        KaplanMeier estimate = KaplanMeier.Estimate([1.0, 2, 3], [false, false, true]);
        var random = new Random(5);
        int n = 30000, ones = 0, twos = 0, beyond = 0;
        for (int i = 0; i < n; i++)
        {
            double t = estimate.Sample(random);
            ones += t == 1 ? 1 : 0;
            twos += t == 2 ? 1 : 0;
            beyond += double.IsPositiveInfinity(t) ? 1 : 0;
        }

        Assert.Equal(n, ones + twos + beyond);
        // Each share is 1/3; 5 binomial standard errors √(pq/n) ≈ 0.0136.
        foreach (int count in new[] { ones, twos, beyond })
        {
            Assert.InRange(count / (double)n, 1.0 / 3 - 0.0136, 1.0 / 3 + 0.0136);
        }
    }

    [Theory]
    [InlineData(new double[0], new bool[0], "values")]
    [InlineData(new[] { 1.0, 2.0 }, new[] { false }, "censored")]
    [InlineData(new[] { 1.0, double.NaN }, new[] { false, false }, "values")]
    public void Estimate_BadInput_NamesTheArgument(double[] values, bool[] censored, string parameter)
    {
        var exception = Assert.Throws<ArgumentException>(() => KaplanMeier.Estimate(values, censored));
        Assert.Equal(parameter, exception.ParamName);
    }
}
