namespace Likely.Evaluation;

/// <summary>
/// How well a classifier's predicted distributions q(·|x) fit the labels y of N rows: cross-entropy (the mean negative
/// log-likelihood), accuracy, calibration. Immutable. Shapes: N = rows, C = classes.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Cross-entropy H(p̂, q) = −(1/N)·Σ_i ln q(y_i|x_i) between the labels' empirical distribution p̂ and the model q,
/// in nats, computed from the logits z by log-sum-exp: −ln q(y|x) = logsumexp(z) − z_y; in bits H/ln 2; perplexity e^H.
/// It is the mean negative log-likelihood, which scikit-learn calls log-loss (<c>sklearn.metrics.log_loss</c>).</item>
/// <item>Accuracy (= micro accuracy) = (1/N)·Σ_i [argmax_c z_ic = y_i], ties to the lowest class index; top-k accuracy
/// counts a row when fewer than k classes have a strictly larger logit than the label's.</item>
/// <item>Macro accuracy = mean over classes present in the labels of the per-class recall (ML.NET's definition).</item>
/// <item>Per-class cross-entropy = mean of −ln q(y|x) over the rows of each class (NaN for a class with no row).</item>
/// <item>Cross-entropy reduction = (H_prior − H)/H_prior, where H_prior = −Σ_c π_c ln π_c is the cross-entropy of always
/// predicting the class frequencies π of these labels (the definition of ML.NET's <c>LogLossReduction</c>); 1 is
/// perfect, 0 is no better than the prior, negative is worse. Undefined (NaN) when all rows share one class.</item>
/// <item>Expected calibration error = Σ_b (n_b/N)·|acc_b − conf_b| over equal-width bins of the top-class
/// probability conf = max_c q(c|x) (15 bins by default, as Guo et al. 2017); the bins themselves are
/// <see cref="CalibrationBins"/>.</item>
/// </list>
/// Metrics are fractions in [0, 1], never percentages.
/// </remarks>
public sealed class ClassificationMetrics
{
    private readonly int[] confusion;
    private readonly double[] perClassCrossEntropy;
    private readonly CalibrationBin[] calibrationBins;

    private ClassificationMetrics(int rows, int classes, int topK, double crossEntropy, double accuracy, double topKAccuracy,
        double macroAccuracy, double crossEntropyReduction, double calibrationError, int[] confusion, double[] perClassCrossEntropy,
        CalibrationBin[] calibrationBins)
    {
        RowCount = rows;
        ClassCount = classes;
        TopK = topK;
        CrossEntropy = crossEntropy;
        Accuracy = accuracy;
        TopKAccuracy = topKAccuracy;
        MacroAccuracy = macroAccuracy;
        CrossEntropyReduction = crossEntropyReduction;
        ExpectedCalibrationError = calibrationError;
        this.confusion = confusion;
        this.perClassCrossEntropy = perClassCrossEntropy;
        this.calibrationBins = calibrationBins;
    }

    /// <summary>N, the number of rows evaluated.</summary>
    public int RowCount { get; }

    /// <summary>C, the number of classes.</summary>
    public int ClassCount { get; }

    /// <summary>k of <see cref="TopKAccuracy"/>.</summary>
    public int TopK { get; }

    /// <summary>Cross-entropy H = −(1/N)·Σ ln q(y_i|x_i), the mean negative log-likelihood, in nats (scikit-learn's log-loss).</summary>
    public double CrossEntropy { get; }

    /// <summary>Cross-entropy in bits: <see cref="CrossEntropy"/>/ln 2.</summary>
    public double CrossEntropyBits => CrossEntropy / Math.Log(2);

    /// <summary>Perplexity e^H: the effective number of equally likely classes the model hesitates between.</summary>
    public double Perplexity => Math.Exp(CrossEntropy);

    /// <summary>Fraction of rows whose most probable class is the label (also the micro accuracy).</summary>
    public double Accuracy { get; }

    /// <summary>Micro accuracy: the same as <see cref="Accuracy"/> (every row counts once).</summary>
    public double MicroAccuracy => Accuracy;

    /// <summary>Fraction of rows whose label is among the k most probable classes.</summary>
    public double TopKAccuracy { get; }

    /// <summary>Mean over classes present in the labels of the fraction of that class's rows predicted correctly.</summary>
    public double MacroAccuracy { get; }

