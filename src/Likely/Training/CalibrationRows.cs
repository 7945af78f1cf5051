namespace Likely.Training;

/// <summary>
/// The checks every calibration fit makes of its validation rows before it starts: N×C finite logits z and N labels in
/// [0, C), at least one row. One place, so temperature and vector scaling word them alike.
/// </summary>
internal static class CalibrationRows
{
    /// <summary>Throws unless <paramref name="logits"/> holds N×C finite values and <paramref name="labels"/> N labels in [0, C), N ≥ 1.</summary>
    /// <param name="logits">N×C logits, row-major.</param>
    /// <param name="labels">N labels.</param>
    /// <param name="classes">C ≥ 2.</param>
    /// <param name="method">The calibration, as the messages name it ("temperature scaling", "vector scaling").</param>
    /// <param name="dataName">The parameter that holds the rows, for an empty set.</param>
    /// <exception cref="ArgumentException">No row, a shape mismatch, a label out of range or a non-finite logit.</exception>
    public static void Check(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, string method, string dataName)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        int n = labels.Length;
        if (n == 0)
        {
            throw new ArgumentException($"There is no row to fit {method} on; pass at least one labelled validation row.", dataName);
        }

        if (logits.Length != (long)n * classes)
        {
            throw new ArgumentException($"logits has {logits.Length} values but {n} rows of {classes} classes need {(long)n * classes}.", nameof(logits));
        }

        for (int i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
            {
                throw new ArgumentException($"Label {labels[i]} at row {i} is outside [0, {classes}); the model has {classes} classes.", nameof(labels));
            }
        }

        for (int k = 0; k < logits.Length; k++)
        {
            if (!float.IsFinite(logits[k]))
            {
                throw new ArgumentException($"Logit {logits[k]} at row {k / classes} is not finite; {method} needs finite logits.", nameof(logits));
            }
        }
    }
}
