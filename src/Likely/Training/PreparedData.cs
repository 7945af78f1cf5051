using Likely.Data;
using Likely.Models;

namespace Likely.Training;

/// <summary>
/// The data of one fit, ready to train on: the epochs' minibatches of standardized training rows, the metrics of a
/// network on the training and validation parts, and what provenance records of the whole. In memory
/// (<see cref="InMemoryData"/>) or streamed from Parquet row groups (<see cref="StreamedTrainingData"/>).
/// </summary>
/// <param name="name">The data's name.</param>
/// <param name="rowCount">The rows before the validation split.</param>
/// <param name="fingerprint">The data's content hash.</param>
/// <param name="classNames">The class names.</param>
/// <param name="featureNames">The feature names.</param>
/// <param name="standardizer">The standardizer fitted on the training part, or null.</param>
/// <param name="trainingRows">The rows trained on.</param>
/// <param name="validationRows">The rows held out (0: none).</param>
internal abstract class PreparedData(
    string name, int rowCount, string fingerprint, IReadOnlyList<string> classNames, IReadOnlyList<string> featureNames, Standardizer? standardizer,
    int trainingRows, int validationRows)
{
    /// <summary>The data's name.</summary>
    public string Name { get; } = name;

    /// <summary>The rows before the validation split.</summary>
    public int RowCount { get; } = rowCount;

    /// <summary>The data's content hash.</summary>
    public string Fingerprint { get; } = fingerprint;

    /// <summary>The class names.</summary>
    public IReadOnlyList<string> ClassNames { get; } = classNames;

    /// <summary>The feature names.</summary>
    public IReadOnlyList<string> FeatureNames { get; } = featureNames;

    /// <summary>The standardizer fitted on the training part, or null.</summary>
    public Standardizer? Standardizer { get; } = standardizer;

    /// <summary>N, the rows trained on.</summary>
    public int TrainingRows { get; } = trainingRows;

    /// <summary>The rows held out for validation (0: none).</summary>
    public int ValidationRows { get; } = validationRows;

    /// <summary>Streamed: the memory limit in bytes that decides the windows (a checkpoint records it); null in memory.</summary>
    public virtual long? MemoryLimit => null;

    /// <summary>Whether there is a validation part.</summary>
    public bool HasValidation => ValidationRows > 0;

    /// <summary>The minibatches of B rows of epoch <paramref name="epochNumber"/> (from 1), in order: ⌈N / B⌉ of them.</summary>
    public abstract IEnumerable<Minibatch> Minibatches(int epochNumber, int batchSize);

    /// <summary>A network's cross-entropy, accuracy and top-k accuracy on the training part, without dropout.</summary>
    public abstract EpochMetrics TrainingMetrics(MultilayerPerceptron network, ClassifierOptions options);

    /// <summary>The same on the validation part, or null without one.</summary>
    public abstract EpochMetrics? ValidationMetrics(MultilayerPerceptron network, ClassifierOptions options);

    /// <summary>
    /// Wraps a trained network into a self-contained model with its provenance; with <paramref name="evaluate"/>, the
    /// provenance also gets the network's final metrics on the training and validation rows (one inference pass each).
    /// </summary>
    public ClassifierModel Model(
        MultilayerPerceptron network, ClassifierOptions options, int epochs, int bestEpoch, StopReason reason, IReadOnlyList<EpochReport> history,
        int? lbfgsIterations = null, double? lbfgsObjective = null, bool evaluate = true) =>
        new(network, Standardizer, ClassNames, FeatureNames,
            new TrainingProvenance(options, TrainingProvenance.CurrentVersion, Name, RowCount, Fingerprint, TrainingRows, ValidationRows,
                epochs, bestEpoch, reason, history.ToArray(), lbfgsIterations, lbfgsObjective,
                evaluate ? TrainingMetrics(network, options) : null, evaluate ? ValidationMetrics(network, options) : null));

    /// <summary>A network's cross-entropy, accuracy and top-k accuracy on prepared (standardized) rows, without dropout.</summary>
    public static EpochMetrics Metrics(MultilayerPerceptron network, ReadOnlySpan<float> features, ReadOnlySpan<int> labels, ClassifierOptions options)
    {
        Evaluation.ClassificationMetrics m = Evaluation.ModelEvaluation.Evaluate(network, features, labels, options.TopK, options.Threads);
        return new EpochMetrics(m.CrossEntropy, m.Accuracy, m.TopKAccuracy);
    }
}

/// <summary>
/// Data held in memory: the split, standardized parts, and the row order, shuffled each epoch, cumulatively, by one
/// <see cref="Random"/> seeded with <see cref="ClassifierOptions.Seed"/> (Fisher–Yates, N − 1 draws an epoch) — the
/// sequence Likely has always used, so a seed keeps giving the same model. <see cref="Random"/>'s state cannot be
/// saved, so the first epoch asked for after a resume replays the shuffles of the epochs before it.
/// </summary>
internal sealed class InMemoryData : PreparedData
{
    private readonly int[] order;
    private readonly Random shuffle;
    private int shuffles;

    public InMemoryData(Dataset all, string fingerprint, Dataset training, Dataset? validation, Standardizer? standardizer, int seed)
        : base(all.Name, all.RowCount, fingerprint, all.ClassNames, all.FeatureNames, standardizer, training.RowCount, validation?.RowCount ?? 0)
    {
        (Training, Validation) = (training, validation);
        order = Enumerable.Range(0, training.RowCount).ToArray();
        shuffle = new Random(seed);
    }

    /// <summary>The standardized training part.</summary>
    public Dataset Training { get; }

    /// <summary>The standardized validation part, or null.</summary>
    public Dataset? Validation { get; }

    /// <inheritdoc/>
    public override IEnumerable<Minibatch> Minibatches(int epochNumber, int batchSize)
    {
        // Epoch e's order is the e-th cumulative shuffle: after a resume the first call replays the epochs before it.
        while (shuffles < epochNumber) Shuffle();
        int batches = (order.Length + batchSize - 1) / batchSize;
        for (int b = 0; b < batches; b++)
        {
            yield return new Minibatch(Training.Features, Training.Labels, order, b);
        }
    }

    /// <inheritdoc/>
    public override EpochMetrics TrainingMetrics(MultilayerPerceptron network, ClassifierOptions options) =>
        Metrics(network, Training.Features, Training.Labels, options);

    /// <inheritdoc/>
    public override EpochMetrics? ValidationMetrics(MultilayerPerceptron network, ClassifierOptions options) =>
        Validation is { } rows ? Metrics(network, rows.Features, rows.Labels, options) : null;

    /// <summary>The next epoch's row order: the current order permuted by Fisher–Yates, driven by the one shuffle generator.</summary>
    private void Shuffle()
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = shuffle.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        shuffles++;
    }
}
