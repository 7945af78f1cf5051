using System.Numerics.Tensors;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// Σ f(a·xᵢ) over one span, or Σ f(a·pᵢ, b·qᵢ) over two, vectorized at the width of the <see cref="VectorPath"/>,
/// accurate for tens of millions of entries, spread over all cores, and bit-for-bit deterministic. The same pass also
/// sums the raw entries and checks that every one is finite and non-negative, so validating a probability vector costs
/// no second pass.
/// </summary>
/// <remarks>
/// Paths: <see cref="VectorPaths.Current"/> at the public entry; the internal overloads take a <see cref="VectorPath"/>
/// so the tests run every path (a width the CPU lacks still runs, emulated). Each block runs the term's fast form while
/// every entry is ordinary (<see cref="IUnaryReductionTerm{TSelf}.TryApplyOrdinary"/>, which also proves the entries
/// valid), and from the first vector that is not, its general form with the explicit checks (VectorBlocks, in
/// BlockReduction.Vector.cs).
/// Accuracy: entries are summed in blocks of <see cref="BlockLength"/> with plain vector adds (one running sum per lane,
/// so at most 1024/2 = 512 roundings each, on the 128-bit path: error ≤ 512ε·Σ|f| ≈ 1.1e-13 relative in the worst case);
/// block sums are combined with a compensated <see cref="NeumaierSum"/>, whose error does not grow with the number of
/// blocks. Determinism: the input is cut into fixed chunks of <see cref="ChunkLength"/> entries whatever the core count;
/// chunk results land in an array and are combined in chunk order, so the serial and the parallel path return the same
/// bits. Across paths the lanes differ, so the last bits may differ.
/// float32 input is widened to float64 one block at a time, so it runs through the same float64 terms.
/// </remarks>
internal static partial class BlockReduction
{
    /// <summary>Entries summed with plain vector adds before the block's sum joins the compensated total.</summary>
    internal const int BlockLength = 1024;

    /// <summary>Entries in one unit of parallel work (512 KiB of float64).</summary>
    internal const int ChunkLength = 64 * BlockLength;

    /// <summary>Below this many entries one thread does all the work (the parallel start-up would cost more than it saves).</summary>
    internal const int ParallelThreshold = 4 * ChunkLength;

    /// <summary>Σ f(scale·xᵢ), Σ xᵢ and whether some xᵢ is negative, NaN or infinite, on <see cref="VectorPaths.Current"/>.</summary>
    public static ReductionResult Reduce<TTerm>(ReadOnlySpan<double> x, double scale)
        where TTerm : IUnaryReductionTerm<TTerm> =>
        Reduce<TTerm>(x, scale, VectorPaths.Current);

    /// <summary>Σ f(scale·xᵢ) for float32 entries, computed in float64, on <see cref="VectorPaths.Current"/>.</summary>
    public static ReductionResult Reduce<TTerm>(ReadOnlySpan<float> x, double scale)
        where TTerm : IUnaryReductionTerm<TTerm> =>
        Reduce<TTerm>(x, scale, VectorPaths.Current);

    /// <summary>Σ f(scaleP·pᵢ, scaleQ·qᵢ), Σ pᵢ, Σ qᵢ and whether some entry of p or q is negative, NaN or infinite.</summary>
    /// <remarks>The caller checks that the lengths agree.</remarks>
    public static ReductionResult Reduce<TTerm>(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double scaleP, double scaleQ)
        where TTerm : IBinaryReductionTerm<TTerm> =>
        Reduce<TTerm>(p, q, scaleP, scaleQ, VectorPaths.Current);

    /// <summary>Σ f(scaleP·pᵢ, scaleQ·qᵢ) for float32 entries, computed in float64.</summary>
    public static ReductionResult Reduce<TTerm>(ReadOnlySpan<float> p, ReadOnlySpan<float> q, double scaleP, double scaleQ)
        where TTerm : IBinaryReductionTerm<TTerm> =>
        Reduce<TTerm>(p, q, scaleP, scaleQ, VectorPaths.Current);

    /// <summary>Σ f(scale·xᵢ), Σ xᵢ and whether some xᵢ is invalid, at the width of <paramref name="path"/> (the tests run every one).</summary>
    internal static unsafe ReductionResult Reduce<TTerm>(ReadOnlySpan<double> x, double scale, VectorPath path)
        where TTerm : IUnaryReductionTerm<TTerm>
    {
        fixed (double* px = x)
        {
            return Unary<TTerm>(new Job { P = px, Length = x.Length, ScaleP = scale }, path);
        }
    }

    /// <inheritdoc cref="Reduce{TTerm}(ReadOnlySpan{float}, double)"/>
    internal static unsafe ReductionResult Reduce<TTerm>(ReadOnlySpan<float> x, double scale, VectorPath path)
        where TTerm : IUnaryReductionTerm<TTerm>
    {
        fixed (float* px = x)
        {
            return Unary<TTerm>(new Job { PSingle = px, Length = x.Length, ScaleP = scale }, path);
        }
    }

