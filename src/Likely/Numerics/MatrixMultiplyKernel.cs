using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// The blocked, packed fast path of <see cref="MatrixMultiply"/> (the Goto/BLIS loop nest), one source for every vector
/// width. Loops: columns in blocks of <see cref="NBlock"/> → K in blocks of at most <see cref="KBlock"/> (pack op(B)) →
/// rows in blocks of <see cref="MBlock"/> (pack op(A)) → NR-column panels → MR-row panels → MR×NR micro-kernel.
/// </summary>
/// <remarks>
/// The micro-kernel keeps an MR×NR tile of C in 2·MR vector registers (MR = <see cref="TileRows"/>, NR = two vectors:
/// 8, 16 or 32 columns for the 128-, 256- and 512-bit paths) and, for each p of the K block, loads NR values of packed B
/// and broadcasts MR values of packed A into fused multiply-adds.
/// Partial tiles at the edges run the same kernel on zero-padded panels, so every element of C sees the same arithmetic
/// wherever it lies, and K is cut into blocks that depend on K alone: that is what makes the result independent of how
/// the work is split between threads.
/// </remarks>
internal static unsafe partial class MatrixMultiplyKernel
{
    /// <summary>Rows of the register tile (MR) for most shapes; a narrow C (M ≤ 16) may use 5 or 4 (see <see cref="TileRowsFor"/>).</summary>
    internal const int TileRows = 6;

    /// <summary>
    /// The tile's row count for a C of <paramref name="m"/> rows: 6, or for a narrow C (M ≤ 16, the class count of a
    /// softmax regression's Zᵀ = W·Xᵀ) whichever of 6, 5 and 4 pads M least — 10 classes run as two 5-row tiles instead
    /// of two 6-row tiles with two rows of zeros. Depends on M alone (determinism).
    /// </summary>
    internal static int TileRowsFor(int m)
    {
        if (m > 16) return TileRows;
        int best = TileRows;
        foreach (int rows in (ReadOnlySpan<int>)[5, 4])
        {
            if ((m + rows - 1) / rows * rows < (m + best - 1) / best * best) best = rows;
        }

        return best;
    }

    /// <summary>The longest K block (KC): a KC×NR panel of B stays in L1 while MR×KC panels of A stream past it.</summary>
    internal const int KBlock = 256;

    /// <summary>Row block (MC): the packed MC×KC block of A (96 KiB) stays in L2.</summary>
    internal const int MBlock = 96;

    /// <summary>Column block (NC): the packed KC×NC block of B (1 MiB) stays in L3.</summary>
    internal const int NBlock = 1024;

    [ThreadStatic]
    private static float[]? packBuffer;

    /// <summary>The shape and flags of one multiply.</summary>
    internal readonly record struct Problem(bool TransposeA, bool TransposeB, int M, int N, int K, bool Accumulate)
    {
        /// <summary>An int* to the indices of A's stored rows (row r of the stored A is row RowsOfA[r] of the array), or 0
        /// for the rows in order: the minibatch gather, fused into the packing.</summary>
        public nint RowsOfA { get; init; }

        /// <summary>The same for B's stored rows.</summary>
        public nint RowsOfB { get; init; }
    }

    /// <summary>The columns of one register tile (NR) on a vector path: two vectors.</summary>
    internal static int TileColumns(VectorPath path) => path switch
    {
        VectorPath.Vector512 => 2 * Vector512<float>.Count,
        VectorPath.Vector256 => 2 * Vector256<float>.Count,
        VectorPath.Vector128 => 2 * Vector128<float>.Count,
        _ => throw new ArgumentOutOfRangeException(nameof(path), path, "The packed multiply has no scalar path; use MatrixMultiply.MultiplyScalar."),
    };

    /// <summary>
    /// The K block length for a given K: K cut into ⌈K / <see cref="KBlock"/>⌉ blocks of (nearly) equal length, so that no
    /// block is a short remainder (784 = 4 × 196, not 3 × 256 + 16). Depends on K alone (determinism).
    /// </summary>
    internal static int KBlockLength(int k)
    {
        int blocks = (k + KBlock - 1) / KBlock;
        return (k + blocks - 1) / blocks;
    }

