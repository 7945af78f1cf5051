using Likely.Evaluation;

namespace Likely.Training;

/// <summary>
/// The epoch's training metrics, gathered batch by batch as the weights move: mean cross-entropy −(1/N)·Σ ln q(y|x),
/// accuracy and top-k accuracy. With the loss kernel's row losses (plain loss: no smoothing, no class weights) it only
/// needs an argmax and a rank per row; otherwise it recomputes the plain loss from the logits.
/// </summary>
internal sealed class TrainingMetrics(int classes, int topK)
{
    private MetricsAccumulator? full;
    private double logLossSum;
    private long rows, correct, topKCorrect;

    /// <summary>Adds B rows whose plain cross-entropies the loss kernel already computed.</summary>
    // Runs every minibatch: compiled fully optimized at once (see docs/ARCHITECTURE.md, "Tiered compilation").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public void Add(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, ReadOnlySpan<float> rowLosses)
    {
        for (int i = 0; i < labels.Length; i++)
        {
            ReadOnlySpan<float> z = logits.Slice(i * classes, classes);
            float target = z[labels[i]];
            int larger = 0, predicted = 0;
            for (int c = 0; c < classes; c++)
            {
                if (z[c] > target) larger++;
                if (z[c] > z[predicted]) predicted = c;
            }

            logLossSum += rowLosses[i];
            if (predicted == labels[i]) correct++;
            if (larger < topK) topKCorrect++;
        }

        rows += labels.Length;
    }

    /// <summary>Adds B rows by recomputing −ln q(y|x) from their logits (when the training loss is smoothed or weighted).</summary>
    public void Add(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels)
    {
        full ??= new MetricsAccumulator(classes, topK);
        full.Add(logits, labels);
        rows += labels.Length;
    }

    /// <summary>The rows added so far.</summary>
    public long Rows => rows;

    /// <summary>The mean cross-entropy −(1/n)·Σ ln q(y|x) of the n rows added so far, in nats (NaN before any row).</summary>
    public double CrossEntropy => full is not null ? full.CrossEntropy : logLossSum / rows;

    /// <summary>The fraction of the rows added so far whose most probable class is the label (NaN before any row).</summary>
    public double Accuracy => full is not null ? full.Accuracy : (double)correct / rows;

    /// <summary>The metrics of every row added.</summary>
    public EpochMetrics ToEpochMetrics() => full is not null
        ? new EpochMetrics(full.CrossEntropy, full.Accuracy, full.TopKAccuracy)
        : new EpochMetrics(logLossSum / rows, (double)correct / rows, (double)topKCorrect / rows);
}
