using Likely.Data;
using Likely.Models;
using Likely.Onnx;
using Likely.Tests.Data;
using Likely.Training;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Likely.Tests.Onnx;

/// <summary>
/// The exported ONNX model against Likely's own forward pass. The expected probabilities are
/// <see cref="ClassifierModel.PredictProbabilities"/>; the independent implementation is ONNX Runtime, which reads the
/// file and computes standardizer, Gemm, activations, calibration (temperature or vector scaling) and softmax with its own kernels.
/// </summary>
public sealed class OnnxExportTests
{
    // Two float32 forward passes of the same graph with different kernels (summation order in the matrix multiplies,
    // polynomial vs library exp/tanh/erf) differ by a few float ulps in the logits; a probability moves by at most
    // p(1−p)·Δz ≤ Δz/4, well under 1e-5.
    private const float Tolerance = 1e-5f;

    public static TheoryData<int, Activation, bool, double> DigitsCases()
    {
        var cases = new TheoryData<int, Activation, bool, double>();
        foreach (bool standardize in new[] { true, false })
        {
            foreach (double temperature in new[] { 1.0, 1.7 })
            {
                cases.Add(0, Activation.Relu, standardize, temperature); // softmax regression: no hidden layer, no activation
                foreach (Activation activation in Enum.GetValues<Activation>())
                {
                    cases.Add(12, activation, standardize, temperature);
                }
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(DigitsCases))]
    public void Export_DigitsTest_OnnxRuntimeMatchesPredictProbabilities(int hidden, Activation activation, bool standardize, double temperature)
    {
        ClassifierModel model = Fit(DatasetCatalog.Load("digits:train"), hidden, activation, standardize, epochs: 8).WithTemperature(temperature);
        AssertSameProbabilities(model, DatasetCatalog.Load("digits:test"), $"digits, hidden {hidden}, {activation}, standardize {standardize}, T = {temperature}");
    }

    public static TheoryData<int, Activation, bool> VectorCases()
    {
        var cases = new TheoryData<int, Activation, bool> { { 0, Activation.Relu, true }, { 0, Activation.Relu, false } };
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            cases.Add(12, activation, activation != Activation.Tanh);
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(VectorCases))]
    public void Export_VectorScaledDigitsTest_OnnxRuntimeMatchesPredictProbabilities(int hidden, Activation activation, bool standardize)
    {
        // ŵ, b̂ fitted by maximum likelihood on the 1,437 training rows after 3 epochs (the export, not the calibration,
        // is under test). After 8 epochs, or on the 360 test rows, some class is separated by its scaled logit and the
        // likelihood has no maximum, which VectorScaling refuses.
        Dataset train = DatasetCatalog.Load("digits:train");
        ClassifierModel fitted = Fit(train, hidden, activation, standardize, epochs: 3);
        ClassifierModel model = fitted.WithCalibration(VectorScaling.Fit(fitted, train, threads: 1).Calibration);
        Assert.Equal(CalibrationMethod.Vector, model.Calibration.Method);
        AssertSameProbabilities(model, DatasetCatalog.Load("digits:test"), $"digits, hidden {hidden}, {activation}, standardize {standardize}, vector scaling");
    }

