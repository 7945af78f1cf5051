using System.Diagnostics;
using Likely.Models;

namespace Likely.Training;

/// <summary>
/// The epoch loop of minibatch training: for each epoch, a <see cref="TrainingStep"/> per minibatch of shuffled rows
/// (from <see cref="PreparedData.Minibatches"/>: in memory, or window by window of streamed row groups),
/// then a snapshot of the weights, validation metrics, the divergence and early-stopping checks, and the reports.
/// Shapes: N = training rows, D = features, C = classes, B = batch rows.
/// </summary>
/// <remarks>
/// <para>Random streams. In memory, the row order is shuffled each epoch, cumulatively, by one <see cref="Random"/> seeded with
/// <see cref="ClassifierOptions.Seed"/> (Fisher–Yates, N − 1 draws an epoch): the sequence Likely has always used, so a
/// seed keeps giving the same model. <see cref="Random"/>'s state cannot be saved, so a resume after epoch e rebuilds it
/// and the row order by replaying e shuffles (O(e·N) draws: about 0.1 s for 100 epochs of 60,000 rows). Streamed, the
/// order of row groups and of the rows of each window come from generators seeded by (Seed, e) (see
/// <see cref="StreamedTrainingData"/>). Dropout masks,
/// which draw N·H numbers an epoch (too many to replay), come from a generator seeded by (Seed, e) for each epoch.</para>
/// <para>So the state to resume after an epoch is the weights, the optimizer's moments and step count, and the
/// early-stopping bookkeeping — what <see cref="TrainingCheckpoint"/> saves. The matrix multiplies give the same bits on
/// any number of threads and every other reduction runs in a fixed order, so a run is bit-identical on any thread count
/// and across a checkpoint and resume.</para>
/// </remarks>
internal sealed class MinibatchTraining
{
    private const int DropoutStream = 2;

    /// <summary>The random stream that orders the training row groups of each epoch of streamed training.</summary>
    internal const int RowGroupStream = 3;

    /// <summary>The random stream that shuffles the rows of each window of streamed training.</summary>
    internal const int WindowStream = 4;

    private readonly PreparedData data;
    private readonly ClassifierOptions options;
    private readonly float[][] weights, biases;
    private readonly TrainingStep step;
    private readonly Optimizer optimizer;
    private readonly LearningRateSchedule schedule;
    private readonly List<EpochReport> history = [];
    private readonly int batchSize, batchesPerEpoch;
    private readonly double divergenceLimit;
    private int epoch;
    private MultilayerPerceptron? best;
    private double bestLoss = double.PositiveInfinity;
    private int bestEpoch, sinceBest;

    /// <summary>
    /// Whether early stopping has ended the run: no lower validation cross-entropy for Patience epochs, before the last
    /// epoch. Derived, so a checkpoint taken when patience ran out (even at its last epoch) stays stopped when resumed
    /// with more epochs, as the uninterrupted run would have.
    /// </summary>
    private bool StoppedEarly => KeepsBest && sinceBest >= options.Patience && epoch < options.Epochs;

    /// <summary>Sets up training from <paramref name="start"/>'s weights, or from <paramref name="checkpoint"/>'s full state.</summary>
    public MinibatchTraining(PreparedData data, ClassifierOptions options, MultilayerPerceptron start, TrainingCheckpoint? checkpoint)
    {
        (this.data, this.options) = (data, options);
        int rows = data.TrainingRows, classes = start.ClassCount;
        batchSize = Math.Min(options.BatchSize, rows);
        weights = start.Layers.Select(layer => (float[])layer.WeightArray.Clone()).ToArray();
        biases = start.Layers.Select(layer => (float[])layer.BiasArray.Clone()).ToArray();
        step = new TrainingStep(options, weights, biases, start.Activation, classes, batchSize);
        optimizer = Optimizer.Create(options, step.Parameters, step.Gradients, step.Decay);
        int batches = batchesPerEpoch = (rows + batchSize - 1) / batchSize;
        if ((long)options.Epochs * batches > int.MaxValue)
        {
            // The schedule and Adam's bias correction count steps in 32 bits.
            throw new OptionOutOfRangeException(nameof(ClassifierOptions.Epochs), options.Epochs,
                $"at most {int.MaxValue / batches:N0} with {batches:N0} minibatches an epoch (at most {int.MaxValue:N0} optimizer steps in all)");
        }

        schedule = new LearningRateSchedule(options.Schedule, options.LearningRate, (int)Math.Min(int.MaxValue, (long)options.WarmupEpochs * batches),
            options.Epochs * batches, batches, options.StepEpochs, options.StepFactor);
        // Four times the cross-entropy of guessing uniformly: a network that does this much worse than knowing nothing has diverged.
        divergenceLimit = 4 * Math.Log(classes);
        if (checkpoint is not null) Restore(checkpoint);
    }

