using Likely.Data;
using Likely.Training;

namespace Likely.Tests.Training;

/// <summary>The running training metrics that <see cref="BatchProgress"/> carries after every minibatch.</summary>
public sealed class BatchProgressTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(0.1)] // smoothed loss: the running metrics are recomputed from the logits, not the kernel's row losses
    public void Report_LastBatchOfEpoch_EqualsTheEpochsTrainingMetrics(double labelSmoothing)
    {
        Dataset train = DatasetCatalog.Load("digits:train");
        var recorder = new Recorder();
        Classifier.Fit(train, new ClassifierOptions { HiddenWidths = [16], Epochs = 2, BatchSize = 100, LabelSmoothing = labelSmoothing, Threads = 1 }, recorder);

        Assert.Equal(2, recorder.Epochs.Count);
        foreach (EpochReport epoch in recorder.Epochs)
        {
            BatchProgress[] batches = recorder.Batches.Where(b => b.Epoch == epoch.Epoch).ToArray();
            // 1,437 rows in minibatches of 100: ⌈14.37⌉ = 15 minibatches, rows 100, 200, …, 1,400, 1,437.
            Assert.Equal(15, batches.Length);
            Assert.Equal(Enumerable.Range(1, 15).Select(b => (long)Math.Min(100 * b, 1437)), batches.Select(b => b.Rows));
            BatchProgress last = batches[^1];
            Assert.Equal(epoch.Training.CrossEntropy, last.CrossEntropy, 12);
            Assert.Equal(epoch.Training.Accuracy, last.Accuracy, 12);
            Assert.All(batches, b => Assert.InRange(b.Accuracy, 0, 1));
        }
    }

    [Fact]
    public void Report_FirstBatch_RunningCrossEntropyIsThatBatchsMeanLoss()
    {
        // Without smoothing or class weights the optimized loss is the plain mean −ln q(y|x) of the batch: after one
        // minibatch the running cross-entropy (a sum of the kernel's row losses over the rows) is the kernel's mean.
        var recorder = new Recorder();
        Classifier.Fit(DatasetCatalog.Load("digits:train"), new ClassifierOptions { HiddenWidths = [8], Epochs = 1, BatchSize = 64, Threads = 1 }, recorder);
        BatchProgress first = recorder.Batches[0];
        Assert.Equal(64, first.Rows);
        Assert.Equal(first.Loss, first.CrossEntropy, 1e-6);
        // The running mean after two batches is the mean of the two batch losses (equal sizes).
        BatchProgress second = recorder.Batches[1];
        Assert.Equal((first.Loss + second.Loss) / 2, second.CrossEntropy, 1e-6);
    }

    private sealed class Recorder : IProgress<EpochReport>, IProgress<BatchProgress>
    {
        public List<EpochReport> Epochs { get; } = [];

        public List<BatchProgress> Batches { get; } = [];

        public void Report(EpochReport value) => Epochs.Add(value);

        public void Report(BatchProgress value) => Batches.Add(value);
    }
}
