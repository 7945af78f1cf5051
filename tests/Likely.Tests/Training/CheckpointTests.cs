using Likely.Data;
using Likely.Models;
using Likely.Training;

namespace Likely.Tests.Training;

/// <summary>
/// Checkpoints, resume, cancellation and divergence. The oracle for resume and cancellation is an uninterrupted run
/// of the same options: continuing from a checkpoint must reproduce its tensors bit for bit and its per-epoch metrics exactly.
/// </summary>
public sealed class CheckpointTests : IDisposable
{
    private static readonly Dataset Train = DatasetCatalog.Load("digits:train");
    private readonly string folder = Directory.CreateTempSubdirectory("likely-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Adam and SGD with momentum, both with dropout and a validation split (and early-stopping bookkeeping).</summary>
    public static TheoryData<OptimizerKind> Optimizers => new() { OptimizerKind.Adam, OptimizerKind.Sgd };

    private static ClassifierOptions Options(OptimizerKind optimizer) => new()
    {
        HiddenWidths = [48, 24], Epochs = 4, BatchSize = 64, Optimizer = optimizer, LearningRate = optimizer == OptimizerKind.Sgd ? 0.05 : 2e-3,
        Momentum = 0.9, Dropout = 0.2, ValidationFraction = 0.2, Patience = 10, Schedule = ScheduleKind.Cosine, WarmupEpochs = 1, Seed = 7,
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void Resume_FromEpochTwoCheckpointFile_BitIdenticalToUninterruptedRun(OptimizerKind optimizer)
    {
        ClassifierOptions options = Options(optimizer);
        ClassifierModel straight = Classifier.Fit(Train, options);

        var recorder = new CheckpointRecorder(epoch: 2, Path.Combine(folder, "run.ckpt"));
        Classifier.Fit(Train, options, recorder);
        TrainingCheckpoint loaded = TrainingCheckpoint.Load(recorder.Path);
        Assert.Equal(2, loaded.Epoch);
        ClassifierModel resumed = Classifier.Fit(Train, loaded);

        ClassifierTests.AssertSameWeights(straight.Network, resumed.Network);
        AssertSameHistory(straight.Provenance!.History, resumed.Provenance!.History);
        Assert.Equal(4, resumed.Provenance.EpochsRun);
    }

    [Fact]
    public void Resume_TwoEpochRunExtendedToFour_BitIdenticalToFourEpochRun()
    {
        // With a constant schedule the first two epochs do not depend on Epochs, so a 2-epoch run extended to 4 is the 4-epoch run.
        ClassifierOptions four = Options(OptimizerKind.Adam) with { Schedule = ScheduleKind.Constant, WarmupEpochs = 0 };
        ClassifierModel straight = Classifier.Fit(Train, four);
        var recorder = new CheckpointRecorder(epoch: 2, Path.Combine(folder, "two.ckpt"));
        Classifier.Fit(Train, four with { Epochs = 2 }, recorder);
        ClassifierModel resumed = Classifier.Fit(Train, TrainingCheckpoint.Load(recorder.Path), four with { Threads = 1 });

        ClassifierTests.AssertSameWeights(straight.Network, resumed.Network);
        AssertSameHistory(straight.Provenance!.History, resumed.Provenance!.History);
    }

    [Fact]
    public void Resume_DifferentData_ThrowsNamingFingerprints()
    {
        var recorder = new CheckpointRecorder(epoch: 1, Path.Combine(folder, "a.ckpt"));
        Classifier.Fit(Train, Options(OptimizerKind.Adam) with { Epochs = 1 }, recorder);
        Dataset other = Train.Subset(Enumerable.Range(0, 1000).ToArray());
        var exception = Assert.Throws<ArgumentException>(() => Classifier.Fit(other, TrainingCheckpoint.Load(recorder.Path)));
        Assert.Contains("not those the checkpoint was trained on", exception.Message);
        Assert.Contains("1,437 rows", exception.Message);
    }

    [Fact]
    public void Resume_ConflictingOption_ThrowsNamingTheDifference()
    {
        var recorder = new CheckpointRecorder(epoch: 1, Path.Combine(folder, "b.ckpt"));
        Classifier.Fit(Train, Options(OptimizerKind.Adam) with { Epochs = 1 }, recorder);
        var exception = Assert.Throws<ArgumentException>(() =>
            Classifier.Fit(Train, TrainingCheckpoint.Load(recorder.Path), Options(OptimizerKind.Adam) with { LearningRate = 0.1 }));
        Assert.Contains("LearningRate was 0.002, now 0.1", exception.Message);
    }

    [Fact]
    public void Fit_CanceledInThirdEpoch_ReturnsSecondEpochModel()
    {
        ClassifierOptions options = Options(OptimizerKind.Adam) with { Patience = 0, ValidationFraction = 0, Schedule = ScheduleKind.Constant, WarmupEpochs = 0 };
        ClassifierModel two = Classifier.Fit(Train, options with { Epochs = 2 });
        using var cancellation = new CancellationTokenSource();
        var canceler = new Canceler(cancellation, epoch: 3, batch: 5);

        ClassifierModel model = Classifier.Fit(Train, options, canceler, cancellation.Token);

        Assert.Equal(StopReason.Canceled, model.Provenance!.StopReason);
        Assert.Equal(2, model.Provenance.EpochsRun);
        Assert.Equal(5, canceler.LastBatch); // the minibatch in progress finished, no later one ran
        ClassifierTests.AssertSameWeights(two.Network, model.Network);
    }

    [Fact]
    public void Fit_CanceledInFirstEpoch_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        var canceler = new Canceler(cancellation, epoch: 1, batch: 2);
        Assert.ThrowsAny<OperationCanceledException>(() => Classifier.Fit(Train, Options(OptimizerKind.Adam), canceler, cancellation.Token));
    }

    [Theory]
    [InlineData(OptimizerKind.Adam, 1.0)]
    [InlineData(OptimizerKind.Adam, 1e9)]
    [InlineData(OptimizerKind.Sgd, 1e9)]
    public void Fit_HugeLearningRate_ThrowsDivergedWithAdvice(OptimizerKind optimizer, double rate)
    {
        var options = new ClassifierOptions { HiddenWidths = [64], Epochs = 5, Optimizer = optimizer, LearningRate = rate, Seed = 1 };
        var exception = Assert.Throws<TrainingDivergedException>(() => Classifier.Fit(Train, options));
        Assert.StartsWith("Training diverged at epoch ", exception.Message);
        Assert.Contains(FormattableString.Invariant($"try {rate / 10:G4}"), exception.Message);
        Assert.Equal(rate / 10, exception.SuggestedLearningRate);
        Assert.False(double.IsFinite(exception.Loss) && exception.Loss <= 4 * Math.Log(10), $"loss {exception.Loss} is not a divergence");
        Assert.Equal(1, exception.Epoch); // these rates blow up at once
        Assert.Null(exception.LastGoodModel); // no epoch completed, so no good model exists
    }

    [Fact]
    public void Fit_DivergesAfterGoodEpochs_CarriesTheLastGoodModel()
    {
        // SGD with momentum 0.99 at η = 0.2 on the default 256-128 MLP: good epochs first, then a mean cross-entropy above 4·ln 10.
        var options = new ClassifierOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0.99, LearningRate = 0.2, Epochs = 20 };
        var exception = Assert.Throws<TrainingDivergedException>(() => Classifier.Fit(Train, options));
        Assert.True(exception.Epoch > 1, $"diverged in epoch {exception.Epoch}");
        ClassifierModel good = exception.LastGoodModel!;
        Assert.Equal(exception.Epoch - 1, good.Provenance!.EpochsRun);
        Assert.Equal(StopReason.Diverged, good.Provenance.StopReason);

        // It is the model an undisturbed run of that many epochs gives.
        ClassifierModel shorter = Classifier.Fit(Train, options with { Epochs = good.Provenance.EpochsRun });
        ClassifierTests.AssertSameWeights(shorter.Network, good.Network);
    }

