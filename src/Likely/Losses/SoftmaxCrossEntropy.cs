namespace Likely.Losses;

/// <summary>
/// Softmax cross-entropy from logits with class-index targets, loss and gradient in one pass over each row.
/// Shapes: N = rows, C = classes; <c>logits</c> is N×C row-major.
/// </summary>
/// <remarks>
/// Per row i with target y, smoothing ε, weights w and log-probabilities log p = z − logsumexp(z):
/// ℓ_i = −(1 − ε)·w_y·log p_y − (ε/C)·Σ_c w_c·log p_c, exactly PyTorch's rule.
/// Gradient: ∂ℓ_i/∂z_c = p_c·((1 − ε)·w_y + (ε/C)·Σ_k w_k) − (1 − ε)·w_y·[c = y] − (ε/C)·w_c.
/// </remarks>
public static class SoftmaxCrossEntropy
{
    /// <summary>
    /// Computes the reduced softmax cross-entropy of <paramref name="logits"/> against <paramref name="targets"/>
    /// and, when <paramref name="logitGradient"/> is not empty, writes the gradient of the reduced loss with respect to the logits.
    /// </summary>
    /// <param name="logits">N×C logits, row-major.</param>
    /// <param name="classes">C, the number of classes (≥ 1).</param>
    /// <param name="targets">N class indices in [0, C), or the ignore index.</param>
    /// <param name="logitGradient">Empty for forward only, or N×C to receive ∂loss/∂logits (of the sum when the reduction is None).</param>
    /// <param name="options">Weights, ignore index, smoothing and reduction; null for PyTorch's defaults.</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss (0 for ignored rows).</param>
    /// <returns>The loss in nats: the mean, the sum, or (for <see cref="Reduction.None"/>) the sum of the row losses.</returns>
    /// <exception cref="ArgumentException">A shape mismatch, a target out of range, or invalid options.</exception>
    public static double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> logitGradient,
        CrossEntropyOptions? options = null, Span<float> rowLosses = default)
    {
        options ??= CrossEntropyOptions.Default;
        Validate(logits, classes, targets, logitGradient, options, rowLosses);
        return ComputeScalar(logits, classes, targets, logitGradient, options, rowLosses);
    }

    /// <summary>The scalar reference: the oracle for faster kernels and the short-input path.</summary>
    internal static double ComputeScalar(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> logitGradient,
        CrossEntropyOptions options, Span<float> rowLosses)
    {
        int rows = targets.Length;
        float[]? weights = options.ClassWeights;
        double epsilon = options.LabelSmoothing;
        double weightTotal = 0;
        if (weights is not null)
        {
            foreach (float w in weights)
            {
                weightTotal += w;
            }
        }
        else
        {
            weightTotal = classes;
        }

        double lossSum = 0, denominator = 0;
        for (int i = 0; i < rows; i++)
        {
            int target = targets[i];
            if (target == options.IgnoreIndex)
            {
                if (!rowLosses.IsEmpty) rowLosses[i] = 0;
                continue;
            }

            ReadOnlySpan<float> row = logits.Slice(i * classes, classes);
            double max = double.NegativeInfinity;
            foreach (float z in row) max = Math.Max(max, z);
            double sumExp = 0;
            foreach (float z in row) sumExp += Math.Exp(z - max);
            double logSumExp = max + Math.Log(sumExp);

            double targetWeight = weights is null ? 1 : weights[target];
            double loss = -(1 - epsilon) * targetWeight * (row[target] - logSumExp);
            if (epsilon > 0)
            {
                double smooth = 0;
                for (int c = 0; c < classes; c++)
                {
                    smooth -= (weights is null ? 1 : weights[c]) * (row[c] - logSumExp);
                }

                loss += epsilon / classes * smooth;
            }

            lossSum += loss;
            denominator += targetWeight;
            if (!rowLosses.IsEmpty) rowLosses[i] = (float)loss;
        }

        double scale = options.Reduction == Reduction.Mean ? 1 / denominator : 1;
        if (!logitGradient.IsEmpty)
        {
            WriteGradientScalar(logits, classes, targets, logitGradient, options, weightTotal, scale);
        }

        return options.Reduction == Reduction.Mean ? lossSum / denominator : lossSum;
    }

    private static void WriteGradientScalar(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> logitGradient,
        CrossEntropyOptions options, double weightTotal, double scale)
    {
        float[]? weights = options.ClassWeights;
        double epsilon = options.LabelSmoothing;
        for (int i = 0; i < targets.Length; i++)
        {
            Span<float> gradientRow = logitGradient.Slice(i * classes, classes);
            int target = targets[i];
            if (target == options.IgnoreIndex)
            {
                gradientRow.Clear();
                continue;
            }

            ReadOnlySpan<float> row = logits.Slice(i * classes, classes);
            double max = double.NegativeInfinity;
            foreach (float z in row) max = Math.Max(max, z);
            double sumExp = 0;
            foreach (float z in row) sumExp += Math.Exp(z - max);

            double targetWeight = weights is null ? 1 : weights[target];
            double probabilityScale = (1 - epsilon) * targetWeight + epsilon / classes * weightTotal;
            for (int c = 0; c < classes; c++)
            {
                double p = Math.Exp(row[c] - max) / sumExp;
                double g = p * probabilityScale - (epsilon / classes) * (weights is null ? 1 : weights[c]);
                if (c == target) g -= (1 - epsilon) * targetWeight;
                gradientRow[c] = (float)(g * scale);
            }
        }
    }

    private static void Validate(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> logitGradient,
        CrossEntropyOptions options, Span<float> rowLosses)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (logits.Length != targets.Length * classes)
        {
            throw new ArgumentException(
                $"logits has {logits.Length} entries but targets has {targets.Length} rows of {classes} classes ({(long)targets.Length * classes} entries expected).",
                nameof(logits));
        }

        if (!logitGradient.IsEmpty && logitGradient.Length != logits.Length)
        {
            throw new ArgumentException($"logitGradient has {logitGradient.Length} entries; it must be empty or match logits ({logits.Length}).", nameof(logitGradient));
        }

        if (!rowLosses.IsEmpty && rowLosses.Length != targets.Length)
        {
            throw new ArgumentException($"rowLosses has {rowLosses.Length} entries; it must be empty or have one per row ({targets.Length}).", nameof(rowLosses));
        }

        if (options.LabelSmoothing is < 0 or > 1 || double.IsNaN(options.LabelSmoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.LabelSmoothing, "LabelSmoothing must lie in [0, 1].");
        }

        if (options.ClassWeights is { } weights)
        {
            if (weights.Length != classes)
            {
                throw new ArgumentException($"ClassWeights has {weights.Length} entries but there are {classes} classes.", nameof(options));
            }

            for (int c = 0; c < classes; c++)
            {
                if (!float.IsFinite(weights[c]) || weights[c] < 0)
                {
                    throw new ArgumentException($"ClassWeights[{c}] is {weights[c]}; weights must be finite and non-negative.", nameof(options));
                }
            }
        }

        for (int i = 0; i < targets.Length; i++)
        {
            int target = targets[i];
            if (target != options.IgnoreIndex && (uint)target >= (uint)classes)
            {
                throw new ArgumentException($"Target {target} at row {i} is outside [0, {classes}); use a class index or the ignore index {options.IgnoreIndex}.", nameof(targets));
            }
        }
    }
}
