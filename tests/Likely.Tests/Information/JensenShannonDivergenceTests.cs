using Likely.Information;

namespace Likely.Tests.Information;

public class JensenShannonDivergenceTests
{
    [Fact]
    public void Compute_DisjointSupports_IsOneBit()
    {
        // m = (½, ½); D(p‖m) = D(q‖m) = log 2, so JS = log 2 = 1 bit, the maximum.
        Assert.Equal(1.0, JensenShannonDivergence.Compute([1.0, 0], [0, 1.0], LogBase.Bits), 15);
    }

    [Fact]
    public void Compute_PointMassAgainstFairCoin_MatchesHandValue()
    {
        // By hand: m = (¾, ¼); D(p‖m) = ln(4/3); D(q‖m) = ½ ln(2/3) + ½ ln 2 = ½ ln(4/3); JS = ¾ ln(4/3).
        Assert.Equal(0.75 * Math.Log(4.0 / 3), JensenShannonDivergence.Compute([1.0, 0], [0.5, 0.5]), 15);
    }

    [Fact]
    public void Compute_Identical_IsZero()
    {
        double[] p = [0.2, 0.3, 0.5];
        Assert.Equal(0.0, JensenShannonDivergence.Compute(p, p), 15);
    }

    [Fact]
    public void Compute_LengthSweep_MatchesScalarOracle()
    {
        var random = new Random(13);
        for (int n = 1; n <= 256; n++)
        {
            double[] p = EntropyTests.RandomDistribution(random, n, zeroFraction: 0.3);
            double[] q = EntropyTests.RandomDistribution(random, n, zeroFraction: 0.3);
            Assert.Equal(JensenShannonDivergence.ComputeScalar(p, q), JensenShannonDivergence.Compute(p, q), 1e-14);
        }
    }
}
