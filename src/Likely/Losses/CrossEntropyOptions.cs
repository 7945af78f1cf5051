namespace Likely.Losses;

/// <summary>
/// Options of the softmax cross-entropy loss, with PyTorch's <c>torch.nn.functional.cross_entropy</c> defaults.
/// </summary>
public sealed record CrossEntropyOptions
{
    /// <summary>The default options: no weights, ignore index −100, no smoothing, mean reduction, NaN for an empty mean.</summary>
    public static CrossEntropyOptions Default { get; } = new();

    /// <summary>Per-class weights w_c (length C), or null for all ones. Range: w_c ≥ 0, finite.</summary>
    public float[]? ClassWeights { get; init; }

    /// <summary>
    /// Rows whose target equals this index contribute nothing to the loss, the gradient or the mean's denominator.
    /// Default −100, as PyTorch. Applies to class-index targets only.
    /// </summary>
    public int IgnoreIndex { get; init; } = -100;

    /// <summary>
    /// Label smoothing ε: the target becomes (1 − ε)·onehot + ε/C (or, for probability targets t, (1 − ε)·t + ε/C).
    /// Range: 0 ≤ ε ≤ 1. Default 0.
    /// </summary>
    public double LabelSmoothing { get; init; }

    /// <summary>How per-row losses are combined. Default <see cref="Reduction.Mean"/>.</summary>
    public Reduction Reduction { get; init; } = Reduction.Mean;

    /// <summary>
    /// When true, label smoothing spreads ε over the K_i classes of row i whose logit is not −∞ (ε/K_i each) and
    /// gives masked classes none, so masking plus smoothing gives a finite loss. Default false: PyTorch's rule,
    /// ε/C on every class, which makes the loss +∞ as soon as a class with positive weight is masked.
    /// </summary>
    public bool SmoothingExcludesMaskedClasses { get; init; }

    /// <summary>
    /// What a <see cref="Reduction.Mean"/> over no counted row returns; its gradient is all zeros in every case.
    /// Default <see cref="EmptyMeanResult.NaN"/>, PyTorch's loss (its gradient can differ: see there).
    /// </summary>
    public EmptyMeanResult EmptyMean { get; init; } = EmptyMeanResult.NaN;
}
