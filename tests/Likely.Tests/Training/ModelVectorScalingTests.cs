using Likely.Data;
using Likely.Models;
using Likely.Training;

using static Likely.Tests.Training.CalibrationTestModel;

namespace Likely.Tests.Training;

/// <summary>
/// A vector-scaled model: applied in every prediction and evaluation, stored as two float32 tensors and
/// <c>likely.calibration</c> = vector, refused when damaged. Expected probabilities and cross-entropies are computed
/// here from the uncalibrated model's logits, in double, straight from softmax(w ⊙ z + b).
/// </summary>
public sealed class ModelVectorScalingTests : IDisposable
{
    private static readonly double[] W = [0.5, 1.25, 2, 0.75], B = [0.25, -0.5, 0.125, 0.125];
    private readonly string folder = Directory.CreateTempSubdirectory("likely-vector-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveLoad_VectorScaled_RoundTripsTensorsExactly()
    {
        string path = Path.Combine(folder, "m.safetensors");
        ClassifierModel model = Model().WithCalibration(LogitCalibration.Vector(W, B));
        model.Save(path);

        SafetensorsContent file = Safetensors.Read(path);
        Assert.Equal("likely-classifier-2", file.Metadata["likely.format"]); // docs/MODEL-FORMAT.md: vector scaling is version 2
        Assert.Equal("vector", file.Metadata["likely.calibration"]);
        Assert.DoesNotContain("likely.temperature", file.Metadata.Keys);
        Assert.Equal([Classes], file["calibration.scale"].Shape);
        Assert.Equal(W.Select(w => (float)w), file["calibration.scale"].Data);
        Assert.Equal(B.Select(b => (float)b), file["calibration.bias"].Data);

        ClassifierModel loaded = ClassifierModel.Load(path);
        Assert.Equal(CalibrationMethod.Vector, loaded.Calibration.Method);
        Assert.Equal(W, loaded.Calibration.Scale);
        Assert.Equal(B, loaded.Calibration.Bias);
        Assert.Equal(1, loaded.Temperature);
        Assert.Equal(model.PredictProbabilities(RawFeatures(), Rows), loaded.PredictProbabilities(RawFeatures(), Rows));
    }

    [Fact]
    public void PredictAndEvaluate_VectorScaled_SoftmaxOfScaledShiftedLogits()
    {
        ClassifierModel plain = Model(), calibrated = plain.WithCalibration(LogitCalibration.Vector(W, B));
        float[] z = plain.PredictLogits(RawFeatures(), Rows);
        float[] q = calibrated.PredictProbabilities(RawFeatures(), Rows);
        float[] mapped = calibrated.PredictLogits(RawFeatures(), Rows);
        int[] predicted = calibrated.Predict(RawFeatures(), Rows);
        double crossEntropy = 0;
        int[] labels = Labels();
        for (int i = 0; i < Rows; i++)
        {
            double[] s = Enumerable.Range(0, Classes).Select(c => W[c] * z[i * Classes + c] + B[c]).ToArray();
            double max = s.Max(), logZ = max + Math.Log(s.Sum(v => Math.Exp(v - max)));
            for (int c = 0; c < Classes; c++)
            {
                // float32 arithmetic on values in [0, 1]: a few ulps of 1; the logits: a few ulps of |s| ≤ 20.
                Assert.Equal(Math.Exp(s[c] - logZ), q[i * Classes + c], 1e-6);
                Assert.Equal(s[c], mapped[i * Classes + c], 1e-5);
            }

            Assert.Equal(Array.IndexOf(s, max), predicted[i]);
            crossEntropy += logZ - s[labels[i]];
        }

        var data = new Dataset(RawFeatures(), labels, Features, plain.ClassNames, plain.FeatureNames);
        Assert.Equal(crossEntropy / Rows, calibrated.Evaluate(data).CrossEntropy, 1e-6);
    }

    [Fact]
    public void PredictProbabilities_VectorOfOneOverT_EqualsTemperature()
    {
        // Temperature scaling is vector scaling with w = 1/T, b = 0: the two models give the same probabilities.
        const double t = 2.5;
        ClassifierModel plain = Model();
        float[] byTemperature = plain.WithTemperature(t).PredictProbabilities(RawFeatures(), Rows);
        float[] byVector = plain.WithCalibration(LogitCalibration.Vector(Enumerable.Repeat(1 / t, Classes).ToArray(), new double[Classes])).PredictProbabilities(RawFeatures(), Rows);
        for (int k = 0; k < byTemperature.Length; k++) Assert.Equal(byTemperature[k], byVector[k], 1e-6);
        Assert.Equal(1 / t, plain.WithTemperature(t).Calibration.ScaleOf(2));
        Assert.Equal(0, plain.WithTemperature(t).Calibration.BiasOf(2));
    }

    [Fact]
    public void FitModel_VectorScaled_ValidationCrossEntropyMatchesEvaluate()
    {
        // Labels: the model's own prediction on two rows in three, the next class on the third, so a finite maximum exists.
        ClassifierModel plain = Model();
        int[] predicted = plain.Predict(RawFeatures(), Rows);
        int[] labels = predicted.Select((c, i) => i % 3 == 0 ? (c + 1) % Classes : c).ToArray();
        var data = new Dataset(RawFeatures(), labels, Features, plain.ClassNames, plain.FeatureNames);
        VectorScalingFit fit = VectorScaling.Fit(plain, data);
        ClassifierModel calibrated = plain.WithCalibration(fit.Calibration);
        Assert.Equal(plain.Evaluate(data).CrossEntropy, fit.CrossEntropyBefore, 1e-6);
        Assert.Equal(calibrated.Evaluate(data).CrossEntropy, fit.CrossEntropyAfter, 1e-6);
        Assert.True(fit.CrossEntropyAfter <= fit.CrossEntropyBefore);
        // Refitting a calibrated model starts over from the network's logits: the same ŵ, b̂ (and its "before" is the calibrated model's).
        VectorScalingFit again = VectorScaling.Fit(calibrated, data);
        for (int c = 0; c < Classes; c++) Assert.Equal(fit.Scale[c], again.Scale[c], 1e-5);
        Assert.Equal(fit.CrossEntropyAfter, again.CrossEntropyBefore, 1e-9);
        // A temperature refit of the vector-scaled model starts from its cross-entropy too.
        Assert.Equal(fit.CrossEntropyAfter, TemperatureScaling.Fit(calibrated, data).CrossEntropyBefore, 1e-9);
    }

    [Theory]
    [InlineData("matrix", true)]
    [InlineData("vector", false)]
    public void Load_DamagedCalibration_ThrowsInvalidData(string method, bool withTensors)
    {
        string path = Path.Combine(folder, "m.safetensors");
        (List<SafetensorsTensor> tensors, Dictionary<string, string> metadata) = ModelFile.Encode(Model().WithCalibration(LogitCalibration.Vector(W, B)));
        metadata["likely.calibration"] = method;
        Safetensors.Write(path, withTensors ? tensors : tensors.Where(t => t.Name != "calibration.bias").ToList(), metadata);
        var exception = Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(path));
        Assert.Contains(withTensors ? "likely.calibration" : "calibration.bias", exception.Message);
    }

