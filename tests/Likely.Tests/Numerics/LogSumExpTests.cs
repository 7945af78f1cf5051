using Likely.Numerics;

namespace Likely.Tests.Numerics;

public class LogSumExpTests
{
    [Fact]
    public void Compute_SpecialValues_AsDocumented()
    {
        float ninf = float.NegativeInfinity;
        Assert.Equal(ninf, LogSumExp.Compute(ReadOnlySpan<float>.Empty));        // log 0
        Assert.Equal(ninf, LogSumExp.Compute([ninf, ninf]));                      // all masked
        Assert.True(float.IsNaN(LogSumExp.Compute([1f, float.NaN, 2f])));
        Assert.Equal(float.PositiveInfinity, LogSumExp.Compute([1f, float.PositiveInfinity]));
        Assert.Equal(3e38f, LogSumExp.Compute([3e38f, -3e38f]));                  // 3e38 + log(1 + e^(−6e38)) = 3e38
        Assert.Equal(1e4f + MathF.Log(2), LogSumExp.Compute([1e4f, 1e4f]), 2);    // 1e4 + ln 2 (float spacing at 1e4 is ~1e−3)
        Assert.Equal(2.0, LogSumExp.Compute([2.0, double.NegativeInfinity]));      // log(e² + 0)
    }

    [Fact]
    public void Compute_EveryLength_MatchesDoubleLoop()
    {
        // Oracle: log Σ e^x in double, with x ∈ [−5, 5] so no shift is needed.
        var random = new Random(3);
        for (int n = 1; n <= 70; n++)
        {
            float[] x = Enumerable.Range(0, n).Select(_ => (float)(10 * random.NextDouble() - 5)).ToArray();
            double expected = Math.Log(x.Sum(v => Math.Exp(v)));
            float actual = LogSumExp.Compute(x);
            Assert.True(Math.Abs(expected - actual) <= 2e-6 * Math.Max(1, Math.Abs(expected)), $"n = {n}: {actual} vs {expected}");
        }
    }

    [Fact]
    public void LogSoftmax_MaskedAndHugeLogits_FiniteWhereDefined()
    {
        // Row 0: (0, −∞, ln 3) → (ln ¼, −∞, ln ¾). Row 1: (3e38, −3e38, 0) → (0, −∞ (−6e38 overflows float), −3e38).
        float[] logits = [0f, float.NegativeInfinity, MathF.Log(3), 3e38f, -3e38f, 0f];
        var output = new float[6];
        LogSoftmax.Compute(logits, 3, output);
        Assert.Equal(MathF.Log(0.25f), output[0], 6);
        Assert.Equal(float.NegativeInfinity, output[1]);
        Assert.Equal(MathF.Log(0.75f), output[2], 6);
        Assert.Equal(0f, output[3]);
        Assert.Equal(float.NegativeInfinity, output[4]);
        Assert.Equal(-3e38f, output[5]);
    }

    [Fact]
    public void LogSoftmax_EveryLength_MatchesDoubleTwin()
    {
        var random = new Random(4);
        for (int classes = 1; classes <= 40; classes++)
        {
            double[] z = Enumerable.Range(0, 2 * classes).Select(_ => (double)(float)(20 * random.NextDouble() - 10)).ToArray();
            var expected = new double[z.Length];
            LogSoftmax.Compute(z, classes, expected);
            var actual = new float[z.Length];
            LogSoftmax.Compute(z.Select(v => (float)v).ToArray(), classes, actual);
            for (int k = 0; k < z.Length; k++) Assert.True(Math.Abs(expected[k] - actual[k]) <= 5e-6 * Math.Max(1, Math.Abs(expected[k])), $"C = {classes}, entry {k}: {actual[k]} vs {expected[k]}");
        }
    }

    [Fact]
    public void LogSoftmax_LengthMismatch_NamesDestination()
    {
        var error = Assert.Throws<ArgumentException>(() => LogSoftmax.Compute(new float[4], 2, new float[3]));
        Assert.Equal("destination", error.ParamName);
    }
}
