using System.Globalization;
using System.Text.Json;
using Likely.Data;

namespace Likely.Models;

/// <summary>What a model file holds: the network, the names of its classes and features, and the standardization fitted on the training data.</summary>
/// <param name="Network">The trained network.</param>
/// <param name="ClassNames">C class names; probabilities follow this order.</param>
/// <param name="FeatureNames">D feature names, in the order the network takes them.</param>
/// <param name="Standardizer">The standardization to apply to raw features before the network, or null for none.</param>
public sealed record ModelFileContent(MultilayerPerceptron Network, IReadOnlyList<string> ClassNames, IReadOnlyList<string> FeatureNames, Standardizer? Standardizer);

/// <summary>
/// Saves and loads a trained classifier as one safetensors file: tensors <c>layers.{l}.weight</c> (O×I, as PyTorch's
/// <c>nn.Linear.weight</c>) and <c>layers.{l}.bias</c> (O); the metadata hold the architecture
/// (<c>likely.model</c> = mlp or softmax, <c>likely.activation</c>, <c>likely.hidden</c>), the class and feature names
/// (JSON arrays) and the standardization (<c>likely.standardizer.mean</c>/<c>.scale</c>, JSON arrays, round-trip exact).
/// PyTorch's <c>safetensors.torch.load_file</c> reads the weights directly.
/// </summary>
public static class ModelFile
{
    private const string FormatKey = "likely.format";
    private const string FormatValue = "likely-classifier-1";

    /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically (a crash leaves no half-written file).</summary>
    /// <exception cref="ArgumentException">The names do not match the network's inputs or classes.</exception>
    public static void Save(string path, ModelFileContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        MultilayerPerceptron network = content.Network;
        if (content.ClassNames.Count != network.ClassCount)
        {
            throw new ArgumentException($"There are {content.ClassNames.Count} class names but the network has {network.ClassCount} classes.", nameof(content));
        }

        if (content.FeatureNames.Count != network.InputCount)
        {
            throw new ArgumentException($"There are {content.FeatureNames.Count} feature names but the network takes {network.InputCount} inputs.", nameof(content));
        }

        var tensors = new List<SafetensorsTensor>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            DenseLayer layer = network.Layers[l];
            tensors.Add(new SafetensorsTensor($"layers.{l}.weight", [layer.Outputs, layer.Inputs], layer.Weights.ToArray()));
            tensors.Add(new SafetensorsTensor($"layers.{l}.bias", [layer.Outputs], layer.Bias.ToArray()));
        }

        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            ["likely.model"] = network.IsSoftmaxRegression ? "softmax" : "mlp",
            ["likely.activation"] = network.Activation.ToString().ToLowerInvariant(),
            ["likely.inputs"] = network.InputCount.ToString(CultureInfo.InvariantCulture),
            ["likely.hidden"] = string.Join(",", network.HiddenWidths),
            ["likely.classes"] = JsonSerializer.Serialize(content.ClassNames),
            ["likely.features"] = JsonSerializer.Serialize(content.FeatureNames),
        };
        if (content.Standardizer is { } standardizer)
        {
            metadata["likely.standardizer.mean"] = JsonSerializer.Serialize(standardizer.Mean);
            metadata["likely.standardizer.scale"] = JsonSerializer.Serialize(standardizer.Scale);
        }

        Safetensors.Write(path, tensors, metadata);
    }

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Likely model file or is inconsistent.</exception>
    public static ModelFileContent Load(string path)
    {
        SafetensorsContent file = Safetensors.Read(path);
        IReadOnlyDictionary<string, string> metadata = file.Metadata;
        if (!metadata.TryGetValue(FormatKey, out string? format) || format != FormatValue)
        {
            throw new InvalidDataException($"'{path}' is a safetensors file but not a Likely model (metadata {FormatKey} should be {FormatValue}); train one with 'likely train'.");
        }

        try
        {
            string activationName = Required(metadata, "likely.activation", path);
            if (!Enum.TryParse(activationName, ignoreCase: true, out Activation activation))
            {
                throw new InvalidDataException($"'{path}' names an unknown activation '{activationName}'.");
            }

            var tensors = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
            var layers = new List<DenseLayer>();
            for (int l = 0; tensors.TryGetValue($"layers.{l}.weight", out SafetensorsTensor? weight); l++)
            {
                if (!tensors.TryGetValue($"layers.{l}.bias", out SafetensorsTensor? bias) || weight.Shape.Length != 2)
                {
                    throw new InvalidDataException($"'{path}' has layers.{l}.weight without a matching layers.{l}.bias, or the weight is not a matrix.");
                }

                layers.Add(new DenseLayer(weight.Shape[1], weight.Shape[0], weight.Data, bias.Data));
            }

            if (layers.Count == 0)
            {
                throw new InvalidDataException($"'{path}' holds no layers.0.weight tensor; it is not a Likely model.");
            }

            var network = new MultilayerPerceptron(layers, activation);
            string[] classes = JsonSerializer.Deserialize<string[]>(Required(metadata, "likely.classes", path)) ?? [];
            string[] features = JsonSerializer.Deserialize<string[]>(Required(metadata, "likely.features", path)) ?? [];
            Standardizer? standardizer = null;
            if (metadata.TryGetValue("likely.standardizer.mean", out string? mean) && metadata.TryGetValue("likely.standardizer.scale", out string? scale))
            {
                standardizer = new Standardizer(JsonSerializer.Deserialize<float[]>(mean) ?? [], JsonSerializer.Deserialize<float[]>(scale) ?? []);
            }

            var content = new ModelFileContent(network, classes, features, standardizer);
            if (classes.Length != network.ClassCount || features.Length != network.InputCount || (standardizer is not null && standardizer.Mean.Count != network.InputCount))
            {
                throw new InvalidDataException($"'{path}' is inconsistent: {classes.Length} class names and {features.Length} feature names for a {network} network.");
            }

            return content;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' is a damaged Likely model: {exception.Message}", exception);
        }
    }

    private static string Required(IReadOnlyDictionary<string, string> metadata, string key, string path) =>
        metadata.TryGetValue(key, out string? value)
            ? value
            : throw new InvalidDataException($"'{path}' lacks the metadata entry '{key}'; it was not written by 'likely train'.");
}
