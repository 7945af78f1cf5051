using Likely.Information;

namespace Likely.Tests.Information;

public class KullbackLeiblerDivergenceTests
{
    [Fact]
    public void Compute_FairCoinAgainstBiasedModel_IsLnFiveThirds()
    {
        // By hand: ½ ln(0.5/0.9) + ½ ln(0.5/0.1) = ½ ln(25/9) = ln(5/3).
        Assert.Equal(Math.Log(5.0 / 3), KullbackLeiblerDivergence.Compute([0.5, 0.5], [0.9, 0.1]), 15);
    }

    [Fact]
    public void Compute_InBits_MatchesHandValue()
    {
        // By hand: ½ log₂(½/¼) + ½ log₂(½/¾) = ½ + ½(1 − log₂3) = 1 − ½ log₂3.
        Assert.Equal(1 - 0.5 * Math.Log2(3), KullbackLeiblerDivergence.Compute([0.5, 0.5], [0.25, 0.75], LogBase.Bits), 15);
    }

    [Fact]
    public void Compute_IdenticalDistributions_IsExactlyZero()
    {
        // Every term is p·log 1 = 0.
        double[] p = [0.1, 0.2, 0.3, 0.4, 0, 0, 0, 0, 0];
        Assert.Equal(0.0, KullbackLeiblerDivergence.Compute(p, p));
    }

    [Fact]
    public void Compute_QZeroWherePPositive_IsPositiveInfinity()
    {
        // Documented convention: D = +∞ where q = 0 < p, not an exception.
        Assert.Equal(double.PositiveInfinity, KullbackLeiblerDivergence.Compute([0.5, 0.5, 0, 0, 0], [1.0, 0, 0, 0, 0]));
    }

    [Fact]
    public void Compute_PZeroWhereQPositive_ContributesNothing()
    {
        // p = (1, 0), q = (½, ½): 1·ln(1/½) + 0 = ln 2.
        Assert.Equal(Math.Log(2), KullbackLeiblerDivergence.Compute([1.0, 0], [0.5, 0.5]), 15);
    }

    [Fact]
    public void Compute_Normalize_RescalesBothVectors()
    {
        // Weights (1, 1) and (9, 1) are (½, ½) and (0.9, 0.1): ln(5/3) as above.
        Assert.Equal(Math.Log(5.0 / 3), KullbackLeiblerDivergence.Compute([1.0, 1.0], [9.0, 1.0], normalize: true), 15);
    }

    [Fact]
    public void Compute_LengthSweep_MatchesScalarOracle()
    {
        var random = new Random(11);
        for (int n = 1; n <= 256; n++)
        {
            double[] p = EntropyTests.RandomDistribution(random, n, zeroFraction: 0.2);
            double[] q = EntropyTests.RandomDistribution(random, n, zeroFraction: 0);
            double expected = KullbackLeiblerDivergence.ComputeScalar(p, q);
            // KL terms have both signs; scale the tolerance by Σ|terms| ≤ a few nats for these inputs.
            Assert.Equal(expected, KullbackLeiblerDivergence.Compute(p, q), 1e-13);
        }
    }
}
