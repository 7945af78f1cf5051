using Likely.Evaluation;

namespace Likely.Tests.Evaluation;

public class ClassificationMetricsTests
{
    [Fact]
    public void Compute_HandWorkedThreeRows_AllMetricsAgree()
    {
        // Logits ln(p) so that softmax gives these probabilities exactly (up to float rounding):
        // row 0: p = (0.7, 0.2, 0.1), label 0 (correct, conf 0.7)
        // row 1: p = (0.5, 0.4, 0.1), label 1 (wrong: predicted 0, label ranked 2nd, conf 0.5)
        // row 2: p = (0.1, 0.1, 0.8), label 2 (correct, conf 0.8)
        float[] logits = new[] { 0.7, 0.2, 0.1, 0.5, 0.4, 0.1, 0.1, 0.1, 0.8 }.Select(p => (float)Math.Log(p)).ToArray();
        int[] labels = [0, 1, 2];
        ClassificationMetrics m = ClassificationMetrics.Compute(logits, labels, 3, topK: 2, calibrationBins: 10);

        double ce = -(Math.Log(0.7) + Math.Log(0.4) + Math.Log(0.8)) / 3; // = 0.50877…
        Assert.Equal(ce, m.CrossEntropy, 1e-6);
        Assert.Equal(ce / Math.Log(2), m.CrossEntropyBits, 1e-6);
        Assert.Equal(Math.Exp(ce), m.Perplexity, 1e-6);
        Assert.Equal(2.0 / 3, m.Accuracy, 1e-12);
        Assert.Equal(1.0, m.TopKAccuracy, 1e-12); // label of row 1 is 2nd
        Assert.Equal(2.0 / 3, m.MacroAccuracy, 1e-12); // recalls 1, 0, 1
        // Prior: one row per class, H_prior = ln 3; reduction = (ln 3 − H)/ln 3.
        Assert.Equal((Math.Log(3) - ce) / Math.Log(3), m.CrossEntropyReduction, 1e-6);
        // ECE with 10 bins: bins 7 (0.7, correct), 5 (0.5, wrong), 8 (0.8, correct):
        // (1/3)(|1 − 0.7| + |0 − 0.5| + |1 − 0.8|) = 1/3.
        Assert.Equal(1.0 / 3, m.ExpectedCalibrationError, 1e-6);
        Assert.Equal(1, m.Count(1, 0));
        Assert.Equal(0, m.Count(1, 1));
        Assert.Equal(-Math.Log(0.4), m.PerClassCrossEntropy[1], 1e-6);
    }

    [Fact]
    public void CalibrationBins_HandWorkedFiveRows_CountsConfidencesAndAccuracies()
    {
        // Five bins of width 0.2 over the top-class probability; logits ln p, so softmax gives p back:
        // row 0: p = (0.50, 0.30, 0.20), label 0: conf 0.50, bin 2 [0.4, 0.6), correct
        // row 1: p = (0.45, 0.35, 0.20), label 1: conf 0.45, bin 2, wrong
        // row 2: p = (0.90, 0.05, 0.05), label 0: conf 0.90, bin 4 [0.8, 1], correct
        // row 3: p = (0.10, 0.85, 0.05), label 2: conf 0.85, bin 4, wrong
        // row 4: p = (0.10, 0.20, 0.70), label 2: conf 0.70, bin 3 [0.6, 0.8), correct
        double[][] p = [[0.50, 0.30, 0.20], [0.45, 0.35, 0.20], [0.90, 0.05, 0.05], [0.10, 0.85, 0.05], [0.10, 0.20, 0.70]];
        float[] logits = p.SelectMany(row => row).Select(x => (float)Math.Log(x)).ToArray();
        ClassificationMetrics m = ClassificationMetrics.Compute(logits, [0, 1, 0, 2, 2], 3, calibrationBins: 5);

        IReadOnlyList<CalibrationBin> bins = m.CalibrationBins;
        Assert.Equal(5, bins.Count);
        Assert.Equal([0.0, 0.2, 0.4, 0.6, 0.8], bins.Select(b => b.Lower));
        Assert.Equal([0.2, 0.4, 0.6, 0.8, 1.0], bins.Select(b => b.Upper));
        Assert.Equal([0, 0, 2, 1, 2], bins.Select(b => b.Count));
        Assert.True(double.IsNaN(bins[0].MeanConfidence) && double.IsNaN(bins[0].Accuracy) && double.IsNaN(bins[1].Gap));
        Assert.Equal(0.475, bins[2].MeanConfidence, 1e-6); // (0.50 + 0.45)/2
        Assert.Equal(0.5, bins[2].Accuracy, 1e-12);
        Assert.Equal(0.70, bins[3].MeanConfidence, 1e-6);
        Assert.Equal(1.0, bins[3].Accuracy, 1e-12);
        Assert.Equal(0.875, bins[4].MeanConfidence, 1e-6); // (0.90 + 0.85)/2
        Assert.Equal(0.5, bins[4].Accuracy, 1e-12);
        Assert.Equal(0.375, bins[4].Gap, 1e-6);
        // ECE = (2/5)·|0.5 − 0.475| + (1/5)·|1 − 0.7| + (2/5)·|0.5 − 0.875| = 0.01 + 0.06 + 0.15 = 0.22.
        Assert.Equal(0.22, m.ExpectedCalibrationError, 1e-6);
    }

