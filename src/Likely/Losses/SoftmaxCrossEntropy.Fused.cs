using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Losses;

// The fast float32 path for index targets, written once for the 128-, 256- and 512-bit paths (IFloatLanes).
// Per row, loss and gradient in one sweep over the row's logits:
//   1. m = max_c z_c                        (read z)
//   2. s = Σ e^(z_c − m) and Σ (z_c − m), storing e_c when a gradient is wanted (read z, write e)
//   3. only with class weights + smoothing, masked-class exclusion, or overflow near ±3e38: Σ w_c·(z_c − m) over the
//      smoothed classes (read z, from cache)
//   4. g_c = α·e_c − β·w_c with α = scale·A/s, β = scale·ε/K, then g_y −= scale·(1 − ε)·w_y (read e, write g, from cache)
// so the logits come from memory once, the gradient goes out once, and the softmax is never computed twice.
// A long row keeps e_c in its gradient row and covers its tail with an overlapping last vector; a short row (C ≤ 16 and
// at most two vectors: C = 10 is one 512-bit or two 256-bit registers) is held in registers, masked past C, and its e_c
// wait in a scratch block (SoftmaxCrossEntropy.Fused.ShortRows.cs).
// Rows run in fixed chunks (RowChunks), so the result is bit-identical for every thread count.
public static partial class SoftmaxCrossEntropy
{
    // Shared by both fused kernels: Σ w·(z − m) is accumulated scaled by 2^−64 and rescaled in double, so that it stays
    // finite for logits near ±3e38.
    private const float Down = 5.42101086e-20f; // 2^−64
    private const double Up = 18446744073709551616.0; // 2^64

    internal static unsafe double ComputeFused(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> inputGradient,
        CrossEntropyOptions options, Span<float> rowLosses, double denominator, int maxDegreeOfParallelism, VectorPath path)
    {
        int rows = targets.Length;
        double divisor = Divisor(options.Reduction, denominator, rows);
        double gradientScale = divisor > 0 ? 1 / divisor : 0;
        fixed (float* z = logits)
        fixed (int* y = targets)
        fixed (float* g = inputGradient)
        fixed (float* losses = rowLosses)
        fixed (float* w = options.ClassWeights)
        {
            var buffers = new IndexBuffers(z, classes, rows, y, g, losses, w);
            double lossSum = path switch
            {
                VectorPath.Vector512 => RowChunks.Sum(rows, classes, maxDegreeOfParallelism, new FusedIndexKernel<Lanes512, Vector512<float>>(buffers, options, gradientScale).Chunk),
                VectorPath.Vector256 => RowChunks.Sum(rows, classes, maxDegreeOfParallelism, new FusedIndexKernel<Lanes256, Vector256<float>>(buffers, options, gradientScale).Chunk),
                _ => RowChunks.Sum(rows, classes, maxDegreeOfParallelism, new FusedIndexKernel<Lanes128, Vector128<float>>(buffers, options, gradientScale).Chunk),
            };
            return Reduce(lossSum, divisor, options, rows);
        }
    }

    /// <summary>The pinned buffers of one call (null pointer = buffer not wanted; weights null = all 1).</summary>
    private readonly unsafe struct IndexBuffers(float* logits, int classes, int rows, int* targets, float* gradient, float* rowLosses, float* weights)
    {
        public readonly float* Logits = logits, Gradient = gradient, RowLosses = rowLosses, Weights = weights;
        public readonly int* Targets = targets;
        public readonly int Classes = classes, Rows = rows;
    }

    /// <summary>The fused row kernel at one vector width.</summary>
    private sealed unsafe partial class FusedIndexKernel<TLanes, TVector>(IndexBuffers buffers, CrossEntropyOptions options, double gradientScale)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        private const int MaxBlock = 256;