    /// <inheritdoc cref="Reduce{TTerm}(ReadOnlySpan{double}, ReadOnlySpan{double}, double, double)"/>
    internal static unsafe ReductionResult Reduce<TTerm>(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double scaleP, double scaleQ, VectorPath path)
        where TTerm : IBinaryReductionTerm<TTerm>
    {
        fixed (double* pp = p, pq = q)
        {
            return Binary<TTerm>(new Job { P = pp, Q = pq, Length = p.Length, ScaleP = scaleP, ScaleQ = scaleQ }, path);
        }
    }

    /// <inheritdoc cref="Reduce{TTerm}(ReadOnlySpan{float}, ReadOnlySpan{float}, double, double)"/>
    internal static unsafe ReductionResult Reduce<TTerm>(ReadOnlySpan<float> p, ReadOnlySpan<float> q, double scaleP, double scaleQ, VectorPath path)
        where TTerm : IBinaryReductionTerm<TTerm>
    {
        fixed (float* pp = p, pq = q)
        {
            return Binary<TTerm>(new Job { PSingle = pp, QSingle = pq, Length = p.Length, ScaleP = scaleP, ScaleQ = scaleQ }, path);
        }
    }

    // The one-span 512-bit path runs two vectors in lockstep (DoubleLanesPair, 16 entries a step); see its remarks for
    // why the two-span terms do not.
    private static ReductionResult Unary<TTerm>(Job job, VectorPath path)
        where TTerm : IUnaryReductionTerm<TTerm> => path switch
    {
        VectorPath.Vector512 => Combine(job.Length, chunk => UnaryChunk<TTerm, VectorBlocks<DoubleLanesPair<DoubleLanes512, Vector512<double>>, VectorPair<Vector512<double>>>>(job, chunk)),
        VectorPath.Vector256 => Combine(job.Length, chunk => UnaryChunk<TTerm, VectorBlocks<DoubleLanes256, Vector256<double>>>(job, chunk)),
        VectorPath.Vector128 => Combine(job.Length, chunk => UnaryChunk<TTerm, VectorBlocks<DoubleLanes128, Vector128<double>>>(job, chunk)),
        _ => Combine(job.Length, chunk => UnaryChunk<TTerm, ScalarBlocks>(job, chunk)),
    };

    private static ReductionResult Binary<TTerm>(Job job, VectorPath path)
        where TTerm : IBinaryReductionTerm<TTerm> => path switch
    {
        VectorPath.Vector512 => Combine(job.Length, chunk => BinaryChunk<TTerm, VectorBlocks<DoubleLanes512, Vector512<double>>>(job, chunk)),
        VectorPath.Vector256 => Combine(job.Length, chunk => BinaryChunk<TTerm, VectorBlocks<DoubleLanes256, Vector256<double>>>(job, chunk)),
        VectorPath.Vector128 => Combine(job.Length, chunk => BinaryChunk<TTerm, VectorBlocks<DoubleLanes128, Vector128<double>>>(job, chunk)),
        _ => Combine(job.Length, chunk => BinaryChunk<TTerm, ScalarBlocks>(job, chunk)),
    };

    /// <summary>Runs every chunk (in parallel when long enough) and combines the results in chunk order.</summary>
    private static ReductionResult Combine(int length, Func<int, PartialSums> reduceChunk)
    {
        int chunkCount = (length + ChunkLength - 1) / ChunkLength;
        var results = new PartialSums[chunkCount];
        if (length >= ParallelThreshold && Environment.ProcessorCount > 1)
        {
            Parallel.For(0, chunkCount, chunk => results[chunk] = reduceChunk(chunk));
        }
        else
        {
            for (int chunk = 0; chunk < chunkCount; chunk++)
            {
                results[chunk] = reduceChunk(chunk);
            }
        }

        NeumaierSum total = default, sumX = default, sumY = default;
        bool invalid = false;
        foreach (PartialSums result in results)
        {
            total.Add(result.Total);
            sumX.Add(result.SumX);
            sumY.Add(result.SumY);
            invalid |= result.Invalid;
        }

        return new ReductionResult(total.Value, sumX.Value, sumY.Value, invalid);
    }

    private static unsafe PartialSums UnaryChunk<TTerm, TBlocks>(Job job, int chunk)
        where TTerm : IUnaryReductionTerm<TTerm>
        where TBlocks : IBlockKernel
    {
        int start = chunk * ChunkLength;
        int end = Math.Min(job.Length, start + ChunkLength);
        NeumaierSum total = default, sumX = default;
        bool invalid = false;
        Span<double> widened = job.PSingle is null ? default : stackalloc double[BlockLength];
        for (int block = start; block < end; block += BlockLength)
        {
            int length = Math.Min(BlockLength, end - block);
            ReadOnlySpan<double> x = job.PSingle is null
                ? new ReadOnlySpan<double>(job.P + block, length)
                : Widen(new ReadOnlySpan<float>(job.PSingle + block, length), widened);
            PartialSums result = TBlocks.Unary<TTerm>(x, job.ScaleP);
            total.Add(result.Total);
            sumX.Add(result.SumX);
            invalid |= result.Invalid;
        }

        return new PartialSums(total.Value, sumX.Value, 0, invalid);
    }

