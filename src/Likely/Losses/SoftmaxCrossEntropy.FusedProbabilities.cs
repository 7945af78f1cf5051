using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Losses;

// The fast float32 path for probability targets t, written once for the 128-, 256- and 512-bit paths. Per row, with
// a_c = w_c·t'_c and t' = (1 − ε)·t + ε/K:
//   1. m = max_c z_c                                                     (read z)
//   2. s = Σ e^(z_c − m), storing e_c in the gradient row                (read z, write e)
//   3. A = Σ a_c and U = Σ a_c·(z_c − m) over a_c ≠ 0 (so 0·log 0 = 0)   (read z, t, from cache)
//      ℓ = Σ a_c·(lse − z_c) = A·log s − U
//   4. g_c = scale·(A·e_c/s − a_c)                                       (read e, t, write g)
// A row shorter than one vector runs on copies padded with z = −∞, t = 0 and w = 0 (so the padding contributes nothing).
// Rows run in fixed chunks (RowChunks), so the result is bit-identical for every thread count.
public static partial class SoftmaxCrossEntropy
{
    internal static unsafe double ComputeFused(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<float> targets, Span<float> inputGradient,
        CrossEntropyOptions options, Span<float> rowLosses, int maxDegreeOfParallelism, VectorPath path)
    {
        int rows = logits.Length / classes;
        double divisor = Divisor(options.Reduction, denominator: rows, rows); // probability targets: mean divides by N
        double gradientScale = divisor > 0 ? 1 / divisor : 0;
        fixed (float* z = logits)
        fixed (float* t = targets)
        fixed (float* g = inputGradient)
        fixed (float* losses = rowLosses)
        fixed (float* w = options.ClassWeights)
        {
            var buffers = new ProbabilityBuffers(z, classes, t, g, losses, w);
            double lossSum = path switch
            {
                VectorPath.Vector512 => RowChunks.Sum(rows, classes, maxDegreeOfParallelism, new FusedProbabilityKernel<Lanes512, Vector512<float>>(buffers, options, gradientScale).Chunk),
                VectorPath.Vector256 => RowChunks.Sum(rows, classes, maxDegreeOfParallelism, new FusedProbabilityKernel<Lanes256, Vector256<float>>(buffers, options, gradientScale).Chunk),
                _ => RowChunks.Sum(rows, classes, maxDegreeOfParallelism, new FusedProbabilityKernel<Lanes128, Vector128<float>>(buffers, options, gradientScale).Chunk),
            };
            return Reduce(lossSum, divisor, options, rows);
        }
    }

    /// <summary>The pinned buffers of one call (null pointer = buffer not wanted; weights null = all 1).</summary>
    private readonly unsafe struct ProbabilityBuffers(float* logits, int classes, float* targets, float* gradient, float* rowLosses, float* weights)
    {
        public readonly float* Logits = logits, Targets = targets, Gradient = gradient, RowLosses = rowLosses, Weights = weights;
        public readonly int Classes = classes;
    }

    private sealed unsafe class FusedProbabilityKernel<TLanes, TVector>(ProbabilityBuffers buffers, CrossEntropyOptions options, double gradientScale)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        private readonly float* logits = buffers.Logits;
        private readonly int classes = buffers.Classes;
        private readonly float* targets = buffers.Targets;
        private readonly float* gradient = buffers.Gradient;
        private readonly float* rowLosses = buffers.RowLosses;
        private readonly float* weights = buffers.Weights;
        private readonly float epsilon = (float)options.LabelSmoothing;
        private readonly bool exclude = options.SmoothingExcludesMaskedClasses;

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Chunk(int first, int count)
        {
            // Padded copies for rows shorter than one vector: logits, targets, weights, gradient.
            float* padded = stackalloc float[4 * Vector512<float>.Count];
            int width = TLanes.Count;
            for (int c = 0; c < width; c++) padded[2 * width + c] = c >= classes ? 0 : weights == null ? 1 : weights[c];
            double sum = 0;
            for (int i = first; i < first + count; i++) sum += Row(i, padded);
            return sum;
        }

        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double Row(int i, float* padded)
        {
            long offset = (long)i * classes;
            float* z = logits + offset, t = targets + offset, w = weights;
            float* g = gradient == null ? null : gradient + offset;
            int n = classes, width = TLanes.Count;
            if (n < width)
            {
                for (int c = 0; c < width; c++)
                {
                    padded[c] = c < n ? z[c] : float.NegativeInfinity;
                    padded[width + c] = c < n ? t[c] : 0;
                }

                z = padded;
                t = padded + width;
                w = padded + 2 * width;
                n = width;
                if (g != null) g = padded + 3 * width;
            }

            float max = LogSumExp.Max<TLanes, TVector>(z, n);
            if (!float.IsFinite(max))
            {
                if (rowLosses != null) rowLosses[i] = float.NaN;
                return double.NaN;
            }

            float sum = LogSumExp.SumExp<TLanes, TVector>(z, n, max, g, out _);
            float smoothing = epsilon == 0 ? 0 : epsilon / (exclude ? Unmasked(z, n) : classes);
            Sums(z, t, w, n, max, smoothing, out float total, out float shifted);
            double loss = total * Math.Log(sum) - shifted * Up;
            if (g != null)
            {
                WriteGradient(z, t, w, g, n, (float)(gradientScale * total / sum), (float)-gradientScale, smoothing);
                if (n != classes)
                {
                    float* row = gradient + offset;
                    for (int c = 0; c < classes; c++) row[c] = g[c];
                }
            }

            if (rowLosses != null) rowLosses[i] = (float)loss;
            return loss;
        }

