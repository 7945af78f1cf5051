using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// The small kernels a training step runs around its matrix multiplies (B = rows, O = columns):
/// the bias add Z[r, :] += b, the bias gradient db = Σ_r dZ[r, :], and the squared gradient norm Σ g².
/// </summary>
/// <remarks>
/// Why not <c>TensorPrimitives</c>: these run hundreds of times a second, and on two busy cores tiered compilation left
/// the library's versions at tier 0 for most of an epoch (Σ g² over the MLP's 235,146 gradients took 135 µs instead of
/// 9 µs; see docs/BENCHMARKS.md). Methods marked <see cref="MethodImplOptions.AggressiveOptimization"/> are compiled fully
/// optimized at once. Each has a scalar reference (<c>…Scalar</c>) with the same order of operations per element, so
/// the bias kernels give the same bits on every path.
/// </remarks>
internal static unsafe class MinibatchKernels
{
    /// <summary>Elements summed in float before the block's sum joins the double total of <see cref="SumOfSquares(ReadOnlySpan{float})"/>.</summary>
    private const int SquaresBlock = 1024;

    /// <summary>Z[r, c] += b[c] for every row r of the B×O matrix Z.</summary>
    public static void AddToEveryRow(Span<float> matrix, int rows, ReadOnlySpan<float> vector) =>
        AddToEveryRow(matrix, rows, vector, VectorPaths.Current);

    /// <inheritdoc cref="AddToEveryRow(Span{float}, int, ReadOnlySpan{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void AddToEveryRow(Span<float> matrix, int rows, ReadOnlySpan<float> vector, VectorPath path)
    {
        int columns = vector.Length;
        RequireShape(matrix.Length, rows, columns);
        fixed (float* m = matrix, v = vector)
        {
            switch (path)
            {
                case VectorPath.Vector512: AddToEveryRow<Lanes512, Vector512<float>>(m, rows, v, columns); break;
                case VectorPath.Vector256: AddToEveryRow<Lanes256, Vector256<float>>(m, rows, v, columns); break;
                case VectorPath.Vector128: AddToEveryRow<Lanes128, Vector128<float>>(m, rows, v, columns); break;
                default: AddToEveryRowScalar(m, rows, v, columns); break;
            }
        }
    }

    /// <summary>db[c] = Σ_r dZ[r, c] over the B×O matrix dZ, summed in row order (the same bits on every path).</summary>
    public static void SumOverRows(ReadOnlySpan<float> matrix, int rows, Span<float> destination) =>
        SumOverRows(matrix, rows, destination, VectorPaths.Current);

    /// <inheritdoc cref="SumOverRows(ReadOnlySpan{float}, int, Span{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void SumOverRows(ReadOnlySpan<float> matrix, int rows, Span<float> destination, VectorPath path)
    {
        int columns = destination.Length;
        RequireShape(matrix.Length, rows, columns);
        fixed (float* m = matrix, d = destination)
        {
            switch (path)
            {
                case VectorPath.Vector512: SumOverRows<Lanes512, Vector512<float>>(m, rows, d, columns); break;
                case VectorPath.Vector256: SumOverRows<Lanes256, Vector256<float>>(m, rows, d, columns); break;
                case VectorPath.Vector128: SumOverRows<Lanes128, Vector128<float>>(m, rows, d, columns); break;
                default: SumOverRowsScalar(m, rows, d, columns); break;
            }
        }
    }

    /// <summary>
    /// Σ xᵢ² in double: blocks of <see cref="SquaresBlock"/> summed in float lanes, each block's sum added to a double
    /// total in order. A block whose float sum overflows is redone in double, so the result is +∞ or NaN exactly when
    /// some xᵢ is not finite (a gradient of 1e20 is finite and gives 1e40, not +∞).
    /// </summary>
    public static double SumOfSquares(ReadOnlySpan<float> x) => SumOfSquares(x, VectorPaths.Current);

