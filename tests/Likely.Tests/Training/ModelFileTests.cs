using Likely.Data;
using Likely.Models;
using Likely.Training;

namespace Likely.Tests.Training;

public sealed class ModelFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-model-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void SaveLoad_Mlp_RoundTripsWeightsNamesAndStandardizer()
    {
        MultilayerPerceptron network = MultilayerPerceptron.Initialize(3, [5, 4], 2, Activation.Gelu, Initialization.He, seed: 9);
        var standardizer = new Standardizer([0.1f, 0.2f, 1f / 3], [1f, 2f, 0.7f]);
        string path = Path.Combine(folder, "m.safetensors");
        new ClassifierModel(network, standardizer, ["cat", "dog, or \"wolf\""], ["a", "b", "c"], provenance: null).Save(path);

        ClassifierModel loaded = ClassifierModel.Load(path);
        Assert.Equal(Activation.Gelu, loaded.Network.Activation);
        Assert.Equal([5, 4], loaded.Network.HiddenWidths);
        Assert.Equal(["cat", "dog, or \"wolf\""], loaded.ClassNames);
        Assert.Equal(["a", "b", "c"], loaded.FeatureNames);
        Assert.Equal(standardizer.Mean, loaded.Standardizer!.Mean); // exact: JSON round-trip of floats
        Assert.Equal(standardizer.Scale, loaded.Standardizer.Scale);
        for (int l = 0; l < network.Layers.Count; l++)
        {
            Assert.True(network.Layers[l].Weights.SequenceEqual(loaded.Network.Layers[l].Weights));
            Assert.True(network.Layers[l].Bias.SequenceEqual(loaded.Network.Layers[l].Bias));
        }

        // The tensors are plain safetensors, named and shaped as PyTorch's nn.Linear (O×I).
        SafetensorsContent raw = Safetensors.Read(path);
        Assert.Equal([5, 3], raw.Tensors.Single(t => t.Name == "layers.0.weight").Shape);
        Assert.Equal([2], raw.Tensors.Single(t => t.Name == "layers.2.bias").Shape);
    }

    [Fact]
    public void Load_SafetensorsWithoutLikelyMetadata_ThrowsInvalidData()
    {
        string path = Path.Combine(folder, "other.safetensors");
        Safetensors.Write(path, [new SafetensorsTensor("x", [1], [1f])], new Dictionary<string, string>());
        Assert.Throws<InvalidDataException>(() => ClassifierModel.Load(path));
    }

    [Fact]
    public void Constructor_WrongClassNameCount_ThrowsArgumentException()
    {
        MultilayerPerceptron network = MultilayerPerceptron.Initialize(3, [], 2, Activation.Relu, Initialization.Xavier, seed: 1);
        Assert.Throws<ArgumentException>(() => new ClassifierModel(network, null, ["only one"], ["a", "b", "c"], null));
    }
}
