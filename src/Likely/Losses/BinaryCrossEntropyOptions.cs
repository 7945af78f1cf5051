namespace Likely.Losses;

/// <summary>
/// Options of <see cref="BinaryCrossEntropyWithLogits"/>, with PyTorch's <c>binary_cross_entropy_with_logits</c> defaults.
/// Both weight arrays broadcast over the last dimension: element k of a row-major N×M batch uses entry k mod M.
/// </summary>
public sealed record BinaryCrossEntropyOptions
{
    /// <summary>The default options: no weights, no positive weight, mean reduction.</summary>
    public static BinaryCrossEntropyOptions Default { get; } = new();

    /// <summary>Per-column weights w_j (PyTorch's <c>weight</c>), or null for all ones. Range: finite, ≥ 0.</summary>
    public float[]? Weights { get; init; }

    /// <summary>Per-column positive-class weights π_j (PyTorch's <c>pos_weight</c>), or null for all ones; π &gt; 1 raises recall. Range: finite, ≥ 0.</summary>
    public float[]? PositiveWeights { get; init; }

    /// <summary>How element losses are combined: None, Sum, or Mean over all elements (BatchMean is not defined here). Default Mean.</summary>
    public Reduction Reduction { get; init; } = Reduction.Mean;
}