    [Fact]
    public void Export_VectorWithNegativeAndLargeScales_OnnxRuntimeMatchesPredictProbabilities()
    {
        // A hand-made w and b far from the identity (a negative scale reverses a class's logit; scale 3 sharpens one), so a
        // wrong order of Mul and Add, a transposed broadcast or a dropped bias would show; the probabilities and the
        // logits w ⊙ z + b are both compared (PredictLogits applies the calibration by ClassifierModel's contract).
        ClassifierModel fitted = Fit(DatasetCatalog.Load("digits:train"), 6, Activation.Tanh, standardize: true, epochs: 4);
        double[] scale = [1.0, -0.5, 3.0, 0.25, 1.5, 0.8, 2.0, 1.0, 0.6, 1.2], bias = [0.5, -1.0, 0.0, 2.0, -0.75, 0.3, -0.2, 1.1, -1.4, -0.3];
        ClassifierModel model = fitted.WithCalibration(LogitCalibration.Vector(scale, bias));
        Dataset test = DatasetCatalog.Load("digits:test");
        AssertSameProbabilities(model, test, "digits, hand-made vector scaling");

        float[] expected = model.PredictLogits(test.Features, test.RowCount, threads: 1);
        float[] network = fitted.PredictLogits(test.Features, test.RowCount, threads: 1);
        float[] actual = RunOnnx(OnnxExport.ToBytes(model), test, OnnxExport.LogitsName);
        for (int i = 0; i < expected.Length; i++)
        {
            // The oracle of the oracle: w_c·z_c + b_c from the uncalibrated network's logits, by hand.
            int c = i % 10;
            Assert.Equal(scale[c] * network[i] + bias[c], expected[i], 1e-4 * Math.Max(1, Math.Abs(expected[i])));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * Math.Max(1, Math.Abs(expected[i])), $"logit {i}: Likely {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }

    [Fact]
    public void Export_VectorMetadata_CalibrationScaleAndBiasRoundTripWithoutTemperature()
    {
        ClassifierModel fitted = Fit(DatasetCatalog.Load("digits:train"), 0, Activation.Relu, standardize: true, epochs: 1);
        float[] scale = [1.1f, 0.9f, 1.3f, 0.7f, 1f, 1.05f, 0.95f, 1.2f, 0.85f, 1.15f], bias = [0.1f, -0.2f, 0.3f, -0.4f, 0.05f, -0.05f, 0.15f, -0.15f, 0.12345678f, 0.06f];
        ClassifierModel model = fitted.WithCalibration(LogitCalibration.Vector(scale.Select(w => (double)w).ToArray(), bias.Select(b => (double)b).ToArray()));
        using var session = new InferenceSession(OnnxExport.ToBytes(model));
        IDictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("vector", metadata["likely.calibration"]);
        Assert.False(metadata.ContainsKey("likely.temperature"));
        Assert.Equal(scale, System.Text.Json.JsonSerializer.Deserialize<float[]>(metadata["likely.calibration.scale"]));
        Assert.Equal(bias, System.Text.Json.JsonSerializer.Deserialize<float[]>(metadata["likely.calibration.bias"]));
        Assert.Equal("[1.1,0.9,1.3,0.7,1,1.05,0.95,1.2,0.85,1.15]", metadata["likely.calibration.scale"]);
    }

    [FashionMnistFact]
    public void Export_FashionMnistTest_OnnxRuntimeMatchesPredictProbabilities()
    {
        // 3,000 training rows and three epochs make a model whose hidden units are far from their initial values; the
        // comparison is on all 10,000 test rows.
        Dataset train = DatasetCatalog.Load("fashion-mnist:train"), test = DatasetCatalog.Load("fashion-mnist:test");
        const int rows = 3000;
        var subset = new Dataset(train.Features[..(rows * train.FeatureCount)], train.Labels[..rows], train.FeatureCount, train.ClassNames, train.FeatureNames);
        foreach ((int hidden, Activation activation) in new[] { (0, Activation.Relu) }.Concat(Enum.GetValues<Activation>().Select(a => (8, a))))
        {
            foreach ((bool standardize, double temperature) in new[] { (true, 1.3), (false, 1.0) })
            {
                ClassifierModel model = Fit(subset, hidden, activation, standardize, epochs: 3).WithTemperature(temperature);
                AssertSameProbabilities(model, test, $"fashion-mnist, hidden {hidden}, {activation}, standardize {standardize}, T = {temperature}");
            }
        }
    }

    [Fact]
    public void Export_Metadata_NamesOpsetAndShapesAsDocumented()
    {
        ClassifierModel model = Fit(DatasetCatalog.Load("digits:train"), 4, Activation.Gelu, standardize: true, epochs: 1).WithTemperature(0.8);
        using var session = new InferenceSession(OnnxExport.ToBytes(model));

        // Read back by ONNX Runtime, not by our own protobuf types.
        Assert.Equal([OnnxExport.FeaturesName], session.InputMetadata.Keys);
        Assert.Equal([-1, 64], session.InputMetadata[OnnxExport.FeaturesName].Dimensions);
        Assert.Equal([OnnxExport.ProbabilitiesName, OnnxExport.LogitsName], session.OutputMetadata.Keys);
        Assert.Equal([-1, 10], session.OutputMetadata[OnnxExport.ProbabilitiesName].Dimensions);
        Assert.Equal(typeof(float), session.InputMetadata[OnnxExport.FeaturesName].ElementType);
        IDictionary<string, string> metadata = session.ModelMetadata.CustomMetadataMap;
        Assert.Equal("[\"0\",\"1\",\"2\",\"3\",\"4\",\"5\",\"6\",\"7\",\"8\",\"9\"]", metadata["likely.classes"]);
        Assert.StartsWith("[\"pixel_0_0\",\"pixel_0_1\",", metadata["likely.features"], StringComparison.Ordinal);
        Assert.EndsWith(",\"pixel_7_7\"]", metadata["likely.features"], StringComparison.Ordinal);
        Assert.Equal("0.8", metadata["likely.temperature"]);
        Assert.False(metadata.ContainsKey("likely.calibration"));
        Assert.Equal("Likely", session.ModelMetadata.ProducerName);
    }

    [Fact]
    public void Export_Logits_AreNetworkLogitsOverTemperature()
    {
        // Oracle: PredictLogits is z/T by ClassifierModel's contract; the ONNX 'logits' output must be the same.
        ClassifierModel model = Fit(DatasetCatalog.Load("digits:train"), 6, Activation.Tanh, standardize: true, epochs: 2).WithTemperature(2.5);
        Dataset test = DatasetCatalog.Load("digits:test");
        float[] expected = model.PredictLogits(test.Features, test.RowCount, threads: 1);
        float[] actual = RunOnnx(OnnxExport.ToBytes(model), test, OnnxExport.LogitsName);
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4f * Math.Max(1, Math.Abs(expected[i])), $"logit {i}: Likely {expected[i]}, ONNX Runtime {actual[i]}");
        }
    }