    [Fact]
    public void Resume_CheckpointWherePatienceRanOut_StopsAsTheUninterruptedRunDid()
    {
        // η = 0.05 overshoots on the digits: validation cross-entropy stops falling within a few epochs.
        var options = new ClassifierOptions { HiddenWidths = [32], LearningRate = 0.05, ValidationFraction = 0.2, Patience = 2, Epochs = 60, Seed = 5 };
        ClassifierModel straight = Classifier.Fit(Train, options);
        int stoppedAt = straight.Provenance!.EpochsRun;
        Assert.Equal(StopReason.EarlyStopping, straight.Provenance.StopReason);

        // A run asked for exactly that many epochs ends there with patience exhausted; resumed to 60, it must stop at once.
        var recorder = new CheckpointRecorder(stoppedAt, Path.Combine(folder, "patience.ckpt"));
        Classifier.Fit(Train, options with { Epochs = stoppedAt }, recorder);
        ClassifierModel resumed = Classifier.Fit(Train, TrainingCheckpoint.Load(recorder.Path), options);

        Assert.Equal(StopReason.EarlyStopping, resumed.Provenance!.StopReason);
        Assert.Equal(stoppedAt, resumed.Provenance.EpochsRun);
        Assert.Equal(straight.Provenance.BestEpoch, resumed.Provenance.BestEpoch);
        ClassifierTests.AssertSameWeights(straight.Network, resumed.Network);
    }

