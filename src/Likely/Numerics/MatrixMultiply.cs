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
        int m, int n, int k, bool accumulate, int threads, VectorPath path)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(m);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        RequireLength(a.Length, (long)m * k, nameof(a));
        RequireLength(b.Length, (long)k * n, nameof(b));
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
            MultiplyScalar(a, transposeA, b, transposeB, c, m, n, k, accumulate);
            return;
        }

        var problem = new MatrixMultiplyKernel.Problem(transposeA, transposeB, m, n, k, accumulate);
        if (threads == 1 || (long)m * n * k < ParallelThreshold)
        {
            MatrixMultiplyKernel.Run(a, b, c, problem, 0, m, 0, n, path);
            return;
        }

        MatrixMultiplyKernel.RunParallel(a, b, c, problem, threads, path);
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
