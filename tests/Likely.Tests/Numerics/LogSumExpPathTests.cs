using Likely.Numerics;

namespace Likely.Tests.Numerics;

/// <summary>
/// Log-sum-exp and log-softmax in float on every path (a path this CPU lacks runs emulated) against loops in double
/// written here (Math.Exp, Math.Log) and the documented special values. Tolerance: the exponential's relative error
/// (≤ 9e−8·|x| + 2 ulp for |x| ≤ 20 here: 2e−6) enters log s as an absolute error, plus float rounding of the result.
/// </summary>
[Trait("Category", "Kernel")]
public class LogSumExpPathTests
{
    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Compute_EveryLength_MatchesDoubleLoop(VectorPath path)
    {
        // Oracle: m + log Σ e^(x − m) in double. Lengths 1..70 run every tail of every width; ±10 needs the shift.
        var random = new Random(3);
        for (int n = 1; n <= 70; n++)
        {
            float[] x = Enumerable.Range(0, n).Select(_ => (float)(20 * random.NextDouble() - 10)).ToArray();
            double max = x.Max();
            double expected = max + Math.Log(x.Sum(v => Math.Exp(v - max)));
            float actual = LogSumExp.Compute(x, path);
            Assert.True(Math.Abs(expected - actual) <= 3e-6 * Math.Max(1, Math.Abs(expected)), $"{path}, n = {n}: {actual} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Compute_SpecialValues_AsDocumented(VectorPath path)
    {
        float ninf = float.NegativeInfinity;
        foreach (int n in new[] { 1, 3, 5, 17, 40 })
        {
            // log 0 for all −∞; NaN anywhere gives NaN; +∞ gives +∞; ±3e38 exact; a masked term contributes 0.
            float[] masked = Enumerable.Repeat(ninf, n).ToArray();
            Assert.Equal(ninf, LogSumExp.Compute(masked, path));
            float[] withNaN = Enumerable.Repeat(1f, n).ToArray();
            withNaN[n - 1] = float.NaN;
            Assert.True(float.IsNaN(LogSumExp.Compute(withNaN, path)), $"{path}, n = {n}: NaN");
            float[] withInfinity = Enumerable.Repeat(1f, n).ToArray();
            withInfinity[n / 2] = float.PositiveInfinity;
            Assert.Equal(float.PositiveInfinity, LogSumExp.Compute(withInfinity, path));
            float[] huge = Enumerable.Repeat(-3e38f, n).ToArray();
            huge[0] = 3e38f;
            Assert.Equal(3e38f, LogSumExp.Compute(huge, path)); // 3e38 + log(1 + (n − 1)·e^(−6e38)) = 3e38
            float[] oneLive = Enumerable.Repeat(ninf, n).ToArray();
            oneLive[n - 1] = 2.5f;
            Assert.Equal(2.5f, LogSumExp.Compute(oneLive, path)); // log(e^2.5 + 0) = 2.5 exactly: s = 1
        }

        Assert.Equal(ninf, LogSumExp.Compute(ReadOnlySpan<float>.Empty, path));
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void LogSoftmax_EveryClassCount_MatchesDoubleTwinInPlaceToo(VectorPath path)
    {
        // Oracle: the closed form z_k − max − log Σ exp(z_j − max) in double (Math.Exp, Math.Log), written out here rather
        // than taken from Likely's own double overload. In place (destination = logits) must give the same bits.
        var random = new Random(4);
        for (int classes = 1; classes <= 40; classes++)
        {
            double[] z = Enumerable.Range(0, 3 * classes).Select(_ => (double)(float)(20 * random.NextDouble() - 10)).ToArray();
            var expected = new double[z.Length];
            for (int row = 0; row < z.Length; row += classes)
            {
                double max = z.Skip(row).Take(classes).Max();
                double log = Math.Log(z.Skip(row).Take(classes).Sum(v => Math.Exp(v - max)));
                for (int k = row; k < row + classes; k++) expected[k] = z[k] - max - log;
            }
            float[] logits = z.Select(v => (float)v).ToArray();
            var actual = new float[z.Length];
            LogSoftmax.Compute(logits, classes, actual, path);
            LogSoftmax.Compute(logits, classes, logits, path);
            Assert.Equal(actual, logits);
            for (int k = 0; k < z.Length; k++)
            {
                Assert.True(Math.Abs(expected[k] - actual[k]) <= 5e-6 * Math.Max(1, Math.Abs(expected[k])), $"{path}, C = {classes}, entry {k}: {actual[k]} vs {expected[k]}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void LogSoftmax_MaskedHugeAndBadRows_AsDocumented(VectorPath path)
    {
        // Row 0: (0, −∞, ln 3) → (ln ¼, −∞, ln ¾). Row 1: (3e38, −3e38, 0) → (0, −∞ (−6e38 overflows float), −3e38).
        // Row 2 has a NaN and row 3 a +∞: no defined softmax, NaN throughout.
        float[] logits = [0f, float.NegativeInfinity, MathF.Log(3), 3e38f, -3e38f, 0f, 1f, float.NaN, 2f, 1f, float.PositiveInfinity, 0f];
        var output = new float[logits.Length];
        LogSoftmax.Compute(logits, 3, output, path);
        Assert.Equal(MathF.Log(0.25f), output[0], 6);
        Assert.Equal(float.NegativeInfinity, output[1]);
        Assert.Equal(MathF.Log(0.75f), output[2], 6);
        Assert.Equal([0f, float.NegativeInfinity, -3e38f], output[3..6]);
        Assert.All(output[6..], v => Assert.True(float.IsNaN(v)));
    }
}
