namespace Likely.Losses;

/// <summary>How per-row losses are combined into one number (PyTorch's <c>reduction</c>).</summary>
public enum Reduction
{
    /// <summary>No reduction: per-row losses are returned; the gradient is that of their sum.</summary>
    None,

    /// <summary>The sum of the per-row losses.</summary>
    Sum,

    /// <summary>
    /// The weighted mean: the sum of per-row losses divided by the sum of the weights of the rows that count
    /// (rows with the ignore index do not count); without class weights, by the number of counted rows.
    /// </summary>
    Mean,
}
