namespace Likely.Training;

/// <summary>How a <see cref="LogitCalibration"/> maps a network's logits z to the calibrated logits z′ before the softmax.</summary>
public enum CalibrationMethod
{
    /// <summary>Temperature scaling: z′ = z/T with one T &gt; 0 for every class (T = 1 leaves the logits as they are).</summary>
    Temperature,

    /// <summary>Vector scaling: z′_c = w_c·z_c + b_c with a scale w and a bias b per class.</summary>
    Vector,
}
