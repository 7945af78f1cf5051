namespace Likely.Losses;

/// <summary>
/// Negative log-likelihood from log-probabilities, ℓ_i = −w_(y_i)·x_(i,y_i) (PyTorch's <c>nll_loss</c>), where x holds
/// N×C log-probabilities such as <see cref="Numerics.LogSoftmax"/>'s output. Gradient: ∂ℓ_i/∂x_ic = −w_y·[c = y_i].
/// </summary>
/// <remarks>
/// Reductions, weights, the ignore index and the empty mean follow <see cref="CrossEntropyOptions"/> exactly as for
/// <see cref="SoftmaxCrossEntropy"/> (Mean divides by Σ w_(y_i) over counted rows); label smoothing needs the whole
/// distribution and is rejected here. A target log-probability of −∞ gives +∞; with weight 0 it gives 0 (0·∞ = 0,
/// where PyTorch gives NaN). By the same rule the gradient of a mean over no counted row is all zeros, where PyTorch
/// gives NaN at the targets of rows with class weight 0 (see <see cref="EmptyMeanResult.NaN"/>). Inputs are not
/// required to be normalized, as in PyTorch.
/// </remarks>
public static class NegativeLogLikelihood
{
    /// <summary>The reduced NLL, Σ_i −w_(y_i)·x_(i,y_i) (divided as the reduction says), and its gradient −w_y·scale at each target.</summary>
    /// <param name="logProbabilities">N×C log-probabilities x, row-major.</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="targets">N class indices in [0, C), or the ignore index.</param>
    /// <param name="inputGradient">Empty, or N×C to receive ∂loss/∂x, the gradient with respect to the input log-probabilities (of the sum for Reduction.None).</param>
    /// <param name="options">Weights, ignore index and reduction; LabelSmoothing must be 0.</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss −w_(y_i)·x_(i,y_i) (0 for ignored rows).</param>
    /// <returns>The loss in nats.</returns>
    /// <exception cref="ArgumentException">A shape mismatch, a target out of range, smoothing, or a NaN or +∞ target log-probability (named by row).</exception>
    public static double Compute(
        ReadOnlySpan<float> logProbabilities, int classes, ReadOnlySpan<int> targets, Span<float> inputGradient,
        CrossEntropyOptions? options = null, Span<float> rowLosses = default)
    {
        options ??= CrossEntropyOptions.Default;
        CrossEntropyValidation.Shapes<float>(nameof(logProbabilities), logProbabilities.Length, classes, targets.Length, inputGradient.Length, rowLosses.Length, nameof(targets));
        CrossEntropyValidation.Options(options, classes);
        if (options.LabelSmoothing != 0)
        {
            throw new ArgumentException(
                $"LabelSmoothing is {options.LabelSmoothing}, but the negative log-likelihood has no smoothing; use SoftmaxCrossEntropy on the logits.", nameof(options));
        }

        double denominator = CrossEntropyValidation.IndexTargets(targets, classes, options);
        double divisor = SoftmaxCrossEntropy.Divisor(options.Reduction, denominator, targets.Length);
        if (divisor == 0 && options.EmptyMean == EmptyMeanResult.Throw)
        {
            CrossEntropyValidation.EmptyMean(options, targets.Length);
        }

        double scale = divisor > 0 ? 1 / divisor : 0;
        inputGradient.Clear();
        double sum = 0;
        for (int i = 0; i < targets.Length; i++)
        {
            int target = targets[i];
            double loss = 0;
            if (target != options.IgnoreIndex)
            {
                double weight = options.ClassWeights is null ? 1 : options.ClassWeights[target];
                float x = logProbabilities[i * classes + target];
                if (float.IsNaN(x) || float.IsPositiveInfinity(x))
                {
                    throw new ArgumentException(
                        $"logProbabilities row {i} class {target} (the target) is {x}; log-probabilities must be finite or −∞.", nameof(logProbabilities));
                }

                loss = weight == 0 ? 0 : -weight * x;
                if (!inputGradient.IsEmpty) inputGradient[i * classes + target] = (float)(-weight * scale);
            }

            sum += loss;
            if (!rowLosses.IsEmpty) rowLosses[i] = (float)loss;
        }

        return SoftmaxCrossEntropy.Reduce(sum, divisor, options, targets.Length);
    }
}
