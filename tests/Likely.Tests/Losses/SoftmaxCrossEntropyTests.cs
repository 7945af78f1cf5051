using Likely.Losses;

namespace Likely.Tests.Losses;

/// <summary>Hand-worked cases: every expected value is derived in the comment beside it.</summary>
public class SoftmaxCrossEntropyTests
{
    private static readonly float Ln3 = MathF.Log(3);

    [Fact]
    public void Compute_EqualLogits_LossIsLogTwo()
    {
        // softmax(0, 0) = (½, ½): ℓ = −log ½ = ln 2; gradient p − onehot = (−½, ½).
        var gradient = new float[2];
        double loss = SoftmaxCrossEntropy.Compute([0f, 0f], 2, [0], gradient);
        Assert.Equal(Math.Log(2), loss, 7);
        Assert.Equal([-0.5f, 0.5f], gradient);
    }

    [Fact]
    public void Compute_LabelSmoothing_HandWorked()
    {
        // z = (0, ln 3): p = (¼, ¾). ε = ½, C = 2, y = 0: t' = (¾, ¼).
        // ℓ = −¾·ln ¼ − ¼·ln ¾; gradient p − t' = (−½, ½).
        var gradient = new float[2];
        double loss = SoftmaxCrossEntropy.Compute([0f, Ln3], 2, [0], gradient, new CrossEntropyOptions { LabelSmoothing = 0.5 });
        Assert.Equal(-0.75 * Math.Log(0.25) - 0.25 * Math.Log(0.75), loss, 6);
        Assert.Equal(-0.5f, gradient[0], 6);
        Assert.Equal(0.5f, gradient[1], 6);
    }

    [Fact]
    public void Compute_WeightedMean_DividesBySumOfTargetWeights()
    {
        // Row 0: z = (0, 0), y = 0, w_0 = 2 → w·ℓ = 2 ln 2. Row 1: z = (0, ln 3), y = 1, w_1 = ½ → ½·(−ln ¾).
        // Row 2 ignored. PyTorch's mean: (2 ln 2 − ½ ln ¾) / (2 + ½).
        var options = new CrossEntropyOptions { ClassWeights = [2f, 0.5f] };
        var gradient = new float[6];
        double loss = SoftmaxCrossEntropy.Compute([0f, 0f, 0f, Ln3, 5f, 1f], 2, [0, 1, -100], gradient, options);
        Assert.Equal((2 * Math.Log(2) - 0.5 * Math.Log(0.75)) / 2.5, loss, 6);
        // Row 0 gradient: 2·(p − onehot)/2.5 = 2·(−½, ½)/2.5 = (−0.4, 0.4); row 2 (ignored) is 0.
        Assert.Equal(-0.4f, gradient[0], 6);
        Assert.Equal(0.4f, gradient[1], 6);
        Assert.Equal([0f, 0f], gradient[4..]);
    }

    [Fact]
    public void Compute_BatchMean_DividesByAllRowsIgnoredOrNot()
    {
        // Row 0: z = (0, 0), y = 0: ℓ = ln 2. Row 1 ignored. BatchMean = ln 2 / 2 (Mean would give ln 2);
        // row 0 gradient (p − onehot)/2 = (−¼, ¼).
        var gradient = new float[4];
        double loss = SoftmaxCrossEntropy.Compute([0f, 0f, 1f, 2f], 2, [0, -100], gradient, new CrossEntropyOptions { Reduction = Reduction.BatchMean });
        Assert.Equal(Math.Log(2) / 2, loss, 7);
        Assert.Equal([-0.25f, 0.25f, 0f, 0f], gradient);
    }