    private bool KeepsBest => data.HasValidation && options.Patience > 0;

    /// <summary>Trains until the last epoch, early stopping or cancellation, and returns the model.</summary>
    public ClassifierModel Run(IProgress<EpochReport>? progress, CancellationToken cancellation)
    {
        var batchProgress = progress as IProgress<BatchProgress>;
        var checkpoints = progress as IProgress<TrainingCheckpoint>;
        MultilayerPerceptron? last = epoch > 0 ? Snapshot() : null;
        while (epoch < options.Epochs && !StoppedEarly)
        {
            int next = epoch + 1;
            var metrics = new TrainingMetrics(step.Classes, options.TopK);
            double rate = 0;
            bool canceled = false;
            var dropout = new Random(StreamSeed(options.Seed, DropoutStream, next));
            var clock = Stopwatch.StartNew(); // EpochReport.Seconds times the training steps (and, streamed, the reading of the windows)
            int b = 0;
            foreach (Minibatch batch in data.Minibatches(next, batchSize))
            {
                if (cancellation.IsCancellationRequested)
                {
                    canceled = true;
                    break;
                }

                rate = schedule.Rate(optimizer.StepCount);
                if (!step.Run(batch, dropout, metrics))
                {
                    throw Diverged(next, b + 1, last, rate);
                }

                optimizer.Step(rate);
                b++;
                // The running metrics are the sums the epoch's metrics already keep (the loss kernel's row losses): no extra pass.
                batchProgress?.Report(new BatchProgress(next, b, batchesPerEpoch, step.LastLoss, metrics.Rows, metrics.CrossEntropy, metrics.Accuracy));
            }

            if (canceled)
            {
                return Canceled(last, cancellation);
            }

            clock.Stop();
            MultilayerPerceptron current = Snapshot();
            EndEpoch(next, metrics, rate, clock.Elapsed.TotalSeconds, current, last);
            last = current;
            progress?.Report(history[^1]);
            checkpoints?.Report(Checkpoint(last));
        }

        return Model(Kept(last!), StoppedEarly ? StopReason.EarlyStopping : StopReason.Completed);
    }

    /// <summary>Validation, divergence and early-stopping bookkeeping after epoch <paramref name="next"/>'s last step.</summary>
    private void EndEpoch(int next, TrainingMetrics metrics, double rate, double seconds, MultilayerPerceptron current, MultilayerPerceptron? previous)
    {
        EpochMetrics training = metrics.ToEpochMetrics();
        if (!(training.CrossEntropy <= divergenceLimit) || !AllFinite(weights) || !AllFinite(biases))
        {
            string what = training.CrossEntropy > divergenceLimit
                ? FormattableString.Invariant($"the epoch's mean training cross-entropy exceeds 4·ln C = {divergenceLimit:G4} nats")
                : "a weight is not finite";
            throw new TrainingDivergedException(next, batchesPerEpoch, batchesPerEpoch, training.CrossEntropy, what, rate, divergenceLimit / 4, LastGood(previous));
        }

        EpochMetrics? validation = data.ValidationMetrics(current, options);

        history.Add(new EpochReport(next, training, validation, rate, seconds, data.TrainingRows / Math.Max(1e-9, seconds)));
        epoch = next;
        if (!KeepsBest) return;
        if (validation!.CrossEntropy < bestLoss)
        {
            (bestLoss, best, bestEpoch, sinceBest) = (validation.CrossEntropy, current, next, 0);
        }
        else
        {
            sinceBest++;
        }
    }

