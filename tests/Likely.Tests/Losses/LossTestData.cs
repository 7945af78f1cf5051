using Likely.Losses;

namespace Likely.Tests.Losses;

/// <summary>Seeded random batches for the property, sweep and gradient tests.</summary>
internal static class LossTestData
{
    public static double[] Logits(Random random, int rows, int classes, double scale = 3) =>
        Enumerable.Range(0, rows * classes).Select(_ => (double)(float)(scale * (2 * random.NextDouble() - 1))).ToArray();

    public static int[] Targets(Random random, int rows, int classes, bool withIgnored) =>
        Enumerable.Range(0, rows).Select(i => withIgnored && i % 3 == 1 ? -100 : random.Next(classes)).ToArray();

    /// <summary>Rows of probabilities summing to 1, with some exact zeros.</summary>
    public static double[] Probabilities(Random random, int rows, int classes)
    {
        var p = new double[rows * classes];
        for (int i = 0; i < rows; i++)
        {
            double sum = 0;
            for (int c = 0; c < classes; c++)
            {
                double v = random.NextDouble() < 0.2 && classes > 1 ? 0 : random.NextDouble();
                p[i * classes + c] = v;
                sum += v;
            }

            if (sum == 0)
            {
                p[i * classes] = sum = 1;
            }

            for (int c = 0; c < classes; c++) p[i * classes + c] = (float)(p[i * classes + c] / sum);
        }

        return p;
    }

    public static float[] Weights(Random random, int classes) =>
        Enumerable.Range(0, classes).Select(_ => (float)(0.25 + 2 * random.NextDouble())).ToArray();

    public static float[] ToFloat(double[] values) => values.Select(v => (float)v).ToArray();

    public static double[] ToDouble(float[] values) => values.Select(v => (double)v).ToArray();

    /// <summary>Every combination of the options that change the formula, for one class count.</summary>
    public static IEnumerable<CrossEntropyOptions> OptionCombinations(Random random, int classes)
    {
        foreach (bool weighted in new[] { false, true })
        {
            foreach (double epsilon in new[] { 0.0, 0.2 })
            {
                foreach (bool exclude in new[] { false, true })
                {
                    foreach (Reduction reduction in Enum.GetValues<Reduction>())
                    {
                        yield return new CrossEntropyOptions
                        {
                            ClassWeights = weighted ? Weights(random, classes) : null,
                            LabelSmoothing = epsilon,
                            SmoothingExcludesMaskedClasses = exclude,
                            Reduction = reduction,
                        };
                    }
                }
            }
        }
    }
}