    /// <summary>Computes rows [rowStart, rowEnd) × columns [columnStart, columnEnd) of C on the calling thread.</summary>
    internal static void Run(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, Problem problem,
        int rowStart, int rowEnd, int columnStart, int columnEnd, VectorPath path)
    {
        switch (path, TileRowsFor(problem.M))
        {
            case (VectorPath.Vector512, 6): Run<Lanes512, Vector512<float>, SixRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
            case (VectorPath.Vector512, 5): Run<Lanes512, Vector512<float>, FiveRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
            case (VectorPath.Vector512, _): Run<Lanes512, Vector512<float>, FourRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
            case (VectorPath.Vector256, 6): Run<Lanes256, Vector256<float>, SixRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
            case (VectorPath.Vector256, 5): Run<Lanes256, Vector256<float>, FiveRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
            case (VectorPath.Vector256, _): Run<Lanes256, Vector256<float>, FourRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
            case (_, 6): Run<Lanes128, Vector128<float>, SixRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
            case (_, 5): Run<Lanes128, Vector128<float>, FiveRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
            default: Run<Lanes128, Vector128<float>, FourRows>(a, b, c, problem, rowStart, rowEnd, columnStart, columnEnd); break;
        }
    }

    /// <summary>Splits C into contiguous row or column ranges, one per thread, and runs each (every element of C is still
    /// computed by one thread, in the same order: the bits do not depend on the split).</summary>
    internal static void RunParallel(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, Problem problem, int threads, VectorPath path)
    {
        int tileColumns = TileColumns(path), tileRows = TileRowsFor(problem.M);
        int rowTiles = (problem.M + tileRows - 1) / tileRows;
        int columnTiles = (problem.N + tileColumns - 1) / tileColumns;
        // Each thread packs the whole operand that the split does not cut: splitting rows repeats the packing of op(B)
        // (K×N), splitting columns that of op(A) (M×K). Cut the dimension whose uncut operand is smaller, if it has a
        // tile per thread.
        bool splitRows = columnTiles < threads || (rowTiles >= threads && problem.N <= problem.M);
        int tiles = splitRows ? rowTiles : columnTiles;
        int parts = Math.Min(threads, tiles);
        if (parts <= 1)
        {
            Run(a, b, c, problem, 0, problem.M, 0, problem.N, path);
            return;
        }

        fixed (float* pa = a, pb = b, pc = c)
        {
            SplitMultiply work = splitMultiply ??= new SplitMultiply();
            work.Set((nint)pa, a.Length, (nint)pb, b.Length, (nint)pc, c.Length, problem, path, splitRows, tiles, parts, splitRows ? tileRows : tileColumns);
            work.Run(parts);
        }
    }

    [ThreadStatic]
    private static SplitMultiply? splitMultiply;

    /// <summary>One thread's share of C: a contiguous range of row tiles or of column tiles.</summary>
    private sealed class SplitMultiply : PartitionedWork
    {
        private nint a, b, c;
        private int aLength, bLength, cLength, tiles, parts, tileSize;
        private bool splitRows;
        private Problem problem;
        private VectorPath path;

        public void Set(nint a, int aLength, nint b, int bLength, nint c, int cLength, Problem problem, VectorPath path, bool splitRows, int tiles, int parts, int tileSize) =>
            (this.a, this.aLength, this.b, this.bLength, this.c, this.cLength, this.problem, this.path, this.splitRows, this.tiles, this.parts, this.tileSize) =
            (a, aLength, b, bLength, c, cLength, problem, path, splitRows, tiles, parts, tileSize);

        protected override void RunPart(int part)
        {
            int first = (int)((long)part * tiles / parts), last = (int)((long)(part + 1) * tiles / parts);
            var sa = new ReadOnlySpan<float>((float*)a, aLength);
            var sb = new ReadOnlySpan<float>((float*)b, bLength);
            var sc = new Span<float>((float*)c, cLength);
            if (splitRows)
            {
                MatrixMultiplyKernel.Run(sa, sb, sc, problem, first * tileSize, Math.Min(problem.M, last * tileSize), 0, problem.N, path);
            }
            else
            {
                MatrixMultiplyKernel.Run(sa, sb, sc, problem, 0, problem.M, first * tileSize, Math.Min(problem.N, last * tileSize), path);
            }
        }
    }

