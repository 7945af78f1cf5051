using CsCheck;
using Likely.Losses;
using Likely.Numerics;

namespace Likely.Tests.Losses;

/// <summary>Properties that hold for every input; CsCheck draws the shapes and a seed for the values.</summary>
public class CrossEntropyPropertyTests
{
    private static readonly Gen<(int Rows, int Classes, int Seed)> Shapes = Gen.Select(Gen.Int[1, 6], Gen.Int[1, 20], Gen.Int[0, 1_000_000]);

    [Fact]
    public void Compute_AnyInput_LossNonNegative()
    {
        Shapes.Sample((rows, classes, seed) =>
        {
            var random = new Random(seed);
            float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, rows, classes, scale: 20));
            int[] targets = LossTestData.Targets(random, rows, classes, withIgnored: false);
            var options = new CrossEntropyOptions { LabelSmoothing = random.NextDouble(), ClassWeights = LossTestData.Weights(random, classes), Reduction = Reduction.None };
            var rowLosses = new float[rows];
            SoftmaxCrossEntropy.Compute(logits, classes, targets, default, options, rowLosses);
            Assert.All(rowLosses, loss => Assert.True(loss >= 0, $"row loss {loss}"));
        }, iter: 200);
    }

    [Fact]
    public void Compute_OneHotNoSmoothing_EqualsNegativeLogLikelihoodOfLogSoftmax()
    {
        Shapes.Sample((rows, classes, seed) =>
        {
            var random = new Random(seed);
            float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, rows, classes, scale: 10));
            int[] targets = LossTestData.Targets(random, rows, classes, withIgnored: false);
            var logProbabilities = new float[logits.Length];
            LogSoftmax.Compute(logits, classes, logProbabilities);
            double nll = NegativeLogLikelihood.Compute(logProbabilities, classes, targets, default);
            double ce = SoftmaxCrossEntropy.Compute(logits, classes, targets, default);
            var oneHot = new float[logits.Length];
            for (int i = 0; i < rows; i++) oneHot[i * classes + targets[i]] = 1;
            double soft = SoftmaxCrossEntropy.Compute(logits, classes, oneHot, default);
            Assert.True(Math.Abs(ce - nll) <= 1e-5 * Math.Max(1, nll), $"CE {ce} vs NLL {nll}");
            Assert.True(Math.Abs(ce - soft) <= 1e-5 * Math.Max(1, soft), $"index {ce} vs one-hot {soft}");
        }, iter: 200);
    }

    [Fact]
    public void Compute_ProbabilityTargets_RowLossIsEntropyPlusDivergence()
    {
        // H(p) = −Σ p log p and D(p‖q) = Σ p log(p/q), q = softmax(z): written here independently, in double, 0·log 0 = 0.
        Shapes.Sample((rows, classes, seed) =>
        {
            var random = new Random(seed);
            double[] logits = LossTestData.Logits(random, rows, classes, scale: 5);
            double[] p = LossTestData.Probabilities(random, rows, classes);
            var rowLosses = new double[rows];
            SoftmaxCrossEntropy.Compute(logits, classes, p, default, new CrossEntropyOptions { Reduction = Reduction.None }, rowLosses);
            for (int i = 0; i < rows; i++)
            {
                double[] z = logits[(i * classes)..((i + 1) * classes)];
                double normalizer = z.Sum(Math.Exp);
                double entropy = 0, divergence = 0;
                for (int c = 0; c < classes; c++)
                {
                    double pc = p[i * classes + c];
                    if (pc == 0) continue;
                    double q = Math.Exp(z[c]) / normalizer;
                    entropy -= pc * Math.Log(pc);
                    divergence += pc * Math.Log(pc / q);
                }

                Assert.True(Math.Abs(rowLosses[i] - (entropy + divergence)) <= 1e-12 * Math.Max(1, rowLosses[i]), $"row {i}: {rowLosses[i]} vs {entropy} + {divergence}");
            }
        }, iter: 200);
    }

    [Fact]
    public void Compute_AnyOptions_GradientRowsSumToZero()
    {
        Shapes.Sample((rows, classes, seed) =>
        {
            var random = new Random(seed);
            float[] logits = LossTestData.ToFloat(LossTestData.Logits(random, rows, classes, scale: 10));
            int[] targets = LossTestData.Targets(random, rows, classes, withIgnored: true);
            var options = new CrossEntropyOptions { LabelSmoothing = random.NextDouble(), ClassWeights = LossTestData.Weights(random, classes), Reduction = Reduction.Sum };
            var gradient = new float[logits.Length];
            SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, options);
            for (int i = 0; i < rows; i++)
            {
                double sum = 0, scale = 0;
                for (int c = 0; c < classes; c++)
                {
                    sum += gradient[i * classes + c];
                    scale += Math.Abs(gradient[i * classes + c]);
                }

                Assert.True(Math.Abs(sum) <= 1e-6 * Math.Max(1, scale), $"row {i} gradient sums to {sum}");
            }
        }, iter: 200);
    }

    [Fact]
    public void Compute_RowShiftedByConstant_SameLoss()
    {
        // softmax(z + a) = softmax(z): the loss is invariant (checked on the double path, where z + a is exact enough).
        Shapes.Sample((rows, classes, seed) =>
        {
            var random = new Random(seed);
            double[] logits = LossTestData.Logits(random, rows, classes);
            int[] targets = LossTestData.Targets(random, rows, classes, withIgnored: false);
            double shift = 1000 * (random.NextDouble() - 0.5);
            double before = SoftmaxCrossEntropy.Compute(logits, classes, targets, default);
            double after = SoftmaxCrossEntropy.Compute(logits.Select(z => z + shift).ToArray(), classes, targets, default);
            Assert.True(Math.Abs(before - after) <= 1e-10 * Math.Max(1, before), $"{before} vs {after}");
        }, iter: 200);
    }
}