    [Fact]
    public void Resume_CosineScheduleWithOtherEpochs_ThrowsBecauseTheCurveWouldDiffer()
    {
        var recorder = new CheckpointRecorder(epoch: 2, Path.Combine(folder, "cosine.ckpt"));
        ClassifierOptions options = Options(OptimizerKind.Adam); // cosine over 4 epochs
        Classifier.Fit(Train, options, recorder);
        var exception = Assert.Throws<ArgumentException>(() => Classifier.Fit(Train, TrainingCheckpoint.Load(recorder.Path), options with { Epochs = 6 }));
        Assert.Contains("cosine schedule over 4 epochs", exception.Message);
    }

    [Fact]
    public void Fit_LbfgsCanceled_ThrowsOperationCanceled()
    {
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        var options = new ClassifierOptions { HiddenWidths = [], Solver = SolverKind.Lbfgs };
        Assert.ThrowsAny<OperationCanceledException>(() => Classifier.Fit(Train, options, cancellation: cancellation.Token));
    }

    private static void AssertSameHistory(IReadOnlyList<EpochReport> a, IReadOnlyList<EpochReport> b)
    {
        Assert.Equal(a.Count, b.Count);
        for (int e = 0; e < a.Count; e++)
        {
            Assert.Equal(a[e].Training, b[e].Training);
            Assert.Equal(a[e].Validation, b[e].Validation);
            Assert.Equal(a[e].LearningRate, b[e].LearningRate);
        }
    }

    /// <summary>Saves the checkpoint of one epoch to a file, as <c>likely train --checkpoint</c> does.</summary>
    private sealed class CheckpointRecorder(int epoch, string path) : IProgress<EpochReport>, IProgress<TrainingCheckpoint>
    {
        public string Path => path;

        public void Report(EpochReport value)
        {
        }

        public void Report(TrainingCheckpoint value)
        {
            if (value.Epoch == epoch) value.Save(path);
        }
    }

    /// <summary>Requests cancellation during one minibatch, as the first SIGINT does.</summary>
    private sealed class Canceler(CancellationTokenSource source, int epoch, int batch) : IProgress<EpochReport>, IProgress<BatchProgress>
    {
        public int LastBatch { get; private set; }

        public void Report(EpochReport value)
        {
        }

        public void Report(BatchProgress value)
        {
            LastBatch = value.Batch;
            if (value.Epoch == epoch && value.Batch == batch) source.Cancel();
        }
    }
}
