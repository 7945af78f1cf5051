using Likely.Losses;

namespace Likely.Tests.Losses;

/// <summary>NLL, binary cross-entropy and KL loss: hand-worked values, edge values, bad input.</summary>
public class OtherLossesTests
{
    [Fact]
    public void NegativeLogLikelihood_WeightedMean_HandWorked()
    {
        // x = log-probabilities; rows pick −x[y]: 0.5 (w = 2) and 1.5 (w = 1); row 2 ignored.
        // Mean = (2·0.5 + 1·1.5)/(2 + 1) = 2.5/3. Gradient at the targets: −w/3.
        var gradient = new float[6];
        double loss = NegativeLogLikelihood.Compute(
            [-0.5f, -0.9f, -0.1f, -1.5f, -2f, -3f], 2, [0, 1, -100], gradient, new CrossEntropyOptions { ClassWeights = [2f, 1f] });
        Assert.Equal(2.5 / 3, loss, 6);
        Assert.Equal([-2f / 3, 0f, 0f, -1f / 3, 0f, 0f], gradient);
    }

    [Fact]
    public void NegativeLogLikelihood_Smoothing_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            NegativeLogLikelihood.Compute([-1f, -1f], 2, [0], default, new CrossEntropyOptions { LabelSmoothing = 0.1 }));
        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void NegativeLogLikelihood_WrongInputLength_NamesLogProbabilities()
    {
        // 3 entries cannot be 2 rows of 2 classes; the error names this loss's input, not the logits of its twin.
        var error = Assert.Throws<ArgumentException>(() => NegativeLogLikelihood.Compute([-1f, -1f, -1f], 2, [0, 1], default));
        Assert.Equal("logProbabilities", error.ParamName);
        Assert.Contains("4 entries expected", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("softmax")]
    [InlineData("nll")]
    [InlineData("kl")]
    [InlineData("bce")]
    public void Compute_GradientOfWrongLength_EveryLossNamesInputGradient(string loss)
    {
        // The glossary's rule: the gradient with respect to a loss's input (logits or log-probabilities) is inputGradient.
        float[] input = [-1f, -1f, -1f, -1f], wrong = new float[3];
        var error = Assert.Throws<ArgumentException>(() => loss switch
        {
            "softmax" => SoftmaxCrossEntropy.Compute(input, 2, [0, 1], wrong),
            "nll" => NegativeLogLikelihood.Compute(input, 2, [0, 1], wrong),
            "kl" => KullbackLeiblerDivergenceLoss.Compute(input, 2, [0.5f, 0.5f, 0.5f, 0.5f], wrong, Reduction.Sum),
            _ => BinaryCrossEntropyWithLogits.Compute(input, [0f, 1f, 0f, 1f], wrong),
        });
        Assert.Equal("inputGradient", error.ParamName);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_HandWorked()
    {
        // x = 0: σ = ½. y = 1, π = 3: ℓ = 3·ln 2, gradient (½·3 − 3) = −1.5. y = 0: ℓ = ln 2, gradient ½. Sum.
        var gradient = new float[2];
        double loss = BinaryCrossEntropyWithLogits.Compute(
            [0f, 0f], [1f, 0f], gradient, new BinaryCrossEntropyOptions { PositiveWeights = [3f], Reduction = Reduction.Sum });
        Assert.Equal(4 * Math.Log(2), loss, 6);
        Assert.Equal([-1.5f, 0.5f], gradient);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_InfiniteLogits_ZeroOrInfinity()
    {
        // x = −∞, y = 0: −log(1 − σ) = 0. x = −∞, y = 1: −log σ = +∞. x = +∞, y = 1: 0. x = 1e4, y = 0: 1e4.
        var losses = new float[4];
        double sum = BinaryCrossEntropyWithLogits.Compute(
            [float.NegativeInfinity, float.NegativeInfinity, float.PositiveInfinity, 1e4f], [0f, 1f, 1f, 0f], default,
            new BinaryCrossEntropyOptions { Reduction = Reduction.None }, losses);
        Assert.Equal([0f, float.PositiveInfinity, 0f, 1e4f], losses);
        Assert.Equal(double.PositiveInfinity, sum);
    }

    [Fact]
    public void BinaryCrossEntropyWithLogits_TargetOutsideUnitInterval_NamesIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => BinaryCrossEntropyWithLogits.Compute([0f, 0f], [0f, 2f], default));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("targets[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void KullbackLeiblerDivergenceLoss_BatchMean_IsMeanRowDivergence()
    {
        // Row 0: p = q = (½, ½): D = 0. Row 1: p = (1, 0), q = (½, ½): D = ln 2 (the 0·log 0 term is 0).
        // BatchMean = ln 2 / 2. Gradient −p/N.
        float half = MathF.Log(0.5f);
        var gradient = new float[4];
        double loss = KullbackLeiblerDivergenceLoss.Compute([half, half, half, half], 2, [0.5f, 0.5f, 1f, 0f], gradient, Reduction.BatchMean);
        Assert.Equal(Math.Log(2) / 2, loss, 6);
        Assert.Equal([-0.25f, -0.25f, -0.5f, 0f], gradient);
    }

    [Fact]
    public void KullbackLeiblerDivergenceLoss_ZeroTargetWhereModelIsZero_ContributesZero()
    {
        // p = (1, 0), log q = (0, −∞): D = 1·(0 − 0) + 0 = 0 (PyTorch returns NaN from 0·(−∞)); with p > 0 where q = 0: +∞.
        float ninf = float.NegativeInfinity;
        Assert.Equal(0, KullbackLeiblerDivergenceLoss.Compute([0f, ninf], 2, [1f, 0f], default, Reduction.Sum));
        Assert.Equal(0, KullbackLeiblerDivergenceLoss.Compute([0f, ninf], 2, [0f, ninf], default, Reduction.Sum, logTarget: true));
        Assert.Equal(double.PositiveInfinity, KullbackLeiblerDivergenceLoss.Compute([0f, ninf], 2, [0.5f, 0.5f], default, Reduction.Sum));
    }

    [Fact]
    public void KullbackLeiblerDivergenceLoss_NegativeTarget_NamesRowAndClass()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            KullbackLeiblerDivergenceLoss.Compute([-1f, -1f, -1f, -1f], 2, [0.5f, 0.5f, -0.1f, 1.1f], default, Reduction.Sum));
        Assert.Contains("row 1 class 0", error.Message, StringComparison.Ordinal);
    }
}
