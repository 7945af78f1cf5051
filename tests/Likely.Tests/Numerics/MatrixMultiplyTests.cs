using Likely.Numerics;

namespace Likely.Tests.Numerics;

public class MatrixMultiplyTests
{
    private static float[] RandomMatrix(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(2 * random.NextDouble() - 1);
        return values;
    }

    public static TheoryData<int, int, int> Shapes()
    {
        var data = new TheoryData<int, int, int>();
        // Edges of the 6×16 tile, the K block (256) and the M block (96), and the MLP's own shapes.
        foreach ((int m, int n, int k) in new[]
                 {
                     (1, 1, 1), (5, 15, 3), (6, 16, 8), (7, 17, 9), (13, 33, 255), (12, 32, 256), (97, 31, 257),
                     (128, 10, 784), (100, 130, 600), (1, 40, 513), (40, 1, 70),
                 })
        {
            data.Add(m, n, k);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void Multiply_AllTransposes_MatchesScalarReference(int m, int n, int k)
    {
        float[] a = RandomMatrix(m * k, 1), b = RandomMatrix(k * n, 2);
        foreach (bool transposeA in new[] { false, true })
        {
            foreach (bool transposeB in new[] { false, true })
            {
                foreach (bool accumulate in new[] { false, true })
                {
                    float[] expected = RandomMatrix(m * n, 3), actual = (float[])expected.Clone();
                    // Oracle: the scalar triple loop in double.
                    MatrixMultiply.MultiplyScalar(a, transposeA, b, transposeB, expected, m, n, k, accumulate);
                    MatrixMultiply.Multiply(a, transposeA, b, transposeB, actual, m, n, k, accumulate, threads: 2);
                    for (int i = 0; i < expected.Length; i++)
                    {
                        // float32 sums of k products of values in [−1, 1]: error grows like √k·2⁻²⁴.
                        Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * (1 + Math.Sqrt(k)),
                            $"m={m} n={n} k={k} tA={transposeA} tB={transposeB} acc={accumulate} i={i}: {expected[i]} vs {actual[i]}");
                    }
                }
            }
        }
    }

    [Theory]
    [InlineData(128, 256, 784)]
    [InlineData(256, 784, 128)]
    [InlineData(131, 10, 300)]
    public void Multiply_OneVersusManyThreads_BitIdentical(int m, int n, int k)
    {
        float[] a = RandomMatrix(m * k, 4), b = RandomMatrix(k * n, 5);
        var one = new float[m * n];
        MatrixMultiply.Multiply(a, false, b, true, one, m, n, k, threads: 1);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var many = new float[m * n];
            MatrixMultiply.Multiply(a, false, b, true, many, m, n, k, threads: threads);
            Assert.Equal(one, many);
        }
    }

    [Theory]
    [InlineData(10, 256, 784, false, true)] // the L-BFGS forward Zᵀ = W·Xᵀ
    [InlineData(10, 784, 256, true, false)] // the L-BFGS gradient G += dZᵀ·X
    [InlineData(7, 33, 300, false, false)]
    public void RunPrepacked_SameBitsAsMultiply(int m, int n, int k, bool transposeA, bool transposeB)
    {
        float[] a = RandomMatrix(m * k, 6), b = RandomMatrix(k * n, 7);
        foreach (bool accumulate in new[] { false, true })
        {
            float[] expected = RandomMatrix(m * n, 8), actual = (float[])expected.Clone();
            MatrixMultiply.Multiply(a, transposeA, b, transposeB, expected, m, n, k, accumulate);
            var packed = new MatrixMultiplyKernel.PackedB(b, transposeB, k, n);
            MatrixMultiplyKernel.RunPrepacked(a, transposeA, packed, actual, m, accumulate);
            Assert.Equal(expected, actual);
        }
    }

    [Fact]
    public void Multiply_ZeroK_ClearsOrKeepsDestination()
    {
        float[] c = [1, 2, 3, 4];
        MatrixMultiply.Multiply([], false, [], false, c, 2, 2, 0, accumulate: true);
        Assert.Equal([1f, 2, 3, 4], c); // C += empty sum
        MatrixMultiply.Multiply([], false, [], false, c, 2, 2, 0);
        Assert.Equal([0f, 0, 0, 0], c); // C = empty sum = 0
    }

    [Fact]
    public void Multiply_HandWorked2x2_Exact()
    {
        // [1 2; 3 4]·[5 6; 7 8] = [19 22; 43 50], worked by hand.
        var c = new float[4];
        MatrixMultiply.Multiply([1, 2, 3, 4], false, [5, 6, 7, 8], false, c, 2, 2, 2);
        Assert.Equal([19f, 22, 43, 50], c);
    }

    [Fact]
    public void Multiply_ShortBuffer_ThrowsNamingIt()
    {
        var exception = Assert.Throws<ArgumentException>(() => MatrixMultiply.Multiply(new float[3], false, new float[4], false, new float[4], 2, 2, 2));
        Assert.Equal("a", exception.ParamName);
    }
}
