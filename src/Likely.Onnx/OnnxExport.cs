using System.Globalization;
using System.Text.Json;
using Google.Protobuf;
using Likely.Data;
using Likely.Training;
using Onnx;

namespace Likely.Onnx;

/// <summary>
/// Exports a <see cref="ClassifierModel"/> as an ONNX model (opset <see cref="Opset"/>, IR version
/// <see cref="IrVersion"/>) that any ONNX runtime runs: raw features in, the model's probabilities out, exactly the
/// computation of <see cref="ClassifierModel.PredictProbabilities"/> — the standardizer (an explicit Sub and Div), the
/// dense layers (Gemm) and their activation (GELU in its exact erf form), the temperature (a Div of the logits) and the
/// softmax. Shapes: N = rows (a dynamic dimension named <c>N</c>), D = features, C = classes.
/// </summary>
/// <remarks>
/// Input <c>features</c>: float32 N×D raw features. Outputs <c>probabilities</c>: float32 N×C, q(c|x) = softmax(z′)_c,
/// each row summing to 1; <c>logits</c>: float32 N×C, the calibrated logits z′ (z/T, or w ⊙ z + b). The model's
/// metadata_props hold <c>likely.classes</c> and <c>likely.features</c> (JSON arrays of the C class names and the D
/// feature names, in column order) and the calibration as the model file names it: <c>likely.temperature</c> (T,
/// round-trip decimal, 1 for an uncalibrated model) for a temperature, or, for vector scaling, <c>likely.calibration</c>
/// = <c>vector</c> with <c>likely.calibration.scale</c> and <c>likely.calibration.bias</c> (JSON arrays of C float32
/// values, round-trip, in class order) and no temperature.
/// </remarks>
public static class OnnxExport
{
    /// <summary>The ONNX operator set the graph uses (the default domain): 17, which every current runtime supports.</summary>
    public const int Opset = 17;

    /// <summary>The ONNX IR version written: 8, the one that goes with opset 17.</summary>
    public const long IrVersion = 8;

    /// <summary>The input's name: N×D float32 raw features.</summary>
    public const string FeaturesName = "features";

    /// <summary>The first output's name: N×C float32 class probabilities.</summary>
    public const string ProbabilitiesName = "probabilities";

    /// <summary>The second output's name: N×C float32 calibrated logits z′ (z/T, or w ⊙ z + b for vector scaling).</summary>
    public const string LogitsName = "logits";

    /// <summary>Writes <paramref name="model"/> as an ONNX file, atomically through <see cref="OutputFile"/>.</summary>
    /// <param name="model">The model to export.</param>
    /// <param name="path">The destination (conventionally a <c>.onnx</c> file).</param>
    /// <param name="option">The option that named the path, for error messages (e.g. <c>--onnx</c>), or null.</param>
    /// <exception cref="OutputFileException">The file cannot be written there (the message says why and what to do).</exception>
    public static void Save(ClassifierModel model, string path, string? option = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        byte[] bytes = ToBytes(model);
        OutputFile.Write(path, "ONNX model", stream => stream.Write(bytes), option);
    }

    /// <summary>The ONNX model of <paramref name="model"/>, serialized (the bytes of a <c>.onnx</c> file).</summary>
    /// <param name="model">The model to export.</param>
    public static byte[] ToBytes(ClassifierModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var proto = new ModelProto
        {
            IrVersion = IrVersion,
            ProducerName = "Likely",
            ProducerVersion = TrainingProvenance.CurrentVersion,
            DocString = $"{model} exported by Likely: q(c|x) = softmax(z′)_c of raw features x, z′ the calibrated logits.",
            Graph = ClassifierGraph.Build(model),
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        AddMetadata(proto, "likely.classes", JsonArray(model.ClassNames));
        AddMetadata(proto, "likely.features", JsonArray(model.FeatureNames));
        LogitCalibration calibration = model.Calibration;
        if (calibration.Method == CalibrationMethod.Vector)
        {
            AddMetadata(proto, "likely.calibration", "vector");
            AddMetadata(proto, "likely.calibration.scale", JsonArray(calibration.Scale));
            AddMetadata(proto, "likely.calibration.bias", JsonArray(calibration.Bias));
        }
        else
        {
            AddMetadata(proto, "likely.temperature", calibration.Temperature.ToString("R", CultureInfo.InvariantCulture));
        }

        return proto.ToByteArray();
    }

    private static void AddMetadata(ModelProto proto, string key, string value) =>
        proto.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });

    /// <summary>A JSON array of strings, written without reflection (the CLI is published with Native AOT).</summary>
    private static string JsonArray(IReadOnlyList<string> names) =>
        JsonArray(writer =>
        {
            foreach (string name in names)
            {
                writer.WriteStringValue(name);
            }
        });

    /// <summary>A JSON array of the values as float32, each in its shortest round-trip form (what the model file's
    /// float32 tensors hold).</summary>
    private static string JsonArray(IReadOnlyList<double> values) =>
        JsonArray(writer =>
        {
            foreach (double value in values)
            {
                writer.WriteNumberValue((float)value);
            }
        });

    private static string JsonArray(Action<Utf8JsonWriter> writeItems)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartArray();
            writeItems(writer);
            writer.WriteEndArray();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
