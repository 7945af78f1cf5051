using Likely.Losses;

namespace Likely.Tests.Losses;

/// <summary>The fused float kernel on the current vector path against the scalar double oracle (an independent,
/// straight-from-the-formula loop); FusedKernelPathTests runs the same sweeps on every path, and VectorExpTests the exponential.</summary>
public class FusedKernelTests
{
    [Fact]
    public void Compute_EveryClassCountAndOption_MatchesScalarOracle()
    {
        var random = new Random(11);
        for (int classes = 1; classes <= 70; classes++)
        {
            int rows = 4;
            float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, rows, classes, scale: 8));
            if (classes > 2) logits[1 * classes + (classes - 1)] = float.NegativeInfinity; // a masked class in row 1 (not its target)
            int[] targets = LossTestData.Targets(random, rows, classes, withIgnored: true);
            targets[1] = 0;
            foreach (CrossEntropyOptions options in LossTestData.OptionCombinations(random, classes))
            {
                if (options.LabelSmoothing > 0 && !options.SmoothingExcludesMaskedClasses && classes > 2)
                {
                    continue; // PyTorch's smoothing makes row 1 +∞; covered in the edge tests.
                }

                var gradient = new float[logits.Length];
                var rowLosses = new float[rows];
                double fused = SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, options, rowLosses);

                var expectedGradient = new float[logits.Length];
                var expectedRows = new float[rows];
                double scalar = SoftmaxCrossEntropy.ComputeScalar(logits, classes, targets, expectedGradient, options, expectedRows);

                string where = $"C = {classes}, {options}";
                Assert.True(Math.Abs(fused - scalar) <= 2e-6 * Math.Max(1, Math.Abs(scalar)), $"{where}: loss {fused} vs oracle {scalar}");
                for (int k = 0; k < logits.Length; k++)
                {
                    Assert.True(Math.Abs(gradient[k] - expectedGradient[k]) <= 1e-6, $"{where}: gradient[{k}] {gradient[k]} vs oracle {expectedGradient[k]}");
                }

                for (int i = 0; i < rows; i++)
                {
                    Assert.True(Math.Abs(rowLosses[i] - expectedRows[i]) <= 2e-6 * Math.Max(1, expectedRows[i]), $"{where}: row {i}");
                }
            }
        }
    }

    [Fact]
    public void Compute_ProbabilityTargetsEveryClassCountAndOption_MatchesScalarOracle()
    {
        var random = new Random(12);
        for (int classes = 1; classes <= 70; classes++)
        {
            int rows = 3;
            float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, rows, classes, scale: 8));
            float[] targets = LossTestData.ToFloat(LossTestData.Probabilities(random, rows, classes));
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
                    continue; // PyTorch's smoothing makes row 1 +∞; covered in the edge tests.
                }

                var gradient = new float[logits.Length];
                var rowLosses = new float[rows];
                double fused = SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, options, rowLosses);
                var expectedGradient = new float[logits.Length];
                var expectedRows = new float[rows];
                double scalar = SoftmaxCrossEntropy.ComputeScalar<float>(logits, classes, targets, expectedGradient, options, expectedRows);

                string where = $"C = {classes}, {options}";
                Assert.True(Math.Abs(fused - scalar) <= 2e-6 * Math.Max(1, Math.Abs(scalar)), $"{where}: loss {fused} vs oracle {scalar}");
                for (int k = 0; k < logits.Length; k++)
                {
                    Assert.True(Math.Abs(gradient[k] - expectedGradient[k]) <= 1e-6, $"{where}: gradient[{k}] {gradient[k]} vs oracle {expectedGradient[k]}");
                }

                for (int i = 0; i < rows; i++)
                {
                    Assert.True(Math.Abs(rowLosses[i] - expectedRows[i]) <= 2e-6 * Math.Max(1, expectedRows[i]), $"{where}: row {i}");
                }
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Compute_ProbabilityTargetsAnyThreadCount_BitIdentical(int threads)
    {
        var random = new Random(98);
        const int Rows = 2500, Classes = 67;
        float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, Rows, Classes));
        float[] targets = LossTestData.ToFloat(LossTestData.Probabilities(random, Rows, Classes));
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1 };
        var serialGradient = new float[logits.Length];
        double serial = SoftmaxCrossEntropy.Compute(logits, Classes, targets, serialGradient, options, default, maxDegreeOfParallelism: 1);
        var gradient = new float[logits.Length];
        double parallel = SoftmaxCrossEntropy.Compute(logits, Classes, targets, gradient, options, default, maxDegreeOfParallelism: threads);
        Assert.Equal(BitConverter.DoubleToInt64Bits(serial), BitConverter.DoubleToInt64Bits(parallel));
        Assert.Equal(serialGradient, gradient);
    }

    [Fact]
    public void Compute_ForwardOnly_SameLossAsForwardBackward()
    {
        var random = new Random(5);
        float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, 9, 37));
        int[] targets = LossTestData.Targets(random, 9, 37, withIgnored: true);
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1 };
        double both = SoftmaxCrossEntropy.Compute(logits, 37, targets, new float[logits.Length], options);
        double forward = SoftmaxCrossEntropy.Compute(logits, 37, targets, default, options);
        Assert.Equal(both, forward); // the forward pass is the same code with the stores switched off
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Compute_AnyThreadCount_BitIdentical(int threads)
    {
        // 3000×61 values is above the parallel threshold, so several chunks run on several threads.
        var random = new Random(99);
        const int Rows = 3000, Classes = 61;
        float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, Rows, Classes));
        int[] targets = LossTestData.Targets(random, Rows, Classes, withIgnored: true);
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1, ClassWeights = LossTestData.Weights(random, Classes) };

        var serialGradient = new float[logits.Length];
        double serial = SoftmaxCrossEntropy.Compute(logits, Classes, targets, serialGradient, options, default, maxDegreeOfParallelism: 1);
        var gradient = new float[logits.Length];
        double parallel = SoftmaxCrossEntropy.Compute(logits, Classes, targets, gradient, options, default, maxDegreeOfParallelism: threads);

        Assert.Equal(BitConverter.DoubleToInt64Bits(serial), BitConverter.DoubleToInt64Bits(parallel));
        Assert.Equal(serialGradient, gradient);
    }
}
