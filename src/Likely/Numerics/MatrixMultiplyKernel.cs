using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// The blocked, packed fast path of <see cref="MatrixMultiply"/> (the Goto/BLIS loop nest).
/// Loops: columns in blocks of <see cref="NBlock"/> → K in blocks of <see cref="KBlock"/> (pack op(B)) →
/// rows in blocks of <see cref="MBlock"/> (pack op(A)) → NR-column panels → MR-row panels → 6×16 micro-kernel.
/// </summary>
/// <remarks>
/// The micro-kernel keeps a 6×16 tile of C in twelve Vector256 registers and, for each p of the K block,
/// loads 16 values of packed B and broadcasts 6 values of packed A into fused multiply-adds.
/// Partial tiles at the edges run the same kernel on zero-padded panels, so every element of C sees the same
/// arithmetic wherever it lies: that is what makes the result independent of how the work is split.
/// </remarks>
internal static unsafe class MatrixMultiplyKernel
{
    /// <summary>Rows of the register tile (MR).</summary>
    internal const int TileRows = 6;

    /// <summary>Columns of the register tile (NR): two Vector256 of float.</summary>
    internal const int TileColumns = 16;

    /// <summary>K block (KC): a 6×KC panel of A and a KC×16 panel of B stay in L1/L2.</summary>
    internal const int KBlock = 256;

    /// <summary>Row block (MC): the packed MC×KC block of A (96 KiB) stays in L2.</summary>
    internal const int MBlock = 96;

    /// <summary>Column block (NC): the packed KC×NC block of B (1 MiB) stays in L3.</summary>
    internal const int NBlock = 1024;

    [ThreadStatic]
    private static float[]? packBuffer;

    /// <summary>The shape and flags of one multiply.</summary>
    internal readonly record struct Problem(bool TransposeA, bool TransposeB, int M, int N, int K, bool Accumulate);

