using Likely.Information;

namespace Likely.Tests.Information;

public class ProbabilityVectorTests
{
    [Fact]
    public void Entropy_NegativeEntry_NamesIndexAndValue()
    {
        var error = Assert.Throws<ArgumentException>(() => Entropy.Compute([0.5, -0.2, 0.7]));
        Assert.Equal("p", error.ParamName);
        Assert.StartsWith("p[1] is -0.2 (negative); every probability must be a finite number ≥ 0.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_NaNEntry_NamesIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => Entropy.Compute([0.5, 0.5, 0, 0, 0, 0, 0, 0, double.NaN]));
        Assert.Contains("p[8] is NaN", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_InfiniteEntry_NamesIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => Entropy.Compute([double.PositiveInfinity, 0.5]));
        Assert.Contains("p[0] is Infinity (infinite)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_SumOff_GivesSumAndHint()
    {
        var error = Assert.Throws<ArgumentException>(() => Entropy.Compute([0.5, 0.473]));
        Assert.StartsWith("Probabilities in 'p' sum to 0.973, not 1; pass normalize: true to rescale.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_SumOffByLessThanTolerance_IsAccepted()
    {
        // 5e-10 is inside the documented 1e-9.
        Assert.True(Entropy.Compute([0.5, 0.5 + 5e-10]) > 0);
    }

    [Fact]
    public void Entropy_SumOffByMoreThanTolerance_IsRejected()
    {
        Assert.Throws<ArgumentException>(() => Entropy.Compute([0.5, 0.5 + 2e-9]));
    }

    [Fact]
    public void Entropy_Empty_SaysSo()
    {
        var error = Assert.Throws<ArgumentException>(() => Entropy.Compute(ReadOnlySpan<double>.Empty));
        Assert.Contains("'p' is empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Entropy_NormalizeAllZero_SaysWeightsCannotBeRescaled()
    {
        var error = Assert.Throws<ArgumentException>(() => Entropy.Compute([0.0, 0.0], normalize: true));
        Assert.Contains("cannot be rescaled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KullbackLeibler_LengthMismatch_GivesBothLengths()
    {
        var error = Assert.Throws<ArgumentException>(() => KullbackLeiblerDivergence.Compute([0.5, 0.25, 0.25], [0.5, 0.5]));
        Assert.StartsWith("'p' has 3 entries but 'q' has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossEntropy_NegativeInQ_NamesQ()
    {
        var error = Assert.Throws<ArgumentException>(() => CrossEntropy.Compute([0.5, 0.5], [1.5, -0.5]));
        Assert.Equal("q", error.ParamName);
        Assert.Contains("q[1] is -0.5", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossEntropy_QSumOff_NamesQ()
    {
        var error = Assert.Throws<ArgumentException>(() => CrossEntropy.Compute([0.5, 0.5], [0.5, 0.6]));
        Assert.Contains("'q' sum to 1.1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float32_SumWithinSingleTolerance_IsAccepted()
    {
        // 0.1f + 0.2f + 0.7f is 1 only to float32 precision; the float32 tolerance is 1e-6.
        Assert.True(Entropy.Compute([0.1f, 0.2f, 0.7f]) > 0);
    }

    [Fact]
    public void Validate_ValidVector_DoesNotThrow()
    {
        ProbabilityVector.Validate([0.25, 0.75]);
        ProbabilityVector.Validate([0.25f, 0.75f]);
    }

    [Fact]
    public void Normalize_Weights_DivideBySum()
    {
        double[] destination = new double[3];
        ProbabilityVector.Normalize([1.0, 1.0, 2.0], destination);
        Assert.Equal([0.25, 0.25, 0.5], destination);
    }
}
