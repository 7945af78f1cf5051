using System.Text.Json;
using Likely.Data;
using Likely.Models;

namespace Likely.Training;

/// <summary>What a checkpoint's metadata records besides the tensors (serialized as JSON in the file).</summary>
/// <param name="Options">The options of the run.</param>
/// <param name="LikelyVersion">The version of Likely that wrote it.</param>
/// <param name="Epoch">Epochs completed.</param>
/// <param name="OptimizerSteps">Optimizer steps taken (the schedule's position and Adam's t).</param>
/// <param name="DataName">The data's name.</param>
/// <param name="DataRows">The data's rows (before the validation split).</param>
/// <param name="DataFingerprint">The data's content hash.</param>
/// <param name="ClassNames">The class names.</param>
/// <param name="FeatureNames">The feature names.</param>
/// <param name="History">One report per completed epoch.</param>
/// <param name="BestEpoch">Early stopping: the epoch with the lowest validation cross-entropy so far (0: none).</param>
/// <param name="BestLoss">Early stopping: that cross-entropy (+∞: none).</param>
/// <param name="EpochsSinceBest">Early stopping: epochs since the best one (whether it has ended the run follows from it).</param>
/// <param name="MemoryLimit">Streamed training: the memory limit in bytes, which decides the windows of row groups (the
/// data's fingerprint is then the streamed one); null, and left out of the file, in memory.</param>
internal sealed record CheckpointState(
    ClassifierOptions Options, string LikelyVersion, int Epoch, int OptimizerSteps, string DataName, int DataRows, string DataFingerprint,
    string[] ClassNames, string[] FeatureNames, IReadOnlyList<EpochReport> History, int BestEpoch, double BestLoss, int EpochsSinceBest,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] long? MemoryLimit = null);

/// <summary>
/// Everything needed to continue minibatch training after a completed epoch: the weights, the optimizer's state
/// (moments and step count), the epoch (which fixes the schedule's position and the random streams of the epochs to
/// come: the shuffle generator is rebuilt by replaying the epochs' shuffles, and each epoch's dropout generator is
/// seeded from <see cref="ClassifierOptions.Seed"/> and the epoch number),
/// the best-so-far weights and validation loss for early stopping, the options and the data's fingerprint.
/// Continuing from it with <see cref="Classifier.Fit(Dataset, TrainingCheckpoint, ClassifierOptions?, IProgress{EpochReport}?, CancellationToken)"/>
/// gives bit-for-bit the model of an uninterrupted run.
/// </summary>
/// <remarks>
/// Saved as one safetensors file: the network as in a model file (<c>layers.{l}.weight</c>/<c>.bias</c>, so PyTorch can
/// read the weights), the best weights as <c>best.layers.{l}.*</c>, optimizer moments as <c>optimizer.{name}.{t}</c>
/// (t: 2l for layer l's weight, 2l + 1 for its bias), and the rest as JSON in the metadata entry <c>likely.checkpoint</c>.
/// </remarks>
public sealed class TrainingCheckpoint
{
    private const string FormatKey = "likely.format";
    private const string FormatValue = "likely-checkpoint-1";
    private const string StateKey = "likely.checkpoint";
    private const string BestPrefix = "best.";
    private const string OptimizerPrefix = "optimizer.";

    internal TrainingCheckpoint(CheckpointState state, MultilayerPerceptron network, MultilayerPerceptron? best, IReadOnlyDictionary<string, float[][]> moments)
    {
        (State, Network, Best, Moments) = (state, network, best, moments);
    }

    /// <summary>The options of the run.</summary>
    public ClassifierOptions Options => State.Options;

    /// <summary>Epochs completed.</summary>
    public int Epoch => State.Epoch;

    /// <summary>The training data's name.</summary>
    public string DataName => State.DataName;

    /// <summary>The training data's rows (before the validation split).</summary>
    public int DataRows => State.DataRows;

    /// <summary>The training data's content hash (<see cref="Dataset.Fingerprint"/>).</summary>
    public string DataFingerprint => State.DataFingerprint;

    /// <summary>One report per completed epoch.</summary>
    public IReadOnlyList<EpochReport> History => State.History;

    /// <summary>The memory limit in bytes of a streamed run (which decides its windows of row groups), or null for a run in memory.</summary>
    public long? MemoryLimit => State.MemoryLimit;

    /// <summary>The network's weights after <see cref="Epoch"/>.</summary>
    public MultilayerPerceptron Network { get; }

    internal CheckpointState State { get; }