    /// <summary>The model to keep after cancellation, or the cancellation itself when no epoch has completed.</summary>
    private ClassifierModel Canceled(MultilayerPerceptron? last, CancellationToken cancellation)
    {
        if (last is null) throw new OperationCanceledException("Training was cancelled before its first epoch completed; there is no model to keep.", cancellation);
        return Model(Kept(last), StopReason.Canceled);
    }

    /// <summary>The divergence error for a minibatch, carrying the last completed epoch's model.</summary>
    private TrainingDivergedException Diverged(int next, int batch, MultilayerPerceptron? last, double rate) =>
        new(next, batch, batchesPerEpoch, step.LastLoss, step.LastProblem, rate, divergenceLimit / 4, LastGood(last));

    /// <summary>The model to offer after a divergence: the last completed epoch's (the best one with early stopping), or null before the first.</summary>
    private ClassifierModel? LastGood(MultilayerPerceptron? last) =>
        last is null ? null : data.Model(Kept(last), options, epoch, KeptEpoch, StopReason.Diverged, history, evaluate: false);

    private ClassifierModel Model(MultilayerPerceptron network, StopReason reason) =>
        data.Model(network, options, epoch, KeptEpoch, reason, history);

    /// <summary>
    /// The weights a model made now holds: the best epoch's with early stopping (once there is one: best stays null only
    /// while no validation cross-entropy has been finite), else <paramref name="last"/>, the last completed epoch's.
    /// </summary>
    private MultilayerPerceptron Kept(MultilayerPerceptron last) => KeepsBest && best is not null ? best : last;

    /// <summary>The epoch of <see cref="Kept"/>'s weights.</summary>
    private int KeptEpoch => KeepsBest && best is not null ? bestEpoch : epoch;

    private TrainingCheckpoint Checkpoint(MultilayerPerceptron current)
    {
        var state = new CheckpointState(options, TrainingProvenance.CurrentVersion, epoch, optimizer.StepCount, data.Name, data.RowCount, data.Fingerprint,
            data.ClassNames.ToArray(), data.FeatureNames.ToArray(), history.ToArray(), bestEpoch, bestLoss, sinceBest, data.MemoryLimit);
        var moments = optimizer.Moments.ToDictionary(pair => pair.Key, pair => pair.Value.Select(m => (float[])m.Clone()).ToArray());
        return new TrainingCheckpoint(state, current, KeepsBest ? best : null, moments);
    }

    private void Restore(TrainingCheckpoint checkpoint)
    {
        CheckpointState state = checkpoint.State;
        optimizer.Restore(state.OptimizerSteps, checkpoint.Moments);
        epoch = state.Epoch; // the data's minibatches of the next epoch follow from it (in memory, by replaying the shuffles)
        history.AddRange(state.History);
        (best, bestLoss, bestEpoch, sinceBest) = (checkpoint.Best, state.BestLoss, state.BestEpoch, state.EpochsSinceBest);
    }

    private MultilayerPerceptron Snapshot() =>
        new(weights.Select((w, l) => new DenseLayer(w.Length / biases[l].Length, biases[l].Length, w, biases[l])).ToArray(), step.Activation);

    /// <summary>A seed for random stream <paramref name="stream"/> of epoch <paramref name="epochNumber"/>: SplitMix64 of the three, so nearby seeds give unrelated streams.</summary>
    internal static int StreamSeed(int seed, int stream, int epochNumber)
    {
        ulong state = unchecked(((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream << 24) ^ (uint)epochNumber);
        return (int)(Data.SeededShuffle.Next(ref state) >> 33);
    }

    private static bool AllFinite(float[][] tensors) => tensors.All(t => TrainingStep.AllFinite(t));
}
