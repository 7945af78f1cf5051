using System.Diagnostics;
using Likely.Data;
using Likely.Evaluation;
using Likely.Losses;
using Likely.Models;

namespace Likely.Training;

/// <summary>
/// Minibatch training of a <see cref="MultilayerPerceptron"/> by minimizing the mean softmax cross-entropy of each
/// batch, i.e. maximizing the likelihood of the labels. Shapes: N = rows, D = features, C = classes, B = batch rows.
/// </summary>
/// <remarks>
/// Each epoch visits the rows in an order shuffled by a generator seeded from <see cref="TrainingOptions.Seed"/>;
/// dropout masks come from a second seeded generator. The matrix multiplies give the same bits on any number of
/// threads and every other reduction runs in a fixed order, so the same seed, data and options give bit-identical
/// weights whatever <see cref="TrainingOptions.Threads"/> is.
/// </remarks>
public sealed class Trainer
{
    /// <summary>Creates a trainer with the given hyper-parameters.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of its range.</exception>
    public Trainer(TrainingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Options = options;
    }

    /// <summary>The hyper-parameters.</summary>
    public TrainingOptions Options { get; }

    /// <summary>Trains a copy of <paramref name="initial"/> on <paramref name="training"/> and returns the trained network.</summary>
    /// <param name="initial">The starting network (see <see cref="MultilayerPerceptron.Initialize"/>); not modified.</param>
    /// <param name="training">Training rows (standardized already if wanted).</param>
    /// <param name="validation">Validation rows for per-epoch metrics and early stopping, or null.</param>
    /// <param name="epochCompleted">Called after each epoch with its report.</param>
    /// <param name="batchCompleted">Called after each optimizer step with (steps done this epoch, steps per epoch).</param>
    /// <param name="cancellationToken">Stops training between steps.</param>
    /// <exception cref="ArgumentException">The data do not match the network's inputs or classes, or training diverged.</exception>
    public TrainingResult Fit(
        MultilayerPerceptron initial, Dataset training, Dataset? validation = null,
        Action<EpochReport>? epochCompleted = null, Action<int, int>? batchCompleted = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(initial);
        ArgumentNullException.ThrowIfNull(training);
        CheckData(initial, training, nameof(training));
        if (validation is not null) CheckData(initial, validation, nameof(validation));
        if (Options.ClassWeights is { } classWeights && classWeights.Count != initial.ClassCount)
        {
            throw new ArgumentException($"ClassWeights has {classWeights.Count} entries but the model has {initial.ClassCount} classes.", nameof(training));
        }

        int layers = initial.Layers.Count, inputs = initial.InputCount, classes = initial.ClassCount;
        int rows = training.RowCount, batchSize = Math.Min(Options.BatchSize, rows), threads = Options.Threads;
        float[][] weights = initial.Layers.Select(layer => (float[])layer.WeightArray.Clone()).ToArray();
        float[][] biases = initial.Layers.Select(layer => (float[])layer.BiasArray.Clone()).ToArray();
        int[] widths = initial.Layers.Select(layer => layer.Inputs).Append(classes).ToArray();
        var pass = new NetworkPass(weights, biases, widths, initial.Activation, batchSize, withGradients: true);

        float[][] parameters = new float[2 * layers][], gradients = new float[2 * layers][];
        bool[] decay = new bool[2 * layers];
        for (int l = 0; l < layers; l++)
        {
            (parameters[2 * l], gradients[2 * l], decay[2 * l]) = (weights[l], pass.WeightGradients[l], true);
            (parameters[2 * l + 1], gradients[2 * l + 1], decay[2 * l + 1]) = (biases[l], pass.BiasGradients[l], false);
        }

        var optimizer = new Optimizer(Options, parameters, gradients, decay);
        int stepsPerEpoch = (rows + batchSize - 1) / batchSize;
        var schedule = new LearningRateSchedule(Options.Schedule, Options.LearningRate, Options.WarmupEpochs * stepsPerEpoch,
            Options.Epochs * stepsPerEpoch, stepsPerEpoch, Options.StepEpochs, Options.StepFactor);
        var lossOptions = new CrossEntropyOptions { LabelSmoothing = Options.LabelSmoothing, ClassWeights = Options.ClassWeights?.ToArray() };

        var shuffle = new Random(Options.Seed);
        var dropoutRandom = new Random(unchecked(Options.Seed * 31 + 17));
        int[] order = Enumerable.Range(0, rows).ToArray();
        var batchFeatures = new float[batchSize * inputs];
        var batchLabels = new int[batchSize];

        var history = new List<EpochReport>();
        MultilayerPerceptron? best = null;
        double bestLoss = double.PositiveInfinity;
        int bestEpoch = 0, sinceBest = 0, step = 0;
        bool stoppedEarly = false;
        bool keepBest = validation is not null && Options.Patience > 0;
        MultilayerPerceptron current = initial;
        for (int epoch = 1; epoch <= Options.Epochs; epoch++)
        {
            Shuffle(order, shuffle);
            var trainingMetrics = new MetricsAccumulator(classes, Options.TopK);
            var clock = Stopwatch.StartNew();
            double rate = Options.LearningRate;
            for (int b = 0; b < stepsPerEpoch; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int start = b * batchSize, count = Math.Min(batchSize, rows - start);
                for (int i = 0; i < count; i++)
                {
                    int row = order[start + i];
                    training.Row(row).CopyTo(batchFeatures.AsSpan(i * inputs, inputs));
                    batchLabels[i] = training.Labels[row];
                }

                ReadOnlySpan<float> x = batchFeatures.AsSpan(0, count * inputs);
                ReadOnlySpan<int> y = batchLabels.AsSpan(0, count);
                ReadOnlySpan<float> logits = pass.Forward(x, count, threads, Options.Dropout, dropoutRandom);
                double loss = SoftmaxCrossEntropy.Compute(logits, classes, y, pass.LogitGradient.AsSpan(0, count * classes), lossOptions);
                if (!double.IsFinite(loss))
                {
                    throw new ArgumentException(
                        $"Training diverged at epoch {epoch}, step {b + 1}: the loss is {loss}. Lower the learning rate ({Options.LearningRate}) or clip the gradient norm.",
                        nameof(training));
                }

                trainingMetrics.Add(logits, y);
                pass.Backward(x, count, threads);
                if (Options.ClipNorm > 0) GradientClipping.ClipByGlobalNorm(gradients, Options.ClipNorm);
                rate = schedule.Rate(step++);
                optimizer.Step(rate);
                batchCompleted?.Invoke(b + 1, stepsPerEpoch);
            }

            clock.Stop();
            current = Snapshot(weights, biases, initial.Activation);
            EpochMetrics? validationMetrics = null;
            if (validation is not null)
            {
                ClassificationMetrics metrics = ModelEvaluation.Evaluate(current, validation.Features, validation.Labels, Options.TopK, threads);
                validationMetrics = new EpochMetrics(metrics.MeanCrossEntropy, metrics.Accuracy, metrics.TopKAccuracy);
            }

            var report = new EpochReport(epoch,
                new EpochMetrics(trainingMetrics.MeanCrossEntropy, trainingMetrics.Accuracy, trainingMetrics.TopKAccuracy),
                validationMetrics, rate, clock.Elapsed.TotalSeconds, rows / Math.Max(1e-9, clock.Elapsed.TotalSeconds));
            history.Add(report);
            epochCompleted?.Invoke(report);

            if (keepBest)
            {
                if (validationMetrics!.MeanCrossEntropy < bestLoss)
                {
                    (bestLoss, best, bestEpoch, sinceBest) = (validationMetrics.MeanCrossEntropy, current, epoch, 0);
                }
                else if (++sinceBest >= Options.Patience)
                {
                    stoppedEarly = epoch < Options.Epochs;
                    break;
                }
            }
        }

        return keepBest
            ? new TrainingResult(best!, history, bestEpoch, stoppedEarly)
            : new TrainingResult(current, history, history.Count, false);
    }

    private static MultilayerPerceptron Snapshot(float[][] weights, float[][] biases, Activation activation) =>
        new(weights.Select((w, l) => new DenseLayer(w.Length / biases[l].Length, biases[l].Length, w, biases[l])).ToArray(), activation);

    /// <summary>Fisher–Yates shuffle driven by <paramref name="random"/>.</summary>
    private static void Shuffle(int[] order, Random random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static void CheckData(MultilayerPerceptron model, Dataset data, string name)
    {
        if (data.FeatureCount != model.InputCount)
        {
            throw new ArgumentException($"The {name} data have {data.FeatureCount} features but the model takes {model.InputCount}.", name);
        }

        if (data.ClassCount != model.ClassCount)
        {
            throw new ArgumentException($"The {name} data have {data.ClassCount} classes but the model has {model.ClassCount}.", name);
        }

        if (data.RowCount == 0)
        {
            throw new ArgumentException($"The {name} data have no row.", name);
        }
    }
}