    internal MultilayerPerceptron? Best { get; }

    internal IReadOnlyDictionary<string, float[][]> Moments { get; }

    /// <summary>Writes the checkpoint to <paramref name="path"/> atomically: a crash leaves the previous checkpoint or this one.</summary>
    /// <exception cref="OutputFileException">The file cannot be written there.</exception>
    public void Save(string path)
    {
        var tensors = ModelFile.LayerTensors(Network, "");
        if (Best is not null) tensors.AddRange(ModelFile.LayerTensors(Best, BestPrefix));
        foreach ((string name, float[][] buffers) in Moments.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            for (int t = 0; t < buffers.Length; t++)
            {
                tensors.Add(new SafetensorsTensor($"{OptimizerPrefix}{name}.{t}", [buffers[t].Length], buffers[t]));
            }
        }

        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = FormatValue,
            ["likely.activation"] = Network.Activation.ToString().ToLowerInvariant(),
            [StateKey] = JsonSerializer.Serialize(State, TrainingJson.Default.CheckpointState),
        };
        Safetensors.Write(path, tensors, metadata, "checkpoint");
    }

    /// <summary>The state, the network and the options must tell one story; a damaged or edited file must not load half-right.</summary>
    private static void CheckConsistent(string path, CheckpointState state, MultilayerPerceptron network)
    {
        string? problem =
            !network.HiddenWidths.SequenceEqual(state.Options.HiddenWidths) ? $"its network has hidden widths [{string.Join(", ", network.HiddenWidths)}] but its options say [{string.Join(", ", state.Options.HiddenWidths)}]"
            : network.Activation != state.Options.Activation ? $"its network uses {network.Activation} but its options say {state.Options.Activation}"
            : network.InputCount != state.FeatureNames.Length || network.ClassCount != state.ClassNames.Length ? $"its network takes {network.InputCount} features to {network.ClassCount} classes but it names {state.FeatureNames.Length} and {state.ClassNames.Length}"
            : state.History.Count != state.Epoch ? $"it records {state.History.Count} epochs of history for epoch {state.Epoch}"
            : state.Epoch < 1 || state.OptimizerSteps < state.Epoch ? $"epoch {state.Epoch} after {state.OptimizerSteps} optimizer steps is impossible"
            : null;
        if (problem is not null)
        {
            throw new InvalidDataException($"'{path}' is a damaged Likely checkpoint: {problem}.");
        }
    }

    /// <summary>Reads a checkpoint written by <see cref="Save"/> (<c>likely train --checkpoint</c>).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Likely checkpoint, or is damaged.</exception>
    public static TrainingCheckpoint Load(string path)
    {
        SafetensorsContent file = Safetensors.Read(path);
        if (!file.Metadata.TryGetValue(FormatKey, out string? format) || format != FormatValue)
        {
            string hint = format == "likely-classifier-1" ? " It is a model file; resume from the file given to --checkpoint." : "";
            throw new InvalidDataException($"'{path}' is not a Likely training checkpoint (metadata {FormatKey} should be {FormatValue}).{hint}");
        }

        try
        {
            CheckpointState state = JsonSerializer.Deserialize(ModelFile.Required(file.Metadata, StateKey, path), TrainingJson.Default.CheckpointState)
                ?? throw new InvalidDataException($"'{path}' has an empty {StateKey} entry.");
            state.Options.Validate();
            MultilayerPerceptron network = ModelFile.DecodeNetwork(file, "", path);
            MultilayerPerceptron? best = file.Tensors.Any(t => t.Name.StartsWith(BestPrefix, StringComparison.Ordinal))
                ? ModelFile.DecodeNetwork(file, BestPrefix, path)
                : null;
            var moments = file.Tensors
                .Where(t => t.Name.StartsWith(OptimizerPrefix, StringComparison.Ordinal))
                .GroupBy(t => t.Name[OptimizerPrefix.Length..t.Name.LastIndexOf('.')], StringComparer.Ordinal)
                .ToDictionary(
                    group => group.Key,
                    group => group.OrderBy(t => int.Parse(t.Name[(t.Name.LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture)).Select(t => t.Data).ToArray(),
                    StringComparer.Ordinal);
            CheckConsistent(path, state, network);
            return new TrainingCheckpoint(state, network, best, moments);
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException or FormatException)
        {
            throw new InvalidDataException($"'{path}' is a damaged Likely checkpoint: {exception.Message.ReplaceLineEndings(" ")}", exception);
        }
    }
}
