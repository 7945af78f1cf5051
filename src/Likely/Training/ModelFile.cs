using System.Globalization;
using System.Text.Json;
using Likely.Data;
using Likely.Models;

namespace Likely.Training;

/// <summary>
/// The model file: one safetensors file holding a <see cref="ClassifierModel"/>. Tensors <c>layers.{l}.weight</c>
/// (O×I, as PyTorch's <c>nn.Linear.weight</c>) and <c>layers.{l}.bias</c> (O), float32 little-endian. Metadata (all
/// strings, as safetensors requires): <c>likely.format</c> = <c>likely-classifier-1</c>, or <c>likely-classifier-2</c> for a
/// vector-scaled model (required; see below),
/// <c>likely.model</c> = mlp or softmax, <c>likely.activation</c> (relu, leakyrelu, tanh, sigmoid, gelu),
/// <c>likely.inputs</c> = D, <c>likely.hidden</c> = the hidden widths comma-separated, <c>likely.classes</c> and
/// <c>likely.features</c> (JSON arrays of names), <c>likely.standardizer.mean</c> and <c>likely.standardizer.scale</c>
/// (JSON arrays of D floats, round-trip exact; both absent for no standardization), and <c>likely.provenance</c>
/// (JSON: the options, Likely's version, the data's name, rows and fingerprint, epochs, stop reason and history;
/// optional), and <c>likely.temperature</c> (T of <see cref="ClassifierModel.Temperature"/>, a round-trip decimal; written
/// only when T ≠ 1, so an uncalibrated model's file is what it always was, and absent means T = 1). A vector-scaled model
/// (<see cref="VectorScaling"/>) has instead <c>likely.calibration</c> = <c>vector</c> and the float32 tensors
/// <c>calibration.scale</c> (w, shape [C]) and <c>calibration.bias</c> (b, shape [C]): its logits are w ⊙ z + b; such a
/// file is version 2, so that a reader of version 1 (which would ignore the calibration and predict other classes)
/// refuses it, while every other file stays version 1 for the readers that exist. This reader accepts both.
/// PyTorch's <c>safetensors.torch.load_file</c> reads the weights directly.
/// </summary>
internal static class ModelFile
{
    private const string FormatKey = "likely.format";
    private const string FormatValue = "likely-classifier-1";
    private const string VectorScaledFormatValue = "likely-classifier-2";
    private const string ProvenanceKey = "likely.provenance";
    private const string TemperatureKey = "likely.temperature";
    private const string CalibrationKey = "likely.calibration";
    private const string VectorValue = "vector";
    private const string ScaleTensor = "calibration.scale";
    private const string BiasTensor = "calibration.bias";

    /// <summary>The tensors and metadata of <paramref name="model"/>, as <see cref="Save"/> writes them.</summary>
    public static (List<SafetensorsTensor> Tensors, Dictionary<string, string> Metadata) Encode(ClassifierModel model)
    {
        MultilayerPerceptron network = model.Network;
        var tensors = LayerTensors(network, "");
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            ["likely.model"] = network.IsSoftmaxRegression ? "softmax" : "mlp",
            ["likely.activation"] = network.Activation.ToString().ToLowerInvariant(),
            ["likely.inputs"] = network.InputCount.ToString(CultureInfo.InvariantCulture),
            ["likely.hidden"] = string.Join(",", network.HiddenWidths),
            ["likely.classes"] = JsonSerializer.Serialize(model.ClassNames.ToArray(), TrainingJson.Default.StringArray),
            ["likely.features"] = JsonSerializer.Serialize(model.FeatureNames.ToArray(), TrainingJson.Default.StringArray),
        };
        if (model.Standardizer is { } standardizer)
        {
            metadata["likely.standardizer.mean"] = JsonSerializer.Serialize(standardizer.Mean.ToArray(), TrainingJson.Default.SingleArray);
            metadata["likely.standardizer.scale"] = JsonSerializer.Serialize(standardizer.Scale.ToArray(), TrainingJson.Default.SingleArray);
        }

        if (model.Provenance is { } provenance)
        {
            metadata[ProvenanceKey] = JsonSerializer.Serialize(provenance, TrainingJson.Default.TrainingProvenance);
        }