        private readonly float* logits = buffers.Logits;
        private readonly int classes = buffers.Classes;
        private readonly long logitCount = (long)buffers.Rows * buffers.Classes;
        private readonly int* targets = buffers.Targets;
        private readonly float* gradient = buffers.Gradient;
        private readonly float* rowLosses = buffers.RowLosses;
        private readonly float* weights = buffers.Weights;
        private readonly double epsilon = options.LabelSmoothing;
        private readonly bool exclude = options.SmoothingExcludesMaskedClasses;
        private readonly int ignoreIndex = options.IgnoreIndex;
        private readonly double weightTotal = SumOf(options.ClassWeights, buffers.Classes);

        /// <summary>
        /// Rows in blocks of about 16 KB of logits (one row for C ≥ 4096), stage by stage: max, Σ exp, log s for the
        /// whole block in one vector call, row losses, gradient. Losses are added in row order. (Staging measured
        /// about 4% faster than row-at-a-time for C = 10 on the project machine, within noise for C ≥ 1000; a software
        /// prefetch of the next block was tried and measured no faster, so it is not here.)
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        public double Chunk(int first, int count)
        {
            int block = Math.Clamp(4096 / classes, 1, MaxBlock);
            float* maxes = stackalloc float[block];
            float* sums = stackalloc float[block + 15];
            float* shifts = stackalloc float[block];
            float* logSums = stackalloc float[block + 15];
            float* alphas = stackalloc float[block];
            float* betas = stackalloc float[block];
            float* targetTerms = stackalloc float[block];
            float* scratch = stackalloc float[shortRows ? block * ShortRowLanes : 1];
            float* padded = stackalloc float[2 * ShortRowLanes];
            float* paddedWeights = padded + ShortRowLanes;
            for (int c = 0; c < ShortRowLanes; c++) paddedWeights[c] = c >= classes ? 0 : weights == null ? 1 : weights[c];

            double total = 0;
            for (int start = first; start < first + count; start += block)
            {
                int rows = Math.Min(block, first + count - start);
                if (shortRows)
                {
                    ShortRowSums(start, rows, maxes, sums, shifts, gradient != null ? scratch : null, padded);
                }
                else
                {
                    for (int r = 0; r < rows; r++)
                    {
                        maxes[r] = targets[start + r] == ignoreIndex ? 0 : LogSumExp.MaxNative<TLanes, TVector>(Logits(start + r), classes);
                    }

                    for (int r = 0; r < rows; r++)
                    {
                        int i = start + r;
                        if (targets[i] != ignoreIndex && float.IsFinite(maxes[r]))
                        {
                            sums[r] = LogSumExp.SumExp<TLanes, TVector>(Logits(i), classes, maxes[r], Gradient(i), out shifts[r]);
                        }
                    }
                }

                // log s for the whole block in one vector call (float log, ≤ 1 ulp: s ∈ [1, C]), over whole vectors
                // (padded with s = 1), so TensorPrimitives never takes its scalar tail, which stays at tier 0.
                int padded16 = (rows + 15) & ~15;
                for (int r = rows; r < padded16; r++) sums[r] = 1;
                TensorPrimitives.Log(new ReadOnlySpan<float>(sums, padded16), new Span<float>(logSums, padded16));
                for (int r = 0; r < rows; r++)
                {
                    total += RowLoss(start + r, maxes[r], sums[r], logSums[r], shifts[r], out alphas[r], out betas[r], out targetTerms[r], padded, paddedWeights);
                }

                if (gradient == null) continue;
                for (int r = 0; r < rows; r++)
                {
                    int i = start + r;
                    float* g = Gradient(i);
                    if (targets[i] == ignoreIndex)
                    {
                        new Span<float>(g, classes).Clear();
                    }
                    else if (float.IsFinite(maxes[r]) && !float.IsNaN(shifts[r]))
                    {
                        if (shortRows)
                        {
                            bool lastRows = (long)i * classes + ShortSpan > (long)(first + count) * classes;
                            WriteShortGradient(i, scratch + r * ShortRowLanes, alphas[r], betas[r], targetTerms[r], lastRows, padded, paddedWeights);
                        }
                        else
                        {
                            WriteGradient(Logits(i), g, alphas[r], betas[r]);
                            g[targets[i]] -= targetTerms[r];
                        }
                    }
                }
            }

            return total;
        }

