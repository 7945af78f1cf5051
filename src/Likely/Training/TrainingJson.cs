using System.Text.Json.Serialization;

namespace Likely.Training;

/// <summary>
/// Source-generated JSON for what the model and checkpoint files keep in their metadata: camelCase names, enums as
/// their names, ±∞ as strings (an infinite <see cref="ClassifierOptions.InverseRegularization"/> is legal).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(TrainingProvenance))]
[JsonSerializable(typeof(CheckpointState))]
[JsonSerializable(typeof(ClassifierOptions))]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(float[]))]
internal sealed partial class TrainingJson : JsonSerializerContext;
