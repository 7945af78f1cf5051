namespace Likely.Losses;

/// <summary>
/// Binary cross-entropy from logits, ℓ_k = w·[π·y_k·softplus(−x_k) + (1 − y_k)·softplus(x_k)], where
/// softplus(x) = log(1 + e^x) = −log σ(−x), so ℓ = −w·[π·y·log σ(x) + (1 − y)·log(1 − σ(x))] without ever forming σ(x).
/// Gradient: ∂ℓ_k/∂x_k = w·[σ(x_k)·(1 − y_k + π·y_k) − π·y_k].
/// </summary>
/// <remarks>
/// softplus(x) is computed as max(x, 0) + log1p(e^(−|x|)), exact for |x| up to 3e38. Logits of ±∞ are allowed
/// where the answer is defined: a term whose coefficient (π·y or 1 − y) is 0 contributes 0, so x = −∞ with y = 0 gives 0
/// and x = −∞ with y = 1 gives +∞; PyTorch's formula (1 − y)·x + … gives NaN for x = −∞. Targets y ∈ [0, 1] (soft labels allowed).
/// Mean divides by the number of elements, as PyTorch.
/// </remarks>
public static class BinaryCrossEntropyWithLogits
{
    /// <summary>The reduced loss Σ_k ℓ_k (or its mean over elements) and, when <paramref name="inputGradient"/> is not empty, ∂loss/∂x with respect to the input logits.</summary>
    /// <param name="logits">x, any shape flattened row-major (N×M when weights broadcast over M columns).</param>
    /// <param name="targets">y ∈ [0, 1], same length as <paramref name="logits"/>.</param>
    /// <param name="inputGradient">Empty, or the same length as <paramref name="logits"/> to receive ∂loss/∂x, the gradient with respect to the input logits (of the sum for Reduction.None).</param>
    /// <param name="options">Weights, positive weights and reduction; null for PyTorch's defaults.</param>
    /// <param name="elementLosses">Empty, or the same length as <paramref name="logits"/> to receive each ℓ_k: this loss is elementwise, so it has one loss per input element where the row losses have one per row (PyTorch's <c>reduction='none'</c>).</param>
    /// <returns>The loss in nats; Mean over no element is NaN, as PyTorch.</returns>
    /// <exception cref="ArgumentException">Mismatched lengths, a NaN logit or a target outside [0, 1] (named by index), invalid weights or reduction.</exception>
    public static double Compute(
        ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, Span<float> inputGradient,
        BinaryCrossEntropyOptions? options = null, Span<float> elementLosses = default)
    {
        options ??= BinaryCrossEntropyOptions.Default;
        Validate(logits, targets, inputGradient.Length, elementLosses.Length, options);
        float[]? weights = options.Weights, positiveWeights = options.PositiveWeights;
        double scale = options.Reduction == Reduction.Mean ? 1.0 / logits.Length : 1;
        double sum = 0;
        for (int k = 0; k < logits.Length; k++)
        {
            double x = logits[k], y = targets[k];
            double w = weights is null ? 1 : weights[k % weights.Length];
            double pi = positiveWeights is null ? 1 : positiveWeights[k % positiveWeights.Length];
            double positive = w * pi * y, negative = w * (1 - y);
            double loss = (positive == 0 ? 0 : positive * Softplus(-x)) + (negative == 0 ? 0 : negative * Softplus(x));
            sum += loss;
            if (!elementLosses.IsEmpty) elementLosses[k] = (float)loss;
            if (!inputGradient.IsEmpty) inputGradient[k] = (float)(scale * (Sigmoid(x) * (positive + negative) - positive));
        }

        return options.Reduction == Reduction.Mean ? sum / logits.Length : sum;
    }

    /// <summary>log(1 + e^x) = max(x, 0) + log1p(e^(−|x|)); +∞ at +∞, 0 at −∞.</summary>
    private static double Softplus(double x) => Math.Max(x, 0) + LogOnePlus(Math.Exp(-Math.Abs(x)));

    /// <summary>log(1 + u) for u ∈ [0, 1], accurate for tiny u (Goldberg's correction: log(w)·u/(w − 1) with w = 1 + u).</summary>
    private static double LogOnePlus(double u)
    {
        double w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }

    /// <summary>σ(x) = 1 / (1 + e^(−x)), evaluated so that e^(·) never overflows.</summary>
    private static double Sigmoid(double x)
    {
        if (x >= 0) return 1 / (1 + Math.Exp(-x));
        double e = Math.Exp(x);
        return e / (1 + e);
    }

    private static void Validate(ReadOnlySpan<float> logits, ReadOnlySpan<float> targets, int gradientLength, int lossesLength, BinaryCrossEntropyOptions options)
    {
        if (targets.Length != logits.Length)
        {
            throw new ArgumentException($"targets has {targets.Length} entries but logits has {logits.Length}; pass one target per logit.", nameof(targets));
        }

        if (gradientLength != 0 && gradientLength != logits.Length)
        {
            throw new ArgumentException($"inputGradient has {gradientLength} entries; it must be empty or match logits ({logits.Length}).", "inputGradient");
        }

        if (lossesLength != 0 && lossesLength != logits.Length)
        {
            throw new ArgumentException($"elementLosses has {lossesLength} entries; it must be empty or match logits ({logits.Length}).", "elementLosses");
        }

        if (options.Reduction is not (Reduction.None or Reduction.Sum or Reduction.Mean))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Reduction, "Reduction must be None, Sum or Mean for binary cross-entropy.");
        }

        CheckWeights(options.Weights, nameof(options.Weights), logits.Length);
        CheckWeights(options.PositiveWeights, nameof(options.PositiveWeights), logits.Length);
        for (int k = 0; k < logits.Length; k++)
        {
            if (float.IsNaN(logits[k]))
            {
                throw new ArgumentException($"logits[{k}] is NaN; logits must be numbers (±∞ allowed).", nameof(logits));
            }

            if (!(targets[k] >= 0 && targets[k] <= 1))
            {
                throw new ArgumentException($"targets[{k}] is {targets[k]}; binary targets must lie in [0, 1].", nameof(targets));
            }
        }
    }

    private static void CheckWeights(float[]? weights, string name, int length)
    {
        if (weights is null) return;
        if (weights.Length == 0 || length % weights.Length != 0)
        {
            throw new ArgumentException($"{name} has {weights.Length} entries; it must divide the {length} logits (one per column of an N×M batch).", "options");
        }

        for (int j = 0; j < weights.Length; j++)
        {
            if (!float.IsFinite(weights[j]) || weights[j] < 0)
            {
                throw new ArgumentException($"{name}[{j}] is {weights[j]}; weights must be finite and ≥ 0.", "options");
            }
        }
    }
}
