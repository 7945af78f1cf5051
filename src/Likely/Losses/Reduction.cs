namespace Likely.Losses;

/// <summary>How per-row losses are combined into one number (PyTorch's <c>reduction</c>).</summary>
public enum Reduction
{
    /// <summary>No reduction: per-row losses are returned; the gradient is that of their sum.</summary>
    None,

    /// <summary>The sum of the per-row losses, Σ_i ℓ_i.</summary>
    Sum,

    /// <summary>
    /// PyTorch's mean. With class-index targets: the weighted mean Σ_i ℓ_i / Σ_i w_(y_i) over the rows that count
    /// (rows with the ignore index do not count); without class weights, divided by the number of counted rows.
    /// With probability targets, and for losses without class weights, Σ_i ℓ_i / N (PyTorch's rule; elementwise
    /// losses divide by the number of elements). A mean over no counted rows follows <see cref="CrossEntropyOptions.EmptyMean"/>.
    /// </summary>
    Mean,

    /// <summary>
    /// Σ_i ℓ_i / N over all N rows, counted or not: PyTorch's <c>'batchmean'</c> of <c>kl_div</c>, the per-sample loss
    /// that matches the mathematical definition of the KL divergence; for cross-entropy with probability targets it equals <see cref="Mean"/>.
    /// </summary>
    BatchMean,
}
