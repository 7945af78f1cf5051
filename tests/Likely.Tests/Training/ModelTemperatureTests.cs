using Likely.Data;
using Likely.Models;
using Likely.Training;

using static Likely.Tests.Training.CalibrationTestModel;

namespace Likely.Tests.Training;

/// <summary>
/// A model's temperature: applied in every prediction and evaluation, stored in the model file only when T ≠ 1 (files
/// without it load with T = 1), refused when not a finite number above 0. Expected probabilities and cross-entropies are
/// computed here from the uncalibrated model's logits, in double, straight from softmax(z/T).
/// </summary>
public sealed class ModelTemperatureTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-temperature-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveLoad_Uncalibrated_WritesNoTemperatureAndLoadsWithOne()
    {
        string path = Path.Combine(folder, "m.safetensors");
        ClassifierModel model = Model();
        model.Save(path);

        // The file is what it was before temperatures existed: no likely.temperature entry.
        Assert.DoesNotContain("likely.temperature", Safetensors.Read(path).Metadata.Keys);
        Assert.Equal(1, ClassifierModel.Load(path).Temperature);
        // And a calibrated model taken back to T = 1 writes the same bytes.
        string again = Path.Combine(folder, "again.safetensors");
        model.WithTemperature(2.5).WithTemperature(1).Save(again);
        Assert.Equal(File.ReadAllBytes(path), File.ReadAllBytes(again));
    }

    [Fact]
    public void SaveLoad_Calibrated_RoundTripsTemperatureExactly()
    {
        string path = Path.Combine(folder, "m.safetensors");
        double t = 1.4587690101845623;
        Model().WithTemperature(t).Save(path);
        Assert.Equal("1.4587690101845623", Safetensors.Read(path).Metadata["likely.temperature"]);
        ClassifierModel loaded = ClassifierModel.Load(path);
        Assert.Equal(t, loaded.Temperature);
        Assert.Equal(Model().WithTemperature(t).PredictProbabilities(RawFeatures(), Rows), loaded.PredictProbabilities(RawFeatures(), Rows));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1.5")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("warm")]
    public void Load_BadTemperature_ThrowsInvalidData(string text)
    {
        string path = Path.Combine(folder, "m.safetensors");
        (List<SafetensorsTensor> tensors, Dictionary<string, string> metadata) = ModelFile.Encode(Model());
        metadata["likely.temperature"] = text;
        Safetensors.Write(path, tensors, metadata);
        var exception = Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(path));
        Assert.Contains("likely.temperature", exception.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void WithTemperature_OutOfRange_Throws(double t) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Model().WithTemperature(t));

    [Theory]
    [InlineData(0.3)]
    [InlineData(2.7)]
    public void PredictProbabilities_Temperature_EqualsSoftmaxOfScaledLogits(double t)
    {
        ClassifierModel plain = Model(), calibrated = plain.WithTemperature(t);
        float[] z = plain.PredictLogits(RawFeatures(), Rows);
        float[] q = calibrated.PredictProbabilities(RawFeatures(), Rows);
        float[] scaled = calibrated.PredictLogits(RawFeatures(), Rows);
        for (int i = 0; i < Rows; i++)
        {
            double[] expected = Softmax(z.AsSpan(i * Classes, Classes), t);
            for (int c = 0; c < Classes; c++)
            {
                // float32 arithmetic on values in [0, 1]: a few ulps of 1.
                Assert.Equal(expected[c], q[i * Classes + c], 1e-6);
                Assert.Equal(z[i * Classes + c] / t, scaled[i * Classes + c], 1e-5);
            }
        }

        Assert.Equal(plain.Predict(RawFeatures(), Rows), calibrated.Predict(RawFeatures(), Rows)); // T > 0 keeps the argmax
    }

    [Fact]
    public void Evaluate_Temperature_CrossEntropyOfScaledLogits()
    {
        ClassifierModel plain = Model();
        const double t = 1.9;
        var data = new Dataset(RawFeatures(), Labels(), Features, plain.ClassNames, plain.FeatureNames);
        float[] z = plain.PredictLogits(data.Features, Rows);
        // Expected: −(1/N)·Σ ln softmax(z/T)_y from the uncalibrated logits, in double.
        double expected = TemperatureScalingTests.CrossEntropy(z, data.Labels, Classes, t);
        Assert.Equal(expected, plain.WithTemperature(t).Evaluate(data).CrossEntropy, expected * 1e-6);
        Assert.Equal(plain.Evaluate(data).Accuracy, plain.WithTemperature(t).Evaluate(data).Accuracy);
    }

    [Fact]
    public void FitModel_Calibrated_ValidationCrossEntropyMatchesEvaluate()
    {
        // The fit's "after" is the calibrated model's own evaluation on the same rows (float logits there, double here: 1e-6).
        // Labels: the model's own prediction on two rows in three, the next class on the third, so a finite T̂ exists.
        ClassifierModel plain = Model();
        int[] predicted = plain.Predict(RawFeatures(), Rows);
        int[] labels = predicted.Select((c, i) => i % 3 == 0 ? (c + 1) % Classes : c).ToArray();
        var data = new Dataset(RawFeatures(), labels, Features, plain.ClassNames, plain.FeatureNames);
        TemperatureFit fit = TemperatureScaling.Fit(plain, data);
        Assert.Equal(plain.Evaluate(data).CrossEntropy, fit.CrossEntropyBefore, 1e-6);
        Assert.Equal(plain.WithTemperature(fit.Temperature).Evaluate(data).CrossEntropy, fit.CrossEntropyAfter, 1e-6);
        Assert.True(fit.CrossEntropyAfter <= fit.CrossEntropyBefore);
        // Refitting a calibrated model replaces T rather than multiplying it: the same T̂.
        Assert.Equal(fit.Temperature, TemperatureScaling.Fit(plain.WithTemperature(3), data).Temperature, fit.Temperature * 1e-9);
    }

    [Fact]
    public void FitModel_OtherClasses_Throws()
    {
        ClassifierModel plain = Model();
        var data = new Dataset(RawFeatures(), Labels(), Features, ["a", "b", "c", "z"], plain.FeatureNames);
        Assert.Contains("classes", Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit(plain, data)).Message);
    }

    private static double[] Softmax(ReadOnlySpan<float> z, double t)
    {
        double max = double.NegativeInfinity;
        foreach (float v in z) max = Math.Max(max, v / t);
        var e = new double[z.Length];
        for (int c = 0; c < z.Length; c++) e[c] = Math.Exp(z[c] / t - max);
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }
}
