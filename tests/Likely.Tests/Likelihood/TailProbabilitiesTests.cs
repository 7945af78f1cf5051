using System.Text.Json;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>Φ, Φ⁻¹ and the χ² survival function against scipy.stats (norm.cdf, norm.ppf, chi2.sf, chi2.ppf) in the reference file.</summary>
public class TailProbabilitiesTests
{
    private static JsonElement Tail => UncertaintyReference.Root.GetProperty("tail");

    [Fact]
    public void NormalCdf_MatchesScipyToRelative1e14TimesZSquared()
    {
        foreach (JsonElement pair in Tail.GetProperty("normalCdf").EnumerateArray())
        {
            double z = pair[0].GetDouble(), expected = pair[1].GetDouble();
            // e^(−z²/2) turns the rounding of z/√2 (half an ulp) into a relative error of about ε·z²; allow 1e-14·(1 + z²).
            Assert.Equal(expected, TailProbabilities.NormalCdf(z), expected * 1e-14 * (1 + z * z));
        }
    }

    [Fact]
    public void NormalQuantile_MatchesScipyToRelative1e13()
    {
        foreach (JsonElement pair in Tail.GetProperty("normalQuantile").EnumerateArray())
        {
            double p = pair[0].GetDouble(), expected = pair[1].GetDouble();
            // At p = 1 − 1e-12 the input itself carries 1e-4 relative error in 1 − p (ε/1e-12), so the bound is looser there.
            double tolerance = p > 0.999999 ? 1e-4 : Math.Max(1e-13 * Math.Abs(expected), 1e-15);
            Assert.Equal(expected, TailProbabilities.NormalQuantile(p), tolerance);
        }

        Assert.Equal(double.NegativeInfinity, TailProbabilities.NormalQuantile(0));
        Assert.Equal(double.PositiveInfinity, TailProbabilities.NormalQuantile(1));
        Assert.True(double.IsNaN(TailProbabilities.NormalQuantile(1.5)));
    }

    [Fact]
    public void ChiSquareSurvival_MatchesScipyToRelative1e12()
    {
        foreach (JsonElement row in Tail.GetProperty("chiSquareSurvival").EnumerateArray())
        {
            double x = row[0].GetDouble(), expected = row[2].GetDouble();
            int k = row[1].GetInt32();
            Assert.Equal(expected, TailProbabilities.ChiSquareSurvival(x, k), expected * 1e-12);
        }

        Assert.Equal(1, TailProbabilities.ChiSquareSurvival(0, 1));
        Assert.Equal(0, TailProbabilities.ChiSquareSurvival(double.PositiveInfinity, 3));
    }

    [Fact]
    public void ChiSquareOneQuantile_MatchesScipy()
    {
        foreach (JsonElement pair in Tail.GetProperty("chiSquareOneQuantile").EnumerateArray())
        {
            double level = pair[0].GetDouble(), expected = pair[1].GetDouble();
            Assert.Equal(expected, TailProbabilities.ChiSquareOneQuantile(level), expected * 1e-13);
        }
    }
}
