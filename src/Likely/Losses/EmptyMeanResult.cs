namespace Likely.Losses;

/// <summary>
/// What a <see cref="Reduction.Mean"/> returns when no row counts (every target is the ignore index, or every
/// counted row has class weight 0), so the mean is 0/0.
/// </summary>
/// <remarks>
/// Whichever result is chosen, the gradient of such a mean is all zeros: a batch with nothing to learn moves nothing.
/// Row losses are still written, as for any reduction.
/// </remarks>
public enum EmptyMeanResult
{
    /// <summary>
    /// NaN, as PyTorch returns (0/0). The gradient is all zeros. PyTorch (checked with 1.13) agrees when every target is
    /// the ignore index, but when every counted row has class weight 0 its gradient is NaN on those rows,
    /// w_y·(1/Σw) = 0·(1/0): on the whole row for <c>cross_entropy</c>, at the target entry for <c>nll_loss</c>.
    /// Likely differs there deliberately: a zero weight times an infinite factor is 0 here, as 0·log 0 is, so the same
    /// empty mean gives the same zero gradient however its rows were left out (the NaN loss already reports it).
    /// </summary>
    NaN,

    /// <summary>0: a batch with nothing to learn contributes nothing, so a training loop can add it safely. The gradient is all zeros.</summary>
    Zero,

    /// <summary>An <see cref="ArgumentException"/> naming the targets, for pipelines where an empty batch is a bug.</summary>
    Throw,
}