    /// <summary>
    /// (H_prior − H)/H_prior: the relative fall in cross-entropy from always predicting the class frequencies of these
    /// labels (H_prior, their entropy) to the model (H); 1 is perfect, 0 no better than the prior. NaN when all rows share one class.
    /// </summary>
    public double CrossEntropyReduction { get; }

    /// <summary>Expected calibration error: Σ_b (n_b/N)·|accuracy_b − confidence_b| over confidence bins.</summary>
    public double ExpectedCalibrationError { get; }

    /// <summary>
    /// The equal-width confidence bins behind <see cref="ExpectedCalibrationError"/>, in order from [0, 1/B) to
    /// [(B−1)/B, 1]: each bin's row count, mean confidence and accuracy (NaN for an empty bin) — what a reliability
    /// diagram draws.
    /// </summary>
    public IReadOnlyList<CalibrationBin> CalibrationBins => calibrationBins;

    /// <summary>The C×C confusion matrix, row-major: entry [actual·C + predicted] counts rows.</summary>
    public IReadOnlyList<int> ConfusionMatrix => confusion;

    /// <summary>Cross-entropy (nats) over the rows of each class, −mean ln q(c|x) over rows labelled c; NaN for a class with no row.</summary>
    public IReadOnlyList<double> PerClassCrossEntropy => perClassCrossEntropy;

    /// <summary>Rows of class <paramref name="actual"/> predicted as <paramref name="predicted"/>.</summary>
    public int Count(int actual, int predicted) => confusion[actual * ClassCount + predicted];

    /// <summary>Computes every metric from N×C logits and N labels.</summary>
    /// <param name="logits">N×C logits z, row-major; q(c|x) = softmax(z)_c.</param>
    /// <param name="labels">N labels in [0, C).</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="topK">k ≥ 1 for the top-k accuracy (capped at C).</param>
    /// <param name="calibrationBins">Bins of the calibration error, ≥ 1.</param>
    /// <exception cref="ArgumentException">No row, a shape mismatch, a label out of range or a non-finite logit.</exception>
    public static ClassificationMetrics Compute(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, int topK = 5, int calibrationBins = 15)
    {
        var accumulator = new MetricsAccumulator(classes, topK, calibrationBins);
        accumulator.Add(logits, labels);
        return accumulator.ToMetrics();
    }

    /// <summary>Builds the metrics from the sums a <see cref="MetricsAccumulator"/> gathered.</summary>
    internal static ClassificationMetrics FromSums(int classes, int topK, long rows, double crossEntropySum, long correct, long topKCorrect,
        int[] confusion, double[] classCrossEntropySums, long[] classRows, long[] binRows, double[] binConfidence, long[] binCorrect)
    {
        if (rows == 0)
        {
            throw new ArgumentException("There is no row to evaluate; pass at least one row.", nameof(rows));
        }

        double n = rows;
        var perClass = new double[classes];
        double recallSum = 0, prior = 0;
        int present = 0;
        for (int c = 0; c < classes; c++)
        {
            perClass[c] = classRows[c] == 0 ? double.NaN : classCrossEntropySums[c] / classRows[c];
            if (classRows[c] > 0)
            {
                present++;
                recallSum += (double)confusion[c * classes + c] / classRows[c];
                double pi = classRows[c] / n;
                prior -= pi * Math.Log(pi);
            }
        }

        double crossEntropy = crossEntropySum / n;
        double reduction = prior > 0 ? (prior - crossEntropy) / prior : double.NaN;
        double calibration = 0;
        int binCount = binRows.Length;
        var bins = new CalibrationBin[binCount];
        for (int b = 0; b < binCount; b++)
        {
            long count = binRows[b];
            double accuracy = count > 0 ? (double)binCorrect[b] / count : double.NaN;
            double confidence = count > 0 ? binConfidence[b] / count : double.NaN;
            bins[b] = new CalibrationBin((double)b / binCount, (double)(b + 1) / binCount, (int)count, confidence, accuracy);
            if (count > 0)
            {
                calibration += count / n * Math.Abs(accuracy - confidence);
            }
        }

        return new ClassificationMetrics((int)rows, classes, Math.Min(topK, classes), crossEntropy, correct / n, topKCorrect / n,
            recallSum / present, reduction, calibration, confusion, perClass, bins);
    }
}
