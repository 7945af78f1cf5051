using Likely.Information;

namespace Likely.Tests.Information;

public class BinaryEntropyTests
{
    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 1.0)]
    public void Compute_SpecialPoints_InBits(double p, double expected)
    {
        // By hand: H(0) = H(1) = 0 (0 log 0 = 0), H(½) = 1 bit.
        Assert.Equal(expected, BinaryEntropy.Compute(p, LogBase.Bits), 15);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.25)]
    [InlineData(0.9)]
    public void Compute_Interior_MatchesFormula(double p)
    {
        // The closed form −p log₂p − (1−p) log₂(1−p), evaluated directly.
        double expected = -p * Math.Log2(p) - (1 - p) * Math.Log2(1 - p);
        Assert.Equal(expected, BinaryEntropy.Compute(p, LogBase.Bits), 14);
    }

    [Fact]
    public void Compute_TinyP_KeepsFullRelativePrecision()
    {
        // For p → 0: −(1−p)ln(1−p) = p − p²/2 + …, so H = p(1 − ln p) to within p², far below double precision here.
        double p = 1e-300;
        double expected = p * (1 - Math.Log(p));
        Assert.Equal(1.0, BinaryEntropy.Compute(p) / expected, 14);
    }

    [Fact]
    public void Compute_IsSymmetricAboutOneHalf()
    {
        // H(p) = H(1 − p) for p = 0.3 and 0.7 (0.7 = 1 − 0.3 up to one rounding).
        Assert.Equal(BinaryEntropy.Compute(0.3), BinaryEntropy.Compute(0.7), 14);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Compute_OutsideUnitInterval_Throws(double p)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => BinaryEntropy.Compute(p));
        Assert.Contains("[0, 1]", error.Message, StringComparison.Ordinal);
    }
}
