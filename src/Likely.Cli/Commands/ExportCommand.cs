using System.CommandLine;
using Likely.Cli.Commands.Training;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Onnx;
using Likely.Training;

namespace Likely.Cli.Commands;

/// <summary><c>likely export</c>: writes a saved model as an ONNX model that other runtimes run.</summary>
public static class ExportCommand
{
    /// <summary>Creates the <c>export</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("export",
            $"Export a saved model as ONNX (opset {OnnxExport.Opset}, IR version {OnnxExport.IrVersion}): the standardizer, the network, the calibration of the logits (a temperature T, or a scale and bias per class) and the softmax, " +
            "so any ONNX runtime gives the probabilities 'likely predict' gives. " +
            $"Input '{OnnxExport.FeaturesName}': float32 [N, D] raw features (N dynamic, D the model's features). " +
            $"Outputs '{OnnxExport.ProbabilitiesName}': float32 [N, C], q(c|x) = softmax(z′); '{OnnxExport.LogitsName}': float32 [N, C], z′ = z/T or w ⊙ z + b. " +
            "The class and feature names, in column order, are the metadata keys likely.classes and likely.features (JSON arrays); likely.temperature holds T, " +
            "or likely.calibration = vector and likely.calibration.scale and likely.calibration.bias hold w and b (JSON arrays).\n" +
            "Example: likely export --model model.safetensors --onnx model.onnx");
        var model = ModelFileOption.Create();
        var onnx = new Option<string>("--onnx") { Description = "The ONNX file to write (atomically).", HelpName = "file", Required = true };
        var json = JsonOption.Create("{\"model\":…,\"onnx\":\"model.onnx\",\"opset\":17,\"input\":\"features\",\"features\":64,\"classes\":10,\"temperature\":1,\"bytes\":…}");
        foreach (Option option in new Option[] { model, onnx, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!, path = parse.GetValue(onnx)!;
            // Before any work: a target that cannot be written, or that is the model itself, is an error now.
            OutputFile target = OutputFile.Prepare(path, "ONNX model", "--onnx", inputs: [modelPath]);
            ClassifierModel loaded = ClassifierModel.Load(modelPath);
            byte[] bytes = OnnxExport.ToBytes(loaded);
            TextWriter report = CommandFile.Write(target, stream => stream.Write(bytes), context);
            bool vector = loaded.Calibration.Method == CalibrationMethod.Vector;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(context.Output,
                    new ExportResult(modelPath, path, OnnxExport.Opset, OnnxExport.FeaturesName, [OnnxExport.ProbabilitiesName, OnnxExport.LogitsName],
                        loaded.FeatureCount, loaded.ClassCount, vector ? null : loaded.Temperature, bytes.LongLength,
                        loaded.Calibration.IsNone ? null : Vocabulary.CalibrationMethod.NameOf(loaded.Calibration.Method)),
                    CliJson.Default.ExportResult);
            }
            else
            {
                report.WriteLine(
                    $"Wrote {loaded} as ONNX (opset {OnnxExport.Opset}) to {path}: input {OnnxExport.FeaturesName} [N, {loaded.FeatureCount}], " +
                    $"outputs {OnnxExport.ProbabilitiesName} and {OnnxExport.LogitsName} [N, {loaded.ClassCount}].");
            }

            return CliApp.Success;
        });
        return command;
    }
}

/// <summary><c>likely export --json</c>: what was written.</summary>
/// <param name="Model">The model file read.</param>
/// <param name="Onnx">The ONNX file written.</param>
/// <param name="Opset">The ONNX operator set of the graph.</param>
/// <param name="Input">The input's name (float32 [N, D] raw features).</param>
/// <param name="Outputs">The outputs' names: probabilities [N, C], then the calibrated logits z′ [N, C].</param>
/// <param name="Features">D.</param>
/// <param name="Classes">C.</param>
/// <param name="Temperature">T, the divisor of the logits (1 unless the model was calibrated); left out for vector scaling.</param>
/// <param name="Bytes">The file's size in bytes.</param>
/// <param name="CalibrationMethod">temperature or vector (as <c>likely calibrate --method</c> spells it); left out for an
/// uncalibrated model (T = 1).</param>
internal sealed record ExportResult(
    string Model, string Onnx, int Opset, string Input, string[] Outputs, int Features, int Classes, double? Temperature, long Bytes, string? CalibrationMethod = null);
