namespace Likely.Training;

/// <summary>
/// The result of <see cref="TemperatureScaling"/>: the maximum-likelihood temperature T̂ and the validation
/// cross-entropy of the labels before and after it, in nats.
/// </summary>
/// <param name="Temperature">T̂ = argmin_T −(1/N)·Σ_i ln softmax(z_i/T)_{y_i}. Range: 0 &lt; T̂ &lt; ∞.</param>
/// <param name="CrossEntropyBefore">The validation cross-entropy −(1/N)·Σ ln q(y|x) in nats under the starting calibration
/// (T = 1 for raw logits; the model's own for a model).</param>
/// <param name="CrossEntropyAfter">The validation cross-entropy in nats at T̂; never above <paramref name="CrossEntropyBefore"/> when the starting calibration is a temperature,
/// since T̂ minimizes it over every T &gt; 0, the starting one included.</param>
/// <param name="RowCount">N, the validation rows the temperature was fitted on.</param>
/// <param name="Iterations">Newton (or bisection) steps taken on 1/T, after the bracketing, until the step fell below 1e-12 relative.</param>
public sealed record TemperatureFit(double Temperature, double CrossEntropyBefore, double CrossEntropyAfter, int RowCount, int Iterations)
{
    /// <summary>The fitted map z ↦ z/T̂, for <see cref="ClassifierModel.WithCalibration"/>.</summary>
    public LogitCalibration Calibration => LogitCalibration.FromTemperature(Temperature);
}
