namespace Likely.Evaluation;

/// <summary>
/// One bin of a reliability diagram: the rows whose confidence conf = max_c q(c|x) (the top class's probability) lies
/// in [<see cref="Lower"/>, <see cref="Upper"/>), the last bin closed at 1. Immutable.
/// </summary>
/// <remarks>
/// The bins are B equal-width intervals of [0, 1]: bin b holds the rows with ⌊conf·B⌋ = b (conf = 1 in bin B − 1).
/// A calibrated model has <see cref="Accuracy"/> ≈ <see cref="MeanConfidence"/> in every bin, and the expected
/// calibration error is Σ_b (n_b/N)·|accuracy_b − confidence_b| over the bins with rows. An empty bin has
/// <see cref="Count"/> = 0 and NaN for its mean confidence and accuracy (no rows, no mean).
/// </remarks>
/// <param name="Lower">The bin's lower edge b/B, a fraction in [0, 1).</param>
/// <param name="Upper">The bin's upper edge (b + 1)/B, a fraction in (0, 1].</param>
/// <param name="Count">n_b, the rows whose confidence falls in the bin (≥ 0).</param>
/// <param name="MeanConfidence">confidence_b, the mean top-class probability of those rows; NaN when the bin is empty.</param>
/// <param name="Accuracy">accuracy_b, the fraction of those rows whose top class is the label; NaN when the bin is empty.</param>
public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy)
{
    /// <summary>|accuracy_b − confidence_b|, the bin's calibration gap; NaN when the bin is empty.</summary>
    public double Gap => Math.Abs(Accuracy - MeanConfidence);
}
