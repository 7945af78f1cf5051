using System.Security.Cryptography;
using Likely.Data;
using Likely.Models;

namespace Likely.Training;

/// <summary>
/// Training data streamed from the row groups of a <see cref="StreamedDataset"/>, holding at most a memory limit's
/// worth of rows (a window) at a time. Shapes: N = training rows, D = features, B = batch rows, G = row groups.
/// </summary>
/// <remarks>
/// <para>Epoch e: the training row groups are permuted (SplitMix64 + Fisher–Yates, seeded by (Seed, e)); cut, in that
/// order, into windows of consecutive row groups whose rows take at most the limit, n·(4·D + 4) bytes; each window is
/// read, standardized, and its rows shuffled by a second generator seeded by (Seed, e) that runs on from window to
/// window; minibatches of B rows are cut from the window in that order. The fewer than B rows left at a window's end
/// are carried to the front of the next window, so an epoch has ⌈N / B⌉ minibatches, as in memory, and the
/// learning-rate schedule is the same. An epoch's order is a function of (Seed, e) and the limit alone.</para>
/// <para>Validation holds out whole row groups: round(G·fraction) of them (at least 1, at most G − 1), the first of a
/// permutation of the G row groups seeded by Seed, as <see cref="DatasetSplit"/> picks rows. Whole row groups, because
/// then every window is training rows only and an epoch reads each training row group once; a per-row split would
/// read the validation rows with every window and make a window's size unknown until it is read. Its metrics are
/// computed window by window (row-weighted means).</para>
/// <para>Preparing reads every row group once, in file order: the standardizer's statistics over the training row
/// groups (<see cref="StandardizerMoments"/>) and the fingerprint, SHA-256 over D, the class and feature names (as
/// <see cref="Dataset.Fingerprint"/>) and then each row group's labels and feature bits in turn. Memory: the window and
/// up to B carried rows, (limit + B·(4·D + 4)) bytes at most, allocated once and reused; the network, its gradients
/// and optimizer state and one minibatch's activations come on top.</para>
/// </remarks>
internal sealed class StreamedTrainingData : PreparedData
{
    private readonly StreamedDataset source;
    private readonly int[] trainingGroups, validationGroups;
    private readonly long memoryLimit;
    private readonly int seed;
    private readonly Window window;

    private StreamedTrainingData(
        StreamedDataset source, string fingerprint, Standardizer? standardizer, int[] trainingGroups, int[] validationGroups, long memoryLimit, int seed, Window window)
        : base(source.Name, source.RowCount, fingerprint, source.ClassNames, source.FeatureNames, standardizer,
            RowsOf(source, trainingGroups), RowsOf(source, validationGroups))
    {
        (this.source, this.trainingGroups, this.validationGroups, this.memoryLimit, this.seed, this.window) =
            (source, trainingGroups, validationGroups, memoryLimit, seed, window);
    }

    /// <summary>Checks the options and the limit, splits off the validation row groups, and reads every row group once for the standardizer and the fingerprint.</summary>
    /// <exception cref="OptionOutOfRangeException">An option is out of range or does not fit the data.</exception>
    /// <exception cref="ArgumentException">The data have fewer than two classes, a row group does not fit in the limit, or a validation split
    /// is asked of fewer than two row groups.</exception>
    public static StreamedTrainingData Prepare(StreamedDataset source, ClassifierOptions options, long memoryLimitBytes)
    {
        options.Validate(source.FeatureCount, source.ClassCount);
        if (source.ClassCount < 2)
        {
            throw new ArgumentException($"Training needs at least two classes; '{source.Name}' has {source.ClassCount}.", nameof(source));
        }

        CheckRowGroupsFit(source, memoryLimitBytes);
        (int[] training, int[] validation) = Split(source, options.ValidationFraction, options.Seed);
        if (RowsOf(source, training) == 0 || (validation.Length > 0 && RowsOf(source, validation) == 0))
        {
            throw new ArgumentException(
                $"The validation split of '{source.Name}' by row groups leaves a part with no rows (its row groups are empty); choose another seed or drop the validation fraction.", nameof(source));
        }

        int batchRows = Math.Min(options.BatchSize, source.RowCount);
        var window = new Window(checked((int)Math.Min(source.RowCount, memoryLimitBytes / source.RowBytes) + batchRows), source.FeatureCount, batchRows);
        (string fingerprint, Standardizer? standardizer) = Survey(source, training, options.Standardize, window);
        return new StreamedTrainingData(source, fingerprint, standardizer, training, validation, memoryLimitBytes, options.Seed, window);
    }

