namespace Likely.Numerics;

/// <summary>
/// Single-precision matrix multiply C = op(A)·op(B) (+ C), row-major, where op(X) is X or Xᵀ.
/// Shapes: M = rows of C, N = columns of C, K = the summed dimension; op(A) is M×K and op(B) is K×N.
/// </summary>
/// <remarks>
/// The fast path packs panels of op(A) (MR rows) and op(B) (NR columns) and runs a register-blocked
/// 6×16 Vector256 + FMA micro-kernel over cache blocks of K (see <see cref="MatrixMultiplyKernel"/>).
/// Determinism: every element of C is computed by exactly one thread, summing over K in the same fixed order
/// (blocks of <see cref="MatrixMultiplyKernel.KBlock"/>, each a chain of fused multiply-adds started from zero),
/// so the result is bit-identical whatever the number of threads.
/// </remarks>
internal static class MatrixMultiply
{
    /// <summary>Below this many multiply-adds (M·N·K) the work is not split across threads.</summary>
    internal const long ParallelThreshold = 1L << 18;

    /// <summary>A C with at most this many columns (and more than twice as many rows) is computed transposed.</summary>
    internal const int NarrowColumns = 16;

    /// <summary>
    /// Computes C = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/> is true.
    /// </summary>
    /// <param name="a">A, row-major: M×K, or K×M when <paramref name="transposeA"/>.</param>
    /// <param name="transposeA">Whether op(A) = Aᵀ.</param>
    /// <param name="b">B, row-major: K×N, or N×K when <paramref name="transposeB"/>.</param>
    /// <param name="transposeB">Whether op(B) = Bᵀ.</param>
    /// <param name="c">C, M×N row-major.</param>
    /// <param name="m">M ≥ 0.</param>
    /// <param name="n">N ≥ 0.</param>
    /// <param name="k">K ≥ 0.</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <param name="threads">The largest number of threads to use (≥ 1); the result does not depend on it.</param>
    /// <exception cref="ArgumentException">A buffer is shorter than its shape needs.</exception>
    public static void Multiply(
        ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB, Span<float> c,
        int m, int n, int k, bool accumulate = false, int threads = 1) =>
        Multiply(a, transposeA, b, transposeB, c, m, n, k, accumulate, threads, VectorPaths.Current);

    /// <summary><see cref="Multiply(ReadOnlySpan{float}, bool, ReadOnlySpan{float}, bool, Span{float}, int, int, int, bool, int)"/>
    /// on a given vector path (the scalar path is <see cref="MultiplyScalar"/>); tests run every path.</summary>
    internal static void Multiply(
        ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB, Span<float> c,
        int m, int n, int k, bool accumulate, int threads, VectorPath path) =>
        MultiplyGathered(a, [], transposeA, b, [], transposeB, c, m, n, k, accumulate, threads, path);

