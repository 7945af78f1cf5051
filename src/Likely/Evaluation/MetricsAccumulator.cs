namespace Likely.Evaluation;

/// <summary>
/// Gathers the sums behind <see cref="ClassificationMetrics"/> batch by batch, so that a large data set can be
/// evaluated without holding all its logits. Rows are processed in order, so the result does not depend on batching.
/// </summary>
internal sealed class MetricsAccumulator
{
    private readonly int classes;
    private readonly int topK;
    private readonly int[] confusion;
    private readonly double[] classCrossEntropySums;
    private readonly long[] classRows;
    private readonly long[] binRows;
    private readonly double[] binConfidence;
    private readonly long[] binCorrect;
    private long rows, correct, topKCorrect;
    private double crossEntropySum;

    public MetricsAccumulator(int classes, int topK = 5, int calibrationBins = 15)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(topK, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(calibrationBins, 1);
        this.classes = classes;
        this.topK = topK;
        confusion = new int[classes * classes];
        classCrossEntropySums = new double[classes];
        classRows = new long[classes];
        binRows = new long[calibrationBins];
        binConfidence = new double[calibrationBins];
        binCorrect = new long[calibrationBins];
    }

    /// <summary>The cross-entropy (mean −ln q(y|x)) of the rows so far, in nats.</summary>
    public double CrossEntropy => crossEntropySum / rows;

    /// <summary>The accuracy of the rows so far.</summary>
    public double Accuracy => (double)correct / rows;

    /// <summary>The top-k accuracy of the rows so far.</summary>
    public double TopKAccuracy => (double)topKCorrect / rows;

    /// <summary>Adds the rows of one batch: B×C logits and B labels.</summary>
    public void Add(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels)
    {
        if (logits.Length != (long)labels.Length * classes)
        {
            throw new ArgumentException($"logits has {logits.Length} entries but {labels.Length} rows of {classes} classes need {(long)labels.Length * classes}.", nameof(logits));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            int y = labels[i];
            if ((uint)y >= (uint)classes)
            {
                throw new ArgumentException($"Label {y} at row {i} is outside [0, {classes}); there are {classes} classes.", nameof(labels));
            }

            ReadOnlySpan<float> z = logits.Slice(i * classes, classes);
            float max = float.NegativeInfinity;
            int predicted = 0;
            for (int c = 0; c < classes; c++)
            {
                if (!float.IsFinite(z[c]))
                {
                    throw new ArgumentException($"Logit {z[c]} at row {i}, class {c} is not finite; the model produced an invalid output.", nameof(logits));
                }

                if (z[c] > max)
                {
                    max = z[c];
                    predicted = c;
                }
            }

            double sumExp = 0;
            int larger = 0;
            for (int c = 0; c < classes; c++)
            {
                sumExp += Math.Exp(z[c] - max);
                if (z[c] > z[y]) larger++;
            }

            double rowCrossEntropy = max + Math.Log(sumExp) - z[y]; // −ln q(y|x)
            double confidence = 1 / sumExp; // the top class's probability: e^(max − max)/Σ
            rows++;
            crossEntropySum += rowCrossEntropy;
            classCrossEntropySums[y] += rowCrossEntropy;
            classRows[y]++;
            confusion[y * classes + predicted]++;
            if (predicted == y) correct++;
            if (larger < topK) topKCorrect++;
            int bin = Math.Min(binRows.Length - 1, (int)(confidence * binRows.Length));
            binRows[bin]++;
            binConfidence[bin] += confidence;
            if (predicted == y) binCorrect[bin]++;
        }
    }

    /// <summary>The metrics of every row added.</summary>
    public ClassificationMetrics ToMetrics() =>
        ClassificationMetrics.FromSums(classes, topK, rows, crossEntropySum, correct, topKCorrect, (int[])confusion.Clone(),
            classCrossEntropySums, classRows, binRows, binConfidence, binCorrect);
}
