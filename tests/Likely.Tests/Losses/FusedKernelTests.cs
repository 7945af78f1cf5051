using Likely.Losses;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Tests.Losses;

/// <summary>The fused float kernel against the scalar double oracle (an independent, straight-from-the-formula loop).</summary>
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

    [Fact]
    public void NonPositive_Exp_WithinDocumentedErrorOfMathExp()
    {
        // Reference: Math.Exp in double. Documented bound: relative error ≤ 3e−8·|x| + 1 ulp (2e−6 at x = −87).
        for (double x = -87; x <= 0; x += 0.000731)
        {
            float input = (float)x;
            double expected = Math.Exp(input);
            float scalar = VectorExp.NonPositive(input);
            float vector = VectorExp.NonPositive(Vector256.Create(input)).GetElement(3);
            double bound = 3e-8 * Math.Abs(input) + 1.2e-7;
            Assert.True(Math.Abs(scalar - expected) <= bound * expected, $"x = {input}: {scalar} vs {expected}");
            Assert.Equal(scalar, vector);
        }

        Assert.Equal(1f, VectorExp.NonPositive(0f));
        Assert.Equal(1f, VectorExp.NonPositive(Vector256<float>.Zero).GetElement(0));
        Assert.Equal(0f, VectorExp.NonPositive(float.NegativeInfinity));
        Assert.Equal(0f, VectorExp.NonPositive(Vector256.Create(float.NegativeInfinity)).GetElement(5));
        Assert.Equal(0f, VectorExp.NonPositive(-100f));
    }
}