        private float* Logits(int i) => logits + (long)i * classes;

        private float* Gradient(int i) => gradient == null ? null : gradient + (long)i * classes;

        /// <summary>Row i's loss from its max m, s = Σ e^(z − m) and Σ (z − m); also its gradient coefficients α, β, (1 − ε)·w_y, scaled.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private double RowLoss(
            int i, float max, float sum, double logSum, float sumOfShifted, out float alpha, out float beta, out float targetTerm,
            float* padded, float* paddedWeights)
        {
            alpha = beta = targetTerm = 0;
            int target = targets[i];
            if (target == ignoreIndex)
            {
                if (rowLosses != null) rowLosses[i] = 0;
                return 0;
            }

            if (!float.IsFinite(max) || float.IsNaN(sumOfShifted))
            {
                // NaN or +∞ logit, or all classes masked: the entry point names the row. (MaxNative may drop a
                // NaN, but Σ (z − m) is NaN exactly when some z is.)
                if (rowLosses != null) rowLosses[i] = float.NaN;
                return double.NaN;
            }

            float* z = Logits(i);
            double targetCoefficient = (1 - epsilon) * (weights == null ? 1 : weights[target]);

            // (1 − ε)·w_y·(lse − z_y), with lse − z_y = (m − z_y) + log s added in double; 0·∞ = 0.
            double loss = targetCoefficient == 0 ? 0 : targetCoefficient * ((double)max - z[target] + logSum);
            double smoothing = 0, smoothedWeight = 0;
            if (epsilon > 0)
            {
                // (ε/K)·Σ_c w_c·(lse − z_c) = (ε/K)·(W·log s − Σ_c w_c·(z_c − m)). In the common case (no weights,
                // PyTorch's K = C, no overflow) Σ (z_c − m) came with the exponentials; otherwise one more pass.
                double shifted;
                if (weights == null && !exclude && float.IsFinite(sumOfShifted))
                {
                    smoothing = epsilon / classes;
                    smoothedWeight = classes;
                    shifted = sumOfShifted;
                }
                else
                {
                    shifted = WeightedShiftedSum(z, max, padded, paddedWeights, out smoothing, out smoothedWeight);
                }

                loss += smoothing * (smoothedWeight * logSum - shifted);
            }

            alpha = (float)(gradientScale * (targetCoefficient + smoothing * smoothedWeight) / sum);
            beta = (float)(gradientScale * smoothing);
            targetTerm = (float)(gradientScale * targetCoefficient);
            if (rowLosses != null) rowLosses[i] = (float)loss;
            return loss;
        }

        /// <summary>Σ_c w_c·(z_c − m) over the smoothed classes, and the smoothing ε/K and total weight W that go with it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private double WeightedShiftedSum(float* z, float max, float* padded, float* paddedWeights, out double smoothing, out double smoothedWeight)
        {
            float scaled;
            int unmasked;
            float unmaskedWeight;
            if (!shortRows)
            {
                scaled = ShiftedSum(z, classes, weights, max, out unmasked, out unmaskedWeight);
            }
            else
            {
                // A short row runs padded to whole vectors: −∞ logits and 0 weights past C count as masked and add nothing.
                for (int c = 0; c < ShortSpan; c++) padded[c] = c < classes ? z[c] : float.NegativeInfinity;
                scaled = ShiftedSum(padded, ShortSpan, paddedWeights, max, out unmasked, out unmaskedWeight);
            }

            smoothing = epsilon / (exclude ? unmasked : classes);
            smoothedWeight = !exclude ? weightTotal : weights == null ? unmasked : unmaskedWeight;
            return scaled * Up;
        }

        /// <summary>
        /// 2^−64·Σ w_c·(z_c − m) over the smoothed classes (all, or the unmasked ones), with 0·(−∞) = 0, for n ≥ one
        /// vector; also the number of unmasked classes and their total weight (<paramref name="w"/> null = all 1).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private float ShiftedSum(float* z, int n, float* w, float max, out int unmasked, out float unmaskedWeight)
        {
            int width = TLanes.Count;
            TVector shift = TLanes.Broadcast(-max * Down), down = TLanes.Broadcast(Down), one = TLanes.Broadcast(1f);
            TVector negativeInfinity = TLanes.Broadcast(float.NegativeInfinity);
            TVector sums = TLanes.Zero, weightSums = TLanes.Zero, counts = TLanes.Zero;
            for (int i = 0; i < n; i += width)
            {
                int at = Math.Min(i, n - width); // the last vector overlaps the previous one; only its new lanes count
                TVector fresh = i <= n - width ? TLanes.AllBitsSet : TLanes.LastLanes(n - i);
                TVector x = TLanes.Load(z + at);
                TVector weight = w == null ? one : TLanes.Load(w + at);
                TVector open = TLanes.EqualTo(x, negativeInfinity);
                TVector term = TLanes.Multiply(weight, TLanes.MultiplyAdd(x, down, shift));
                TVector keep = TLanes.AndNot(fresh, TLanes.EqualTo(weight, TLanes.Zero));
                if (exclude) keep = TLanes.AndNot(keep, open);
                sums = TLanes.Add(sums, TLanes.And(term, keep));
                TVector unmaskedLanes = TLanes.AndNot(fresh, open);
                weightSums = TLanes.Add(weightSums, TLanes.And(weight, unmaskedLanes));
                counts = TLanes.Add(counts, TLanes.And(one, unmaskedLanes));
            }

            unmasked = (int)TLanes.Sum(counts);
            unmaskedWeight = TLanes.Sum(weightSums);
            return TLanes.Sum(sums);
        }

        /// <summary>
        /// g_c ← α·e_c − β·w_c (0 for masked classes when they are left out of smoothing) for a row of at least one vector;
        /// g holds e_c on entry. (Non-temporal stores, to spare the read of each gradient line before it is written,
        /// were tried for batches over 16 MB, with the exponentials kept in a scratch row and with them recomputed:
        /// both measured 1.6–2× slower than these ordinary stores on the project machine; bench notes.)
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void WriteGradient(float* z, float* g, float alpha, float beta)
        {
            int n = classes, width = TLanes.Count, i = 0;
            TVector a = TLanes.Broadcast(alpha), b = TLanes.Broadcast(-beta);

            // The overlapping last vector must read its e_c before the main loop overwrites them.
            bool hasTail = n % width != 0;
            if (weights == null && !exclude)
            {
                TVector tail = hasTail ? TLanes.MultiplyAdd(TLanes.Load(g + (n - width)), a, b) : default;
                for (; i <= n - width; i += width) TLanes.Store(TLanes.MultiplyAdd(TLanes.Load(g + i), a, b), g + i);
                if (hasTail) TLanes.Store(tail, g + (n - width));
            }
            else
            {
                TVector tail = hasTail ? Gradient(TLanes.Load(g + (n - width)), z, n - width, a, b) : default;
                for (; i <= n - width; i += width) TLanes.Store(Gradient(TLanes.Load(g + i), z, i, a, b), g + i);
                if (hasTail) TLanes.Store(tail, g + (n - width));
            }
        }

        /// <summary>α·e_c − β·w_c lane by lane, 0 for a masked class when masked classes are left out of smoothing.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private TVector Gradient(TVector e, float* z, int at, TVector a, TVector b)
        {
            TVector w = weights == null ? TLanes.Broadcast(1f) : TLanes.Load(weights + at);
            TVector g = TLanes.MultiplyAdd(e, a, TLanes.Multiply(w, b));
            if (exclude)
            {
                g = TLanes.AndNot(g, TLanes.EqualTo(TLanes.Load(z + at), TLanes.Broadcast(float.NegativeInfinity)));
            }

            return g;
        }

        private static double SumOf(float[]? weights, int classes)
        {
            if (weights is null) return classes;
            double total = 0;
            foreach (float w in weights) total += w;
            return total;
        }
    }
}