        LogitCalibration calibration = model.Calibration;
        if (calibration.Method == CalibrationMethod.Vector)
        {
            metadata[FormatKey] = VectorScaledFormatValue;
            metadata[CalibrationKey] = VectorValue;
            tensors.Add(new SafetensorsTensor(ScaleTensor, [calibration.ClassCount], calibration.Scale.Select(w => (float)w).ToArray()));
            tensors.Add(new SafetensorsTensor(BiasTensor, [calibration.ClassCount], calibration.Bias.Select(b => (float)b).ToArray()));
        }
        else if (!calibration.IsNone)
        {
            metadata[TemperatureKey] = calibration.Temperature.ToString("R", CultureInfo.InvariantCulture);
        }

        return (tensors, metadata);
    }

    /// <summary>Writes <paramref name="model"/> to <paramref name="path"/> atomically (a crash leaves no half-written file).</summary>
    public static void Save(string path, ClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        (List<SafetensorsTensor> tensors, Dictionary<string, string> metadata) = Encode(model);
        Safetensors.Write(path, tensors, metadata, "model");
    }

    /// <summary>Reads a model file written by <see cref="Save"/>.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Likely model file or is inconsistent.</exception>
    public static ClassifierModel Load(string path)
    {
        SafetensorsContent file = Safetensors.Read(path);
        IReadOnlyDictionary<string, string> metadata = file.Metadata;
        if (!metadata.TryGetValue(FormatKey, out string? format) || (format != FormatValue && format != VectorScaledFormatValue))
        {
            throw new InvalidDataException($"'{path}' is a safetensors file but not a Likely model (metadata {FormatKey} should be {FormatValue} or {VectorScaledFormatValue}); train one with 'likely train'.");
        }

        if ((format == VectorScaledFormatValue) != metadata.ContainsKey(CalibrationKey))
        {
            throw new InvalidDataException($"'{path}' has {FormatKey} = {format} {(metadata.ContainsKey(CalibrationKey) ? "with" : "without")} {CalibrationKey}, but version 2 means a vector-scaled model and only it: the file is damaged; calibrate the original model again with 'likely calibrate'.");
        }

        try
        {
            MultilayerPerceptron network = DecodeNetwork(file, "", path);
            string[] classes = JsonSerializer.Deserialize(Required(metadata, "likely.classes", path), TrainingJson.Default.StringArray) ?? [];
            string[] features = JsonSerializer.Deserialize(Required(metadata, "likely.features", path), TrainingJson.Default.StringArray) ?? [];
            Standardizer? standardizer = null;
            if (metadata.TryGetValue("likely.standardizer.mean", out string? mean) && metadata.TryGetValue("likely.standardizer.scale", out string? scale))
            {
                standardizer = new Standardizer(
                    JsonSerializer.Deserialize(mean, TrainingJson.Default.SingleArray) ?? [], JsonSerializer.Deserialize(scale, TrainingJson.Default.SingleArray) ?? []);
            }

            TrainingProvenance? provenance = metadata.TryGetValue(ProvenanceKey, out string? text)
                ? JsonSerializer.Deserialize(text, TrainingJson.Default.TrainingProvenance)
                : null;
            return new ClassifierModel(network, standardizer, classes, features, provenance, Calibration(file, network.ClassCount, path));
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"'{path}' is a damaged Likely model: {OneLine(exception)}", exception);
        }
    }

    /// <summary>The calibration: vector scaling from <c>likely.calibration</c> = <c>vector</c> and its two tensors, else the
    /// temperature of <c>likely.temperature</c> (none when absent).</summary>
    /// <exception cref="InvalidDataException">An unknown method, both a temperature and a vector, or a missing, misshapen or non-finite tensor.</exception>
    private static LogitCalibration Calibration(SafetensorsContent file, int classes, string path)
    {
        IReadOnlyDictionary<string, string> metadata = file.Metadata;
        if (!metadata.TryGetValue(CalibrationKey, out string? method))
        {
            return LogitCalibration.FromTemperature(Temperature(metadata, path));
        }

        if (method != VectorValue || metadata.ContainsKey(TemperatureKey))
        {
            throw new InvalidDataException(
                $"'{path}' has {CalibrationKey} = '{method}'{(metadata.ContainsKey(TemperatureKey) ? $" and {TemperatureKey} too" : "")}, but only '{VectorValue}' (without a temperature) is known: the file is damaged or from a newer Likely; calibrate the original model again with 'likely calibrate'.");
        }

        float[] scale = CalibrationTensor(file, ScaleTensor, classes, path), bias = CalibrationTensor(file, BiasTensor, classes, path);
        return LogitCalibration.Vector(scale.Select(w => (double)w).ToArray(), bias.Select(b => (double)b).ToArray());
    }

    private static float[] CalibrationTensor(SafetensorsContent file, string name, int classes, string path)
    {
        SafetensorsTensor? tensor = file.Tensors.FirstOrDefault(t => t.Name == name);
        if (tensor is null || tensor.Shape is not [int length] || length != classes || !tensor.Data.All(float.IsFinite))
        {
            throw new InvalidDataException(
                $"'{path}' is vector-scaled ({CalibrationKey} = {VectorValue}) but its tensor {name} is {(tensor is null ? "missing" : "not " + classes + " finite values")}: the file is damaged; calibrate the original model again with 'likely calibrate'.");
        }

        return tensor.Data;
    }

    /// <summary>T from <c>likely.temperature</c>, or 1 when the entry is absent (a file written before calibration existed).</summary>
    /// <exception cref="InvalidDataException">The entry is not a finite number above 0.</exception>
    private static double Temperature(IReadOnlyDictionary<string, string> metadata, string path)
    {
        if (!metadata.TryGetValue(TemperatureKey, out string? text))
        {
            return 1;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double temperature) || !(temperature > 0 && double.IsFinite(temperature)))
        {
            throw new InvalidDataException($"'{path}' has {TemperatureKey} = '{text}', which is not a finite number above 0: the file is damaged; calibrate the original model again with 'likely calibrate'.");
        }

        return temperature;
    }

    /// <summary>The tensors <c>{prefix}layers.{l}.weight</c> (O×I) and <c>{prefix}layers.{l}.bias</c> (O) of a network.</summary>
    public static List<SafetensorsTensor> LayerTensors(MultilayerPerceptron network, string prefix)
    {
        var tensors = new List<SafetensorsTensor>();
        for (int l = 0; l < network.Layers.Count; l++)
        {
            DenseLayer layer = network.Layers[l];
            tensors.Add(new SafetensorsTensor($"{prefix}layers.{l}.weight", [layer.Outputs, layer.Inputs], layer.Weights.ToArray()));
            tensors.Add(new SafetensorsTensor($"{prefix}layers.{l}.bias", [layer.Outputs], layer.Bias.ToArray()));
        }

        return tensors;
    }

    /// <summary>Rebuilds the network from the tensors <c>{prefix}layers.{l}.*</c> and the activation in the metadata.</summary>
    /// <exception cref="InvalidDataException">A tensor is missing or misshapen, or the activation is unknown.</exception>
    public static MultilayerPerceptron DecodeNetwork(SafetensorsContent file, string prefix, string path)
    {
        string activationName = Required(file.Metadata, "likely.activation", path);
        if (!Enum.TryParse(activationName, ignoreCase: true, out Activation activation) || !Enum.IsDefined(activation) || int.TryParse(activationName, out _))
        {
            throw new InvalidDataException($"'{path}' names an unknown activation '{activationName}'.");
        }

        var tensors = file.Tensors.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var layers = new List<DenseLayer>();
        for (int l = 0; tensors.TryGetValue($"{prefix}layers.{l}.weight", out SafetensorsTensor? weight); l++)
        {
            if (!tensors.TryGetValue($"{prefix}layers.{l}.bias", out SafetensorsTensor? bias) || weight.Shape.Length != 2 || bias.Shape.Length != 1 || bias.Shape[0] != weight.Shape[0])
            {
                throw new InvalidDataException($"'{path}' has {prefix}layers.{l}.weight without a matching {prefix}layers.{l}.bias, or the weight is not a matrix.");
            }

            layers.Add(new DenseLayer(weight.Shape[1], weight.Shape[0], weight.Data, bias.Data));
        }

        if (layers.Count == 0)
        {
            throw new InvalidDataException($"'{path}' holds no {prefix}layers.0.weight tensor; it is not a Likely model.");
        }

        try
        {
            return new MultilayerPerceptron(layers, activation);
        }
        catch (ArgumentException exception)
        {
            throw new InvalidDataException($"'{path}' holds layers that do not connect: {OneLine(exception)}", exception);
        }
    }

    /// <summary>The metadata entry <paramref name="key"/>, or an error saying the file was not written by Likely.</summary>
    public static string Required(IReadOnlyDictionary<string, string> metadata, string key, string path) =>
        metadata.TryGetValue(key, out string? value)
            ? value
            : throw new InvalidDataException($"'{path}' lacks the metadata entry '{key}'; it was not written by 'likely train'.");

    private static string OneLine(Exception exception) =>
        (exception is ArgumentException { ParamName: { } name } ? exception.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal) : exception.Message)
        .ReplaceLineEndings(" ");
}
