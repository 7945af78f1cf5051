using Likely.Data;
using Likely.Models;
using Likely.Numerics;
using Likely.Optimization;

namespace Likely.Training;

/// <summary>
/// The classifier estimator: fits softmax regression or a multilayer perceptron by minimizing the mean softmax
/// cross-entropy of the labels — maximum likelihood of q(y|x) — and returns a self-contained <see cref="ClassifierModel"/>.
/// </summary>
/// <example>
/// <code>
/// Dataset train = DatasetCatalog.Load("digits:train");
/// ClassifierModel model = Classifier.Fit(train, new ClassifierOptions { HiddenWidths = [64], Epochs = 20 });
/// ClassificationMetrics metrics = model.Evaluate(DatasetCatalog.Load("digits:test"));
/// </code>
/// </example>
public static class Classifier
{
    /// <summary>
    /// Fits a new model on <paramref name="training"/>: holds out <see cref="ClassifierOptions.ValidationFraction"/> of the
    /// rows, fits the standardizer on the rest, draws the initial weights and trains (see <see cref="ClassifierOptions"/>).
    /// </summary>
    /// <param name="training">Labelled rows with raw features (at least two classes).</param>
    /// <param name="options">The architecture and the training rule.</param>
    /// <param name="progress">Told after every epoch. If it also implements <see cref="IProgress{T}"/> of
    /// <see cref="BatchProgress"/> it is told after every minibatch, and of <see cref="TrainingCheckpoint"/> it receives a
    /// checkpoint after every epoch (made only when asked for). Calls are made on the training thread, in order.</param>
    /// <param name="cancellation">Stops minibatch training after the current minibatch. If an epoch has completed, the
    /// model of the last completed epoch (the best one with early stopping) is returned with <see cref="StopReason.Canceled"/>;
    /// otherwise <see cref="OperationCanceledException"/> is thrown. Full-batch L-BFGS has no epochs to keep: it checks
    /// the token at every evaluation of the objective and throws.</param>
    /// <exception cref="OptionOutOfRangeException">An option is out of range or does not fit the data.</exception>
    /// <exception cref="ArgumentException">The data have no row or fewer than two classes.</exception>
    /// <exception cref="TrainingDivergedException">The loss, a gradient or a weight stopped being finite, or an epoch's
    /// training cross-entropy exceeded 4·ln C.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the first epoch completed.</exception>
    public static ClassifierModel Fit(Dataset training, ClassifierOptions options, IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        InMemoryData data = Prepare(training, options);
        if (options.Solver == SolverKind.Lbfgs)
        {
            return FitLbfgs(data, options, cancellation);
        }

        MultilayerPerceptron initial = MultilayerPerceptron.Initialize(
            training.FeatureCount, options.HiddenWidths, training.ClassCount, options.Activation, options.Initialization, options.Seed);
        return new MinibatchTraining(data, options, initial, checkpoint: null).Run(progress, cancellation);
    }

    /// <summary>
    /// Fits a new model on Parquet data read a row group at a time, holding at most <paramref name="memoryLimitBytes"/>
    /// of rows in memory. When all N rows fit, N·(4·D + 4) ≤ the limit, they are loaded and trained on as by
    /// <see cref="Fit(Dataset, ClassifierOptions, IProgress{EpochReport}?, CancellationToken)"/>: the same model, bit for
    /// bit. Otherwise training streams (<see cref="IsStreamed"/>): each epoch reads the training row groups in an order
    /// seeded by (Seed, epoch), a window of consecutive row groups that fits the limit at a time, and shuffles each
    /// window's rows; validation holds out whole row groups, chosen by the seed; the standardizer is fitted in one pass
    /// over the training row groups. The same seed, data and limit give the same model on any thread count.
    /// </summary>
    /// <param name="training">The Parquet data (at least two classes).</param>
    /// <param name="options">As for a fit in memory; streamed, the solver must be minibatch.</param>
    /// <param name="memoryLimitBytes">The most bytes of rows to hold in memory (&gt; 0): the window, plus fewer than one
    /// minibatch of rows carried between windows. The network, its optimizer state and one minibatch's activations come on top.</param>
    /// <param name="progress">As for a fit in memory (a streamed run's checkpoints record the limit, and resume only under it).</param>
    /// <param name="cancellation">As for a fit in memory.</param>
    /// <exception cref="ArgumentOutOfRangeException">The limit is not positive.</exception>
    /// <exception cref="OptionOutOfRangeException">An option is out of range or does not fit the data; L-BFGS on streamed data.</exception>
    /// <exception cref="ArgumentException">Fewer than two classes; a row group takes more than the limit (the message gives the limit it
    /// needs); a validation split of a single row group.</exception>
    /// <exception cref="InvalidDataException">A row group cannot be read.</exception>
    /// <exception cref="TrainingDivergedException">As for a fit in memory.</exception>
    /// <exception cref="OperationCanceledException">Cancelled before the first epoch completed.</exception>
    public static ClassifierModel Fit(
        StreamedDataset training, ClassifierOptions options, long memoryLimitBytes, IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryLimitBytes);
        if (!IsStreamed(training, memoryLimitBytes))
        {
            return Fit(training.ReadAll(), options, progress, cancellation);
        }

