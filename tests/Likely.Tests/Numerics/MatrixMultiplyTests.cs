using Likely.Numerics;

namespace Likely.Tests.Numerics;

[Trait("Category", "Kernel")]
public class MatrixMultiplyTests
{
    private static float[] RandomMatrix(int length, int seed)
    {
        var random = new Random(seed);
        var values = new float[length];
        for (int i = 0; i < length; i++) values[i] = (float)(2 * random.NextDouble() - 1);
        return values;
    }

    /// <summary>Edges of the MR×NR tiles of every path (6×8, 6×16, 6×32), of the K block (256; K above it is cut into
    /// equal blocks) and the M block (96), the 8×8 transposed packing (K not a multiple of 8), and the MLP's own shapes.</summary>
    private static readonly (int M, int N, int K)[] ShapeList =
    [
        (1, 1, 1), (5, 15, 3), (6, 16, 8), (7, 17, 9), (6, 32, 16), (7, 33, 17), (13, 33, 255), (12, 32, 256), (97, 31, 257),
        (128, 10, 784), (100, 130, 600), (1, 40, 513), (40, 1, 70), (12, 64, 15), (10, 300, 131), (16, 33, 40), (8, 7, 9),
    ];

    public static TheoryData<int, int, int, VectorPath> ShapesOnEveryPath()
    {
        var data = new TheoryData<int, int, int, VectorPath>();
        foreach (VectorPath path in VectorPaths.All)
        {
            foreach ((int m, int n, int k) in ShapeList)
            {
                // The scalar path is the oracle itself; emulated 512-bit vectors are slow, so the largest shapes run on
                // the paths this CPU has.
                if (path == VectorPath.Scalar) continue;
                if (!VectorPaths.IsAccelerated(path) && (long)m * n * k > 2_000_000) continue;
                data.Add(m, n, k, path);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShapesOnEveryPath))]
    public void Multiply_AllTransposes_MatchesScalarReference(int m, int n, int k, VectorPath path)
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
                    MatrixMultiply.Multiply(a, transposeA, b, transposeB, actual, m, n, k, accumulate, threads: 2, path);
                    for (int i = 0; i < expected.Length; i++)
                    {
                        // float32 sums of k products of values in [−1, 1]: error grows like √k·2⁻²⁴.
                        Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-5 * (1 + Math.Sqrt(k)),
                            $"{path} m={m} n={n} k={k} tA={transposeA} tB={transposeB} acc={accumulate} i={i}: {expected[i]} vs {actual[i]}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Multiply_ScalarPath_IsTheReference()
    {
        float[] a = RandomMatrix(7 * 9, 1), b = RandomMatrix(9 * 5, 2), expected = new float[35], actual = new float[35];
        MatrixMultiply.MultiplyScalar(a, true, b, false, expected, 7, 5, 9);
        MatrixMultiply.Multiply(a, true, b, false, actual, 7, 5, 9, accumulate: false, threads: 2, VectorPath.Scalar);
        Assert.Equal(expected, actual);
    }

    [Theory]
    [InlineData(10, 5)] // 10 classes: two 5-row tiles, no padding (6 would pad to 12)
    [InlineData(16, 4)] // 4 × 4 = 16 (6 would pad to 18)
    [InlineData(12, 6)] // 6 divides 12; ties keep 6
    [InlineData(13, 5)] // 15 < 16 < 18
    [InlineData(7, 4)]  // 8 < 10 < 12
    [InlineData(17, 6)] // beyond the narrow range: always 6
    [InlineData(128, 6)]
    public void TileRowsFor_PadsANarrowCLeast(int m, int expected)
    {
        // By hand: the smallest of ⌈M/r⌉·r over r = 6, 5, 4 (6 on ties), only for M ≤ 16.
        Assert.Equal(expected, MatrixMultiplyKernel.TileRowsFor(m));
    }

    [Fact]
    public void KBlockLength_CutsKIntoEqualBlocks()
    {
        // By hand: 784 = 4 blocks of 196 (not 256 + 256 + 256 + 16); 256 is one block; 257 is two blocks of 129 and 128.
        Assert.Equal(196, MatrixMultiplyKernel.KBlockLength(784));
        Assert.Equal(256, MatrixMultiplyKernel.KBlockLength(256));
        Assert.Equal(129, MatrixMultiplyKernel.KBlockLength(257));
        Assert.Equal(1, MatrixMultiplyKernel.KBlockLength(1));
    }

    public static TheoryData<int, int, int, bool, bool, VectorPath> ThreadSplits()
    {
        var data = new TheoryData<int, int, int, bool, bool, VectorPath>();
        foreach (VectorPath path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
        {
            if (!VectorPaths.IsAccelerated(path)) continue;
            // Row splits (M ≥ N), column splits (N > M), and the transposes of the MLP's three multiplies.
            data.Add(128, 256, 784, false, true, path);
            data.Add(256, 784, 128, true, false, path);
            data.Add(128, 784, 256, false, false, path);
            data.Add(131, 10, 300, false, true, path);
            data.Add(10, 300, 131, false, true, path);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ThreadSplits))]
    public void Multiply_OneVersusManyThreads_BitIdentical(int m, int n, int k, bool transposeA, bool transposeB, VectorPath path)
    {
        float[] a = RandomMatrix(m * k, 4), b = RandomMatrix(k * n, 5);
        var one = new float[m * n];
        MatrixMultiply.Multiply(a, transposeA, b, transposeB, one, m, n, k, accumulate: false, threads: 1, path);
        foreach (int threads in new[] { 2, 3, 8 })
        {
            var many = new float[m * n];
            MatrixMultiply.Multiply(a, transposeA, b, transposeB, many, m, n, k, accumulate: false, threads, path);
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
        foreach (VectorPath path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 })
        {
            foreach (bool accumulate in new[] { false, true })
            {
                float[] expected = RandomMatrix(m * n, 8), actual = (float[])expected.Clone();
                MatrixMultiply.Multiply(a, transposeA, b, transposeB, expected, m, n, k, accumulate, threads: 1, path);
                var packed = new MatrixMultiplyKernel.PackedB(b, transposeB, k, n, path);
                MatrixMultiplyKernel.RunPrepacked(a, transposeA, packed, actual, m, accumulate);
                Assert.Equal(expected, actual);
            }
        }
    }

    [Theory]
    [InlineData(VectorPath.Scalar)]
    [InlineData(VectorPath.Vector128)]
    [InlineData(VectorPath.Vector256)]
    [InlineData(VectorPath.Vector512)]
    public void MultiplyGathered_SameBitsAsMultiplyingTheGatheredCopy(VectorPath path)
    {
        // A minibatch of 13 shuffled rows (some repeated) out of 40 stored rows of 37 features; the oracle is the same
        // multiply on an explicit copy of those rows, so the bits must agree exactly.
        const int stored = 40, features = 37, outputs = 19, batch = 13;
        float[] data = RandomMatrix(stored * features, 9), w = RandomMatrix(outputs * features, 10), dz = RandomMatrix(batch * outputs, 11);
        int[] rows = [39, 0, 17, 17, 5, 22, 38, 1, 30, 12, 7, 26, 3];
        float[] copy = rows.SelectMany(r => data.AsSpan(r * features, features).ToArray()).ToArray();
        foreach (bool transposed in new[] { false, true })
        {
            // Forward X·Wᵀ (A picked), the narrow form W·Xᵀ (B picked, transposed), and the weight gradient dZᵀ·X (B picked).
            float[] expected = new float[batch * outputs], actual = new float[batch * outputs];
            if (!transposed)
            {
                MatrixMultiply.Multiply(copy, false, w, true, expected, batch, outputs, features, false, 2, path);
                MatrixMultiply.MultiplyGathered(data, rows, false, w, [], true, actual, batch, outputs, features, false, 2, path);
            }
            else
            {
                MatrixMultiply.Multiply(w, false, copy, true, expected, outputs, batch, features, false, 2, path);
                MatrixMultiply.MultiplyGathered(w, [], false, data, rows, true, actual, outputs, batch, features, false, 2, path);
            }

            Assert.Equal(expected, actual);
        }

        float[] gradientExpected = new float[outputs * features], gradientActual = new float[outputs * features];
        MatrixMultiply.Multiply(dz, true, copy, false, gradientExpected, outputs, features, batch, false, 2, path);
        MatrixMultiply.MultiplyGathered(dz, [], true, data, rows, false, gradientActual, outputs, features, batch, false, 2, path);
        Assert.Equal(gradientExpected, gradientActual);
    }

    [Fact]
    public void MultiplyGathered_IndexOutOfRange_ThrowsNamingIt()
    {
        // a holds 12 values = 4 stored rows of K = 3, so row 4 does not exist.
        var exception = Assert.Throws<ArgumentException>(() =>
            MatrixMultiply.MultiplyGathered(new float[12], [0, 4], false, new float[6], [], true, new float[4], 2, 2, 3, false, 1, VectorPaths.Current));
        Assert.Equal("a", exception.ParamName);
        Assert.Contains("Row index 4 of a is outside [0, 4)", exception.Message);
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