    /// <summary>The start of a packing buffer aligned to 64 bytes (a 512-bit load never splits a line).</summary>
    private static float* AlignedPackBuffer(float* buffer) => (float*)(((nint)buffer + 63) & ~(nint)63);

    /// <summary>Floats of packed A before packed B starts: an MC×KC block, its rows rounded up to whole tiles.</summary>
    private const int PackedALength = (MBlock + TileRows) * KBlock;

    /// <summary>
    /// The calling thread's packing buffer: packed A (<see cref="PackedALength"/>), then a KC×NC block of B with its
    /// columns rounded up to the widest tile, and 64 bytes of alignment slack.
    /// </summary>
    private static float[] PackBuffer() =>
        packBuffer ??= GC.AllocateUninitializedArray<float>(PackedALength + KBlock * (NBlock + 2 * Vector512<float>.Count) + 16, pinned: true);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Run<TLanes, TVector, TRows>(
        ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> c, Problem problem,
        int rowStart, int rowEnd, int columnStart, int columnEnd)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileRows
    {
        int tileColumns = 2 * TLanes.Count;
        float[] buffer = PackBuffer();
        int kBlock = KBlockLength(problem.K);
        fixed (float* pa = a, pb = b, pc = c, pbuffer = buffer)
        {
            float* packedA = AlignedPackBuffer(pbuffer);
            float* packedB = packedA + PackedALength;
            int n = problem.N;
            for (int jc = columnStart; jc < columnEnd; jc += NBlock)
            {
                int nc = Math.Min(NBlock, columnEnd - jc);
                for (int pc0 = 0; pc0 < problem.K; pc0 += kBlock)
                {
                    int kc = Math.Min(kBlock, problem.K - pc0);
                    bool overwrite = pc0 == 0 && !problem.Accumulate;
                    PackB(pb, problem, pc0, kc, jc, nc, packedB, tileColumns);
                    for (int ic = rowStart; ic < rowEnd; ic += MBlock)
                    {
                        int mc = Math.Min(MBlock, rowEnd - ic);
                        PackA(pa, problem, ic, mc, pc0, kc, packedA, TRows.Count);
                        Macro<TLanes, TVector, TRows>(packedA, packedB, pc + (long)ic * n + jc, n, mc, nc, kc, overwrite);
                    }
                }
            }
        }
    }

    /// <summary>One packed MC×KC block of A against one packed KC×NC block of B: every MR×NR tile of the C block.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Macro<TLanes, TVector, TRows>(float* packedA, float* packedB, float* c, int ldc, int mc, int nc, int kc, bool overwrite)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileRows
    {
        int tileColumns = 2 * TLanes.Count, tileRows = TRows.Count;
        for (int jr = 0; jr < nc; jr += tileColumns)
        {
            int columns = Math.Min(tileColumns, nc - jr);
            float* panelB = packedB + jr * kc;
            for (int ir = 0; ir < mc; ir += tileRows)
            {
                int rows = Math.Min(tileRows, mc - ir);
                Kernel<TLanes, TVector, TRows>(kc, packedA + ir * kc, panelB, c + (long)ir * ldc + jr, ldc, rows, columns, overwrite);
            }
        }
    }