    /// <inheritdoc/>
    public override long? MemoryLimit => memoryLimit;

    /// <inheritdoc/>
    public override IEnumerable<Minibatch> Minibatches(int epochNumber, int batchSize)
    {
        int[] groups = (int[])trainingGroups.Clone();
        ulong groupState = SeededShuffle.InitialState(MinibatchTraining.StreamSeed(seed, MinibatchTraining.RowGroupStream, epochNumber));
        SeededShuffle.Shuffle(groups, ref groupState);
        ulong rowState = SeededShuffle.InitialState(MinibatchTraining.StreamSeed(seed, MinibatchTraining.WindowStream, epochNumber));
        int d = source.FeatureCount, carried = 0;
        foreach ((int start, int end) in Windows(groups))
        {
            // The rows carried from the last window sit at the front; the window's own rows follow, read and standardized.
            int read = source.ReadRowGroups(groups.AsSpan(start, end - start), window.Features.AsSpan(carried * d), window.Labels.AsSpan(carried));
            Standardizer?.Apply(window.Features.AsSpan(carried * d, read * d));
            int n = carried + read;
            for (int i = 0; i < n; i++) window.Order[i] = i;
            SeededShuffle.Shuffle(window.Order.AsSpan(carried, read), ref rowState);
            bool last = end == groups.Length;
            int full = n / batchSize, batches = last ? (n + batchSize - 1) / batchSize : full;
            for (int b = 0; b < batches; b++)
            {
                yield return new Minibatch(window.Features, window.Labels, window.Order.AsMemory(0, n), b);
            }

            carried = last ? 0 : window.CarryToFront(full * batchSize, n);
        }
    }

    /// <inheritdoc/>
    public override EpochMetrics TrainingMetrics(MultilayerPerceptron network, ClassifierOptions options) => Evaluate(trainingGroups, network, options);

    /// <inheritdoc/>
    public override EpochMetrics? ValidationMetrics(MultilayerPerceptron network, ClassifierOptions options) =>
        validationGroups.Length > 0 ? Evaluate(validationGroups, network, options) : null;

    /// <summary>The metrics of a network on row groups, window by window: each the mean over the rows (weighted by the windows' rows).</summary>
    private EpochMetrics Evaluate(int[] groups, MultilayerPerceptron network, ClassifierOptions options)
    {
        double crossEntropy = 0, accuracy = 0, topK = 0;
        long rows = 0;
        int d = source.FeatureCount;
        foreach ((int start, int end) in Windows(groups))
        {
            int n = source.ReadRowGroups(groups.AsSpan(start, end - start), window.Features, window.Labels);
            if (n == 0) continue;
            Standardizer?.Apply(window.Features.AsSpan(0, n * d));
            EpochMetrics m = Metrics(network, window.Features.AsSpan(0, n * d), window.Labels.AsSpan(0, n), options);
            (crossEntropy, accuracy, topK, rows) = (crossEntropy + m.CrossEntropy * n, accuracy + m.Accuracy * n, topK + m.TopKAccuracy * n, rows + n);
        }

        return new EpochMetrics(crossEntropy / rows, accuracy / rows, topK / rows);
    }

    /// <summary>Consecutive runs [Start, End) of <paramref name="groups"/> whose rows together take at most the limit (each at least one row group).</summary>
    private IEnumerable<(int Start, int End)> Windows(int[] groups)
    {
        for (int start = 0; start < groups.Length;)
        {
            long rows = source.RowGroups[groups[start]].Rows;
            int end = start + 1;
            while (end < groups.Length && (rows + source.RowGroups[groups[end]].Rows) * source.RowBytes <= memoryLimit)
            {
                rows += source.RowGroups[groups[end++]].Rows;
            }

            yield return (start, end);
            start = end;
        }
    }

