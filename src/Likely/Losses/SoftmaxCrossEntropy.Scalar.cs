using System.Numerics;

namespace Likely.Losses;

// The scalar reference: every quantity in double, straight from the formulas in SoftmaxCrossEntropy.cs.
// It is the oracle of the fused float kernel, the float64 path, and the path for machines without SIMD.
public static partial class SoftmaxCrossEntropy
{
    /// <summary>The scalar reference with index targets (validated arguments).</summary>
    internal static double ComputeScalar(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> inputGradient,
        CrossEntropyOptions options, Span<float> rowLosses)
    {
        double denominator = CrossEntropyValidation.IndexTargets(targets, classes, options);
        return ComputeScalar<float>(logits, classes, targets, inputGradient, options, rowLosses, denominator);
    }

    /// <summary>The scalar reference with index targets, generic over float and double; <paramref name="denominator"/> is Σ w_(y_i) over counted rows.</summary>
    internal static double ComputeScalar<T>(
        ReadOnlySpan<T> logits, int classes, ReadOnlySpan<int> targets, Span<T> inputGradient,
        CrossEntropyOptions options, Span<T> rowLosses, double denominator)
        where T : IFloatingPointIeee754<T>
    {
        int rows = targets.Length;
        double divisor = Divisor(options.Reduction, denominator, rows);
        double gradientScale = divisor > 0 ? 1 / divisor : 0;
        double lossSum = 0;
        for (int i = 0; i < rows; i++)
        {
            int target = targets[i];
            Span<T> gradientRow = inputGradient.IsEmpty ? default : inputGradient.Slice(i * classes, classes);
            if (target == options.IgnoreIndex)
            {
                gradientRow.Clear();
                if (!rowLosses.IsEmpty) rowLosses[i] = T.Zero;
                continue;
            }

            ReadOnlySpan<T> row = logits.Slice(i * classes, classes);
            double loss = RowScalar(row, target, default, gradientRow, options, gradientScale);
            lossSum += loss;
            if (!rowLosses.IsEmpty) rowLosses[i] = T.CreateSaturating(loss);
        }

        return Reduce(lossSum, divisor, options, rows);
    }

    /// <summary>The scalar reference with probability targets (validated arguments).</summary>
    internal static double ComputeScalar<T>(
        ReadOnlySpan<T> logits, int classes, ReadOnlySpan<T> targets, Span<T> inputGradient,
        CrossEntropyOptions options, Span<T> rowLosses)
        where T : IFloatingPointIeee754<T>
    {
        int rows = logits.Length / classes;
        double divisor = options.Reduction is Reduction.Mean or Reduction.BatchMean ? rows : 1;
        double gradientScale = divisor > 0 ? 1 / divisor : 0;
        double lossSum = 0;
        for (int i = 0; i < rows; i++)
        {
            Span<T> gradientRow = inputGradient.IsEmpty ? default : inputGradient.Slice(i * classes, classes);
            double loss = RowScalar(logits.Slice(i * classes, classes), -1, targets.Slice(i * classes, classes), gradientRow, options, gradientScale);
            lossSum += loss;
            if (!rowLosses.IsEmpty) rowLosses[i] = T.CreateSaturating(loss);
        }

        return Reduce(lossSum, divisor, options, rows);
    }

    /// <summary>What the sum of row losses is divided by: Σw (Mean), N (BatchMean) or 1.</summary>
    internal static double Divisor(Reduction reduction, double denominator, int rows) => reduction switch
    {
        Reduction.Mean => denominator,
        Reduction.BatchMean => rows,
        _ => 1,
    };

    internal static double Reduce(double lossSum, double divisor, CrossEntropyOptions options, int rows) =>
        divisor > 0 ? lossSum / divisor : CrossEntropyValidation.EmptyMean(options, rows);

    /// <summary>
    /// One row: ℓ = Σ_c a_c·(lse − z_c) over the classes with a_c ≠ 0 (so 0·log 0 = 0), where a_c = w_c·t'_c,
    /// and ∂ℓ/∂z_c = p_c·Σ_k a_k − a_c, times <paramref name="gradientScale"/>.
    /// Index target y (probabilities empty): t' = (1 − ε)·onehot(y) + ε/K; else t' = (1 − ε)·t + ε/K.
    /// </summary>
    private static double RowScalar<T>(
        ReadOnlySpan<T> row, int target, ReadOnlySpan<T> probabilities, Span<T> gradientRow,
        CrossEntropyOptions options, double gradientScale)
        where T : IFloatingPointIeee754<T>
    {
        int classes = row.Length;
        float[]? weights = options.ClassWeights;
        double epsilon = options.LabelSmoothing;
        double max = double.NegativeInfinity;
        int unmasked = 0;
        foreach (T z in row)
        {
            double v = double.CreateTruncating(z);
            max = Math.Max(max, v); // Math.Max propagates NaN.
            if (v != double.NegativeInfinity) unmasked++;
        }

        if (!double.IsFinite(max))
        {
            // NaN or +∞ logit, or every class masked: no defined softmax. The entry point reports the row.
            gradientRow.Fill(T.NaN);
            return double.NaN;
        }

        double sumExp = 0;
        foreach (T z in row) sumExp += Math.Exp(double.CreateTruncating(z) - max);
        double logSum = Math.Log(sumExp); // lse = max + logSum

        bool exclude = options.SmoothingExcludesMaskedClasses;
        double smoothing = epsilon / (exclude ? unmasked : classes);
        double loss = 0, coefficientTotal = 0;
        for (int c = 0; c < classes; c++)
        {
            double coefficient = Coefficient(row, target, probabilities, weights, epsilon, exclude, smoothing, c);
            if (coefficient != 0)
            {
                // lse − z_c written as (max − z_c) + log Σ: exact for logits near ±3e38 in double.
                loss += coefficient * (max - double.CreateTruncating(row[c]) + logSum);
                coefficientTotal += coefficient;
            }
        }

        for (int c = 0; c < gradientRow.Length; c++)
        {
            double p = Math.Exp(double.CreateTruncating(row[c]) - max) / sumExp;
            double coefficient = Coefficient(row, target, probabilities, weights, epsilon, exclude, smoothing, c);
            gradientRow[c] = T.CreateTruncating((p * coefficientTotal - coefficient) * gradientScale);
        }

        return loss;
    }

    private static double Coefficient<T>(
        ReadOnlySpan<T> row, int target, ReadOnlySpan<T> probabilities, float[]? weights,
        double epsilon, bool exclude, double smoothing, int c)
        where T : IFloatingPointIeee754<T>
    {
        double t = probabilities.IsEmpty ? (c == target ? 1 : 0) : double.CreateTruncating(probabilities[c]);
        double smoothed = (1 - epsilon) * t;
        if (epsilon > 0 && !(exclude && T.IsNegativeInfinity(row[c])))
        {
            smoothed += smoothing;
        }

        return (weights is null ? 1 : weights[c]) * smoothed;
    }
}
