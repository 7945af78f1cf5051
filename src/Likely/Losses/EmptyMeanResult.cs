namespace Likely.Losses;

/// <summary>
/// What a <see cref="Reduction.Mean"/> returns when no row counts (every target is the ignore index, or every
/// counted row has class weight 0), so the mean is 0/0.
/// </summary>
public enum EmptyMeanResult
{
    /// <summary>NaN, as PyTorch returns (0/0). The gradient is all zeros, as PyTorch's.</summary>
    NaN,

    /// <summary>0: a batch with nothing to learn contributes nothing, so a training loop can add it safely. The gradient is all zeros.</summary>
    Zero,

    /// <summary>An <see cref="ArgumentException"/> naming the targets, for pipelines where an empty batch is a bug.</summary>
    Throw,
}
