using Likely.Data;
using Likely.Models;
using Likely.Tests.Data;
using Likely.Training;
using Xunit.Abstractions;

namespace Likely.Tests.Training;

/// <summary>
/// Training from Parquet bigger than a memory limit (<see cref="Classifier.Fit(StreamedDataset, ClassifierOptions, long, IProgress{EpochReport}?, CancellationToken)"/>):
/// files written from the digits data set in row groups of 100 rows; a row takes 4·64 + 4 = 260 bytes, so a limit of
/// 60,000 bytes holds 230 rows: windows of two row groups.
/// </summary>
public sealed class StreamedTrainingTests(ITestOutputHelper output) : IDisposable
{
    private const long TwoRowGroups = 60_000;
    private readonly DataTestFiles files = new();
    private readonly Dataset digits = DatasetCatalog.Load("digits:train");

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.2)]
    public async Task Minibatches_EachEpoch_HoldEveryTrainingRowOnce(double validation)
    {
        string path = files.PathOf("ids.parquet");
        await ParquetTestFiles.Write(path, digits, rowGroupRows: 100, rowIds: true);
        StreamedDataset source = StreamedDataset.Open(path, new CsvDatasetOptions { Label = "label" });
        // Without standardizing, feature 0 is the row's id as written.
        var options = new ClassifierOptions { BatchSize = 64, Standardize = false, ValidationFraction = validation };
        StreamedTrainingData data = StreamedTrainingData.Prepare(source, options, TwoRowGroups);
        int n = data.TrainingRows, d = source.FeatureCount;

        var epochs = new List<int[]>();
        for (int epoch = 1; epoch <= 3; epoch++)
        {
            var sizes = new List<int>();
            // Each minibatch is read as it comes: the window's buffers are reused by the next window.
            int[] ids = [.. Ids(data.Minibatches(epoch, 64), d, sizes)];

            // ⌈N / B⌉ minibatches, as in memory, all of B rows but the last.
            Assert.Equal((n + 63) / 64, sizes.Count);
            Assert.All(sizes[..^1], size => Assert.Equal(64, size));
            Assert.Equal(n, ids.Length);
            Assert.Equal(n, ids.Distinct().Count());
            epochs.Add(ids);
        }

        int[] trainingIds = [.. epochs[0].Order()];
        Assert.Equal(trainingIds, epochs[1].Order());
        Assert.NotEqual(epochs[0], epochs[1]);
        Assert.NotEqual(epochs[1], epochs[2]);
        if (validation == 0)
        {
            Assert.Equal(Enumerable.Range(0, 1437), trainingIds);
        }
        else
        {
            // Whole row groups are held out: round(15 × 0.2) = 3 of the 15, so each group of 100 ids is all in or all out.
            Assert.Equal(1437, data.TrainingRows + data.ValidationRows);
            int[] groupsIn = [.. trainingIds.Select(id => id / 100).Distinct()];
            Assert.Equal(12, groupsIn.Length);
            Assert.Equal(data.TrainingRows, groupsIn.Sum(g => g == 14 ? 37 : 100));
        }

        // An epoch's order is a function of the seed and the epoch: a second preparation gives epoch 2 again.
        StreamedTrainingData again = StreamedTrainingData.Prepare(source, options, TwoRowGroups);
        int[] replay = [.. Ids(again.Minibatches(2, 64), d, [])];
        Assert.Equal(epochs[1], replay);
    }

    [Fact]
    public async Task Fit_SameSeed_SameModelBitForBit_AnotherSeedAnotherModel()
    {
        StreamedDataset source = await Digits();
        var options = new ClassifierOptions { HiddenWidths = [16], Epochs = 2, BatchSize = 32, Threads = 2 };

        ClassifierModel a = Classifier.Fit(source, options, TwoRowGroups);
        ClassifierModel b = Classifier.Fit(source, options with { Threads = 1 }, TwoRowGroups);
        ClassifierModel c = Classifier.Fit(source, options with { Seed = 2 }, TwoRowGroups);

        Assert.Equal(Weights(a), Weights(b));
        Assert.NotEqual(Weights(a), Weights(c));
        Assert.Equal(2, a.Provenance!.EpochsRun);
        Assert.Equal(1437, a.Provenance.TrainingRows);
    }

    [Fact]
    public async Task Fit_LimitAboveTheData_SameModelAsTheFitInMemory()
    {
        StreamedDataset source = await Digits();
        var options = new ClassifierOptions { HiddenWidths = [16], Epochs = 2, BatchSize = 32, ValidationFraction = 0.1 };

        // 373,620 bytes of rows: a limit of 400,000 holds them all.
        ClassifierModel streamedApi = Classifier.Fit(source, options, 400_000);
        ClassifierModel inMemory = Classifier.Fit(ParquetDataset.Read(source.Name, new CsvDatasetOptions { Label = "label" }), options);

        Assert.False(Classifier.IsStreamed(source, 400_000));
        Assert.True(Classifier.IsStreamed(source, 373_619));
        Assert.Equal(Weights(inMemory), Weights(streamedApi));
        Assert.Equal(inMemory.Provenance!.DataFingerprint, streamedApi.Provenance!.DataFingerprint);
    }

    [Fact]
    public async Task Fit_Streamed_StandardizerEqualsTheFitOnTheTrainingRows()
    {
        StreamedDataset source = await Digits();

        ClassifierModel model = Classifier.Fit(source, new ClassifierOptions { HiddenWidths = [], Epochs = 1 }, TwoRowGroups);
        Standardizer expected = Standardizer.Fit(digits);

        // As in StandardizerFit_UnevenParts: the same float64 statistics, rounded once to float32 (1 ulp apart at most).
        for (int j = 0; j < digits.FeatureCount; j++)
        {
            Assert.Equal(expected.Mean[j], model.Standardizer!.Mean[j], tolerance: 2.5e-7 * Math.Abs(expected.Mean[j]));
            Assert.Equal(expected.Scale[j], model.Standardizer.Scale[j], tolerance: 2.5e-7 * expected.Scale[j]);
        }
    }

    [Fact]
    public async Task Fit_StreamedDigits_TestAccuracyWithinThreePointsOfTheFitInMemory()
    {
        StreamedDataset source = await Digits();
        Dataset test = DatasetCatalog.Load("digits:test");
        var options = new ClassifierOptions { HiddenWidths = [32], Epochs = 10, BatchSize = 32 };

        double streamed = Classifier.Fit(source, options, TwoRowGroups).Evaluate(test).Accuracy;
        double inMemory = Classifier.Fit(digits, options).Evaluate(test).Accuracy;

        // Windows of 2 of 15 row groups shuffle rows less thoroughly than a shuffle of all 1,437 rows, and the row order
        // differs: the models differ, but training on the same rows to the same loss should not cost more than a few
        // test rows of 360 (0.03 is about 11 rows; measured when written: 0.9639 both ways).
        output.WriteLine($"digits:test accuracy: in memory {inMemory:F4}, streamed {streamed:F4}");
        Assert.InRange(inMemory, 0.93, 1);
        Assert.InRange(streamed, inMemory - 0.03, 1);
    }

    [Fact]
    public async Task Fit_RowGroupBiggerThanTheLimit_ThrowsNamingTheRowGroupAndTheLimitItNeeds()
    {
        StreamedDataset source = await Digits();

        // A row group of 100 rows takes 100 × 260 = 26,000 bytes.
        var error = Assert.Throws<ArgumentException>(() => Classifier.Fit(source, new ClassifierOptions { Epochs = 1 }, 20_000));

        Assert.Contains("26,000 bytes", error.Message);
        Assert.Contains("at least 26,000 bytes", error.Message);
        Assert.Contains("Row group 0 of", error.Message);
    }

    [Fact]
    public async Task Fit_ValidationFromOneRowGroup_ThrowsSayingWholeRowGroupsAreHeldOut()
    {
        string path = files.PathOf("one.parquet");
        await ParquetTestFiles.Write(path, digits.Subset([.. Enumerable.Range(0, 200)]), rowGroupRows: 200);
        StreamedDataset source = StreamedDataset.Open(path, new CsvDatasetOptions { Label = "label" });

        // Data of one row group always fit a limit its row group fits, and are then trained on in memory: only the
        // preparation of streamed data can meet this case.
        var error = Assert.Throws<ArgumentException>(() => StreamedTrainingData.Prepare(source, new ClassifierOptions { ValidationFraction = 0.2 }, 60_000));

        Assert.Contains("whole row groups", error.Message);
    }

    [Fact]
    public async Task Fit_CanceledAfterTheFirstEpoch_KeepsTheFirstEpochsModel()
    {
        StreamedDataset source = await Digits();
        using var cancel = new CancellationTokenSource();
        var progress = new CancelAfterEpoch(cancel);

        ClassifierModel model = Classifier.Fit(source, new ClassifierOptions { HiddenWidths = [], Epochs = 5, ValidationFraction = 0.2 }, TwoRowGroups, progress, cancel.Token);

        Assert.Equal(StopReason.Canceled, model.Provenance!.StopReason);
        Assert.Equal(1, model.Provenance.EpochsRun);
        Assert.NotNull(model.Provenance.FinalValidation);
    }

    [Fact]
    public async Task Fit_ResumedFromTheCheckpointOfEpochTwo_SameModelAsTheUninterruptedRun()
    {
        StreamedDataset source = await Digits();
        // Validation and early-stopping bookkeeping travel in the checkpoint too; a constant schedule lets a 2-epoch run extend to 4.
        var four = new ClassifierOptions { HiddenWidths = [16], Epochs = 4, BatchSize = 32, ValidationFraction = 0.2, Patience = 3, Dropout = 0.1 };
        string path = files.PathOf("two.ckpt");

        ClassifierModel straight = Classifier.Fit(source, four, TwoRowGroups);
        Classifier.Fit(source, four with { Epochs = 2 }, TwoRowGroups, new CheckpointRecorder(2, path));
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);
        ClassifierModel resumed = Classifier.Fit(source, checkpoint, four with { Threads = 1 }, TwoRowGroups);

        Assert.Equal(TwoRowGroups, checkpoint.MemoryLimit);
        Assert.Equal(Weights(straight), Weights(resumed));
        Assert.Equal(straight.Provenance!.History.Select(e => e.Validation!.CrossEntropy), resumed.Provenance!.History.Select(e => e.Validation!.CrossEntropy));
        Assert.Equal(straight.Provenance.DataFingerprint, resumed.Provenance.DataFingerprint);
    }

    [Fact]
    public async Task Fit_ResumedUnderAnotherLimitOrInMemory_ThrowsNamingTheLimitOfTheCheckpoint()
    {
        StreamedDataset source = await Digits();
        var options = new ClassifierOptions { HiddenWidths = [], Epochs = 1 };
        string path = files.PathOf("one.ckpt");
        Classifier.Fit(source, options, TwoRowGroups, new CheckpointRecorder(1, path));
        TrainingCheckpoint checkpoint = TrainingCheckpoint.Load(path);

        var other = Assert.Throws<ArgumentException>(() => Classifier.Fit(source, checkpoint, options with { Epochs = 2 }, 100_000));
        var inMemory = Assert.Throws<ArgumentException>(() => Classifier.Fit(digits, checkpoint, options with { Epochs = 2 }));

        Assert.Contains("60,000 bytes", other.Message);
        Assert.Contains("60,000 bytes", inMemory.Message);
    }

    private async Task<StreamedDataset> Digits()
    {
        string path = files.PathOf("digits.parquet");
        if (!File.Exists(path)) await ParquetTestFiles.Write(path, digits, rowGroupRows: 100);
        return StreamedDataset.Open(path, new CsvDatasetOptions { Label = "label" });
    }

    /// <summary>The ids (feature 0) of the rows of each minibatch in turn, noting each minibatch's size.</summary>
    private static IEnumerable<int> Ids(IEnumerable<Minibatch> batches, int d, List<int> sizes)
    {
        foreach (Minibatch batch in batches)
        {
            int start = batch.Index * 64, count = Math.Min(64, batch.Order.Length - start);
            sizes.Add(count);
            for (int i = 0; i < count; i++) yield return (int)batch.Features[batch.Order.Span[start + i] * d];
        }
    }

    private static float[] Weights(ClassifierModel model) =>
        [.. model.Network.Layers.SelectMany(layer => layer.WeightArray.Concat(layer.BiasArray))];

    /// <summary>Saves the checkpoint of one epoch to a file, as <c>likely train --checkpoint</c> does.</summary>
    private sealed class CheckpointRecorder(int epoch, string path) : IProgress<EpochReport>, IProgress<TrainingCheckpoint>
    {
        public void Report(EpochReport value)
        {
        }

        public void Report(TrainingCheckpoint value)
        {
            if (value.Epoch == epoch) value.Save(path);
        }
    }

    private sealed class CancelAfterEpoch(CancellationTokenSource cancel) : IProgress<EpochReport>
    {
        public void Report(EpochReport value) => cancel.Cancel();
    }
}
