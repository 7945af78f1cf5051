using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Anderson–Darling takes ln F from the family's LogCdf: a point so far in the left tail that F(x) &lt; 1e-308 gives a
/// large finite A², not +∞. Expected values from the formula with ln Φ(−40) by the Mills-ratio series by hand.
/// </summary>
public sealed class AndersonDarlingTailTests
{
    [Fact]
    public void Compute_PointBelowSmallestDoubleCdf_FiniteAndMatchesFormula()
    {
        double[] sample = [-40, -1, 0, 0.5, 1.2];
        var model = new Normal(0, 1);
        Assert.Equal(0, model.Cdf(-40)); // Φ(−40) ≈ 3.7e-350 underflows: ln of Cdf would be −∞

        // ln Φ(−z) ≈ −z²/2 − ln(z√(2π)) + ln(1 − 1/z² + 3/z⁴) at z = 40 (error below 1e-7 relative); ln(1 − Φ(−40)) = 0 in double.
        double z = 40, logFarTail = -z * z / 2 - Math.Log(z * Math.Sqrt(2 * Math.PI)) + Math.Log(1 - 1 / (z * z) + 3 / Math.Pow(z, 4));
        double[] logF = sample.Select(x => x == -40 ? logFarTail : Math.Log(model.Cdf(x))).ToArray();
        double[] logS = sample.Select(x => x == -40 ? 0 : Math.Log(1 - model.Cdf(x))).ToArray();
        int n = sample.Length;
        double sum = 0;
        for (int i = 0; i < n; i++) sum += (2.0 * i + 1) / n * (logF[i] + logS[n - 1 - i]);
        double expected = -n - sum;

        double actual = GoodnessOfFit.Compute(model, sample, GoodnessOfFitStatistic.AndersonDarling);
        Assert.True(double.IsFinite(actual));
        Assert.Equal(expected, actual, 1e-7 * expected);
    }
}
