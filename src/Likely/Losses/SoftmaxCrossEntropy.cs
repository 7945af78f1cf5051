using Likely.Numerics;

namespace Likely.Losses;

/// <summary>
/// Softmax cross-entropy from logits, ℓ_i = −Σ_c w_c·t_ic·log softmax(z_i)_c, with loss and gradient in one fused pass
/// over each row. Shapes: N = rows, C = classes; <c>logits</c> (the input), <c>inputGradient</c> (∂loss/∂logits) and
/// probability targets are N×C row-major; <c>rowLosses</c> has N entries.
/// </summary>
/// <remarks>
/// <para>Index targets y_i with smoothing ε: t_i = (1 − ε)·onehot(y_i) + ε/K, K = C (PyTorch), so per row
/// ℓ_i = (1 − ε)·w_y·(lse − z_y) + (ε/K)·Σ_c w_c·(lse − z_c), with lse = log Σ_c e^(z_c) computed as m + log Σ e^(z_c − m).
/// Probability targets t_i: t'_i = (1 − ε)·t_i + ε/K and ℓ_i = Σ_c w_c·t'_ic·(lse − z_c).</para>
/// <para>Gradient: with a_c = w_c·t'_c and p = softmax(z), ∂ℓ_i/∂z_c = p_c·Σ_k a_k − a_c — the fused "p − onehot",
/// whose row sums to zero. It is written scaled by the reduction (divided by Σw for Mean, N for BatchMean).</para>
/// <para>Reductions follow PyTorch: with index targets Mean = Σ_i ℓ_i / Σ_(counted i) w_(y_i); with probability
/// targets Mean = Σ_i ℓ_i / N (weights do not enter the divisor) — PyTorch's two rules, kept as they are.</para>
/// <para>Special values: ±1e4 and ±3e38 logits give finite, exact losses (the loss is returned in double, so a row loss
/// of 6e38 is finite there though it saturates to +∞ in a float <c>rowLosses</c>); a −∞ logit masks its class
/// (probability 0, gradient 0 apart from the smoothing term); a target class with logit −∞ gives +∞, not NaN.</para>
/// <para>Where Likely differs from PyTorch, and why: a term whose coefficient a_c is 0 contributes 0 even when
/// log p_c = −∞ (0·log 0 = 0, as in information theory), where PyTorch returns NaN (a masked class with weight 0 under
/// smoothing, or a masked class with target probability 0). With <see cref="CrossEntropyOptions.SmoothingExcludesMaskedClasses"/>
/// the smoothing mass goes to the K_i unmasked classes only. NaN or +∞ logits, or a counted row with every class
/// masked, throw instead of returning NaN. A mean over no counted row has an all-zero gradient, where PyTorch writes NaN
/// on rows left out by a class weight of 0 (see <see cref="EmptyMeanResult.NaN"/>).</para>
/// <para>Row losses include the class weights, as PyTorch's <c>reduction='none'</c>. The float32 overloads run a
/// fused kernel on <see cref="VectorPaths.Current"/> (max, Σ e^(z − m) with a polynomial exponential of relative error
/// ≤ 2e−6, gradient from the stored exponentials; 512-, 256- or 128-bit vectors, one source) over rows in parallel for
/// large batches; rows are cut into chunks whose size depends only on C and partial sums are added in chunk order, so
/// results are bit-identical for any thread count on a given path (across paths they differ in the last bits: the
/// lanes are summed in a different order). On the scalar path, and in the float64 overloads, the reference runs
/// (Math.Exp in double, one thread).</para>
/// </remarks>
public static partial class SoftmaxCrossEntropy
{
    /// <summary>
    /// Computes the reduced softmax cross-entropy of <paramref name="logits"/> against class-index <paramref name="targets"/>,
    /// ℓ_i = (1 − ε)·w_y·(lse(z_i) − z_iy) + (ε/C)·Σ_c w_c·(lse(z_i) − z_ic), and, when <paramref name="inputGradient"/> is
    /// not empty, writes ∂loss/∂z = (p·Σ_k a_k − a)·scale (see the class remarks).
    /// </summary>
    /// <param name="logits">N×C logits, row-major; finite, or −∞ for a masked class.</param>
    /// <param name="classes">C, the number of classes (≥ 1).</param>
    /// <param name="targets">N class indices in [0, C), or the ignore index.</param>
    /// <param name="inputGradient">Empty for forward only, or N×C to receive ∂loss/∂logits (of the sum when the reduction is None); ignored rows get 0.</param>
    /// <param name="options">Weights, ignore index, smoothing and reduction; null for PyTorch's defaults.</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss ℓ_i in nats (0 for ignored rows).</param>
    /// <returns>The loss in nats: the mean, the sum, or (for <see cref="Reduction.None"/>) the sum of the row losses.
    /// A mean over no counted row follows <see cref="CrossEntropyOptions.EmptyMean"/> (NaN by default, as PyTorch).</returns>
    /// <exception cref="ArgumentException">A shape mismatch, a target out of range (the message names the row), invalid
    /// options, a NaN or +∞ logit or a counted row with every class masked (named by row), or an empty mean with
    /// <see cref="EmptyMeanResult.Throw"/>.</exception>
    public static double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> inputGradient,
        CrossEntropyOptions? options = null, Span<float> rowLosses = default) =>
        Compute(logits, classes, targets, inputGradient, options, rowLosses, maxDegreeOfParallelism: -1);

    /// <summary>
    /// The float64 twin of <see cref="Compute(ReadOnlySpan{float}, int, ReadOnlySpan{int}, Span{float}, CrossEntropyOptions?, Span{float})"/>:
    /// the same loss ℓ_i = Σ_c a_c·(lse(z_i) − z_ic) and gradient p·Σa − a, on the scalar path (single thread).
    /// </summary>
    /// <param name="logits">N×C logits, row-major; finite, or −∞ for a masked class.</param>
    /// <param name="classes">C, the number of classes (≥ 1).</param>
    /// <param name="targets">N class indices in [0, C), or the ignore index.</param>
    /// <param name="inputGradient">Empty, or N×C to receive ∂loss/∂logits.</param>
    /// <param name="options">Weights, ignore index, smoothing and reduction; null for PyTorch's defaults.</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss.</param>
    /// <returns>The reduced loss in nats.</returns>
    /// <exception cref="ArgumentException">As for the float overload.</exception>
    public static double Compute(
        ReadOnlySpan<double> logits, int classes, ReadOnlySpan<int> targets, Span<double> inputGradient,
        CrossEntropyOptions? options = null, Span<double> rowLosses = default)
    {
        options ??= CrossEntropyOptions.Default;
        double denominator = ValidateIndex(logits.Length, classes, targets, inputGradient.Length, rowLosses.Length, options);
        double loss = ComputeScalar<double>(logits, classes, targets, inputGradient, options, rowLosses, denominator);
        return CheckNaN(loss, logits, classes, targets, options, Divisor(options.Reduction, denominator, targets.Length));
    }

    /// <summary>
    /// Softmax cross-entropy against probability rows (soft labels): ℓ_i = −Σ_c w_c·t'_ic·log softmax(z_i)_c with
    /// t' = (1 − ε)·t + ε/C, and, when <paramref name="inputGradient"/> is not empty, ∂loss/∂z_c = (p_c·Σ_k w_k·t'_k − w_c·t'_c)·scale.
    /// Terms with w_c·t'_c = 0 contribute 0 (PyTorch gives NaN when such a class is masked).
    /// </summary>
    /// <param name="logits">N×C logits, row-major; finite, or −∞ for a masked class.</param>
    /// <param name="classes">C, the number of classes (≥ 1).</param>
    /// <param name="targets">N×C target probabilities, finite and ≥ 0 (rows need not sum to 1, as in PyTorch; then the gradient rows do not sum to 0).</param>
    /// <param name="inputGradient">Empty for forward only, or N×C to receive ∂loss/∂logits.</param>
    /// <param name="options">Weights, smoothing and reduction (IgnoreIndex does not apply); Mean divides by N, as PyTorch.</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss, H(t') + D(t'‖softmax z) without weights.</param>
    /// <returns>The loss in nats: Σ_i ℓ_i / N (Mean, BatchMean) or Σ_i ℓ_i (Sum, None).</returns>
    /// <exception cref="ArgumentException">A shape mismatch, a negative or non-finite target (named by row and class),
    /// invalid options, or a NaN or +∞ logit or a row with every class masked.</exception>
    public static double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<float> targets, Span<float> inputGradient,
        CrossEntropyOptions? options = null, Span<float> rowLosses = default) =>
        Compute(logits, classes, targets, inputGradient, options, rowLosses, maxDegreeOfParallelism: -1);

    /// <summary>The float probability-target entry with a thread cap, so tests can check that results do not depend on it.</summary>
    internal static double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<float> targets, Span<float> inputGradient,
        CrossEntropyOptions? options, Span<float> rowLosses, int maxDegreeOfParallelism) =>
        Compute(logits, classes, targets, inputGradient, options, rowLosses, maxDegreeOfParallelism, VectorPaths.Current);

    /// <summary>The float probability-target entry on an explicit vector path (the tests run every path).</summary>
    internal static double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<float> targets, Span<float> inputGradient,
        CrossEntropyOptions? options, Span<float> rowLosses, int maxDegreeOfParallelism, VectorPath path)
    {
        options ??= CrossEntropyOptions.Default;
        ValidateProbabilities(logits.Length, classes, targets, inputGradient.Length, rowLosses.Length, options);
        double loss = path == VectorPath.Scalar
            ? ComputeScalar(logits, classes, targets, inputGradient, options, rowLosses)
            : ComputeFused(logits, classes, targets, inputGradient, options, rowLosses, maxDegreeOfParallelism, path);
        return CheckNaN(loss, logits, classes, default, options, logits.Length / classes);
    }

    /// <summary>The float64 twin of the probability-target overload: ℓ_i = −Σ_c w_c·t'_ic·log softmax(z_i)_c.</summary>
    /// <param name="logits">N×C logits, row-major.</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="targets">N×C target probabilities, finite and ≥ 0.</param>
    /// <param name="inputGradient">Empty, or N×C to receive ∂loss/∂logits.</param>
    /// <param name="options">Weights, smoothing and reduction.</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss.</param>
    /// <returns>The reduced loss in nats.</returns>
    /// <exception cref="ArgumentException">As for the float overload.</exception>
    public static double Compute(
        ReadOnlySpan<double> logits, int classes, ReadOnlySpan<double> targets, Span<double> inputGradient,
        CrossEntropyOptions? options = null, Span<double> rowLosses = default)
    {
        options ??= CrossEntropyOptions.Default;
        ValidateProbabilities(logits.Length, classes, targets, inputGradient.Length, rowLosses.Length, options);
        double loss = ComputeScalar(logits, classes, targets, inputGradient, options, rowLosses);
        return CheckNaN(loss, logits, classes, default, options, logits.Length / classes);
    }

    /// <summary>The float index-target entry with a thread cap, so tests can check that results do not depend on it.</summary>
    internal static double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> inputGradient,
        CrossEntropyOptions? options, Span<float> rowLosses, int maxDegreeOfParallelism) =>
        Compute(logits, classes, targets, inputGradient, options, rowLosses, maxDegreeOfParallelism, VectorPaths.Current);

    /// <summary>The float index-target entry on an explicit vector path (the tests run every path).</summary>
    internal static double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> inputGradient,
        CrossEntropyOptions? options, Span<float> rowLosses, int maxDegreeOfParallelism, VectorPath path)
    {
        options ??= CrossEntropyOptions.Default;
        double denominator = ValidateIndex(logits.Length, classes, targets, inputGradient.Length, rowLosses.Length, options);
        double loss = path == VectorPath.Scalar
            ? ComputeScalar<float>(logits, classes, targets, inputGradient, options, rowLosses, denominator)
            : ComputeFused(logits, classes, targets, inputGradient, options, rowLosses, denominator, maxDegreeOfParallelism, path);
        return CheckNaN(loss, logits, classes, targets, options, Divisor(options.Reduction, denominator, targets.Length));
    }

    private static double ValidateIndex(
        int logitsLength, int classes, ReadOnlySpan<int> targets, int gradientLength, int rowLossesLength, CrossEntropyOptions options)
    {
        CrossEntropyValidation.Shapes<float>("logits", logitsLength, classes, targets.Length, gradientLength, rowLossesLength, nameof(targets));
        CrossEntropyValidation.Options(options, classes);
        double denominator = CrossEntropyValidation.IndexTargets(targets, classes, options);
        if (Divisor(options.Reduction, denominator, targets.Length) == 0 && options.EmptyMean == EmptyMeanResult.Throw)
        {
            CrossEntropyValidation.EmptyMean(options, targets.Length); // throws before any output is written
        }

        return denominator;
    }

    private static void ValidateProbabilities<T>(
        int logitsLength, int classes, ReadOnlySpan<T> targets, int gradientLength, int rowLossesLength, CrossEntropyOptions options)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (classes >= 1 && targets.Length != logitsLength)
        {
            throw new ArgumentException(
                $"targets has {targets.Length} entries but logits has {logitsLength}; probability targets are N×C like the logits.", nameof(targets));
        }

        int rows = classes >= 1 ? logitsLength / classes : 0;
        CrossEntropyValidation.Shapes<T>("logits", logitsLength, classes, rows, gradientLength, rowLossesLength, "logits");
        CrossEntropyValidation.Options(options, classes);
        CrossEntropyValidation.ProbabilityTargets(targets, classes);
        if (rows == 0 && options.Reduction is Reduction.Mean or Reduction.BatchMean && options.EmptyMean == EmptyMeanResult.Throw)
        {
            CrossEntropyValidation.EmptyMean(options, rows);
        }
    }

    private static double CheckNaN<T>(
        double loss, ReadOnlySpan<T> logits, int classes, ReadOnlySpan<int> targets, CrossEntropyOptions options, double divisor)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        if (double.IsNaN(loss) && divisor > 0)
        {
            CrossEntropyValidation.ThrowBadLogits(logits, classes, targets, options.IgnoreIndex);
        }

        return loss;
    }
}