    private static unsafe PartialSums BinaryChunk<TTerm, TBlocks>(Job job, int chunk)
        where TTerm : IBinaryReductionTerm<TTerm>
        where TBlocks : IBlockKernel
    {
        int start = chunk * ChunkLength;
        int end = Math.Min(job.Length, start + ChunkLength);
        NeumaierSum total = default, sumP = default, sumQ = default;
        bool invalid = false;
        Span<double> widenedP = job.PSingle is null ? default : stackalloc double[BlockLength];
        Span<double> widenedQ = job.PSingle is null ? default : stackalloc double[BlockLength];
        for (int block = start; block < end; block += BlockLength)
        {
            int length = Math.Min(BlockLength, end - block);
            scoped ReadOnlySpan<double> p, q;
            if (job.PSingle is null)
            {
                p = new ReadOnlySpan<double>(job.P + block, length);
                q = new ReadOnlySpan<double>(job.Q + block, length);
            }
            else
            {
                p = Widen(new ReadOnlySpan<float>(job.PSingle + block, length), widenedP);
                q = Widen(new ReadOnlySpan<float>(job.QSingle + block, length), widenedQ);
            }

            PartialSums result = TBlocks.Binary<TTerm>(p, q, job.ScaleP, job.ScaleQ);
            total.Add(result.Total);
            sumP.Add(result.SumX);
            sumQ.Add(result.SumY);
            invalid |= result.Invalid;
        }

        return new PartialSums(total.Value, sumP.Value, sumQ.Value, invalid);
    }

    private static ReadOnlySpan<double> Widen(ReadOnlySpan<float> source, Span<double> buffer)
    {
        Span<double> destination = buffer[..source.Length];
        TensorPrimitives.ConvertChecked(source, destination);
        return destination;
    }

    /// <summary>One block at one width: Σ f, the raw sums and the validity check.</summary>
    private interface IBlockKernel
    {
        static abstract PartialSums Unary<TTerm>(ReadOnlySpan<double> x, double scale)
            where TTerm : IUnaryReductionTerm<TTerm>;

        static abstract PartialSums Binary<TTerm>(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double scaleP, double scaleQ)
            where TTerm : IBinaryReductionTerm<TTerm>;
    }

    /// <summary>The scalar path: the term's scalar form, entry by entry.</summary>
    private readonly struct ScalarBlocks : IBlockKernel
    {
        public static PartialSums Unary<TTerm>(ReadOnlySpan<double> x, double scale)
            where TTerm : IUnaryReductionTerm<TTerm>
        {
            double total = 0, sum = 0;
            bool invalid = false;
            foreach (double value in x)
            {
                sum += value;
                invalid |= !IsValid(value);
                total += TTerm.Apply(value * scale);
            }

            return new PartialSums(total, sum, 0, invalid);
        }

        public static PartialSums Binary<TTerm>(ReadOnlySpan<double> p, ReadOnlySpan<double> q, double scaleP, double scaleQ)
            where TTerm : IBinaryReductionTerm<TTerm>
        {
            double total = 0, sumP = 0, sumQ = 0;
            bool invalid = false;
            for (int i = 0; i < p.Length; i++)
            {
                sumP += p[i];
                sumQ += q[i];
                invalid |= !(IsValid(p[i]) && IsValid(q[i]));
                total += TTerm.Apply(p[i] * scaleP, q[i] * scaleQ);
            }

            return new PartialSums(total, sumP, sumQ, invalid);
        }
    }

    /// <summary>Whether an entry is finite and ≥ 0 (NaN fails x ≥ 0).</summary>
    private static bool IsValid(double x) => x >= 0 && x < double.PositiveInfinity;

    /// <summary>Where one reduction reads: float64 pointers, or float32 ones (then P and Q are null). Valid inside <c>fixed</c>.</summary>
    private unsafe struct Job
    {
        public double* P;
        public double* Q;
        public float* PSingle;
        public float* QSingle;
        public int Length;
        public double ScaleP;
        public double ScaleQ;
    }

    /// <summary>One block's or one chunk's Σ f, raw sums and validity.</summary>
    private readonly record struct PartialSums(double Total, double SumX, double SumY, bool Invalid);
}

/// <summary>The outcome of a <see cref="BlockReduction"/> pass.</summary>
/// <param name="Total">Σ f over the entries.</param>
/// <param name="SumX">Σ of the raw entries of the first span (before scaling).</param>
/// <param name="SumY">Σ of the raw entries of the second span, or 0 for a one-span reduction.</param>
/// <param name="HasInvalidEntry">Whether some entry is negative, NaN or infinite (then Total means nothing).</param>
internal readonly record struct ReductionResult(double Total, double SumX, double SumY, bool HasInvalidEntry);
