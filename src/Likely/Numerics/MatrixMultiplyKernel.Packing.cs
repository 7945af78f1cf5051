using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Likely.Numerics;

/// <summary>Packing of op(A) and op(B) into the panel layouts the micro-kernel reads, and multiplies by a pre-packed B.</summary>
internal static unsafe partial class MatrixMultiplyKernel
{
    /// <summary>
    /// op(B) packed once, in exactly the panel layout <see cref="Run(ReadOnlySpan{float}, ReadOnlySpan{float}, Span{float}, Problem, int, int, int, int, VectorPath)"/>
    /// builds for each K block of its path (panel (pc, jr) at pc·N_R + jr·kc, N_R = N rounded up to NR), for a B multiplied
    /// many times (a fixed data block).
    /// </summary>
    internal sealed class PackedB
    {
        public PackedB(ReadOnlySpan<float> b, bool transposeB, int k, int n)
            : this(b, transposeB, k, n, VectorPaths.Current)
        {
        }

        public PackedB(ReadOnlySpan<float> b, bool transposeB, int k, int n, VectorPath path)
        {
            if (n > NBlock) throw new ArgumentOutOfRangeException(nameof(n), n, $"A pre-packed B has at most {NBlock} columns.");
            K = k;
            N = n;
            Path = path;
            int tileColumns = TileColumns(path);
            int padded = (n + tileColumns - 1) / tileColumns * tileColumns;
            Buffer = GC.AllocateUninitializedArray<float>(k * padded + 16, pinned: true);
            int kBlock = KBlockLength(k);
            fixed (float* pb = b, pbuffer = Buffer)
            {
                Offset = (int)((nint)AlignedPackBuffer(pbuffer) - (nint)pbuffer) / sizeof(float);
                var problem = new Problem(false, transposeB, 0, n, k, false);
                for (int pc0 = 0; pc0 < k; pc0 += kBlock)
                {
                    PackB(pb, problem, pc0, Math.Min(kBlock, k - pc0), 0, n, pbuffer + Offset + (long)pc0 * padded, tileColumns);
                }
            }

            Padded = padded;
        }

        public int K { get; }

        public int N { get; }

        /// <summary>The vector path whose panel layout this is.</summary>
        public VectorPath Path { get; }

        internal int Padded { get; }

        internal int Offset { get; }

        internal float[] Buffer { get; }
    }