        if (options.Solver == SolverKind.Lbfgs)
        {
            throw new OptionOutOfRangeException(nameof(ClassifierOptions.Solver), "lbfgs",
                $"minibatch when the data are streamed: full-batch L-BFGS needs all {training.RowCount:N0} rows in memory ({training.EstimatedBytes / 1e6:0.0} MB); raise the memory limit or use minibatch training");
        }

        StreamedTrainingData data = StreamedTrainingData.Prepare(training, options, memoryLimitBytes);
        MultilayerPerceptron initial = MultilayerPerceptron.Initialize(
            training.FeatureCount, options.HiddenWidths, training.ClassCount, options.Activation, options.Initialization, options.Seed);
        return new MinibatchTraining(data, options, initial, checkpoint: null).Run(progress, cancellation);
    }

    /// <summary>
    /// Continues training from <paramref name="checkpoint"/> on Parquet data under a memory limit: streamed, as
    /// <see cref="Fit(StreamedDataset, ClassifierOptions, long, IProgress{EpochReport}?, CancellationToken)"/> streams,
    /// when the data take more than the limit, else in memory as
    /// <see cref="Fit(Dataset, TrainingCheckpoint, ClassifierOptions?, IProgress{EpochReport}?, CancellationToken)"/>.
    /// An epoch's order of row groups and rows is a function of the seed, the epoch and the limit, so the result is
    /// bit-for-bit the model of an uninterrupted run under the same limit.
    /// </summary>
    /// <param name="training">The same data the checkpoint was made on (checked by fingerprint).</param>
    /// <param name="checkpoint">Where to continue from: made by a run under the same limit (streamed or in memory alike).</param>
    /// <param name="options">As for a resume in memory.</param>
    /// <param name="memoryLimitBytes">The limit of the run that made the checkpoint.</param>
    /// <param name="progress">As for a new fit; only the epochs run now are reported.</param>
    /// <param name="cancellation">As for a new fit.</param>
    /// <exception cref="ArgumentException">The checkpoint was made under another limit (or in memory while these data are streamed), the
    /// data differ from the checkpoint's, or the options differ as a resume in memory refuses.</exception>
    /// <exception cref="TrainingDivergedException">As for a new fit.</exception>
    public static ClassifierModel Fit(
        StreamedDataset training, TrainingCheckpoint checkpoint, ClassifierOptions? options, long memoryLimitBytes,
        IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(checkpoint);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(memoryLimitBytes);
        if (!IsStreamed(training, memoryLimitBytes))
        {
            return Fit(training.ReadAll(), checkpoint, options, progress, cancellation);
        }

        if (checkpoint.MemoryLimit != memoryLimitBytes)
        {
            string made = checkpoint.MemoryLimit is { } limit ? $"streamed under a memory limit of {limit:N0} bytes" : "in memory";
            throw new ArgumentException(
                $"The checkpoint was made {made}, but '{training.Name}' is streamed under a limit of {memoryLimitBytes:N0} bytes; the limit decides the windows of row groups, " +
                $"so resume with the limit of the run that made it{(checkpoint.MemoryLimit is { } same ? $" ({same:N0} bytes)" : ", large enough to hold the data")}.",
                nameof(memoryLimitBytes));
        }

        options ??= checkpoint.Options;
        CheckResumable(checkpoint, options);
        StreamedTrainingData data = StreamedTrainingData.Prepare(training, options, memoryLimitBytes);
        CheckSameData(data, checkpoint, training.Name);
        return new MinibatchTraining(data, options, checkpoint.Network, checkpoint).Run(progress, cancellation);
    }

    /// <summary>Whether <see cref="Fit(StreamedDataset, ClassifierOptions, long, IProgress{EpochReport}?, CancellationToken)"/> streams
    /// these data under this limit: when their rows take more than it in memory, N·(4·D + 4) &gt; limit.</summary>
    public static bool IsStreamed(StreamedDataset training, long memoryLimitBytes)
    {
        ArgumentNullException.ThrowIfNull(training);
        return training.EstimatedBytes > memoryLimitBytes;
    }

    /// <summary>
    /// Continues minibatch training from <paramref name="checkpoint"/> on the same data, up to
    /// <see cref="ClassifierOptions.Epochs"/> epochs. The result is bit-for-bit the model an uninterrupted run of these
    /// options would give (with a constant or step schedule, extending Epochs gives the longer run's model). A run whose
    /// early stopping had already ended it returns its kept model at once.
    /// </summary>
    /// <param name="training">The same rows the checkpoint was made on (checked by fingerprint).</param>
    /// <param name="checkpoint">Where to continue from.</param>
    /// <param name="options">The checkpoint's options, possibly with other <see cref="ClassifierOptions.Epochs"/> (not with
    /// the cosine schedule, whose curve depends on it), <see cref="ClassifierOptions.Threads"/> or
    /// <see cref="ClassifierOptions.TopK"/> (nothing else may change); null for the checkpoint's own.</param>
    /// <param name="progress">As for a new fit; only the epochs run now are reported.</param>
    /// <param name="cancellation">As for a new fit.</param>
    /// <exception cref="ArgumentException">The data differ from the checkpoint's, an option other than Epochs or
    /// Threads differs (the message names it), or Epochs is below the epochs already run.</exception>
    /// <exception cref="TrainingDivergedException">As for a new fit.</exception>
    public static ClassifierModel Fit(
        Dataset training, TrainingCheckpoint checkpoint, ClassifierOptions? options = null, IProgress<EpochReport>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        ArgumentNullException.ThrowIfNull(checkpoint);
        if (checkpoint.MemoryLimit is { } limit)
        {
            throw new ArgumentException(
                $"The checkpoint was made by streamed training under a memory limit of {limit:N0} bytes, which decides the windows of row groups; " +
                $"resume it streamed from the same Parquet data under the same limit (likely train --memory-limit {limit}B).",
                nameof(checkpoint));
        }

        options ??= checkpoint.Options;
        CheckResumable(checkpoint, options);
        InMemoryData data = Prepare(training, options);
        CheckSameData(data, checkpoint, training.Name);
        return new MinibatchTraining(data, options, checkpoint.Network, checkpoint).Run(progress, cancellation);
    }

    /// <summary>Refuses data whose fingerprint is not the checkpoint's.</summary>
    private static void CheckSameData(PreparedData data, TrainingCheckpoint checkpoint, string name)
    {
        if (data.Fingerprint != checkpoint.DataFingerprint)
        {
            throw new ArgumentException(
                $"The data '{name}' ({data.RowCount:N0} rows, fingerprint {data.Fingerprint[..12]}) are not those the checkpoint was trained on " +
                $"('{checkpoint.DataName}', {checkpoint.DataRows:N0} rows, fingerprint {checkpoint.DataFingerprint[..Math.Min(12, checkpoint.DataFingerprint.Length)]}); resume with the same data.",
                "training");
        }
    }

    /// <summary>The options that may differ when resuming: they change how long or how fast training runs, not what it computes.</summary>
    private static readonly HashSet<string> ResumableChanges = new(StringComparer.OrdinalIgnoreCase)
    {
        nameof(ClassifierOptions.Epochs), nameof(ClassifierOptions.Threads), nameof(ClassifierOptions.TopK),
    };

    private static void CheckResumable(TrainingCheckpoint checkpoint, ClassifierOptions options)
    {
        options.Validate();
        List<string> differences = OptionDifferences(checkpoint.Options, options).Where(d => !ResumableChanges.Contains(d.Name)).Select(d => d.Text).ToList();
        if (differences.Count > 0)
        {
            throw new ArgumentException(
                $"The options differ from the checkpoint's: {string.Join("; ", differences)}. Only Epochs, Threads and TopK may change when resuming; start a new run to change the others.",
                nameof(options));
        }

        if (options.Epochs != checkpoint.Options.Epochs && options.Schedule == ScheduleKind.Cosine)
        {
            // The cosine schedule's horizon is the run's last step: the epochs already run followed another curve.
            throw new ArgumentException(
                $"The checkpoint's run follows a cosine schedule over {checkpoint.Options.Epochs} epochs; its learning rates would not be those of a run of {options.Epochs}. " +
                $"Resume with Epochs {checkpoint.Options.Epochs}, or start a new run.",
                nameof(options));
        }

        if (options.Epochs < checkpoint.Epoch)
        {
            throw new ArgumentException($"The checkpoint has already run {checkpoint.Epoch} epochs; ask for at least that many (Epochs is {options.Epochs}).", nameof(options));
        }
    }

    /// <summary>Each option whose value differs, as (property name, "Name was A, now B").</summary>
    internal static IEnumerable<(string Name, string Text)> OptionDifferences(ClassifierOptions before, ClassifierOptions after)
    {
        System.Text.Json.JsonElement a = System.Text.Json.JsonSerializer.SerializeToElement(before, TrainingJson.Default.ClassifierOptions);
        System.Text.Json.JsonElement b = System.Text.Json.JsonSerializer.SerializeToElement(after, TrainingJson.Default.ClassifierOptions);
        foreach (System.Text.Json.JsonProperty property in a.EnumerateObject())
        {
            string old = property.Value.GetRawText(), now = b.GetProperty(property.Name).GetRawText();
            if (old != now)
            {
                string name = char.ToUpperInvariant(property.Name[0]) + property.Name[1..];
                yield return (name, $"{name} was {old.Trim('"')}, now {now.Trim('"')}");
            }
        }
    }

    /// <summary>Validates, splits off the validation rows and standardizes both parts with the training part's statistics.</summary>
    private static InMemoryData Prepare(Dataset all, ClassifierOptions options)
    {
        options.Validate(all.FeatureCount, all.ClassCount);
        if (all.RowCount == 0 || all.ClassCount < 2)
        {
            throw new ArgumentException($"Training needs at least one row and two classes; '{all.Name}' has {all.RowCount} rows and {all.ClassCount} classes.", nameof(all));
        }

        string fingerprint = all.Fingerprint();
        (Dataset training, Dataset? validation) = options.ValidationFraction > 0
            ? DatasetSplit.Split(all, options.ValidationFraction, options.Seed)
            : (all, null);
        Standardizer? standardizer = options.Standardize ? Standardizer.Fit(training) : null;
        if (standardizer is not null)
        {
            training = standardizer.Apply(training);
            validation = validation is null ? null : standardizer.Apply(validation);
        }

        return new InMemoryData(all, fingerprint, training, validation, standardizer, options.Seed);
    }

    private static ClassifierModel FitLbfgs(InMemoryData data, ClassifierOptions options, CancellationToken cancellation)
    {
        var lbfgs = new LbfgsOptions { MaxIterations = options.MaxIterations, GradientTolerance = 1e-5, RelativeFunctionTolerance = 1e-10 };
        (MultilayerPerceptron network, LbfgsResult fit) = SoftmaxRegression.FitLbfgs(
            data.Training, options.InverseRegularization, lbfgs, options.Threads, SoftmaxRegression.DoublePrecisionLimit, VectorPaths.Current, cancellation);
        StopReason reason = fit.Converged ? StopReason.Converged : StopReason.IterationLimit;
        return data.Model(network, options, epochs: 0, bestEpoch: 0, reason, [], fit.Iterations, fit.Value);
    }
}
