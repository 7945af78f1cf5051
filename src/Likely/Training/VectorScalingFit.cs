namespace Likely.Training;

/// <summary>
/// The result of <see cref="VectorScaling"/>: the maximum-likelihood scale ŵ and bias b̂ per class and the validation
/// cross-entropy of the labels before and after them, in nats.
/// </summary>
/// <param name="Scale">ŵ, C values (float32-representable, as the model file stores them): class c's logit is multiplied by ŵ_c.</param>
/// <param name="Bias">b̂, C values summing to 0 (up to float32 rounding), added after the scale.</param>
/// <param name="CrossEntropyBefore">The validation cross-entropy −(1/N)·Σ ln q(y|x) in nats under the starting calibration
/// (none for raw logits; the model's own for a model).</param>
/// <param name="CrossEntropyAfter">The validation cross-entropy in nats at ŵ, b̂ (as stored, in float32).</param>
/// <param name="RowCount">N, the validation rows the scales were fitted on.</param>
/// <param name="Iterations">L-BFGS iterations until it converged.</param>
public sealed record VectorScalingFit(IReadOnlyList<double> Scale, IReadOnlyList<double> Bias, double CrossEntropyBefore, double CrossEntropyAfter, int RowCount, int Iterations)
{
    /// <summary>The fitted map z ↦ ŵ ⊙ z + b̂, for <see cref="ClassifierModel.WithCalibration"/>.</summary>
    public LogitCalibration Calibration => LogitCalibration.Vector(Scale, Bias);
}