        /// <summary>a_c lane by lane: w_c·((1 − ε)·t_c + ε/K), the smoothing left out for masked classes when excluded.</summary>
        private TVector Coefficients(TVector x, TVector t, float* w, int at, float smoothing)
        {
            TVector smooth = TLanes.Broadcast(smoothing);
            if (exclude) smooth = TLanes.AndNot(smooth, TLanes.EqualTo(x, TLanes.Broadcast(float.NegativeInfinity)));
            TVector a = TLanes.MultiplyAdd(t, TLanes.Broadcast(1 - epsilon), smooth);
            return w == null ? a : TLanes.Multiply(a, TLanes.Load(w + at));
        }

        /// <summary>A = Σ a_c and 2^−64·Σ a_c·(z_c − m), both over the classes with a_c ≠ 0 (n ≥ one vector).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void Sums(float* z, float* t, float* w, int n, float max, float smoothing, out float total, out float shifted)
        {
            int width = TLanes.Count;
            TVector shift = TLanes.Broadcast(-max * Down), down = TLanes.Broadcast(Down);
            TVector totals = TLanes.Zero, shifts = TLanes.Zero;
            for (int i = 0; i < n; i += width)
            {
                int at = Math.Min(i, n - width); // the last vector overlaps the previous one; only its new lanes count
                TVector fresh = i <= n - width ? TLanes.AllBitsSet : TLanes.LastLanes(n - i);
                TVector x = TLanes.Load(z + at);
                TVector a = Coefficients(x, TLanes.Load(t + at), w, at, smoothing);
                TVector keep = TLanes.AndNot(fresh, TLanes.EqualTo(a, TLanes.Zero));
                totals = TLanes.Add(totals, TLanes.And(a, keep));
                shifts = TLanes.Add(shifts, TLanes.And(TLanes.Multiply(a, TLanes.MultiplyAdd(x, down, shift)), keep));
            }

            total = TLanes.Sum(totals);
            shifted = TLanes.Sum(shifts);
        }

        /// <summary>g_c = α·e_c + β·a_c with α = scale·A/s, β = −scale; g holds e_c on entry (n ≥ one vector).</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void WriteGradient(float* z, float* t, float* w, float* g, int n, float alpha, float beta, float smoothing)
        {
            int width = TLanes.Count;
            TVector a = TLanes.Broadcast(alpha), b = TLanes.Broadcast(beta);

            // The overlapping last vector must read its e_c before the main loop overwrites them.
            bool hasTail = n % width != 0;
            TVector tail = hasTail ? Gradient(z, t, w, g, n - width, a, b, smoothing) : default;
            for (int i = 0; i <= n - width; i += width) TLanes.Store(Gradient(z, t, w, g, i, a, b, smoothing), g + i);
            if (hasTail) TLanes.Store(tail, g + (n - width));
        }

        private TVector Gradient(float* z, float* t, float* w, float* g, int at, TVector a, TVector b, float smoothing) =>
            TLanes.MultiplyAdd(
                TLanes.Load(g + at), a,
                TLanes.Multiply(b, Coefficients(TLanes.Load(z + at), TLanes.Load(t + at), w, at, smoothing)));

        private static int Unmasked(float* z, int n)
        {
            int count = 0;
            for (int c = 0; c < n; c++) count += float.IsNegativeInfinity(z[c]) ? 0 : 1;
            return count;
        }
    }
}