    /// <summary>Refuses a limit that some row group does not fit in, naming the largest and the limit it needs.</summary>
    private static void CheckRowGroupsFit(StreamedDataset source, long memoryLimitBytes)
    {
        ParquetRowGroup largest = source.RowGroups.MaxBy(g => g.Rows)!;
        long needed = largest.Rows * source.RowBytes;
        if (needed > memoryLimitBytes)
        {
            throw new ArgumentException(
                $"Row group {largest.Index} of {largest.File} holds {largest.Rows:N0} rows of {source.FeatureCount:N0} features, {Size(needed)} in memory " +
                $"({largest.Rows:N0} × (4·{source.FeatureCount:N0} + 4) bytes), more than the memory limit of {Size(memoryLimitBytes)}; " +
                $"give a limit of at least {Size(needed, up: true)}, or write the data with smaller row groups.",
                nameof(memoryLimitBytes));
        }
    }

    /// <summary>A size in bytes below 10⁶ bytes, else in MB (10⁶ bytes) to one decimal, rounded up when it is a limit to ask for.</summary>
    private static string Size(long bytes, bool up = false) => bytes < 1_000_000
        ? FormattableString.Invariant($"{bytes:N0} bytes")
        : FormattableString.Invariant($"{(up ? Math.Ceiling(bytes / 1e5) / 10 : bytes / 1e6):0.0} MB");

    /// <summary>The training and validation row groups (indices, ascending): whole row groups held out by a seeded permutation.</summary>
    private static (int[] Training, int[] Validation) Split(StreamedDataset source, double fraction, int seed)
    {
        int g = source.RowGroups.Count;
        if (fraction == 0) return (Enumerable.Range(0, g).ToArray(), []);
        if (g < 2)
        {
            throw new ArgumentException(
                $"Streamed training holds out whole row groups for validation, and '{source.Name}' has {g} row group; write it with several row groups, or drop the validation fraction.",
                nameof(source));
        }

        int held = Math.Clamp((int)Math.Round(g * fraction, MidpointRounding.AwayFromZero), 1, g - 1);
        int[] order = SeededShuffle.Permutation(g, seed);
        int[] validation = order[..held], training = order[held..];
        Array.Sort(validation);
        Array.Sort(training);
        return (training, validation);
    }

    /// <summary>One pass over every row group in file order: the fingerprint, and the standardizer of the training row groups.</summary>
    private static (string Fingerprint, Standardizer? Standardizer) Survey(StreamedDataset source, int[] trainingGroups, bool standardize, Window buffer)
    {
        using IncrementalHash hash = Dataset.StartFingerprint(source.FeatureCount, source.ClassNames, source.FeatureNames);

        var training = new HashSet<int>(trainingGroups);
        var moments = standardize ? new StandardizerMoments(source.FeatureCount) : null;
        int d = source.FeatureCount;
        for (int g = 0; g < source.RowGroups.Count; g++)
        {
            int n = source.ReadRowGroups([g], buffer.Features, buffer.Labels);
            ReadOnlySpan<float> features = buffer.Features.AsSpan(0, n * d);
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(buffer.Labels.AsSpan(0, n)));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(features));
            if (training.Contains(g)) moments?.Add(features);
        }

        return (Convert.ToHexStringLower(hash.GetHashAndReset()), moments?.ToStandardizer());
    }

    private static int RowsOf(StreamedDataset source, int[] groups) => groups.Sum(g => source.RowGroups[g].Rows);

    /// <summary>The buffers of the rows in memory, allocated once: a window and the rows carried over, and its row order.</summary>
    private sealed class Window(int rows, int featureCount, int batchRows)
    {
        private readonly float[] carryFeatures = new float[batchRows * featureCount];
        private readonly int[] carryLabels = new int[batchRows];

        public float[] Features { get; } = new float[checked(rows * featureCount)];

        public int[] Labels { get; } = new int[rows];

        public int[] Order { get; } = new int[rows];

        /// <summary>Moves the rows at positions [<paramref name="from"/>, <paramref name="to"/>) of the order to the front of the buffers, in that order; returns how many.</summary>
        public int CarryToFront(int from, int to)
        {
            int count = to - from;
            for (int i = 0; i < count; i++)
            {
                int row = Order[from + i];
                Features.AsSpan(row * featureCount, featureCount).CopyTo(carryFeatures.AsSpan(i * featureCount));
                carryLabels[i] = Labels[row];
            }

            carryFeatures.AsSpan(0, count * featureCount).CopyTo(Features);
            carryLabels.AsSpan(0, count).CopyTo(Labels);
            return count;
        }
    }
}
