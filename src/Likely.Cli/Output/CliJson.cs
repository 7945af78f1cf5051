using System.Text.Json.Serialization;

namespace Likely.Cli.Output;

/// <summary>
/// The one JSON contract of the <c>likely</c> command: source-generated (no reflection, so the Native AOT binary
/// writes the same bytes), camelCase keys, and ±∞ and NaN written as the strings <c>"Infinity"</c>,
/// <c>"-Infinity"</c> and <c>"NaN"</c> (JSON has no such numbers; System.Text.Json reads these strings back as
/// doubles, and so does <c>float("Infinity")</c> in Python). Null members are left out.
/// </summary>
/// <remarks>
/// Every record a command prints is registered here with one <c>[JsonSerializable]</c> line and written through
/// <see cref="JsonOutput.Write{T}"/>. Enumerations never reach JSON as such: commands write the value's spelling from
/// <see cref="Options.Vocabulary"/>, the one place that spells option values.
/// A model's calibration is written with calibrate's keys: <c>temperature</c> (T), <c>scale</c> and <c>bias</c> (w and b
/// of vector scaling, one per class), and, in the records of evaluate, report and export, <c>calibrationMethod</c>
/// (calibrate's <c>method</c>: temperature or vector), each left out where it does not apply.
/// </remarks>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(QuantityResult))]
[JsonSerializable(typeof(MutualInformationResult))]
[JsonSerializable(typeof(RuntimeResult))]
[JsonSerializable(typeof(DataSetResult))]
[JsonSerializable(typeof(double))]
[JsonSerializable(typeof(Commands.Training.EpochResult))]
[JsonSerializable(typeof(Commands.Training.TrainingSummaryResult))]
[JsonSerializable(typeof(Commands.Training.EvaluationResult))]
[JsonSerializable(typeof(Commands.Training.CalibrationResult))]
[JsonSerializable(typeof(Commands.ExportResult))]
[JsonSerializable(typeof(Commands.Likelihood.FitResult))]
[JsonSerializable(typeof(Commands.Likelihood.AutoFitResult))]
[JsonSerializable(typeof(Commands.Likelihood.ExplainResult))]
[JsonSerializable(typeof(Commands.Report.ReportResult))]
internal sealed partial class CliJson : JsonSerializerContext;