    /// <summary>
    /// The MR×NR micro-kernel: tile = Σ_p a[p, 0..MR] ⊗ b[p, 0..NR] over one K block, then C = tile or C += tile.
    /// MR = <typeparamref name="TRows"/> (6, 5 or 4): the rows past it are constant-false branches the JIT removes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Kernel<TLanes, TVector, TRows>(int kc, float* a, float* b, float* c, int ldc, int rows, int columns, bool overwrite)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileRows
    {
        int w = TLanes.Count, tileColumns = 2 * w, mr = TRows.Count;
        TVector c00 = TLanes.Zero, c01 = TLanes.Zero, c10 = TLanes.Zero, c11 = TLanes.Zero, c20 = TLanes.Zero, c21 = TLanes.Zero;
        TVector c30 = TLanes.Zero, c31 = TLanes.Zero, c40 = TLanes.Zero, c41 = TLanes.Zero, c50 = TLanes.Zero, c51 = TLanes.Zero;
        for (int p = 0; p < kc; p++)
        {
            TVector b0 = TLanes.Load(b);
            TVector b1 = TLanes.Load(b + w);
            TVector x = TLanes.Broadcast(a[0]);
            c00 = TLanes.MultiplyAdd(x, b0, c00);
            c01 = TLanes.MultiplyAdd(x, b1, c01);
            x = TLanes.Broadcast(a[1]);
            c10 = TLanes.MultiplyAdd(x, b0, c10);
            c11 = TLanes.MultiplyAdd(x, b1, c11);
            x = TLanes.Broadcast(a[2]);
            c20 = TLanes.MultiplyAdd(x, b0, c20);
            c21 = TLanes.MultiplyAdd(x, b1, c21);
            x = TLanes.Broadcast(a[3]);
            c30 = TLanes.MultiplyAdd(x, b0, c30);
            c31 = TLanes.MultiplyAdd(x, b1, c31);
            if (TRows.Count > 4)
            {
                x = TLanes.Broadcast(a[4]);
                c40 = TLanes.MultiplyAdd(x, b0, c40);
                c41 = TLanes.MultiplyAdd(x, b1, c41);
            }

            if (TRows.Count > 5)
            {
                x = TLanes.Broadcast(a[5]);
                c50 = TLanes.MultiplyAdd(x, b0, c50);
                c51 = TLanes.MultiplyAdd(x, b1, c51);
            }

            a += TRows.Count;
            b += tileColumns;
        }

        if (rows == mr && columns == tileColumns)
        {
            StoreRow<TLanes, TVector>(c, c00, c01, overwrite);
            StoreRow<TLanes, TVector>(c + ldc, c10, c11, overwrite);
            StoreRow<TLanes, TVector>(c + 2 * ldc, c20, c21, overwrite);
            StoreRow<TLanes, TVector>(c + 3 * ldc, c30, c31, overwrite);
            if (TRows.Count > 4) StoreRow<TLanes, TVector>(c + 4 * ldc, c40, c41, overwrite);
            if (TRows.Count > 5) StoreRow<TLanes, TVector>(c + 5 * ldc, c50, c51, overwrite);
            return;
        }

        // Edge tile: spill the registers and copy only the rows and columns that exist.
        float* tile = stackalloc float[TileRows * 2 * Vector512<float>.Count];
        TLanes.Store(c00, tile); TLanes.Store(c01, tile + w);
        TLanes.Store(c10, tile + tileColumns); TLanes.Store(c11, tile + tileColumns + w);
        TLanes.Store(c20, tile + 2 * tileColumns); TLanes.Store(c21, tile + 2 * tileColumns + w);
        TLanes.Store(c30, tile + 3 * tileColumns); TLanes.Store(c31, tile + 3 * tileColumns + w);
        TLanes.Store(c40, tile + 4 * tileColumns); TLanes.Store(c41, tile + 4 * tileColumns + w);
        TLanes.Store(c50, tile + 5 * tileColumns); TLanes.Store(c51, tile + 5 * tileColumns + w);
        for (int r = 0; r < rows; r++)
        {
            float* target = c + (long)r * ldc;
            float* source = tile + r * tileColumns;
            for (int col = 0; col < columns; col++)
            {
                target[col] = overwrite ? source[col] : target[col] + source[col];
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreRow<TLanes, TVector>(float* c, TVector low, TVector high, bool overwrite)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        if (!overwrite)
        {
            low = TLanes.Add(low, TLanes.Load(c));
            high = TLanes.Add(high, TLanes.Load(c + TLanes.Count));
        }

        TLanes.Store(low, c);
        TLanes.Store(high, c + TLanes.Count);
    }
}

/// <summary>The row count of a register tile, as a type, so that each count gets its own compiled kernel.</summary>
internal interface ITileRows
{
    /// <summary>MR.</summary>
    static abstract int Count { get; }
}

/// <summary>MR = 6: the default tile.</summary>
internal readonly struct SixRows : ITileRows
{
    public static int Count => 6;
}

/// <summary>MR = 5: a C of 5 or 10 rows.</summary>
internal readonly struct FiveRows : ITileRows
{
    public static int Count => 5;
}

/// <summary>MR = 4: a C of 4, 8 or 16 rows.</summary>
internal readonly struct FourRows : ITileRows
{
    public static int Count => 4;
}
