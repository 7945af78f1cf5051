namespace Likely.Evaluation;

/// <summary>
/// One row of <see cref="HardestExamples.Find"/>: a labelled row and what the model said about it.
/// </summary>
/// <param name="Row">The row's index in the data (0-based).</param>
/// <param name="Label">y, the row's true class index.</param>
/// <param name="Predicted">ŷ = argmax_c q(c|x), the most probable class (the lowest index on ties).</param>
/// <param name="LabelProbability">q(y|x), the probability the model gave the true class, in [0, 1] (it may round to 0).</param>
/// <param name="PredictedProbability">q(ŷ|x), the probability of the most probable class.</param>
/// <param name="CrossEntropy">
/// −ln q(y|x) in nats: the row's cross-entropy H(δ_y, q(·|x)), its term in the mean negative log-likelihood. Computed
/// from the logits as logsumexp(z) − z_y, so it stays finite where q(y|x) underflows to 0.
/// </param>
public sealed record HardExample(int Row, int Label, int Predicted, double LabelProbability, double PredictedProbability, double CrossEntropy);

/// <summary>
/// The rows a classifier finds hardest: those with the highest −ln q(y|x), the rows that cost the most nats of the
/// cross-entropy H(p̂, q) = −(1/N)·Σ_i ln q(y_i|x_i). Shapes: N = rows, C = classes.
/// </summary>
/// <remarks>
/// −ln q(y|x) = logsumexp(z) − z_y is computed in double from the float logits (max-shifted, so no overflow). Rows are
/// ordered by −ln q(y|x), highest first; equal values keep row order (the lower row first), so the result does not
/// depend on how the rows were computed.
/// </remarks>
public static class HardestExamples
{
    /// <summary>The <paramref name="count"/> rows with the highest −ln q(y|x), highest first.</summary>
    /// <param name="logits">N×C logits z, row-major; q(c|x) = softmax(z)_c (pass z/T for a model with temperature T).</param>
    /// <param name="labels">N labels y in [0, C).</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="count">How many rows to return, ≥ 0; fewer when N is smaller.</param>
    /// <returns>min(count, N) rows, by −ln q(y|x) descending, ties by row ascending.</returns>
    /// <exception cref="ArgumentOutOfRangeException">C &lt; 1 or count &lt; 0.</exception>
    /// <exception cref="ArgumentException">The logits are not N×C, a label is outside [0, C), or a logit is not finite.</exception>
    public static IReadOnlyList<HardExample> Find(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        int n = labels.Length;
        if (logits.Length != (long)n * classes)
        {
            throw new ArgumentException($"logits has {logits.Length} values but {n} rows of {classes} classes need {(long)n * classes}.", nameof(logits));
        }

        var losses = new double[n];
        for (int i = 0; i < n; i++)
        {
            int y = labels[i];
            if ((uint)y >= (uint)classes)
            {
                throw new ArgumentException($"Label {y} at row {i} is outside [0, {classes}); the model has {classes} classes.", nameof(labels));
            }

            losses[i] = RowCrossEntropy(logits.Slice(i * classes, classes), y, i);
        }

        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Array.Sort(order, (a, b) => losses[a] != losses[b] ? losses[b].CompareTo(losses[a]) : a.CompareTo(b));

        var hardest = new HardExample[Math.Min(count, n)];
        for (int k = 0; k < hardest.Length; k++)
        {
            int row = order[k];
            ReadOnlySpan<float> z = logits.Slice(row * classes, classes);
            int predicted = ArgMax(z);
            double logSumExp = LogSumExp(z);
            hardest[k] = new HardExample(row, labels[row], predicted, Math.Exp(-losses[row]), Math.Exp(z[predicted] - logSumExp), losses[row]);
        }

        return hardest;
    }

    /// <summary>−ln q(y|x) = logsumexp(z) − z_y of one row.</summary>
    private static double RowCrossEntropy(ReadOnlySpan<float> z, int y, int row)
    {
        foreach (float value in z)
        {
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"Row {row} has a logit {value}; logits must be finite (the model diverged or the input holds NaN).", "logits");
            }
        }

        return LogSumExp(z) - z[y];
    }

    /// <summary>ln Σ_c e^(z_c), shifted by the maximum so no term overflows.</summary>
    private static double LogSumExp(ReadOnlySpan<float> z)
    {
        double max = z[ArgMax(z)], sum = 0;
        foreach (float value in z) sum += Math.Exp(value - max);
        return max + Math.Log(sum);
    }

    /// <summary>The index of the largest value, the first on ties.</summary>
    private static int ArgMax(ReadOnlySpan<float> z)
    {
        int best = 0;
        for (int c = 1; c < z.Length; c++)
        {
            if (z[c] > z[best]) best = c;
        }

        return best;
    }
}
