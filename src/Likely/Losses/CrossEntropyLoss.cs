using System.Globalization;

namespace Likely.Losses;

/// <summary>
/// Softmax cross-entropy configured once, ℓ_i = −Σ_c w_c·t'_ic·log softmax(z_i)_c: the options live in the object and the
/// data are passed to <see cref="Compute(ReadOnlySpan{float}, int, ReadOnlySpan{int}, Span{float}, Span{float})"/>.
/// The stateless twin is <see cref="SoftmaxCrossEntropy"/>; both give identical results.
/// </summary>
/// <param name="options">Weights, ignore index, smoothing and reduction; null for PyTorch's defaults.</param>
public sealed class CrossEntropyLoss(CrossEntropyOptions? options = null)
{
    /// <summary>The options every call uses.</summary>
    public CrossEntropyOptions Options { get; } = options ?? CrossEntropyOptions.Default;

    /// <summary>The reduced loss against class indices, and ∂loss/∂logits when <paramref name="inputGradient"/> is not empty
    /// (see <see cref="SoftmaxCrossEntropy.Compute(ReadOnlySpan{float}, int, ReadOnlySpan{int}, Span{float}, CrossEntropyOptions?, Span{float})"/>).</summary>
    /// <param name="logits">N×C logits, row-major.</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="targets">N class indices in [0, C), or the ignore index.</param>
    /// <param name="inputGradient">Empty, or N×C to receive ∂loss/∂logits, the gradient with respect to the input logits.</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss.</param>
    /// <returns>The reduced loss in nats.</returns>
    /// <exception cref="ArgumentException">As for <see cref="SoftmaxCrossEntropy"/>.</exception>
    public double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> inputGradient = default, Span<float> rowLosses = default) =>
        SoftmaxCrossEntropy.Compute(logits, classes, targets, inputGradient, Options, rowLosses);

    /// <summary>The reduced loss against probability rows, and ∂loss/∂logits when <paramref name="inputGradient"/> is not empty.</summary>
    /// <param name="logits">N×C logits, row-major.</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="targets">N×C target probabilities.</param>
    /// <param name="inputGradient">Empty, or N×C to receive ∂loss/∂logits, the gradient with respect to the input logits.</param>
    /// <param name="rowLosses">Empty, or N to receive each row's loss.</param>
    /// <returns>The reduced loss in nats.</returns>
    /// <exception cref="ArgumentException">As for <see cref="SoftmaxCrossEntropy"/>.</exception>
    public double Compute(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<float> targets, Span<float> inputGradient = default, Span<float> rowLosses = default) =>
        SoftmaxCrossEntropy.Compute(logits, classes, targets, inputGradient, Options, rowLosses);

    /// <summary>The loss and its options, e.g. <c>CrossEntropyLoss(ε = 0.1, reduction = Mean, ignore = −100)</c>.</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"CrossEntropyLoss(ε = {Options.LabelSmoothing}, reduction = {Options.Reduction}, ignore = {Options.IgnoreIndex}{(Options.ClassWeights is null ? "" : ", weighted")})");
}
