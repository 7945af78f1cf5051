using Likely.Losses;
using Likely.Numerics;

namespace Likely.Tests.Losses;

/// <summary>
/// The fused softmax cross-entropy kernels on every vector path (a path this CPU lacks runs emulated) against the
/// scalar double oracle, <c>SoftmaxCrossEntropy.ComputeScalar</c>: Math.Exp and every sum in double, straight from the
/// formulas, sharing no arithmetic with the vector kernels. Class counts sweep 1..70, so rows shorter than one vector
/// (C &lt; 4, 8, 16), rows of exactly one vector and every overlapping tail all run.
/// </summary>
/// <remarks>
/// Tolerances: the float kernel's exponential has relative error ≤ 3e−8·|x| + 1 ulp (|x| ≤ 16 here: 6e−7), float sums
/// of at most 70 terms add ≈ 70·6e−8 relative, and log s is taken in float (1 ulp); so 2e−6 relative on losses (at
/// least 2e−6 absolute) and 1e−6 absolute on gradients (|g| ≤ 1 before the reduction's scale) hold with margin.
/// </remarks>
[Trait("Category", "Kernel")]
public class FusedKernelPathTests
{
    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void Compute_IndexTargetsEveryClassCountAndOption_MatchesScalarOracle(VectorPath path)
    {
        var random = new Random(11);
        for (int classes = 1; classes <= 70; classes++)
        {
            const int Rows = 5;
            float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, Rows, classes, scale: 8));
            if (classes > 2) logits[1 * classes + (classes - 1)] = float.NegativeInfinity; // a masked class in row 1 (not its target)
            int[] targets = LossTestData.Targets(random, Rows, classes, withIgnored: true);
            targets[1] = 0;
            foreach (CrossEntropyOptions options in LossTestData.OptionCombinations(random, classes))
            {
                if (options.LabelSmoothing > 0 && !options.SmoothingExcludesMaskedClasses && classes > 2)
                {
                    continue; // PyTorch's smoothing makes row 1 +∞; covered in the edge tests.
                }

                AssertIndexMatchesOracle(logits, classes, targets, options, path, $"C = {classes}, {options}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void Compute_ProbabilityTargetsEveryClassCountAndOption_MatchesScalarOracle(VectorPath path)
    {
        var random = new Random(12);
        for (int classes = 1; classes <= 70; classes++)
        {
            const int Rows = 3;
            float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, Rows, classes, scale: 8));
            float[] targets = LossTestData.ToFloat(LossTestData.Probabilities(random, Rows, classes));
            if (classes > 2)
            {
                logits[classes + 1] = float.NegativeInfinity; // row 1, class 1 masked, with target probability 0
                targets[classes] += targets[classes + 1];
                targets[classes + 1] = 0;
            }

            foreach (CrossEntropyOptions options in LossTestData.OptionCombinations(random, classes))
            {
                if (options.LabelSmoothing > 0 && !options.SmoothingExcludesMaskedClasses && classes > 2)
                {
                    continue;
                }

                var gradient = new float[logits.Length];
                var rowLosses = new float[Rows];
                double fused = SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, options, rowLosses, maxDegreeOfParallelism: 1, path);
                var expectedGradient = new float[logits.Length];
                var expectedRows = new float[Rows];
                double scalar = SoftmaxCrossEntropy.ComputeScalar<float>(logits, classes, targets, expectedGradient, options, expectedRows);
                AssertClose(fused, scalar, gradient, expectedGradient, rowLosses, expectedRows, $"{path}, C = {classes}, {options}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void Compute_HugeAndMaskedLogits_MatchesScalarOracle(VectorPath path)
    {
        // Rows of ±1e4 (e^(z − m) underflows for all but the top classes), one of ±3e38 (Σ w·(z − m) overflows float
        // and takes the rescaled pass), and masked classes, with smoothing that excludes them, over short and long rows.
        foreach (int classes in new[] { 2, 3, 5, 10, 17, 33 })
        {
            var logits = new float[4 * classes];
            for (int c = 0; c < classes; c++)
            {
                logits[c] = c % 2 == 0 ? 1e4f : -1e4f;
                logits[classes + c] = c == 1 ? float.NegativeInfinity : 0.5f * c;
                logits[2 * classes + c] = c % 3 == 0 ? 3e38f : -3e38f;
                logits[3 * classes + c] = -1e4f + c;
            }

            int[] targets = [1, 0, 2 % classes, classes - 1];
            foreach (CrossEntropyOptions options in new[]
            {
                new CrossEntropyOptions(),
                new CrossEntropyOptions { LabelSmoothing = 0.1, SmoothingExcludesMaskedClasses = true },
                new CrossEntropyOptions { LabelSmoothing = 0.1, SmoothingExcludesMaskedClasses = true, ClassWeights = LossTestData.Weights(new Random(classes), classes) },
            })
            {
                AssertIndexMatchesOracle(logits, classes, targets, options, path, $"C = {classes}, {options}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Compute_NaNOrPositiveInfinityLogit_ThrowsNamingRow(VectorPath path)
    {
        foreach (int classes in new[] { 3, 10, 40 })
        {
            foreach (float bad in new[] { float.NaN, float.PositiveInfinity })
            {
                var logits = new float[3 * classes];
                logits[2 * classes + classes - 1] = bad;
                var error = Assert.Throws<ArgumentException>(() =>
                    SoftmaxCrossEntropy.Compute(logits, classes, [0, 1, 2], new float[logits.Length], null, default, maxDegreeOfParallelism: 1, path));
                Assert.Contains("row 2", error.Message, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [InlineData(VectorPath.Vector128, 3)]
    [InlineData(VectorPath.Vector256, 5)]
    [InlineData(VectorPath.Vector256, 10)]
    [InlineData(VectorPath.Vector512, 10)]
    [InlineData(VectorPath.Vector512, 37)]
    public void Compute_ManyChunksAnyThreadCount_BitIdenticalAndMatchesOracle(VectorPath path, int classes)
    {
        // Above RowChunks' parallel threshold (2^17 values), so several chunks run on several threads; short rows
        // store whole vectors except at the end of each chunk, which this covers.
        var random = new Random(classes);
        int rows = (1 << 17) / classes + 1000;
        float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, rows, classes));
        int[] targets = LossTestData.Targets(random, rows, classes, withIgnored: true);
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1 };
        var serialGradient = new float[logits.Length];
        double serial = SoftmaxCrossEntropy.Compute(logits, classes, targets, serialGradient, options, default, maxDegreeOfParallelism: 1, path);
        foreach (int threads in new[] { 2, 3 })
        {
            var gradient = new float[logits.Length];
            double parallel = SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, options, default, maxDegreeOfParallelism: threads, path);
            Assert.Equal(BitConverter.DoubleToInt64Bits(serial), BitConverter.DoubleToInt64Bits(parallel));
            Assert.Equal(serialGradient, gradient);
        }

        var expectedGradient = new float[logits.Length];
        double scalar = SoftmaxCrossEntropy.ComputeScalar(logits, classes, targets, expectedGradient, options, default);
        Assert.True(Math.Abs(serial - scalar) <= 2e-6 * Math.Abs(scalar), $"loss {serial} vs oracle {scalar}");
        for (int k = 0; k < logits.Length; k++)
        {
            Assert.True(Math.Abs(serialGradient[k] - expectedGradient[k]) <= 1e-9, $"gradient[{k}] {serialGradient[k]} vs oracle {expectedGradient[k]}");
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void Compute_ForwardOnly_SameLossAsForwardBackward(VectorPath path)
    {
        var random = new Random(5);
        foreach (int classes in new[] { 3, 10, 37 })
        {
            float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, 9, classes));
            int[] targets = LossTestData.Targets(random, 9, classes, withIgnored: true);
            var options = new CrossEntropyOptions { LabelSmoothing = 0.1 };
            double both = SoftmaxCrossEntropy.Compute(logits, classes, targets, new float[logits.Length], options, default, 1, path);
            double forward = SoftmaxCrossEntropy.Compute(logits, classes, targets, default, options, default, 1, path);
            Assert.Equal(both, forward); // the forward pass is the same code with the stores switched off
        }
    }

    private static void AssertIndexMatchesOracle(float[] logits, int classes, int[] targets, CrossEntropyOptions options, VectorPath path, string where)
    {
        int rows = targets.Length;
        var gradient = new float[logits.Length];
        var rowLosses = new float[rows];
        double fused = SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, options, rowLosses, maxDegreeOfParallelism: 1, path);
        var expectedGradient = new float[logits.Length];
        var expectedRows = new float[rows];
        double scalar = SoftmaxCrossEntropy.ComputeScalar(logits, classes, targets, expectedGradient, options, expectedRows);
        AssertClose(fused, scalar, gradient, expectedGradient, rowLosses, expectedRows, $"{path}, {where}");
    }

    private static void AssertClose(
        double loss, double expectedLoss, float[] gradient, float[] expectedGradient, float[] rowLosses, float[] expectedRows, string where)
    {
        Assert.True(Math.Abs(loss - expectedLoss) <= 2e-6 * Math.Max(1, Math.Abs(expectedLoss)), $"{where}: loss {loss} vs oracle {expectedLoss}");
        for (int k = 0; k < gradient.Length; k++)
        {
            Assert.True(Math.Abs(gradient[k] - expectedGradient[k]) <= 1e-6, $"{where}: gradient[{k}] {gradient[k]} vs oracle {expectedGradient[k]}");
        }

        for (int i = 0; i < rowLosses.Length; i++)
        {
            // A row loss of 6e38 saturates to +∞ in float on both sides (documented).
            bool close = rowLosses[i] == expectedRows[i] || Math.Abs(rowLosses[i] - expectedRows[i]) <= 2e-6 * Math.Max(1, Math.Abs(expectedRows[i]));
            Assert.True(close, $"{where}: row {i} {rowLosses[i]} vs oracle {expectedRows[i]}");
        }
    }
}