    /// <summary>C = A·op(B) (or C += …) on the calling thread, with op(B) already packed for <see cref="PackedB.Path"/>.</summary>
    internal static void RunPrepacked(ReadOnlySpan<float> a, bool transposeA, PackedB b, Span<float> c, int m, bool accumulate)
    {
        switch (b.Path, TileRowsFor(m))
        {
            case (VectorPath.Vector512, 6): RunPrepacked<Lanes512, Vector512<float>, SixRows>(a, transposeA, b, c, m, accumulate); break;
            case (VectorPath.Vector512, 5): RunPrepacked<Lanes512, Vector512<float>, FiveRows>(a, transposeA, b, c, m, accumulate); break;
            case (VectorPath.Vector512, _): RunPrepacked<Lanes512, Vector512<float>, FourRows>(a, transposeA, b, c, m, accumulate); break;
            case (VectorPath.Vector256, 6): RunPrepacked<Lanes256, Vector256<float>, SixRows>(a, transposeA, b, c, m, accumulate); break;
            case (VectorPath.Vector256, 5): RunPrepacked<Lanes256, Vector256<float>, FiveRows>(a, transposeA, b, c, m, accumulate); break;
            case (VectorPath.Vector256, _): RunPrepacked<Lanes256, Vector256<float>, FourRows>(a, transposeA, b, c, m, accumulate); break;
            case (_, 6): RunPrepacked<Lanes128, Vector128<float>, SixRows>(a, transposeA, b, c, m, accumulate); break;
            case (_, 5): RunPrepacked<Lanes128, Vector128<float>, FiveRows>(a, transposeA, b, c, m, accumulate); break;
            default: RunPrepacked<Lanes128, Vector128<float>, FourRows>(a, transposeA, b, c, m, accumulate); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void RunPrepacked<TLanes, TVector, TRows>(ReadOnlySpan<float> a, bool transposeA, PackedB b, Span<float> c, int m, bool accumulate)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
        where TRows : struct, ITileRows
    {
        var problem = new Problem(transposeA, false, m, b.N, b.K, accumulate);
        float[] buffer = PackBuffer();
        int kBlock = KBlockLength(b.K);
        fixed (float* pa = a, pc = c, pbuffer = buffer, pprepacked = b.Buffer)
        {
            float* packedA = AlignedPackBuffer(pbuffer);
            for (int pc0 = 0; pc0 < problem.K; pc0 += kBlock)
            {
                int kc = Math.Min(kBlock, problem.K - pc0);
                bool overwrite = pc0 == 0 && !accumulate;
                float* packedB = pprepacked + b.Offset + (long)pc0 * b.Padded;
                for (int ic = 0; ic < m; ic += MBlock)
                {
                    int mc = Math.Min(MBlock, m - ic);
                    PackA(pa, problem, ic, mc, pc0, kc, packedA, TRows.Count);
                    Macro<TLanes, TVector, TRows>(packedA, packedB, pc + (long)ic * b.N, b.N, mc, b.N, kc, overwrite);
                }
            }
        }
    }

    /// <summary>Packs op(A)[ic..ic+mc, pc..pc+kc] as MR-row panels: panel r holds, for each p, MR consecutive values.</summary>
    private static void PackA(float* a, Problem problem, int ic, int mc, int pc, int kc, float* destination, int tileRows)
    {
        int m = problem.M, k = problem.K;
        int* index = (int*)problem.RowsOfA;
        float** rows = stackalloc float*[TileRows];
        for (int ir = 0; ir < mc; ir += tileRows)
        {
            int count = Math.Min(tileRows, mc - ir);
            float* panel = destination + ir * kc;
            if (problem.TransposeA)
            {
                // A is K×M: the MR values for one p are contiguous.
                for (int p = 0; p < kc; p++)
                {
                    float* source = a + (long)StoredRow(index, pc + p) * m + ic + ir;
                    float* target = panel + p * tileRows;
                    int r = 0;
                    for (; r < count; r++) target[r] = source[r];
                    for (; r < tileRows; r++) target[r] = 0;
                }
            }
            else if (count == TileRows && tileRows == TileRows)
            {
                // A is M×K: read the MR rows side by side (MR sequential streams) and write each p's MR values contiguously.
                int first = ic + ir;
                float* s0 = a + (long)StoredRow(index, first) * k + pc, s1 = a + (long)StoredRow(index, first + 1) * k + pc;
                float* s2 = a + (long)StoredRow(index, first + 2) * k + pc, s3 = a + (long)StoredRow(index, first + 3) * k + pc;
                float* s4 = a + (long)StoredRow(index, first + 4) * k + pc, s5 = a + (long)StoredRow(index, first + 5) * k + pc;
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
                for (int r = 0; r < count; r++) rows[r] = a + (long)StoredRow(index, ic + ir + r) * k + pc;
                for (int p = 0; p < kc; p++)
                {
                    float* target = panel + p * tileRows;
                    int r = 0;
                    for (; r < count; r++) target[r] = rows[r][p];
                    for (; r < tileRows; r++) target[r] = 0;
                }
            }
        }
    }

    /// <summary>Packs op(B)[pc..pc+kc, jc..jc+nc] as NR-column panels: panel j holds, for each p, NR consecutive values.</summary>
    private static void PackB(float* b, Problem problem, int pc, int kc, int jc, int nc, float* destination, int tileColumns)
    {
        int n = problem.N, k = problem.K;
        int* index = (int*)problem.RowsOfB;
        float** rows = stackalloc float*[tileColumns];
        for (int jr = 0; jr < nc; jr += tileColumns)
        {
            int columns = Math.Min(tileColumns, nc - jr);
            float* panel = destination + jr * kc;
            if (problem.TransposeB)
            {
                // B is N×K: the panel is the transpose of NR rows of B. Whole 8×8 blocks go through registers; the rest
                // (a short last panel, K not a multiple of 8) is copied value by value.
                for (int col = 0; col < columns; col++) rows[col] = b + (long)StoredRow(index, jc + jr + col) * k + pc;
                int p = 0;
                if (columns == tileColumns && Avx.IsSupported)
                {
                    for (; p + 8 <= kc; p += 8)
                    {
                        for (int col = 0; col < tileColumns; col += 8)
                        {
                            Transpose8x8(rows + col, p, panel + p * tileColumns + col, tileColumns);
                        }
                    }
                }

                for (; p < kc; p++)
                {
                    float* target = panel + p * tileColumns;
                    int col = 0;
                    for (; col < columns; col++) target[col] = rows[col][p];
                    for (; col < tileColumns; col++) target[col] = 0;
                }
            }
            else
            {
                for (int p = 0; p < kc; p++)
                {
                    float* source = b + (long)StoredRow(index, pc + p) * n + jc + jr;
                    float* target = panel + p * tileColumns;
                    new ReadOnlySpan<float>(source, columns).CopyTo(new Span<float>(target, columns));
                    if (columns < tileColumns) new Span<float>(target + columns, tileColumns - columns).Clear();
                }
            }
        }
    }

    /// <summary>Row <paramref name="row"/> of a stored operand: itself, or the index the caller gave for it.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StoredRow(int* index, int row) => index == null ? row : index[row];

    /// <summary>
    /// Writes the transpose of the 8×8 block rows[0..8][p..p+8] to target: target[t·stride + j] = rows[j][p + t].
    /// </summary>
    /// <remarks>Why: the value-by-value copy reads NR rows of B at once, one float from each per step, and cost about as
    /// much as the multiply itself on the forward shape X·Wᵀ (see docs/BENCHMARKS.md); the classic three-stage AVX
    /// transpose (unpack, shuffle, lane permute) reads each row as one 32-byte load.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(float** rows, int p, float* target, int stride)
    {
        Vector256<float> r0 = Avx.LoadVector256(rows[0] + p), r1 = Avx.LoadVector256(rows[1] + p);
        Vector256<float> r2 = Avx.LoadVector256(rows[2] + p), r3 = Avx.LoadVector256(rows[3] + p);
        Vector256<float> r4 = Avx.LoadVector256(rows[4] + p), r5 = Avx.LoadVector256(rows[5] + p);
        Vector256<float> r6 = Avx.LoadVector256(rows[6] + p), r7 = Avx.LoadVector256(rows[7] + p);
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Store(target, Avx.Permute2x128(u0, u4, 0x20));
        Avx.Store(target + stride, Avx.Permute2x128(u1, u5, 0x20));
        Avx.Store(target + 2 * stride, Avx.Permute2x128(u2, u6, 0x20));
        Avx.Store(target + 3 * stride, Avx.Permute2x128(u3, u7, 0x20));
        Avx.Store(target + 4 * stride, Avx.Permute2x128(u0, u4, 0x31));
        Avx.Store(target + 5 * stride, Avx.Permute2x128(u1, u5, 0x31));
        Avx.Store(target + 6 * stride, Avx.Permute2x128(u2, u6, 0x31));
        Avx.Store(target + 7 * stride, Avx.Permute2x128(u3, u7, 0x31));
    }
}
