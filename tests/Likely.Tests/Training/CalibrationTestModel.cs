using Likely.Data;
using Likely.Models;
using Likely.Training;

namespace Likely.Tests.Training;

/// <summary>
/// The small model and data the calibration tests (temperature and vector scaling) apply their maps to: a 3 → 5 → 4
/// tanh network with a standardizer, 40 rows of seeded raw features in [−3, 3) and labels cycling through the classes.
/// </summary>
internal static class CalibrationTestModel
{
    public const int Rows = 40, Features = 3, Classes = 4;

    /// <summary>The uncalibrated model.</summary>
    public static ClassifierModel Model() =>
        new(MultilayerPerceptron.Initialize(Features, [5], Classes, Activation.Tanh, Initialization.He, seed: 3),
            new Standardizer([0.5f, -1f, 2f], [2f, 0.5f, 1f]), ["a", "b", "c", "d"], ["x", "y", "w"], provenance: null);

    /// <summary>Rows × Features raw features, row-major.</summary>
    public static float[] RawFeatures()
    {
        var random = new Random(11);
        return Enumerable.Range(0, Rows * Features).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
    }

    /// <summary>Rows labels, 7i mod Classes.</summary>
    public static int[] Labels() => Enumerable.Range(0, Rows).Select(i => i * 7 % Classes).ToArray();
}
