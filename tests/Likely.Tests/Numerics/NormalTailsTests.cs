using System.Text.Json;
using Likely.Numerics;

namespace Likely.Tests.Numerics;

/// <summary>
/// The one normal-tail implementation against SciPy's erfc, erf, ndtr and log_ndtr (Data/scipy_normal_tails.json, made by
/// make_scipy_normal_tails.py; Cephes in double, about 1e-16 relative) over the whole range, deep tails included, and
/// the three places that used to keep their own copy now giving its values.
/// </summary>
public sealed class NormalTailsTests
{
    private static readonly JsonElement Root = Read();

    [Fact]
    public void ErfcAndErf_ScipyPoints_MatchToFewUlps()
    {
        // 1e-14 relative: a few ulps from the series' or continued fraction's sums, with e^(−x²) formed exactly (no x²·ε
        // growth: at x = 26, x² = 676 would otherwise cost 7.5e-14); erfc(27.5) and beyond is 0 in both.
        double[] x = Doubles("x"), erfc = Doubles("erfc"), erf = Doubles("erf");
        for (int i = 0; i < x.Length; i++)
        {
            AssertRelative(erfc[i], NormalTails.Erfc(x[i]), 1e-14, $"erfc({x[i]})");
            AssertRelative(erf[i], NormalTails.Erf(x[i]), 1e-14, $"erf({x[i]})");
        }
    }

    [Fact]
    public void NormalCdfAndLogTails_ScipyPoints_MatchToFewUlps()
    {
        // Φ(z) = ½ erfc(−z/√2): the argument's rounding (z/√2, one ulp) moves erfc by 2x²·ε relative, about 1.6e-13 at
        // z = −38, so Φ to 2e-13; the logs divide that by |ln Φ| ≈ z²/2, so 1e-14 relative there.
        double[] z = Doubles("z"), ndtr = Doubles("ndtr"), logLower = Doubles("logNdtr"), logUpper = Doubles("logNdtrUpper");
        for (int i = 0; i < z.Length; i++)
        {
            if (ndtr[i] < 1e-300)
            {
                // Subnormal territory: Cephes' ndtr flushes to 0 below about 1e-308 (Φ(−38) = 2.9e-316); only "tiny" is comparable.
                Assert.True(NormalTails.NormalCdf(z[i]) < 1e-300, $"Φ({z[i]}) = {NormalTails.NormalCdf(z[i])}");
            }
            else
            {
                AssertRelative(ndtr[i], NormalTails.NormalCdf(z[i]), 2e-13, $"Φ({z[i]})");
            }

            (double lower, double upper) = NormalTails.LogNormalTails(z[i]);
            // A near tail ln(1 − Φ) ≈ −Φ(far) carries the far tail's own relative error (2e-13), not the log's.
            AssertRelative(logLower[i], lower, Math.Abs(logLower[i]) < 1 ? 2e-13 : 1e-14, $"ln Φ({z[i]})");
            AssertRelative(logUpper[i], upper, Math.Abs(logUpper[i]) < 1 ? 2e-13 : 1e-14, $"ln(1 − Φ({z[i]}))");
        }
    }

    [Fact]
    public void SpecialValues_AreTheLimits()
    {
        Assert.Equal(0, NormalTails.Erfc(double.PositiveInfinity));
        Assert.Equal(2, NormalTails.Erfc(double.NegativeInfinity));
        Assert.True(double.IsNaN(NormalTails.Erfc(double.NaN)));
        Assert.Equal(double.NegativeInfinity, NormalTails.LogErfc(double.PositiveInfinity));
        Assert.Equal((0.0, double.NegativeInfinity), NormalTails.LogNormalTails(double.PositiveInfinity));
        Assert.True(double.IsNaN(NormalTails.LogNormalTails(double.NaN).LogLower));
    }

    [Fact]
    public void FormerCopies_GiveTheMergedValues()
    {
        // The normal family, the GELU's double reference and the likelihood layer's Φ all read the one implementation.
        foreach (double z in new[] { -37.5, -5, -0.3, 0, 1.7, 9 })
        {
            Assert.Equal(NormalTails.LogNormalTails(z).LogLower, new Likely.Distributions.Normal(0, 1).LogCdf(z));
            Assert.Equal(NormalTails.NormalCdf(z), Likely.Models.ActivationFunctions.NormalCdf(z));
            Assert.Equal(NormalTails.NormalCdf(z), Likely.Likelihood.TailProbabilities.NormalCdf(z));
        }
    }

    private static void AssertRelative(double expected, double actual, double tolerance, string what) =>
        Assert.True(expected == actual || Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"{what}: {actual:R} vs scipy {expected:R} (relative {Math.Abs(actual - expected) / Math.Abs(expected):G3})");

    private static double[] Doubles(string name) => Root.GetProperty(name).EnumerateArray().Select(v => v.GetDouble()).ToArray();

    private static JsonElement Read()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Likely.Tests.Data.DataTestFiles.Committed("scipy_normal_tails.json")));
        return document.RootElement.Clone();
    }
}