    [Fact]
    public void Compute_MaskedTargetClass_PositiveInfinityAndFiniteGradient()
    {
        // z = (0, −∞, ln 3), y = 1: p_y = 0 so ℓ = +∞ (not NaN); gradient p − onehot = (¼, −1, ¾).
        var gradient = new float[3];
        double loss = SoftmaxCrossEntropy.Compute([0f, float.NegativeInfinity, Ln3], 3, [1], gradient);
        Assert.Equal(double.PositiveInfinity, loss);
        Assert.Equal(0.25f, gradient[0], 6);
        Assert.Equal(-1f, gradient[1]);
        Assert.Equal(0.75f, gradient[2], 6);
    }

    [Fact]
    public void Compute_MaskedClassWithSmoothing_PyTorchInfiniteOrExcludedFinite()
    {
        float[] logits = [0f, float.NegativeInfinity, Ln3];

        // PyTorch's rule: ε/C = 1/6 of the target sits on the masked class, whose log-probability is −∞: ℓ = +∞.
        double pytorch = SoftmaxCrossEntropy.Compute(logits, 3, [0], default, new CrossEntropyOptions { LabelSmoothing = 0.5 });
        Assert.Equal(double.PositiveInfinity, pytorch);

        // Excluding masked classes: K = 2, t' = (½ + ¼, 0, ¼), p = (¼, 0, ¾):
        // ℓ = −¾·ln ¼ − ¼·ln ¾, gradient p − t' = (−½, 0, ½).
        var gradient = new float[3];
        double excluded = SoftmaxCrossEntropy.Compute(
            logits, 3, [0], gradient, new CrossEntropyOptions { LabelSmoothing = 0.5, SmoothingExcludesMaskedClasses = true });
        Assert.Equal(-0.75 * Math.Log(0.25) - 0.25 * Math.Log(0.75), excluded, 6);
        Assert.Equal(-0.5f, gradient[0], 6);
        Assert.Equal(0f, gradient[1]);
        Assert.Equal(0.5f, gradient[2], 6);
    }

    [Fact]
    public void Compute_HugeLogits_FiniteExactLoss()
    {
        // z = (3e38, −3e38), y = 1: ℓ = lse − z_1 = 3e38 − (−3e38) = 6e38 exactly (log(1 + e^(−6e38)) = 0);
        // gradient p − onehot = (1, −1). ±1e4: same shape, ℓ = 2e4.
        float big = 3e38f;
        var gradient = new float[4];
        var rows = new float[2];
        double loss = SoftmaxCrossEntropy.Compute([big, -big, 1e4f, -1e4f], 2, [1, 1], gradient, new CrossEntropyOptions { Reduction = Reduction.None }, rows);
        Assert.Equal(2.0 * big + 2e4, loss);
        Assert.Equal([1f, -1f, 1f, -1f], gradient);
        Assert.Equal(float.PositiveInfinity, rows[0]); // 6e38 exceeds float: the float row loss saturates, the double result does not.
        Assert.Equal(2e4f, rows[1]);
    }

    [Fact]
    public void Compute_HugeLogitsProbabilityTargets_FiniteExactLoss()
    {
        // t = (0, 1) on z = (3e38, −3e38): ℓ = lse − z_1 = 6e38 (finite in double); gradient p − t = (1, −1).
        // Nine classes so the vector path runs: the seven extra logits are −∞ with target 0 (0·log 0 = 0).
        float big = 3e38f, ninf = float.NegativeInfinity;
        float[] logits = [big, -big, ninf, ninf, ninf, ninf, ninf, ninf, ninf];
        float[] targets = [0f, 1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f];
        var gradient = new float[9];
        double loss = SoftmaxCrossEntropy.Compute(logits, 9, targets, gradient, new CrossEntropyOptions { Reduction = Reduction.Sum });
        Assert.Equal(2.0 * big, loss);
        Assert.Equal([1f, -1f, 0f, 0f, 0f, 0f, 0f, 0f, 0f], gradient);
    }

