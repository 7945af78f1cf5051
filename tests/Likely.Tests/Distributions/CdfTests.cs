using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// Cdf, LogSurvival and LogCdf of every family against SciPy's cdf, logsf and logcdf (scipy_fits.json, "cdfs"), at points
/// that reach both far tails, where ln(1 − Cdf) would be −∞ or all rounding; and LogCdf where F is below 1e-200, in
/// every case at some point below the smallest double
/// ("logCdfDeep": SciPy's log_ndtr for the normal families, mpmath at 60 digits for the rest).
/// </summary>
public sealed class CdfTests
{
    // Families whose CDF is a closed form in exp/log (1e-12 relative); the rest go through the incomplete gamma or
    // beta functions (series/continued fractions whose prefactor loses a few digits to cancellation: 1e-10).
    private static readonly HashSet<string> ClosedForm = ["exponential", "laplace", "weibull", "geometric", "bernoulli", "categorical"];

    public static TheoryData<int> CaseIndices() => new(Enumerable.Range(0, Cases.Length));

    private static JsonElement[] Cases => ScipyReference.Root.GetProperty("cdfs").EnumerateArray().ToArray();

    [Fact]
    public void Families_EachHasACdfReference()
    {
        string[] missing = Families.All.Select(f => f.Name)
            .Where(name => !Cases.Any(c => c.GetProperty("family").GetString() == name)).ToArray();

        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void CdfAndLogSurvival_ScipyPoints_MatchScipy(int index)
    {
        // Expected: scipy.stats.<dist>(params).cdf and .logsf (the categorical's by hand), from make_scipy_fits.py.
        JsonElement reference = Cases[index];
        string family = reference.GetProperty("family").GetString()!;
        IUnivariateDistribution distribution = ScipyReference.Create(family, ScipyReference.Doubles(reference.GetProperty("parameters")));
        double[] x = ScipyReference.Doubles(reference.GetProperty("x"));
        double[] cdf = ScipyReference.Doubles(reference.GetProperty("cdf"));
        double[] logSurvival = Numbers(reference.GetProperty("logSurvival"));
        double[] logCdf = Numbers(reference.GetProperty("logCdf"));
        double tolerance = ClosedForm.Contains(family) ? 1e-12 : 1e-10;

        for (int i = 0; i < x.Length; i++)
        {
            AssertClose(cdf[i], distribution.Cdf(x[i]), tolerance, $"{distribution} Cdf({x[i]})");
            AssertClose(logSurvival[i], distribution.LogSurvival(x[i]), tolerance, $"{distribution} LogSurvival({x[i]})");
            AssertClose(logCdf[i], distribution.LogCdf(x[i]), tolerance, $"{distribution} LogCdf({x[i]})");
        }
    }

    public static TheoryData<int> DeepCaseIndices() => new(Enumerable.Range(0, DeepCases.Length));

    private static JsonElement[] DeepCases => ScipyReference.Root.GetProperty("logCdfDeep").EnumerateArray().ToArray();

    [Theory]
    [MemberData(nameof(DeepCaseIndices))]
    public void LogCdf_BelowSmallestDouble_MatchesReference(int index)
    {
        // Expected: make_scipy_fits.py's "logCdfDeep", where F(x) < 1e-308 so ln(Cdf) is −∞: the source is named in each
        // entry (SciPy's log_ndtr, or mpmath at 60 digits from the definition). 1e-10 relative, as for the special functions above.
        JsonElement reference = DeepCases[index];
        string family = reference.GetProperty("family").GetString()!;
        IUnivariateDistribution distribution = ScipyReference.Create(family, ScipyReference.Doubles(reference.GetProperty("parameters")));
        double[] x = ScipyReference.Doubles(reference.GetProperty("x"));
        double[] logCdf = ScipyReference.Doubles(reference.GetProperty("logCdf"));
        // At least one point where F is below the smallest normal double (2.2e-308): ln(Cdf) is −∞ there, or loses digits to subnormals.
        Assert.Contains(x, v => distribution.Cdf(v) < 2.2e-308);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(distribution.Cdf(x[i]) < 1e-200, $"{distribution} at {x[i]}: F = {distribution.Cdf(x[i])} is not in the far tail");
            AssertClose(logCdf[i], distribution.LogCdf(x[i]), 1e-10, $"{distribution} LogCdf({x[i]}) [{reference.GetProperty("source").GetString()}]");
        }
    }

