using Likely.Information;

namespace Likely.Tests.Information;

public class EntropyTests
{
    [Fact]
    public void Compute_HalfQuarterQuarterInBits_IsOneAndAHalf()
    {
        // By hand: ½·log₂2 + ¼·log₂4 + ¼·log₂4 = ½ + ½ + ½ = 1.5 bits.
        Assert.Equal(1.5, Entropy.Compute([0.5, 0.25, 0.25], LogBase.Bits), 15);
    }

    [Fact]
    public void Compute_HalfQuarterQuarterInNats_IsOneAndAHalfTimesLn2()
    {
        // By hand: the same 1.5 bits, and 1 bit = ln 2 nats.
        Assert.Equal(1.5 * Math.Log(2), Entropy.Compute([0.5, 0.25, 0.25]), 15);
    }

    [Fact]
    public void Compute_HalfQuarterQuarterInHartleys_IsOneAndAHalfTimesLog10Of2()
    {
        // By hand: 1.5 bits = 1.5·log₁₀2 hartleys.
        Assert.Equal(1.5 * Math.Log10(2), Entropy.Compute([0.5, 0.25, 0.25], LogBase.Hartleys), 15);
    }

    [Fact]
    public void Compute_BaseFour_IsBitsOverTwo()
    {
        // log₄x = log₂x / 2, so 1.5 bits = 0.75 in base 4.
        Assert.Equal(0.75, Entropy.Compute([0.5, 0.25, 0.25], LogBase.Of(4)), 15);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(1_000_003)]
    public void Compute_Uniform_IsLogN(int n)
    {
        // Closed form: H(uniform over n) = −n·(1/n)·log(1/n) = log n.
        double[] p = Enumerable.Repeat(1.0 / n, n).ToArray();
        Assert.Equal(Math.Log(n), Entropy.Compute(p), 1e-12 * Math.Max(1, Math.Log(n)));
    }

    [Fact]
    public void Compute_OneHot_IsZero()
    {
        // 1·log 1 = 0 and 0·log 0 = 0.
        double[] p = new double[100];
        p[37] = 1;
        Assert.Equal(0.0, Entropy.Compute(p));
    }

    [Fact]
    public void Compute_ZerosAmongEntries_ContributeNothing()
    {
        // 0 log 0 = 0: padding with zeros leaves H(½, ½) = ln 2.
        Assert.Equal(Math.Log(2), Entropy.Compute([0, 0.5, 0, 0, 0.5, 0, 0, 0, 0]), 15);
    }

    [Fact]
    public void Compute_Normalize_RescalesWeights()
    {
        // Weights 2:1:1 are the distribution (½, ¼, ¼): 1.5 bits by hand.
        Assert.Equal(1.5, Entropy.Compute([2.0, 1.0, 1.0], LogBase.Bits, normalize: true), 15);
    }

    [Fact]
    public void Compute_Float32_MatchesFloat64()
    {
        // (½, ¼, ¼) is exact in float32, so the float32 path must give the same 1.5 bits.
        Assert.Equal(1.5, Entropy.Compute([0.5f, 0.25f, 0.25f], LogBase.Bits), 15);
    }

    [Fact]
    public void Compute_SubnormalEntries_StayFinite()
    {
        // A subnormal entry contributes −x·ln x ≈ 5e-320·736 (below double's resolution of 1): H(1) = 0 still.
        Assert.Equal(0.0, Entropy.Compute([1.0, 5e-320, 0, 0, 0, 0, 0, 0]), 15);
    }

    [Fact]
    public void Compute_LengthSweep_MatchesScalarOracle()
    {
        // Every length 1..256 exercises every vector tail; the scalar reference (Math.Log, plain loop) is the oracle.
        var random = new Random(20261128);
        for (int n = 1; n <= 256; n++)
        {
            double[] p = RandomDistribution(random, n, zeroFraction: 0.2);
            double expected = Entropy.ComputeScalar(p);
            Assert.Equal(expected, Entropy.Compute(p), 1e-14 * Math.Max(1, expected));
        }
    }

    [Fact]
    public void Compute_SameInputTwiceOnManyCores_GivesIdenticalBits()
    {
        // Chunks are combined in a fixed order, so the parallel result does not depend on scheduling.
        double[] p = RandomDistribution(new Random(5), 3_000_001, zeroFraction: 0);
        Assert.Equal(BitConverter.DoubleToInt64Bits(Entropy.Compute(p)), BitConverter.DoubleToInt64Bits(Entropy.Compute(p)));
    }

    internal static double[] RandomDistribution(Random random, int n, double zeroFraction)
    {
        var p = new double[n];
        for (int i = 0; i < n; i++)
        {
            p[i] = random.NextDouble() < zeroFraction ? 0 : random.NextDouble();
        }

        if (p.All(x => x == 0)) p[0] = 1;
        ProbabilityVector.Normalize(p, p);
        return p;
    }
}