    [Theory]
    [InlineData(EmptyMeanResult.NaN, double.NaN)]
    [InlineData(EmptyMeanResult.Zero, 0.0)]
    public void Compute_AllRowsIgnored_EmptyMeanChoice(EmptyMeanResult choice, double expected)
    {
        // 0 counted rows: the mean is 0/0; PyTorch gives NaN and a zero gradient.
        var gradient = new float[] { 9, 9, 9, 9 };
        double loss = SoftmaxCrossEntropy.Compute([1f, 2f, 3f, 4f], 2, [-100, -100], gradient, new CrossEntropyOptions { EmptyMean = choice });
        Assert.Equal(expected, loss);
        Assert.Equal(new float[4], gradient);
    }

    [Fact]
    public void Compute_AllRowsIgnoredWithThrow_ThrowsBeforeWriting()
    {
        var gradient = new float[] { 9, 9 };
        var error = Assert.Throws<ArgumentException>(() =>
            SoftmaxCrossEntropy.Compute([1f, 2f], 2, [-100], gradient, new CrossEntropyOptions { EmptyMean = EmptyMeanResult.Throw }));
        Assert.Equal("targets", error.ParamName);
        Assert.Equal(new float[] { 9, 9 }, gradient);
    }

    [Fact]
    public void Compute_TargetOutOfRange_NamesArgumentAndRow()
    {
        var error = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Compute(new float[6], 2, [0, 1, 2], default));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("Target 2 at row 2", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]  // scalar row path
    [InlineData(11)] // vector row path
    public void Compute_NaNLogit_NamesRowAndClass(int classes)
    {
        float[] logits = new float[3 * classes];
        logits[2 * classes + 1] = float.NaN; // row 2, class 1 (not the target)
        var error = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Compute(logits, classes, [0, 0, 0], new float[logits.Length]));
        Assert.Equal("logits", error.ParamName);
        Assert.Contains("row 2 class 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_AllClassesMasked_NamesRow()
    {
        float ninf = float.NegativeInfinity;
        var error = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Compute([0f, 1f, ninf, ninf], 2, [0, 1], default));
        Assert.Contains("row 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_PositiveInfinityLogit_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Compute([0f, float.PositiveInfinity], 2, [0], default));
        Assert.Contains("row 0 class 1", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void Compute_SmoothingOutOfRange_NamesOptions(double epsilon)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SoftmaxCrossEntropy.Compute([0f, 0f], 2, [0], default, new CrossEntropyOptions { LabelSmoothing = epsilon }));
        Assert.Equal("options", error.ParamName);
        Assert.Contains("LabelSmoothing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NaNWeight_NamesClass()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SoftmaxCrossEntropy.Compute([0f, 0f], 2, [0], default, new CrossEntropyOptions { ClassWeights = [1f, float.NaN] }));
        Assert.Contains("ClassWeights[1]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_ShapeMismatch_NamesLogits()
    {
        var error = Assert.Throws<ArgumentException>(() => SoftmaxCrossEntropy.Compute(new float[5], 2, [0, 1], default));
        Assert.Equal("logits", error.ParamName);
        Assert.Contains("4 entries expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compute_NegativeProbabilityTarget_NamesRowAndClass()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            SoftmaxCrossEntropy.Compute([0f, 0f, 0f, 0f], 2, [0.5f, 0.5f, 1.5f, -0.5f], default));
        Assert.Equal("targets", error.ParamName);
        Assert.Contains("row 1 class 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossEntropyLoss_Compute_SameAsStatelessTwin()
    {
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1, Reduction = Reduction.Sum };
        float[] logits = [1f, 2f, 3f, -1f, 0f, 4f];
        var loss = new CrossEntropyLoss(options);
        Assert.Equal(SoftmaxCrossEntropy.Compute(logits, 3, [2, 0], default, options), loss.Compute(logits, 3, [2, 0]));
        Assert.Equal("CrossEntropyLoss(ε = 0.1, reduction = Sum, ignore = -100)", loss.ToString());
    }
}