    /// <inheritdoc cref="SumOfSquares(ReadOnlySpan{float})"/>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static double SumOfSquares(ReadOnlySpan<float> x, VectorPath path)
    {
        double total = 0;
        fixed (float* p = x)
        {
            for (int start = 0; start < x.Length; start += SquaresBlock)
            {
                int length = Math.Min(SquaresBlock, x.Length - start);
                float block = path switch
                {
                    VectorPath.Vector512 => BlockSumOfSquares<Lanes512, Vector512<float>>(p + start, length),
                    VectorPath.Vector256 => BlockSumOfSquares<Lanes256, Vector256<float>>(p + start, length),
                    VectorPath.Vector128 => BlockSumOfSquares<Lanes128, Vector128<float>>(p + start, length),
                    _ => BlockSumOfSquaresScalar(p + start, length),
                };
                total += float.IsFinite(block) ? block : SumOfSquaresInDouble(p + start, length);
            }
        }

        return total;
    }

    /// <summary>The scalar reference of <see cref="SumOfSquares(ReadOnlySpan{float})"/>: every square summed in double.</summary>
    internal static double SumOfSquaresScalar(ReadOnlySpan<float> x)
    {
        double total = 0;
        foreach (float value in x) total += (double)value * value;
        return total;
    }

    private static void AddToEveryRow<TLanes, TVector>(float* m, int rows, float* v, int columns)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int w = TLanes.Count, vectorEnd = columns - columns % w;
        for (int r = 0; r < rows; r++)
        {
            float* row = m + (long)r * columns;
            int c = 0;
            for (; c < vectorEnd; c += w) TLanes.Store(TLanes.Add(TLanes.Load(row + c), TLanes.Load(v + c)), row + c);
            for (; c < columns; c++) row[c] += v[c];
        }
    }

    private static void AddToEveryRowScalar(float* m, int rows, float* v, int columns)
    {
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < columns; c++) m[(long)r * columns + c] += v[c];
        }
    }

    private static void SumOverRows<TLanes, TVector>(float* m, int rows, float* d, int columns)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int w = TLanes.Count, vectorEnd = columns - columns % w;
        int c = 0;
        for (; c < vectorEnd; c += w)
        {
            TVector sum = TLanes.Zero;
            for (int r = 0; r < rows; r++) sum = TLanes.Add(sum, TLanes.Load(m + (long)r * columns + c));
            TLanes.Store(sum, d + c);
        }

        for (; c < columns; c++)
        {
            float sum = 0;
            for (int r = 0; r < rows; r++) sum += m[(long)r * columns + c];
            d[c] = sum;
        }
    }

    private static void SumOverRowsScalar(float* m, int rows, float* d, int columns)
    {
        for (int c = 0; c < columns; c++)
        {
            float sum = 0;
            for (int r = 0; r < rows; r++) sum += m[(long)r * columns + c];
            d[c] = sum;
        }
    }

    /// <summary>Σ x² over one block in float: four vector accumulators, then the lanes summed in a fixed order.</summary>
    private static float BlockSumOfSquares<TLanes, TVector>(float* x, int length)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int w = TLanes.Count, step = 4 * w, i = 0;
        TVector s0 = TLanes.Zero, s1 = TLanes.Zero, s2 = TLanes.Zero, s3 = TLanes.Zero;
        for (; i + step <= length; i += step)
        {
            TVector a = TLanes.Load(x + i), b = TLanes.Load(x + i + w), c = TLanes.Load(x + i + 2 * w), d = TLanes.Load(x + i + 3 * w);
            s0 = TLanes.MultiplyAdd(a, a, s0);
            s1 = TLanes.MultiplyAdd(b, b, s1);
            s2 = TLanes.MultiplyAdd(c, c, s2);
            s3 = TLanes.MultiplyAdd(d, d, s3);
        }

        float* lanes = stackalloc float[Vector512<float>.Count];
        TLanes.Store(TLanes.Add(TLanes.Add(s0, s1), TLanes.Add(s2, s3)), lanes);
        float sum = 0;
        for (int lane = 0; lane < w; lane++) sum += lanes[lane];
        for (; i < length; i++) sum += x[i] * x[i];
        return sum;
    }

    private static float BlockSumOfSquaresScalar(float* x, int length)
    {
        float sum = 0;
        for (int i = 0; i < length; i++) sum += x[i] * x[i];
        return sum;
    }

    private static double SumOfSquaresInDouble(float* x, int length)
    {
        double sum = 0;
        for (int i = 0; i < length; i++) sum += (double)x[i] * x[i];
        return sum;
    }

    private static void RequireShape(int length, int rows, int columns)
    {
        if (rows < 0 || length < (long)rows * columns)
        {
            throw new ArgumentException($"The matrix has {length} entries but {rows}×{columns} needs {(long)rows * columns}.", "matrix");
        }
    }
}
