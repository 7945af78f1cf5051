using Likely.Information;

namespace Likely.Tests.Information;

public class CrossEntropyTests
{
    [Fact]
    public void Compute_FairCoinAgainstBiasedModel_MatchesHandValue()
    {
        // By hand: −½ ln 0.9 − ½ ln 0.1 (the formula on two entries).
        Assert.Equal(-0.5 * Math.Log(0.9) - 0.5 * Math.Log(0.1), CrossEntropy.Compute([0.5, 0.5], [0.9, 0.1]), 15);
    }

    [Fact]
    public void Compute_QEqualsP_IsEntropy()
    {
        // H(p, p) = H(p): 1.5 bits for (½, ¼, ¼), by hand.
        Assert.Equal(1.5, CrossEntropy.Compute([0.5, 0.25, 0.25], [0.5, 0.25, 0.25], LogBase.Bits), 15);
    }

    [Fact]
    public void Compute_QZeroWherePPositive_IsPositiveInfinity()
    {
        // −½·log 0 = +∞: the model calls an observed outcome impossible.
        Assert.Equal(double.PositiveInfinity, CrossEntropy.Compute([0.5, 0.5], [1.0, 0.0]));
    }

    [Fact]
    public void Compute_QZeroWherePZero_IsFinite()
    {
        // 0·log 0 = 0, so the third outcome contributes nothing: −log ½ = ln 2 remains.
        Assert.Equal(Math.Log(2), CrossEntropy.Compute([0.5, 0.5, 0], [0.5, 0.5, 0]), 15);
    }

    [Fact]
    public void Compute_Float32_MatchesFloat64Value()
    {
        // Dyadic entries are exact in float32: H((½,½),(¼,¾)) = ½·2 + ½·log₂(4/3) bits by hand.
        Assert.Equal(1 + 0.5 * Math.Log2(4.0 / 3), CrossEntropy.Compute([0.5f, 0.5f], [0.25f, 0.75f], LogBase.Bits), 14);
    }

    [Fact]
    public void Compute_LengthSweep_MatchesScalarOracle()
    {
        var random = new Random(7);
        for (int n = 1; n <= 256; n++)
        {
            double[] p = EntropyTests.RandomDistribution(random, n, zeroFraction: 0.2);
            double[] q = EntropyTests.RandomDistribution(random, n, zeroFraction: 0);
            double expected = CrossEntropy.ComputeScalar(p, q);
            Assert.Equal(expected, CrossEntropy.Compute(p, q), 1e-14 * Math.Max(1, expected));
        }
    }
}