    /// <summary>
    /// C = op(A)·op(B) (+ C) where the stored rows of A, of B or of both are picked by index from a larger array: row r of
    /// the stored A (M×K, or K×M when transposed) is row <c>rowsOfA[r]</c> of <paramref name="a"/>; an empty index
    /// means the rows in order. This fuses a minibatch's gather of shuffled rows into the packing the multiply does
    /// anyway, so the batch is never copied; the bits are those of multiplying the gathered copy.
    /// </summary>
    /// <exception cref="ArgumentException">A buffer is shorter than its shape needs, or an index is out of range.</exception>
    internal static void MultiplyGathered(
        ReadOnlySpan<float> a, ReadOnlySpan<int> rowsOfA, bool transposeA, ReadOnlySpan<float> b, ReadOnlySpan<int> rowsOfB, bool transposeB,
        Span<float> c, int m, int n, int k, bool accumulate, int threads, VectorPath path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        RequireRows(a.Length, rowsOfA, transposeA ? k : m, transposeA ? m : k, nameof(a));
        RequireRows(b.Length, rowsOfB, transposeB ? n : k, transposeB ? k : n, nameof(b));
        RequireLength(c.Length, (long)m * n, nameof(c));
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate) c[..(m * n)].Clear();
            return;
        }

        if (path == VectorPath.Scalar)
        {
            MultiplyScalar(Gather(a, rowsOfA, transposeA ? m : k), transposeA, Gather(b, rowsOfB, transposeB ? k : n), transposeB, c, m, n, k, accumulate);
            return;
        }

        if (!accumulate && n <= NarrowColumns && m > 2 * n)
        {
            MultiplyIntoTranspose(a, rowsOfA, transposeA, b, rowsOfB, transposeB, c, m, n, k, threads, path);
            return;
        }

        unsafe
        {
            fixed (int* indexA = rowsOfA, indexB = rowsOfB)
            {
                var problem = new MatrixMultiplyKernel.Problem(transposeA, transposeB, m, n, k, accumulate)
                {
                    RowsOfA = rowsOfA.IsEmpty ? 0 : (nint)indexA,
                    RowsOfB = rowsOfB.IsEmpty ? 0 : (nint)indexB,
                };
                if (threads == 1 || (long)m * n * k < ParallelThreshold)
                {
                    MatrixMultiplyKernel.Run(a, b, c, problem, 0, m, 0, n, path);
                    return;
                }

                MatrixMultiplyKernel.RunParallel(a, b, c, problem, threads, path);
            }
        }
    }

    /// <summary>
    /// A narrow C (N ≤ <see cref="NarrowColumns"/>, the logits of a class layer) computed as Cᵀ = op(B)ᵀ·op(A)ᵀ and
    /// transposed back: N then runs down the tile's rows (5-row tiles for 10 classes) instead of filling 10 of the 32
    /// columns of a 512-bit tile. Same bits: every element is the same chain of fused multiply-adds, only the roles of
    /// the two factors are swapped.
    /// </summary>
    private static void MultiplyIntoTranspose(
        ReadOnlySpan<float> a, ReadOnlySpan<int> rowsOfA, bool transposeA, ReadOnlySpan<float> b, ReadOnlySpan<int> rowsOfB, bool transposeB,
        Span<float> c, int m, int n, int k, int threads, VectorPath path)
    {
        float[] transposed = System.Buffers.ArrayPool<float>.Shared.Rent(m * n);
        try
        {
            MultiplyGathered(b, rowsOfB, !transposeB, a, rowsOfA, !transposeA, transposed, n, m, k, accumulate: false, threads, path);
            for (int j = 0; j < n; j++)
            {
                for (int i = 0; i < m; i++) c[i * n + j] = transposed[j * m + i];
            }
        }
        finally
        {
            System.Buffers.ArrayPool<float>.Shared.Return(transposed);
        }
    }

    /// <summary>The picked rows as one array (the scalar path's gather; the vector paths gather while packing).</summary>
    private static ReadOnlySpan<float> Gather(ReadOnlySpan<float> source, ReadOnlySpan<int> rows, int rowLength)
    {
        if (rows.IsEmpty) return source;
        var gathered = new float[rows.Length * rowLength];
        for (int r = 0; r < rows.Length; r++) source.Slice(rows[r] * rowLength, rowLength).CopyTo(gathered.AsSpan(r * rowLength));
        return gathered;
    }

    /// <summary>Checks that <paramref name="length"/> holds the stored operand's rows, in order or picked by index.</summary>
    private static void RequireRows(int length, ReadOnlySpan<int> rows, int storedRows, int rowLength, string name)
    {
        if (rows.IsEmpty)
        {
            RequireLength(length, (long)storedRows * rowLength, name);
            return;
        }

        if (rows.Length != storedRows)
        {
            throw new ArgumentException($"{name} is picked by {rows.Length} row indices but its shape has {storedRows} rows.", name);
        }

        long available = rowLength == 0 ? long.MaxValue : length / rowLength;
        foreach (int row in rows)
        {
            if ((uint)row >= available)
            {
                throw new ArgumentException($"Row index {row} of {name} is outside [0, {available}).", name);
            }
        }
    }

    /// <summary>
    /// The scalar reference, kept as the oracle: a plain triple loop accumulating each element in double.
    /// </summary>
    public static void MultiplyScalar(
        ReadOnlySpan<float> a, bool transposeA, ReadOnlySpan<float> b, bool transposeB, Span<float> c,
        int m, int n, int k, bool accumulate = false)
    {
        for (int i = 0; i < m; i++)
        {
            for (int j = 0; j < n; j++)
            {
                double sum = accumulate ? c[i * n + j] : 0;
                for (int p = 0; p < k; p++)
                {
                    float x = transposeA ? a[p * m + i] : a[i * k + p];
                    float y = transposeB ? b[j * k + p] : b[p * n + j];
                    sum += (double)x * y;
                }

                c[i * n + j] = (float)sum;
            }
        }
    }

    private static void RequireLength(int actual, long needed, string name)
    {
        if (actual < needed)
        {
            throw new ArgumentException($"{name} has {actual} entries but its shape needs {needed}.", name);
        }
    }
}