    /// <summary>Splits C into contiguous row or column ranges, one per thread, and runs each.</summary>
    internal static void RunParallel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, Problem problem, int threads)
    {
        int rowTiles = (problem.M + TileRows - 1) / TileRows;
        int columnTiles = (problem.N + TileColumns - 1) / TileColumns;
        bool splitRows = rowTiles >= columnTiles;
        int tiles = splitRows ? rowTiles : columnTiles;
        int parts = Math.Min(threads, tiles);
        if (parts <= 1)
        {
            Run(a, b, c, problem, 0, problem.M, 0, problem.N);
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            nint na = (nint)pa, nb = (nint)pb, nc = (nint)pc;
            int aLength = a.Length, bLength = b.Length, cLength = c.Length;
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
            {
                int first = (int)((long)part * tiles / parts), last = (int)((long)(part + 1) * tiles / parts);
                var sa = new ReadOnlySpan<float>((float*)na, aLength);
                var sb = new ReadOnlySpan<float>((float*)nb, bLength);
                var sc = new Span<float>((float*)nc, cLength);
                if (splitRows)
                {
                    Run(sa, sb, sc, problem, first * TileRows, Math.Min(problem.M, last * TileRows), 0, problem.N);
                }
                else
                {
                    Run(sa, sb, sc, problem, 0, problem.M, first * TileColumns, Math.Min(problem.N, last * TileColumns));
                }
            });
        }
    }

    /// <summary>Computes rows [rowStart, rowEnd) × columns [columnStart, columnEnd) of C on the calling thread.</summary>
    internal static void Run(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, Problem problem,
        int rowStart, int rowEnd, int columnStart, int columnEnd)
    {
        float[] buffer = packBuffer ??= GC.AllocateUninitializedArray<float>(MBlock * KBlock + KBlock * NBlock + 16, pinned: true);
        fixed (float* pa = a, pb = b, pc = c, pbuffer = buffer)
        {
            // Align the packed panels to 32 bytes so that the kernel's loads never split a cache line.
            float* packedA = (float*)(((nint)pbuffer + 31) & ~(nint)31);
            float* packedB = packedA + MBlock * KBlock;
            int n = problem.N;
            for (int jc = columnStart; jc < columnEnd; jc += NBlock)
            {
                int nc = Math.Min(NBlock, columnEnd - jc);
                for (int pc0 = 0; pc0 < problem.K; pc0 += KBlock)
                {
                    int kc = Math.Min(KBlock, problem.K - pc0);
                    bool overwrite = pc0 == 0 && !problem.Accumulate;
                    PackB(pb, problem, pc0, kc, jc, nc, packedB);
                    for (int ic = rowStart; ic < rowEnd; ic += MBlock)
                    {
                        int mc = Math.Min(MBlock, rowEnd - ic);
                        PackA(pa, problem, ic, mc, pc0, kc, packedA);
                        for (int jr = 0; jr < nc; jr += TileColumns)
                        {
                            int columns = Math.Min(TileColumns, nc - jr);
                            float* panelB = packedB + jr * kc;
                            for (int ir = 0; ir < mc; ir += TileRows)
                            {
                                int rows = Math.Min(TileRows, mc - ir);
                                float* tile = pc + (long)(ic + ir) * n + jc + jr;
                                Kernel(kc, packedA + ir * kc, panelB, tile, n, rows, columns, overwrite);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// op(B) packed once, in exactly the panel layout <see cref="Run"/> builds for each K block (panel (pc, jr) at
    /// pc·N₁₆ + jr·kc, N₁₆ = N rounded up to 16), for a B multiplied many times (a fixed data block).
    /// </summary>
    internal sealed class PackedB
    {
        private readonly float[] buffer;

        public PackedB(ReadOnlySpan<float> b, bool transposeB, int k, int n)
        {
            if (n > NBlock) throw new ArgumentOutOfRangeException(nameof(n), n, $"A pre-packed B has at most {NBlock} columns.");
            K = k;
            N = n;
            int padded = (n + TileColumns - 1) / TileColumns * TileColumns;
            buffer = GC.AllocateUninitializedArray<float>(k * padded + 8, pinned: true);
            fixed (float* pb = b, pbuffer = buffer)
            {
                Offset = (int)((((nint)pbuffer + 31) & ~(nint)31) - (nint)pbuffer) / sizeof(float);
                var problem = new Problem(false, transposeB, 0, n, k, false);
                for (int pc0 = 0; pc0 < k; pc0 += KBlock)
                {
                    PackB(pb, problem, pc0, Math.Min(KBlock, k - pc0), 0, n, pbuffer + Offset + (long)pc0 * padded);
                }
            }

            Padded = padded;
        }

        public int K { get; }

        public int N { get; }

        internal int Padded { get; }

        internal int Offset { get; }

        internal float[] Buffer => buffer;
    }

    /// <summary>C = A·op(B) (or C += …) on the calling thread, with op(B) already packed.</summary>
    internal static void RunPrepacked(ReadOnlySpan<float> a, bool transposeA, PackedB b, Span<float> c, int m, bool accumulate)
    {
        var problem = new Problem(transposeA, false, m, b.N, b.K, accumulate);
        float[] buffer = packBuffer ??= GC.AllocateUninitializedArray<float>(MBlock * KBlock + KBlock * NBlock + 16, pinned: true);
        fixed (float* pa = a, pc = c, pbuffer = buffer, pprepacked = b.Buffer)
        {
            float* packedA = (float*)(((nint)pbuffer + 31) & ~(nint)31);
            int n = b.N;
            for (int pc0 = 0; pc0 < problem.K; pc0 += KBlock)
            {
                int kc = Math.Min(KBlock, problem.K - pc0);
                bool overwrite = pc0 == 0 && !accumulate;
                float* packedB = pprepacked + b.Offset + (long)pc0 * b.Padded;
                for (int ic = 0; ic < m; ic += MBlock)
                {
                    int mc = Math.Min(MBlock, m - ic);
                    PackA(pa, problem, ic, mc, pc0, kc, packedA);
                    for (int jr = 0; jr < n; jr += TileColumns)
                    {
                        int columns = Math.Min(TileColumns, n - jr);
                        float* panelB = packedB + jr * kc;
                        for (int ir = 0; ir < mc; ir += TileRows)
                        {
                            Kernel(kc, packedA + ir * kc, panelB, pc + (long)(ic + ir) * n + jr, n, Math.Min(TileRows, mc - ir), columns, overwrite);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Packs op(A)[ic..ic+mc, pc..pc+kc] as MR-row panels: panel r holds, for each p, MR consecutive values.</summary>
    private static void PackA(float* a, Problem problem, int ic, int mc, int pc, int kc, float* destination)
    {
        int m = problem.M, k = problem.K;
        for (int ir = 0; ir < mc; ir += TileRows)
        {
            int rows = Math.Min(TileRows, mc - ir);
            float* panel = destination + ir * kc;
            if (problem.TransposeA)
            {
                // A is K×M: the MR values for one p are contiguous.
                for (int p = 0; p < kc; p++)
                {
                    float* source = a + (long)(pc + p) * m + ic + ir;
                    float* target = panel + p * TileRows;
                    int r = 0;
                    for (; r < rows; r++) target[r] = source[r];
                    for (; r < TileRows; r++) target[r] = 0;
                }
            }
            else
            {
                // A is M×K: read the MR rows side by side (MR sequential streams) and write each p's MR values contiguously.
                if (rows == TileRows)
                {
                    float* s0 = a + (long)(ic + ir) * k + pc, s1 = s0 + k, s2 = s1 + k, s3 = s2 + k, s4 = s3 + k, s5 = s4 + k;
                    for (int p = 0; p < kc; p++)
                    {
                        float* target = panel + p * TileRows;
                        target[0] = s0[p];
                        target[1] = s1[p];
                        target[2] = s2[p];
                        target[3] = s3[p];
                        target[4] = s4[p];
                        target[5] = s5[p];
                    }
                }
                else
                {
                    for (int p = 0; p < kc; p++)
                    {
                        float* target = panel + p * TileRows;
                        int r = 0;
                        for (; r < rows; r++) target[r] = a[(long)(ic + ir + r) * k + pc + p];
                        for (; r < TileRows; r++) target[r] = 0;
                    }
                }
            }
        }
    }

    /// <summary>Packs op(B)[pc..pc+kc, jc..jc+nc] as NR-column panels: panel j holds, for each p, NR consecutive values.</summary>
    private static void PackB(float* b, Problem problem, int pc, int kc, int jc, int nc, float* destination)
    {
        int n = problem.N, k = problem.K;
        float** rows = stackalloc float*[TileColumns];
        for (int jr = 0; jr < nc; jr += TileColumns)
        {
            int columns = Math.Min(TileColumns, nc - jr);
            float* panel = destination + jr * kc;
            if (problem.TransposeB)
            {
                // B is N×K: read the NR rows of B side by side (NR sequential streams) and write each p's NR values contiguously.
                for (int col = 0; col < columns; col++) rows[col] = b + (long)(jc + jr + col) * k + pc;
                for (int p = 0; p < kc; p++)
                {
                    float* target = panel + p * TileColumns;
                    int col = 0;
                    for (; col < columns; col++) target[col] = rows[col][p];
                    for (; col < TileColumns; col++) target[col] = 0;
                }
            }
            else if (columns == TileColumns)
            {
                for (int p = 0; p < kc; p++)
                {
                    float* source = b + (long)(pc + p) * n + jc + jr;
                    float* target = panel + p * TileColumns;
                    Vector256.Store(Vector256.Load(source), target);
                    Vector256.Store(Vector256.Load(source + 8), target + 8);
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    float* source = b + (long)(pc + p) * n + jc + jr;
                    float* target = panel + p * TileColumns;
                    int col = 0;
                    for (; col < columns; col++) target[col] = source[col];
                    for (; col < TileColumns; col++) target[col] = 0;
                }
            }
        }
    }

    /// <summary>
    /// The 6×16 micro-kernel: tile = Σ_p a[p, 0..6] ⊗ b[p, 0..16] over one K block, then C = tile or C += tile.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel(int kc, float* a, float* b, float* c, int ldc, int rows, int columns, bool overwrite)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.LoadAligned(b);
            Vector256<float> b1 = Vector256.LoadAligned(b + 8);
            Vector256<float> x = Vector256.Create(a[0]);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00);
            c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(a[1]);
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10);
            c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(a[2]);
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20);
            c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(a[3]);
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30);
            c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(a[4]);
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40);
            c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(a[5]);
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50);
            c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a += TileRows;
            b += TileColumns;
        }

        if (rows == TileRows && columns == TileColumns)
        {
            StoreRow(c, c00, c01, overwrite);
            StoreRow(c + ldc, c10, c11, overwrite);
            StoreRow(c + 2 * ldc, c20, c21, overwrite);
            StoreRow(c + 3 * ldc, c30, c31, overwrite);
            StoreRow(c + 4 * ldc, c40, c41, overwrite);
            StoreRow(c + 5 * ldc, c50, c51, overwrite);
            return;
        }

        // Edge tile: spill the registers and copy only the rows and columns that exist.
        float* tile = stackalloc float[TileRows * TileColumns];
        Vector256.Store(c00, tile); Vector256.Store(c01, tile + 8);
        Vector256.Store(c10, tile + 16); Vector256.Store(c11, tile + 24);
        Vector256.Store(c20, tile + 32); Vector256.Store(c21, tile + 40);
        Vector256.Store(c30, tile + 48); Vector256.Store(c31, tile + 56);
        Vector256.Store(c40, tile + 64); Vector256.Store(c41, tile + 72);
        Vector256.Store(c50, tile + 80); Vector256.Store(c51, tile + 88);
        for (int r = 0; r < rows; r++)
        {
            float* target = c + (long)r * ldc;
            float* source = tile + r * TileColumns;
            for (int col = 0; col < columns; col++)
            {
                target[col] = overwrite ? source[col] : target[col] + source[col];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow(float* c, Vector256<float> low, Vector256<float> high, bool overwrite)
    {
        if (!overwrite)
        {
            low += Vector256.Load(c);
            high += Vector256.Load(c + 8);
        }

        Vector256.Store(low, c);
        Vector256.Store(high, c + 8);
    }
}
