using Likely.Training;

namespace Likely.Tests.Training;

/// <summary>
/// Temperature scaling against SciPy (Data/temperature_reference.json, made by make_temperature_reference.py with
/// scipy.optimize.minimize_scalar, independently of Likely), against a brute-force grid over T, and against finite
/// differences of its own cross-entropy for the analytic derivatives its Newton steps use.
/// </summary>
public sealed class TemperatureScalingTests
{
    public static TheoryData<string> ReferenceCases() => new(TemperatureReference.Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Fit_ScipyReference_MatchesTemperatureAndCrossEntropy(string name)
    {
        TemperatureReference.Case reference = TemperatureReference.Cases.Single(c => c.Name == name);
        TemperatureFit fit = TemperatureScaling.Fit(reference.Logits, reference.Labels, reference.Classes);

        // T̂ from SciPy's Brent search on ln T (tol 1e-12): equal to 1e-6 relative, the accuracy the issue asks for; the
        // flatness of H at its minimum limits SciPy's T̂ to about √ε ≈ 1e-8 relative, well inside it.
        Assert.Equal(reference.Temperature, fit.Temperature, reference.Temperature * 1e-6);
        // The cross-entropies from SciPy's logsumexp in float64 on the same float32 logits: sums of N terms in double, 1e-12 relative.
        Assert.Equal(reference.CrossEntropyBefore, fit.CrossEntropyBefore, reference.CrossEntropyBefore * 1e-12);
        Assert.Equal(reference.CrossEntropyAfter, fit.CrossEntropyAfter, reference.CrossEntropyAfter * 1e-12);
        Assert.Equal(reference.Rows, fit.RowCount);
        Assert.InRange(fit.Iterations, 1, 50);
    }

    [Fact]
    public void Fit_ScipyReference_OverconfidentAboveOneUnderconfidentBelow()
    {
        // The cases were made by scaling calibrated logits by 3 and by 0.4 (see the script): T̂ undoes the scale roughly.
        Assert.InRange(TemperatureScaling.Fit(Case("overconfident").Logits, Case("overconfident").Labels, 5).Temperature, 2, 4);
        Assert.InRange(TemperatureScaling.Fit(Case("underconfident").Logits, Case("underconfident").Labels, 5).Temperature, 0.25, 0.6);
    }

    [Fact]
    public void Fit_RandomCases_NoGridTemperatureHasLowerCrossEntropy()
    {
        // Oracle: a brute-force grid of 1,201 temperatures, ln T from −6 to 6, and T = 1 itself (so calibration never
        // raises the validation cross-entropy: the MLE is over every T > 0, 1 included). Slack 1e-13 for rounding in the sums.
        var random = new Random(20261202);
        for (int trial = 0; trial < 40; trial++)
        {
            int rows = random.Next(20, 120), classes = random.Next(2, 8);
            double scale = Math.Exp(random.NextDouble() * 3 - 1.5);
            (float[] logits, int[] labels) = Draw(random, rows, classes, scale);
            TemperatureFit fit = TemperatureScaling.Fit(logits, labels, classes);

            double atOne = CrossEntropy(logits, labels, classes, 1);
            Assert.True(fit.CrossEntropyAfter <= atOne + 1e-13, $"trial {trial}: {fit.CrossEntropyAfter} > H(1) = {atOne}");
            Assert.Equal(atOne, fit.CrossEntropyBefore, 1e-13);
            for (int k = -600; k <= 600; k++)
            {
                double t = Math.Exp(k / 100.0);
                double h = CrossEntropy(logits, labels, classes, t);
                Assert.True(fit.CrossEntropyAfter <= h + 1e-13, $"trial {trial}: H(T̂ = {fit.Temperature}) = {fit.CrossEntropyAfter} > H({t}) = {h}");
            }
        }
    }

    [Fact]
    public void Evaluate_Derivatives_MatchCentralDifferences()
    {
        // H'(β) and H''(β) in β = 1/T against central differences of H (step 1e-4: error O(h²) ≈ 1e-8 relative, rounding ≈ 1e-12/h).
        var random = new Random(7);
        (float[] logits, int[] labels) = Draw(random, 60, 4, 2.5);
        foreach (double beta in new[] { 0.1, 0.5, 1, 2, 7 })
        {
            const double h = 1e-4;
            var (_, slope, curvature) = TemperatureScaling.Evaluate(logits, labels, 4, beta);
            double numericSlope = (CrossEntropy(logits, labels, 4, 1 / (beta + h)) - CrossEntropy(logits, labels, 4, 1 / (beta - h))) / (2 * h);
            double numericCurvature = (TemperatureScaling.Evaluate(logits, labels, 4, beta + h).Slope - TemperatureScaling.Evaluate(logits, labels, 4, beta - h).Slope) / (2 * h);
            Assert.Equal(numericSlope, slope, 1e-6);
            Assert.Equal(numericCurvature, curvature, 1e-6);
        }
    }

    [Fact]
    public void Fit_EveryLabelTopClass_ThrowsNoFiniteTemperature()
    {
        // Each row's label has the largest logit: the likelihood → 1 as T → 0, so no T > 0 maximizes it.
        float[] logits = [3, 1, 0, 0, 2, 1, 1, 0, 4];
        var exception = Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit(logits, [0, 1, 2], 3));
        Assert.Contains("T → 0", exception.Message);
    }

