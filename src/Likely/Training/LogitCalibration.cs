using System.Globalization;

namespace Likely.Training;

/// <summary>
/// The map a <see cref="ClassifierModel"/> applies to its network's logits z before the softmax:
/// z′_c = w_c·z_c + b_c, so q(c|x) = softmax(w ⊙ z + b)_c (Guo et al., 2017). Temperature scaling is the case
/// w_c = 1/T, b_c = 0 for every class; vector scaling has one w_c and one b_c per class.
/// Shapes: C = classes; <see cref="Scale"/> and <see cref="Bias"/> have C entries, class k at index k.
/// </summary>
/// <remarks>
/// <para>Immutable. A temperature calibration is applied as z/T (a division, as <c>likely.temperature</c> models always
/// were); <see cref="Scale"/> and <see cref="Bias"/> give the same map as a scale and a bias, for exporters.</para>
/// <para>Adding one constant to every b_c leaves the softmax unchanged; <see cref="VectorScaling"/> returns the b
/// whose entries sum to 0.</para>
/// </remarks>
public sealed class LogitCalibration
{
    private readonly double[] scale;
    private readonly double[] bias;

    private LogitCalibration(CalibrationMethod method, double temperature, double[] scale, double[] bias) =>
        (Method, Temperature, this.scale, this.bias) = (method, temperature, scale, bias);

    /// <summary>No calibration: T = 1, the network's own probabilities.</summary>
    public static LogitCalibration None { get; } = new(CalibrationMethod.Temperature, 1, [], []);

    /// <summary>Temperature scaling, z′ = z/T.</summary>
    /// <param name="temperature">T. Range: 0 &lt; T &lt; ∞; 1 leaves the probabilities as trained.</param>
    /// <exception cref="ArgumentOutOfRangeException">T is not a finite number above 0.</exception>
    public static LogitCalibration FromTemperature(double temperature)
    {
        if (!(temperature > 0 && double.IsFinite(temperature)))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature,
                $"The temperature must be a finite number above 0 (1 leaves the probabilities as trained); it is {temperature.ToString(CultureInfo.InvariantCulture)}.");
        }

        return temperature == 1 ? None : new LogitCalibration(CalibrationMethod.Temperature, temperature, [], []);
    }

    /// <summary>Vector scaling, z′_c = w_c·z_c + b_c.</summary>
    /// <param name="scale">w, C finite values (a w_c ≤ 0 is allowed: it is what the likelihood chose).</param>
    /// <param name="bias">b, C finite values.</param>
    /// <exception cref="ArgumentException">The lengths differ, are below 2, or a value is not finite.</exception>
    public static LogitCalibration Vector(IReadOnlyList<double> scale, IReadOnlyList<double> bias)
    {
        ArgumentNullException.ThrowIfNull(scale);
        ArgumentNullException.ThrowIfNull(bias);
        if (scale.Count < 2 || bias.Count != scale.Count)
        {
            throw new ArgumentException($"Vector scaling needs a scale and a bias per class, at least 2 classes; there are {scale.Count} scales and {bias.Count} biases.", nameof(bias));
        }

        for (int c = 0; c < scale.Count; c++)
        {
            if (!double.IsFinite(scale[c]) || !double.IsFinite(bias[c]))
            {
                throw new ArgumentException($"Class {c} has scale {scale[c]} and bias {bias[c]}; vector scaling needs finite values.", nameof(scale));
            }
        }

        return new LogitCalibration(CalibrationMethod.Vector, double.NaN, scale.ToArray(), bias.ToArray());
    }

    /// <summary>Temperature (one T for every class, T = 1 for none) or vector scaling (w and b per class).</summary>
    public CalibrationMethod Method { get; }

    /// <summary>T of a temperature calibration (1 for none); NaN for vector scaling, which has no single T.</summary>
    public double Temperature { get; }

    /// <summary>True for the identity map (temperature 1): the logits are the network's.</summary>
    public bool IsNone => Method == CalibrationMethod.Temperature && Temperature == 1;

    /// <summary>w of vector scaling, C values; empty for a temperature calibration (whose scale is 1/T for every class:
    /// see <see cref="ScaleOf"/>).</summary>
    public IReadOnlyList<double> Scale => scale;

    /// <summary>b of vector scaling, C values summing to 0 when fitted; empty for a temperature calibration (whose bias is 0).</summary>
    public IReadOnlyList<double> Bias => bias;

    /// <summary>w_c, the factor class <paramref name="c"/>'s logit is multiplied by: 1/T for a temperature calibration.</summary>
    /// <param name="c">The class index. Range: 0 ≤ c &lt; C (any c ≥ 0 for a temperature calibration).</param>
    public double ScaleOf(int c) => Method == CalibrationMethod.Vector ? scale[c] : 1 / Temperature;

    /// <summary>b_c, added to class <paramref name="c"/>'s scaled logit: 0 for a temperature calibration.</summary>
    /// <param name="c">The class index. Range: 0 ≤ c &lt; C (any c ≥ 0 for a temperature calibration).</param>
    public double BiasOf(int c) => Method == CalibrationMethod.Vector ? bias[c] : 0;

    /// <summary>C of vector scaling; 0 for a temperature calibration, which fits any number of classes.</summary>
    public int ClassCount => scale.Length;

    /// <summary>In words for people: <c>T = 1.459</c>, or <c>vector scaling</c>.</summary>
    public override string ToString() =>
        Method == CalibrationMethod.Vector ? "vector scaling" : $"T = {Temperature.ToString("G4", CultureInfo.InvariantCulture)}";

    /// <summary>z ← w ⊙ z + b in place on N×C row-major logits, in double per value; nothing for <see cref="None"/>, so an
    /// uncalibrated model's logits keep their bits, and z/T (a division) for a temperature.</summary>
    internal void Apply(Span<float> logits, int classes)
    {
        if (IsNone)
        {
            return;
        }

        if (Method == CalibrationMethod.Temperature)
        {
            for (int i = 0; i < logits.Length; i++)
            {
                logits[i] = (float)(logits[i] / Temperature);
            }

            return;
        }

        for (int start = 0; start < logits.Length; start += classes)
        {
            for (int c = 0; c < classes; c++)
            {
                logits[start + c] = (float)(scale[c] * logits[start + c] + bias[c]);
            }
        }
    }
}