    [Fact]
    public void Compute_UnbalancedLabels_ReductionIsAgainstTheLabelFrequencies()
    {
        // Every row predicts q = (0.6, 0.3, 0.1); labels 0, 0, 0, 1 (class 2 has no row). By hand:
        // H = −(3·ln 0.6 + ln 0.3)/4 = 0.6841…; the labels' frequencies are (3/4, 1/4, 0), so
        // H_prior = −(¾·ln ¾ + ¼·ln ¼) = 0.5623… and the reduction (H_prior − H)/H_prior = −0.2166… is negative:
        // this model is worse than always predicting the frequencies.
        float[] row = [(float)Math.Log(0.6), (float)Math.Log(0.3), (float)Math.Log(0.1)];
        float[] logits = [.. row, .. row, .. row, .. row];
        ClassificationMetrics m = ClassificationMetrics.Compute(logits, [0, 0, 0, 1], 3);

        double h = -(3 * Math.Log(0.6) + Math.Log(0.3)) / 4;
        double prior = -(0.75 * Math.Log(0.75) + 0.25 * Math.Log(0.25));
        Assert.Equal(h, m.CrossEntropy, 1e-6);
        Assert.Equal((prior - h) / prior, m.CrossEntropyReduction, 1e-6);
        Assert.True(m.CrossEntropyReduction < 0);
        Assert.Equal(-Math.Log(0.6), m.PerClassCrossEntropy[0], 1e-6);
        Assert.Equal(-Math.Log(0.3), m.PerClassCrossEntropy[1], 1e-6);
        Assert.True(double.IsNaN(m.PerClassCrossEntropy[2])); // no row of class 2
    }

    [Fact]
    public void Compute_OneClassOnly_ReductionIsNaN()
    {
        // All labels 0: the prior's cross-entropy −1·ln 1 = 0, so (0 − H)/0 is undefined.
        ClassificationMetrics m = ClassificationMetrics.Compute([1f, 0f, 2f, 0f], [0, 0], 2);
        Assert.True(double.IsNaN(m.CrossEntropyReduction));
    }

    [Fact]
    public void Compute_HugeLogits_FiniteViaLogSumExp()
    {
        // exp(1e4) overflows; log-sum-exp gives CE = 0 for the winning label and 2e4 for the other row (by hand).
        float[] logits = [1e4f, -1e4f, 1e4f, -1e4f];
        ClassificationMetrics m = ClassificationMetrics.Compute(logits, [0, 1], 2);
        Assert.Equal(1e4, m.CrossEntropy, 1e-6);
    }

    [Fact]
    public void Compute_NaNLogit_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([float.NaN, 0f], [0], 2));
    }

    [Fact]
    public void Compute_NoRows_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ClassificationMetrics.Compute([], [], 3));
    }
}
