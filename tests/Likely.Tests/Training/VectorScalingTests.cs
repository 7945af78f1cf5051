using System.Text.Json;
using Likely.Training;

namespace Likely.Tests.Training;

/// <summary>
/// Vector scaling against SciPy (Data/vector_scaling_reference.json, made by make_vector_scaling_reference.py: the
/// objective written in NumPy and minimized by scipy.optimize.minimize, then Newton-polished, independently of Likely),
/// against central differences of its own objective for the analytic gradient L-BFGS uses, and against the temperature
/// fit it contains (w = 1/T, b = 0 is one of its candidates).
/// </summary>
public sealed class VectorScalingTests
{
    public static TheoryData<string> ReferenceCases() => new(Cases.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Fit_ScipyReference_MatchesScaleBiasAndCrossEntropy(string name)
    {
        Case reference = Cases.Single(c => c.Name == name);
        VectorScalingFit fit = VectorScaling.Fit(reference.Logits, reference.Labels, reference.Classes);

        // ŵ, b̂ (b̂ centred to sum 0 in both): SciPy's Newton-polished minimizer has gradient below 1e-16; Likely's L-BFGS
        // stops at a gradient of 1e-9·H, and with the smallest Hessian eigenvalue here about 0.01 that leaves a parameter
        // error near 1e-7, plus the float32 rounding of the stored values (6e-8 relative). 1e-5 absolute bounds both.
        for (int c = 0; c < reference.Classes; c++)
        {
            Assert.Equal(reference.Scale[c], fit.Scale[c], 1e-5);
            Assert.Equal(reference.Bias[c], fit.Bias[c], 1e-5);
        }

        // The cross-entropy at w = 1, b = 0 is a sum in double of the same float32 logits: 1e-12 relative. At the minimum H
        // is flat, so a parameter error δ moves it by O(δ²): 1e-10 relative.
        Assert.Equal(reference.CrossEntropyBefore, fit.CrossEntropyBefore, reference.CrossEntropyBefore * 1e-12);
        Assert.Equal(reference.CrossEntropyAfter, fit.CrossEntropyAfter, reference.CrossEntropyAfter * 1e-10);
        Assert.Equal(reference.Rows, fit.RowCount);
        Assert.Equal(0, fit.Bias.Sum(), 1e-6);
    }

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Fit_ScipyReference_NoWorseThanTheTemperature(string name)
    {
        // w = 1/T̂, b = 0 is one candidate of the 2C-parameter fit, so its minimum is at most the temperature's (slack: rounding).
        Case reference = Cases.Single(c => c.Name == name);
        VectorScalingFit vector = VectorScaling.Fit(reference.Logits, reference.Labels, reference.Classes);
        TemperatureFit temperature = TemperatureScaling.Fit(reference.Logits, reference.Labels, reference.Classes);
        Assert.True(vector.CrossEntropyAfter <= temperature.CrossEntropyAfter + 1e-12, $"{vector.CrossEntropyAfter} > {temperature.CrossEntropyAfter}");
    }

    [Fact]
    public void Evaluate_Gradient_MatchesCentralDifferences()
    {
        // ∂H/∂w_c and ∂H/∂b_c against central differences of H at random (w, b) (step 1e-5: truncation O(h²) ≈ 1e-10, rounding ≈ 1e-16/h).
        Case reference = Cases.Single(c => c.Name == "per-class");
        int classes = reference.Classes;
        var random = new Random(5);
        for (int trial = 0; trial < 5; trial++)
        {
            double[] theta = Enumerable.Range(0, 2 * classes).Select(k => k < classes ? 0.2 + 2 * random.NextDouble() : random.NextDouble() * 2 - 1).ToArray();
            var gradient = new double[2 * classes];
            VectorScaling.Evaluate(reference.Logits, reference.Labels, classes, theta, gradient);
            for (int k = 0; k < 2 * classes; k++)
            {
                const double h = 1e-5;
                double[] up = (double[])theta.Clone(), down = (double[])theta.Clone();
                up[k] += h;
                down[k] -= h;
                double numeric = (VectorScaling.Evaluate(reference.Logits, reference.Labels, classes, up, []) - VectorScaling.Evaluate(reference.Logits, reference.Labels, classes, down, [])) / (2 * h);
                Assert.Equal(numeric, gradient[k], 1e-8);
            }
        }
    }

    [Fact]
    public void Evaluate_HandValue_MatchesLogSoftmax()
    {
        // One row z = (1, 2), label 1, w = (2, 0.5), b = (0.5, −0.5): s = (2.5, 0.5), H = ln(e^2.5 + e^0.5) − 0.5.
        double expected = Math.Log(Math.Exp(2.5) + Math.Exp(0.5)) - 0.5;
        Assert.Equal(expected, VectorScaling.Evaluate([1, 2], [1], 2, [2, 0.5, 0.5, -0.5], []), 1e-15);
    }

    [Fact]
    public void Fit_SeparatedClasses_ThrowsNoFiniteMaximum()
    {
        // Class 0's rows have z = (1, 0) and class 1's z = (0, 1): every label is its row's top logit, so the likelihood
        // rises without bound as the scales grow.
        float[] logits = [1, 0, 0, 1, 1, 0, 0, 1];
        var exception = Assert.Throws<ArgumentException>(() => VectorScaling.Fit(logits, [0, 1, 0, 1], 2));
        Assert.Contains("no maximum", exception.Message);
    }

    [Fact]
    public void Fit_ClassWithoutRows_ThrowsNoFiniteMaximum()
    {
        // No row has label 2: b_2 → −∞ lowers the cross-entropy without end.
        float[] logits = [1, 0, 0.5f, 0, 1, 0.5f, 1, 0, 0.5f, 0, 1, 0.5f];
        var exception = Assert.Throws<ArgumentException>(() => VectorScaling.Fit(logits, [0, 1, 1, 0], 3));
        Assert.Contains("Class 2 has no row", exception.Message);
    }

    [Fact]
    public void Fit_BadInput_ThrowsNamingTheProblem()
    {
        Assert.Contains("Label 3 at row 1", Assert.Throws<ArgumentException>(() => VectorScaling.Fit([1, 0, 0, 1], [0, 3], 2)).Message);
        Assert.Contains("no row", Assert.Throws<ArgumentException>(() => VectorScaling.Fit([], [], 2)).Message);
        Assert.Contains("need 4", Assert.Throws<ArgumentException>(() => VectorScaling.Fit([1, 0, 0], [0, 1], 2)).Message);
        Assert.Contains("not finite", Assert.Throws<ArgumentException>(() => VectorScaling.Fit([1, float.NaN, 0, 1], [0, 1], 2)).Message);
    }

    /// <summary>One reference case: N×C logits (float32-representable), N labels, ŵ, b̂ (centred) and the cross-entropy at (1, 0) and at (ŵ, b̂).</summary>
    public sealed record Case(string Name, int Rows, int Classes, float[] Logits, int[] Labels, double[] Scale, double[] Bias, double CrossEntropyBefore, double CrossEntropyAfter);

    /// <summary>Every case of vector_scaling_reference.json.</summary>
    public static IReadOnlyList<Case> Cases { get; } = Read();

    private static Case[] Read()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Likely.Tests.Data.DataTestFiles.Committed("vector_scaling_reference.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("name").GetString()!,
            c.GetProperty("rows").GetInt32(),
            c.GetProperty("classes").GetInt32(),
            c.GetProperty("logits").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray(),
            c.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
            c.GetProperty("scale").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            c.GetProperty("bias").EnumerateArray().Select(v => v.GetDouble()).ToArray(),
            c.GetProperty("crossEntropyBefore").GetDouble(),
            c.GetProperty("crossEntropyAfter").GetDouble())).ToArray();
    }
}
