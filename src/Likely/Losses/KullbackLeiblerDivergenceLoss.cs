namespace Likely.Losses;

/// <summary>
/// The KL-divergence loss (PyTorch's <c>kl_div</c>) between target distributions p and predicted log-probabilities
/// x = log q: pointwise ℓ_ic = p_ic·(log p_ic − x_ic), so a row sums to D(p_i‖q_i) in nats. Gradient: ∂ℓ/∂x_ic = −p_ic.
/// </summary>
/// <remarks>
/// Use <see cref="Reduction.BatchMean"/> (Σ ℓ / N) for the mean KL divergence per row; <see cref="Reduction.Mean"/>
/// divides by N·C elements, as PyTorch's default 'mean', which is not a KL divergence — so this API has no default reduction.
/// p_ic = 0 gives 0 (0·log 0 = 0) even where x_ic = −∞ (PyTorch gives NaN there); p_ic &gt; 0 with x_ic = −∞ gives +∞
/// (D(p‖q) = +∞ where q = 0 &lt; p). With <c>logTarget</c>, targets hold log p and p = e^(log p).
/// </remarks>
public static class KullbackLeiblerDivergenceLoss
{
    /// <summary>The reduced Σ_ic p_ic·(log p_ic − x_ic) and, when <paramref name="inputGradient"/> is not empty, ∂loss/∂x = −p·scale.</summary>
    /// <param name="logProbabilities">x = log q, N×C row-major; finite or −∞.</param>
    /// <param name="classes">C ≥ 1 (sets N for BatchMean).</param>
    /// <param name="targets">p (finite, ≥ 0), or log p when <paramref name="logTarget"/> (not NaN, not +∞), N×C.</param>
    /// <param name="inputGradient">Empty, or N×C to receive ∂loss/∂x, the gradient with respect to the input log-probabilities (of the sum for None).</param>
    /// <param name="reduction">None (sum, gradient of the sum), Sum, Mean over N·C elements, or BatchMean over N rows.</param>
    /// <param name="logTarget">True when <paramref name="targets"/> holds log-probabilities (PyTorch's <c>log_target</c>).</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss Σ_c ℓ_ic = D(p_i‖q_i) (PyTorch's <c>reduction='none'</c> keeps the N×C terms; their row sums are these).</param>
    /// <returns>The loss in nats.</returns>
    /// <exception cref="ArgumentException">Mismatched shapes, a bad target or a NaN or +∞ input (named by row and class).</exception>
    public static double Compute(
        ReadOnlySpan<float> logProbabilities, int classes, ReadOnlySpan<float> targets, Span<float> inputGradient,
        Reduction reduction, bool logTarget = false, Span<float> rowLosses = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (!Enum.IsDefined(reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "reduction must be None, Sum, Mean or BatchMean.");
        }

        if (targets.Length != logProbabilities.Length || logProbabilities.Length % classes != 0)
        {
            throw new ArgumentException(
                $"logProbabilities has {logProbabilities.Length} entries and targets {targets.Length}; both must be the same N×C with C = {classes}.", nameof(targets));
        }

        int rows = logProbabilities.Length / classes;
        CrossEntropyValidation.Shapes<float>(nameof(logProbabilities), logProbabilities.Length, classes, rows, inputGradient.Length, rowLosses.Length, nameof(targets));
        double divisor = reduction switch { Reduction.Mean => logProbabilities.Length, Reduction.BatchMean => rows, _ => 1 };
        double scale = 1 / divisor;
        double total = 0;
        for (int i = 0; i < rows; i++)
        {
            double row = 0;
            for (int c = 0; c < classes; c++)
            {
                int k = i * classes + c;
                double x = logProbabilities[k], t = targets[k];
                if (double.IsNaN(x) || double.IsPositiveInfinity(x))
                {
                    throw new ArgumentException($"logProbabilities row {i} class {c} is {x}; log-probabilities must be finite or −∞.", nameof(logProbabilities));
                }

                if (logTarget ? double.IsNaN(t) || double.IsPositiveInfinity(t) : !(t >= 0 && double.IsFinite(t)))
                {
                    throw new ArgumentException(
                        $"targets row {i} class {c} is {t}; {(logTarget ? "log-probabilities must be finite or −∞" : "probabilities must be finite and ≥ 0")}.", nameof(targets));
                }

                double p = logTarget ? Math.Exp(t) : t;
                double logP = logTarget ? t : Math.Log(t);
                if (p != 0) row += p * (logP - x);
                if (!inputGradient.IsEmpty) inputGradient[k] = (float)(-p * scale);
            }

            total += row;
            if (!rowLosses.IsEmpty) rowLosses[i] = (float)row;
        }

        return total / divisor;
    }
}