    [Fact]
    public void Save_File_WritesToBytesAtomicallyAndRefusesAFolder()
    {
        ClassifierModel model = Fit(DatasetCatalog.Load("digits:train"), 0, Activation.Relu, standardize: true, epochs: 1);
        string folder = Directory.CreateTempSubdirectory("likely-onnx-").FullName;
        try
        {
            string path = Path.Combine(folder, "m.onnx");
            OnnxExport.Save(model, path, "--onnx");
            Assert.Equal(OnnxExport.ToBytes(model), File.ReadAllBytes(path));
            Assert.Single(Directory.GetFiles(folder)); // no temporary file left
            using var session = new InferenceSession(path);
            Assert.Equal([OnnxExport.FeaturesName], session.InputMetadata.Keys);

            var error = Assert.Throws<OutputFileException>(() => OnnxExport.Save(model, folder, "--onnx"));
            Assert.Contains("--onnx", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static ClassifierModel Fit(Dataset training, int hidden, Activation activation, bool standardize, int epochs) =>
        Classifier.Fit(training, new ClassifierOptions
        {
            HiddenWidths = hidden == 0 ? [] : [hidden],
            Activation = activation,
            Standardize = standardize,
            Epochs = epochs,
            BatchSize = 64,
            LearningRate = 1e-2,
            Seed = 7,
            Threads = 1,
        });

    private static void AssertSameProbabilities(ClassifierModel model, Dataset test, string what)
    {
        float[] expected = model.PredictProbabilities(test.Features, test.RowCount, threads: 1);
        float[] actual = RunOnnx(OnnxExport.ToBytes(model), test, OnnxExport.ProbabilitiesName);
        Assert.Equal(expected.Length, actual.Length);
        float worst = 0;
        int at = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            float difference = Math.Abs(expected[i] - actual[i]);
            if (!(difference <= worst))
            {
                (worst, at) = (difference, i);
            }
        }

        Assert.True(worst <= Tolerance, $"{what}: largest difference {worst} at row {at / model.ClassCount}, class {at % model.ClassCount} (Likely {expected[at]}, ONNX Runtime {actual[at]}).");

        // The test is not vacuous: the model is confident somewhere and unsure somewhere.
        Assert.True(expected.Max() > 0.5f && expected.Min() < 0.05f, $"{what}: the probabilities span only [{expected.Min()}, {expected.Max()}].");
    }

    private static float[] RunOnnx(byte[] onnx, Dataset data, string output)
    {
        using var options = new SessionOptions { IntraOpNumThreads = 1 };
        using var session = new InferenceSession(onnx, options);
        var features = new DenseTensor<float>(data.Features.ToArray(), [data.RowCount, data.FeatureCount]);
        using IDisposableReadOnlyCollection<DisposableNamedOnnxValue> results =
            session.Run([NamedOnnxValue.CreateFromTensor(OnnxExport.FeaturesName, features)], [output]);
        return results.Single().AsEnumerable<float>().ToArray();
    }
}