    [Fact]
    public void Save_TemperatureOrNone_StaysVersionOne()
    {
        // Only a vector-scaled file is version 2, so every other file stays readable by version-1 readers.
        foreach (ClassifierModel model in new[] { Model(), Model().WithTemperature(1.5) })
        {
            string path = Path.Combine(folder, "m.safetensors");
            model.Save(path);
            Assert.Equal("likely-classifier-1", Safetensors.Read(path).Metadata["likely.format"]);
        }
    }

    [Theory]
    [InlineData("likely-classifier-1", true)]  // a version-1 reader would ignore the calibration: refused
    [InlineData("likely-classifier-2", false)] // version 2 without vector scaling is damaged
    public void Load_VersionAndCalibrationDisagree_ThrowsInvalidData(string format, bool withCalibration)
    {
        string path = Path.Combine(folder, "m.safetensors");
        (List<SafetensorsTensor> tensors, Dictionary<string, string> metadata) = ModelFile.Encode(Model().WithCalibration(LogitCalibration.Vector(W, B)));
        metadata["likely.format"] = format;
        if (!withCalibration)
        {
            metadata.Remove("likely.calibration");
        }

        Safetensors.Write(path, tensors, metadata);
        var exception = Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(path));
        Assert.Contains("version 2", exception.Message);
    }

    [Fact]
    public void WithCalibration_OtherClassCount_Throws() =>
        Assert.Throws<ArgumentException>(() => Model().WithCalibration(LogitCalibration.Vector([1, 1, 1], [0, 0, 0])));
}
