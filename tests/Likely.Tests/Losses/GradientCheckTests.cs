using Likely.Losses;

namespace Likely.Tests.Losses;

/// <summary>
/// Central finite differences, (L(z + h·e_k) − L(z − h·e_k)) / 2h with h = 1e−5, on the double path: an oracle that
/// knows nothing of the analytic gradient. Every combination of weights, smoothing, masked-class handling, reduction,
/// ignore index and target kind.
/// </summary>
public class GradientCheckTests
{
    private const int Rows = 5, Classes = 4;

    public static IEnumerable<object[]> Combinations()
    {
        foreach (bool probabilities in new[] { false, true })
        {
            foreach (bool weighted in new[] { false, true })
            {
                foreach (double epsilon in new[] { 0.0, 0.15 })
                {
                    foreach (bool excludeMasked in new[] { false, true })
                    {
                        foreach (Reduction reduction in Enum.GetValues<Reduction>())
                        {
                            yield return [probabilities, weighted, epsilon, excludeMasked, reduction];
                        }
                    }
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void Compute_AnalyticGradient_MatchesFiniteDifferences(bool probabilities, bool weighted, double epsilon, bool excludeMasked, Reduction reduction)
    {
        var random = new Random(HashCode.Combine(probabilities, weighted, epsilon, excludeMasked, reduction) & 0xFFFF);
        double[] logits = LossTestData.Logits(random, Rows, Classes);
        if (excludeMasked || epsilon == 0)
        {
            logits[2 * Classes + 3] = double.NegativeInfinity; // a masked class, finite only under these rules
        }

        int[] targets = LossTestData.Targets(random, Rows, Classes, withIgnored: true);
        targets[2] = 0;
        double[] soft = LossTestData.Probabilities(random, Rows, Classes);
        soft[2 * Classes + 3] = 0;
        var options = new CrossEntropyOptions
        {
            ClassWeights = weighted ? LossTestData.Weights(random, Classes) : null,
            LabelSmoothing = epsilon,
            SmoothingExcludesMaskedClasses = excludeMasked,
            Reduction = reduction,
        };

        double Loss(double[] z, double[] gradient) => probabilities
            ? SoftmaxCrossEntropy.Compute(z, Classes, soft, gradient, options)
            : SoftmaxCrossEntropy.Compute(z, Classes, targets, gradient, options);

        var analytic = new double[logits.Length];
        Loss(logits, analytic);
        const double H = 1e-5;
        for (int k = 0; k < logits.Length; k++)
        {
            if (double.IsNegativeInfinity(logits[k]))
            {
                Assert.Equal(0, analytic[k]); // a masked class has p = 0; its target weight is 0 under these rules
                continue;
            }

            double saved = logits[k];
            logits[k] = saved + H;
            double up = Loss(logits, []);
            logits[k] = saved - H;
            double down = Loss(logits, []);
            logits[k] = saved;
            double numeric = (up - down) / (2 * H);
            Assert.True(Math.Abs(numeric - analytic[k]) <= 1e-7, $"entry {k}: finite difference {numeric}, analytic {analytic[k]}");
        }
    }
}
