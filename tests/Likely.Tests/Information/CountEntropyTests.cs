using Likely.Information;

namespace Likely.Tests.Information;

public class CountEntropyTests
{
    [Fact]
    public void Compute_PlugIn_IsEntropyOfEmpiricalDistribution()
    {
        // Counts (3, 1, 0) → p̂ = (¾, ¼, 0); by hand −¾ log₂¾ − ¼ log₂¼ = 2 − ¾ log₂3 bits.
        Assert.Equal(2 - 0.75 * Math.Log2(3), CountEntropy.Compute([3, 1, 0], EntropyEstimator.PlugIn, LogBase.Bits), 14);
    }

    [Fact]
    public void Compute_MillerMadow_AddsBiasCorrection()
    {
        // m = 2 non-zero counts, N = 4: correction (m − 1)/(2N) = 1/8 nat on top of the plug-in value.
        double plugIn = -0.75 * Math.Log(0.75) - 0.25 * Math.Log(0.25);
        Assert.Equal(plugIn + 0.125, CountEntropy.Compute([3, 1, 0], EntropyEstimator.MillerMadow), 14);
    }

    [Fact]
    public void Compute_SingleObservedCategory_IsZeroForBothEstimators()
    {
        // One category: H = 0 and m − 1 = 0.
        Assert.Equal(0.0, CountEntropy.Compute([0, 42, 0], EntropyEstimator.PlugIn));
        Assert.Equal(0.0, CountEntropy.Compute([0, 42, 0], EntropyEstimator.MillerMadow));
    }

    [Fact]
    public void Compute_Samples_CountsCategories()
    {
        // a, b, a, c → counts (2, 1, 1) → (½, ¼, ¼) → 1.5 bits by hand.
        Assert.Equal(1.5, CountEntropy.FromSamples(["a", "b", "a", "c"], logBase: LogBase.Bits), 14);
    }

    [Fact]
    public void Compute_NegativeCount_ThrowsNamingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => CountEntropy.Compute([1, -2, 3]));
        Assert.Contains("counts[1] is -2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_AllZero_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => CountEntropy.Compute([0, 0]));
        Assert.Contains("Every count is 0", error.Message, StringComparison.Ordinal);
    }
}
