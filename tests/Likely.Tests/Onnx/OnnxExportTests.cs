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
/// file and computes standardizer, Gemm, activations, temperature and softmax with its own kernels.
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