    [Fact]
    public void LogCdf_EveryContinuousFamily_HasADeepReference()
    {
        string[] missing = Families.All.Where(f => !f.IsDiscrete && !DeepCases.Any(c => c.GetProperty("family").GetString() == f.Name)).Select(f => f.Name).ToArray();
        Assert.Empty(missing);
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void LogCdf_AcrossTheBulk_IsLogOfCdf(string family)
    {
        // Property: where F is well away from 0, ln F from the lower tail equals the log of Cdf (1e-13 relative).
        IUnivariateDistribution distribution = FamilyCases.Of(family).Truth;
        foreach (double x in FamilyCases.Of(family).Draw(200, 9))
        {
            double expected = Math.Log(distribution.Cdf(x));
            Assert.True(Math.Abs(distribution.LogCdf(x) - expected) <= 1e-13 * Math.Abs(expected) + 1e-15, $"{distribution} at {x}: {distribution.LogCdf(x)} vs ln F = {expected}");
        }

        Assert.True(double.IsNaN(distribution.LogCdf(double.NaN)));
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void CdfPlusSurvival_AcrossTheBulk_IsOne(string family)
    {
        // Property: F(x) + P(X > x) = 1, the two computed from different tails; checked at the 1%…99% range of draws.
        IUnivariateDistribution distribution = FamilyCases.Of(family).Truth;
        double[] draws = FamilyCases.Of(family).Draw(200, 8);

        foreach (double x in draws)
        {
            double sum = distribution.Cdf(x) + Math.Exp(distribution.LogSurvival(x));
            Assert.True(Math.Abs(sum - 1) <= 1e-12, $"{distribution} at {x}: F + S = {sum}");
        }
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Cdf_NaN_IsNaN(string family)
    {
        IUnivariateDistribution distribution = FamilyCases.Of(family).Truth;

        Assert.True(double.IsNaN(distribution.Cdf(double.NaN)));
        Assert.True(double.IsNaN(distribution.LogSurvival(double.NaN)));
    }

    [Fact]
    public void Cdf_DiscreteFamily_UsesFloor()
    {
        // By hand: for a Poisson(2.5), P(X ≤ 2.7) = P(X ≤ 2) = e^(−2.5)(1 + 2.5 + 2.5²/2) = 0.5438131158833296.
        var poisson = new Poisson(2.5);

        Assert.Equal(Math.Exp(-2.5) * (1 + 2.5 + 3.125), poisson.Cdf(2.7), 1e-14);
        Assert.Equal(poisson.Cdf(2), poisson.Cdf(2.999), 0);
    }

    [Fact]
    public void LogSurvival_NormalFarTail_IsFiniteWhereOneMinusCdfUnderflows()
    {
        // Mills ratio by hand: ln(1 − Φ(z)) ≈ −z²/2 − ln(z√(2π)) + ln(1 − 1/z² + 3/z⁴) at z = 40 (error below 1e-7 relative).
        double z = 40, expected = -z * z / 2 - Math.Log(z * Math.Sqrt(2 * Math.PI)) + Math.Log(1 - 1 / (z * z) + 3 / Math.Pow(z, 4));

        Assert.Equal(1.0, new Normal(0, 1).Cdf(z));
        Assert.Equal(expected, new Normal(0, 1).LogSurvival(z), 1e-7 * Math.Abs(expected));
    }

    public static TheoryData<string> FamilyNames() => new(Families.All.Select(f => f.Name));

    /// <summary>Numbers from the JSON; −∞ is written as the string "-Infinity" (JSON has no infinity).</summary>
    private static double[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? double.Parse(e.GetString()!, System.Globalization.CultureInfo.InvariantCulture) : e.GetDouble()).ToArray();

    private static void AssertClose(double expected, double actual, double tolerance, string what)
    {
        if (double.IsInfinity(expected))
        {
            Assert.True(expected == actual, $"{what}: {actual} vs scipy {expected}");
            return;
        }

        // The 1e-15 absolute floor: near F = 0, SciPy's logsf is ln(sf) of an sf rounded next to 1, good to about 1e-16
        // absolute (it gives 0 or −5.55e-16 where ln(1 − ε) ≈ −ε is smaller), so only absolute agreement is meaningful.
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected) + 1e-15, $"{what}: {actual} vs scipy {expected} (relative {Math.Abs(actual - expected) / Math.Abs(expected):G3})");
    }
}