    [Fact]
    public void Fit_WorseThanChance_ThrowsNoFiniteTemperature()
    {
        // The labels are the smallest logits: the likelihood is largest at T → ∞ (uniform probabilities).
        float[] logits = [3, 1, 0, 0, 2, 1, 1, 0, 4];
        var exception = Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit(logits, [2, 0, 1], 3));
        Assert.Contains("no better than chance", exception.Message);
    }

    [Fact]
    public void Fit_BadInput_ThrowsNamingTheProblem()
    {
        Assert.Contains("Label 3 at row 1", Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([1, 0, 0, 1], [0, 3], 2)).Message);
        Assert.Contains("no row", Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([], [], 2)).Message);
        Assert.Contains("need 4", Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([1, 0, 0], [0, 1], 2)).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => TemperatureScaling.Fit([1, float.NaN, 0, 1], [0, 1], 2)).Message);
    }

    private static TemperatureReference.Case Case(string name) => TemperatureReference.Cases.Single(c => c.Name == name);

    /// <summary>Calibrated logits times <paramref name="scale"/>, labels drawn from softmax of the calibrated ones; one row made wrong for sure.</summary>
    private static (float[] Logits, int[] Labels) Draw(Random random, int rows, int classes, double scale)
    {
        var logits = new float[rows * classes];
        var labels = new int[rows];
        var p = new double[classes];
        for (int i = 0; i < rows; i++)
        {
            for (int c = 0; c < classes; c++) p[c] = 2 * (random.NextDouble() * 2 - 1);
            double max = p.Max(), sum = p.Sum(v => Math.Exp(v - max));
            double u = random.NextDouble() * sum, cumulative = 0;
            labels[i] = classes - 1;
            for (int c = 0; c < classes; c++)
            {
                cumulative += Math.Exp(p[c] - max);
                if (u < cumulative) { labels[i] = c; break; }
            }

            for (int c = 0; c < classes; c++) logits[i * classes + c] = (float)(p[c] * scale);
        }

        // Row 0: the label gets the lowest logit, and row 1 the highest, so both a wrong row and a right one exist.
        labels[0] = Array.IndexOf(logits[..classes], logits[..classes].Min());
        labels[1] = Array.IndexOf(logits[classes..(2 * classes)], logits[classes..(2 * classes)].Max());
        return (logits, labels);
    }

    /// <summary>H(T) = (1/N)·Σ [logsumexp(z/T) − z_y/T], straight from the definition, in double (the test's own oracle).</summary>
    internal static double CrossEntropy(float[] logits, int[] labels, int classes, double t)
    {
        double total = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            double[] s = Enumerable.Range(0, classes).Select(c => logits[i * classes + c] / t).ToArray();
            double max = s.Max();
            total += max + Math.Log(s.Sum(v => Math.Exp(v - max))) - s[labels[i]];
        }

        return total / labels.Length;
    }
}
