namespace Likely.Training;

/// <summary>
/// One minibatch of an epoch: the rows at positions [Index·B, Index·B + B) of <see cref="Order"/> (fewer at its end),
/// which index the row-major <see cref="Features"/> (D a row, standardized) and <see cref="Labels"/>. In memory the
/// arrays are the whole training part and Order the epoch's permutation; streamed, they are the current window.
/// </summary>
/// <param name="Features">Rows × D features, row-major.</param>
/// <param name="Labels">The rows' class indices.</param>
/// <param name="Order">The row order the minibatches are cut from.</param>
/// <param name="Index">The minibatch's index in <paramref name="Order"/>, counted in minibatches of B rows.</param>
internal readonly record struct Minibatch(float[] Features, int[] Labels, ReadOnlyMemory<int> Order, int Index);
