using Likely.Numerics;

namespace Likely.Tests.Numerics;

[Trait("Category", "Kernel")]
public class MinibatchKernelsTests
{
    private static float[] RandomValues(int length, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (float)(4 * random.NextDouble() - 2)).ToArray();
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void AddToEveryRow_EveryWidth_SameBitsAsTheLoop(VectorPath path)
    {
        // Oracle: the loop written here, one float add per element (the kernel does the same add, so bits agree).
        foreach (int columns in Enumerable.Range(0, 70))
        {
            const int rows = 5;
            float[] matrix = RandomValues(rows * columns, columns), bias = RandomValues(columns, 100 + columns);
            float[] expected = (float[])matrix.Clone();
            for (int r = 0; r < rows; r++)
            {
                for (int c = 0; c < columns; c++) expected[r * columns + c] += bias[c];
            }

            MinibatchKernels.AddToEveryRow(matrix, rows, bias, path);
            Assert.Equal(expected, matrix);
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void SumOverRows_EveryWidth_SameBitsAsRowOrderSums(VectorPath path)
    {
        foreach (int columns in Enumerable.Range(0, 70))
        {
            const int rows = 7;
            float[] matrix = RandomValues(rows * columns, columns);
            var expected = new float[columns];
            for (int c = 0; c < columns; c++)
            {
                float sum = 0;
                for (int r = 0; r < rows; r++) sum += matrix[r * columns + c]; // row order, as the kernel adds
                expected[c] = sum;
            }

            var actual = new float[columns];
            MinibatchKernels.SumOverRows(matrix, rows, actual, path);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void SumOfSquares_EveryLength_MatchesDoubleReference(VectorPath path)
    {
        foreach (int length in Enumerable.Range(0, 300).Concat([1023, 1024, 1025, 5000]))
        {
            float[] x = RandomValues(length, length);
            double expected = MinibatchKernels.SumOfSquaresScalar(x); // every square in double
            double actual = MinibatchKernels.SumOfSquares(x, path);
            // Float sums of at most 1024 squares per block: relative error ≤ 1024·2⁻²⁴ ≈ 6e-5 in the worst case.
            Assert.True(Math.Abs(actual - expected) <= 6e-5 * expected + 1e-30, $"{path} length {length}: {actual} vs {expected}");
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void SumOfSquares_HugeButFinite_IsFiniteAndNonFiniteIsNot(VectorPath path)
    {
        // 1e20² = 1e40 overflows float but not double: the block is redone in double (by hand: 3 × 1e40).
        float[] huge = [1e20f, -1e20f, 1e20f];
        Assert.Equal(3 * (double)1e20f * 1e20f, MinibatchKernels.SumOfSquares(huge, path), 1e-12 * 3e40);
        Assert.Equal(double.PositiveInfinity, MinibatchKernels.SumOfSquares([1, float.PositiveInfinity, 2], path));
        Assert.True(double.IsNaN(MinibatchKernels.SumOfSquares([1, float.NaN, 2], path)));
    }

    [Fact]
    public void AddToEveryRow_ShortMatrix_Throws()
    {
        Assert.Throws<ArgumentException>(() => MinibatchKernels.AddToEveryRow(new float[5], 2, new float[3]));
    }
}
