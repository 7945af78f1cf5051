using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Losses;

// The fast float32 path for index targets. Per row, loss and gradient in one sweep over the row's logits:
//   1. m = max_c z_c                        (read z)
//   2. s = Σ e^(z_c − m) and Σ (z_c − m), storing e_c in the gradient row when a gradient is wanted (read z, write e)
//   3. only with class weights + smoothing, masked-class exclusion, or overflow near ±3e38: Σ w_c·(z_c − m) over the
//      smoothed classes (read z, from cache)
//   4. g_c = α·e_c − β·w_c with α = scale·A/s, β = scale·ε/K, then g_y −= scale·(1 − ε)·w_y (read e, write g, from cache)
// so the logits come from memory once, the gradient goes out once, and the softmax is never computed twice.
// Rows run in fixed chunks (RowChunks), so the result is bit-identical for every thread count.
public static partial class SoftmaxCrossEntropy
{
    // Shared by both fused kernels: Σ w·(z − m) is accumulated scaled by 2^−64 and rescaled in double, so that it stays
    // finite for logits near ±3e38.
    private const float Down = 5.42101086e-20f; // 2^−64
    private const double Up = 18446744073709551616.0; // 2^64

    internal static unsafe double ComputeFused(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<int> targets, Span<float> logitGradient,
        CrossEntropyOptions options, Span<float> rowLosses, double denominator, int maxDegreeOfParallelism)
    {
        int rows = targets.Length;
        double divisor = Divisor(options.Reduction, denominator, rows);
        fixed (float* logitsPointer = logits)
        fixed (int* targetsPointer = targets)
        fixed (float* gradientPointer = logitGradient)
        fixed (float* rowLossesPointer = rowLosses)
        fixed (float* weightsPointer = options.ClassWeights)
        {
            var kernel = new FusedIndexKernel(
                logitsPointer, classes, targetsPointer, gradientPointer, rowLossesPointer, weightsPointer, options, divisor > 0 ? 1 / divisor : 0);
            double lossSum = RowChunks.Sum(rows, classes, maxDegreeOfParallelism, kernel.Chunk);
            return Reduce(lossSum, divisor, options, rows);
        }
    }

    /// <summary>The fused row kernel over pinned buffers (null pointer = buffer not wanted).</summary>
    private sealed unsafe class FusedIndexKernel(
        float* logits, int classes, int* targets, float* gradient, float* rowLosses, float* weights,
        CrossEntropyOptions options, double gradientScale)
    {
        private const int MaxBlock = 256;

        private readonly double epsilon = options.LabelSmoothing;
        private readonly bool exclude = options.SmoothingExcludesMaskedClasses;
        private readonly int ignoreIndex = options.IgnoreIndex;
        private readonly double weightTotal = SumOf(options.ClassWeights, classes);

        /// <summary>
        /// Rows in blocks of about 16 KB of logits (one row for C ≥ 4096), stage by stage: max, Σ exp, log s for the
        /// whole block in one vector call, row losses, gradient. Losses are added in row order. (Staging measured
        /// about 4% faster than row-at-a-time for C = 10 on the project machine, within noise for C ≥ 1000; a software
        /// prefetch of the next block was tried and measured no faster, so it is not here.)
        /// </summary>
        public double Chunk(int first, int count)
        {
            int block = Math.Clamp(4096 / classes, 1, MaxBlock);
            Span<float> maxes = stackalloc float[block];
            Span<float> sums = stackalloc float[block];
            Span<float> shifts = stackalloc float[block];
            Span<float> logSums = stackalloc float[block];
            Span<float> alphas = stackalloc float[block];
            Span<float> betas = stackalloc float[block];
            Span<float> targetTerms = stackalloc float[block];
            double total = 0;
            for (int start = first; start < first + count; start += block)
            {
                int rows = Math.Min(block, first + count - start);
                for (int r = 0; r < rows; r++)
                {
                    maxes[r] = targets[start + r] == ignoreIndex ? 0 : LogSumExp.MaxNative(Logits(start + r));
                }

                for (int r = 0; r < rows; r++)
                {
                    int i = start + r;
                    if (targets[i] != ignoreIndex && float.IsFinite(maxes[r]))
                    {
                        sums[r] = LogSumExp.SumExp(Logits(i), maxes[r], Gradient(i), out shifts[r]);
                    }
                }

                // log s for the whole block in one vector call (float log, ≤ 1 ulp: s ∈ [1, C]).
                TensorPrimitives.Log(sums[..rows], logSums[..rows]);
                for (int r = 0; r < rows; r++)
                {
                    total += RowLoss(start + r, maxes[r], sums[r], logSums[r], shifts[r], out alphas[r], out betas[r], out targetTerms[r]);
                }

                if (gradient is null) continue;
                for (int r = 0; r < rows; r++)
                {
                    int i = start + r;
                    Span<float> g = Gradient(i);
                    if (targets[i] == ignoreIndex)
                    {
                        g.Clear();
                    }
                    else if (float.IsFinite(maxes[r]) && !float.IsNaN(shifts[r]))
                    {
                        WriteGradient(Logits(i), g, alphas[r], betas[r]);
                        g[targets[i]] -= targetTerms[r];
                    }
                }
            }

            return total;
        }

        private ReadOnlySpan<float> Logits(int i) => new(logits + (long)i * classes, classes);

        private Span<float> Gradient(int i) => gradient is null ? default : new Span<float>(gradient + (long)i * classes, classes);

        /// <summary>Row i's loss from its max m, s = Σ e^(z − m) and Σ (z − m); also its gradient coefficients α, β, (1 − ε)·w_y, scaled.</summary>
        private double RowLoss(int i, float max, float sum, double logSum, float sumOfShifted, out float alpha, out float beta, out float targetTerm)
        {
            alpha = beta = targetTerm = 0;
            int target = targets[i];
            if (target == ignoreIndex)
            {
                if (rowLosses is not null) rowLosses[i] = 0;
                return 0;
            }

            if (!float.IsFinite(max) || float.IsNaN(sumOfShifted))
            {
                // NaN or +∞ logit, or all classes masked: the entry point names the row. (MaxNative may drop a
                // NaN, but Σ (z − m) is NaN exactly when some z is.)
                if (rowLosses is not null) rowLosses[i] = float.NaN;
                return double.NaN;
            }

            ReadOnlySpan<float> z = Logits(i);
            double targetCoefficient = (1 - epsilon) * (weights is null ? 1 : weights[target]);

            // (1 − ε)·w_y·(lse − z_y), with lse − z_y = (m − z_y) + log s added in double; 0·∞ = 0.
            double loss = targetCoefficient == 0 ? 0 : targetCoefficient * ((double)max - z[target] + logSum);
            double smoothing = 0, smoothedWeight = 0;
            if (epsilon > 0)
            {
                // (ε/K)·Σ_c w_c·(lse − z_c) = (ε/K)·(W·log s − Σ_c w_c·(z_c − m)). In the common case (no weights,
                // PyTorch's K = C, no overflow) Σ (z_c − m) came with the exponentials; otherwise one more pass.
                double shifted;
                if (weights is null && !exclude && float.IsFinite(sumOfShifted))
                {
                    smoothing = epsilon / classes;
                    smoothedWeight = classes;
                    shifted = sumOfShifted;
                }
                else
                {
                    shifted = ShiftedSum(z, max, out int unmasked, out float unmaskedWeight) * Up;
                    smoothing = epsilon / (exclude ? unmasked : classes);
                    smoothedWeight = !exclude ? weightTotal : weights is null ? unmasked : unmaskedWeight;
                }

                loss += smoothing * (smoothedWeight * logSum - shifted);
            }

            alpha = (float)(gradientScale * (targetCoefficient + smoothing * smoothedWeight) / sum);
            beta = (float)(gradientScale * smoothing);
            targetTerm = (float)(gradientScale * targetCoefficient);
            if (rowLosses is not null) rowLosses[i] = (float)loss;
            return loss;
        }

        /// <summary>
        /// 2^−64·Σ w_c·(z_c − m) over the smoothed classes (all, or the unmasked ones), with 0·(−∞) = 0;
        /// also the number of unmasked classes and their total weight.
        /// </summary>
        private float ShiftedSum(ReadOnlySpan<float> z, float max, out int unmasked, out float unmaskedWeight)
        {
            int n = z.Length, i = 0;
            float shift = -max * Down;
            float sum = 0, weightSum = 0;
            int count = 0;
            if (n >= 8 && Vector256.IsHardwareAccelerated)
            {
                ref float start = ref MemoryMarshal.GetReference(z);
                Vector256<float> sums = Vector256<float>.Zero, weightSums = Vector256<float>.Zero;
                Vector256<int> counts = Vector256<int>.Zero;
                for (; i < n; i += 8)
                {
                    int at = Math.Min(i, n - 8);
                    Vector256<float> fresh = i <= n - 8 ? Vector256<float>.AllBitsSet : LogSumExp.TailMask(n - i);
                    Vector256<float> x = Vector256.LoadUnsafe(ref start, (nuint)at);
                    Vector256<float> w = weights is null ? Vector256<float>.One : Vector256.Load(weights + at);
                    Vector256<float> open = Vector256.Equals(x, Vector256.Create(float.NegativeInfinity));
                    Vector256<float> term = w * Vector256.FusedMultiplyAdd(x, Vector256.Create(Down), Vector256.Create(shift));
                    Vector256<float> keep = Vector256.AndNot(fresh, Vector256.Equals(w, Vector256<float>.Zero));
                    if (exclude) keep = Vector256.AndNot(keep, open);
                    sums += term & keep;
                    Vector256<float> unmaskedLanes = Vector256.AndNot(fresh, open);
                    weightSums += w & unmaskedLanes;
                    counts -= unmaskedLanes.AsInt32();
                }

                sum = Vector256.Sum(sums);
                weightSum = Vector256.Sum(weightSums);
                count = Vector256.Sum(counts);
            }

            for (; i < n; i++)
            {
                float w = weights is null ? 1 : weights[i];
                bool masked = float.IsNegativeInfinity(z[i]);
                if (!masked)
                {
                    count++;
                    weightSum += w;
                }

                if (w != 0 && !(exclude && masked)) sum += w * MathF.FusedMultiplyAdd(z[i], Down, shift);
            }

            unmasked = count;
            unmaskedWeight = weightSum;
            return sum;
        }

        /// <summary>g_c ← α·e_c − β·w_c (0 for masked classes when they are left out of smoothing); g holds e_c on entry.</summary>
        private void WriteGradient(ReadOnlySpan<float> z, Span<float> g, float alpha, float beta)
        {
            int n = g.Length, i = 0;
            bool plain = weights is null && !exclude;
            if (n >= 8 && Vector256.IsHardwareAccelerated)
            {
                ref float e = ref MemoryMarshal.GetReference(g);
                Vector256<float> a = Vector256.Create(alpha), b = Vector256.Create(-beta);

                // The overlapping last vector must read its e_c before the main loop overwrites them.
                bool hasTail = n % 8 != 0;
                Vector256<float> tail = hasTail ? Gradient(Vector256.LoadUnsafe(ref e, (nuint)(n - 8)), z, n - 8, a, b, plain) : default;
                if (plain)
                {
                    for (; i <= n - 8; i += 8)
                    {
                        Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref e, (nuint)i), a, b).StoreUnsafe(ref e, (nuint)i);
                    }
                }
                else
                {
                    for (; i <= n - 8; i += 8)
                    {
                        Gradient(Vector256.LoadUnsafe(ref e, (nuint)i), z, i, a, b, plain: false).StoreUnsafe(ref e, (nuint)i);
                    }
                }

                if (hasTail) tail.StoreUnsafe(ref e, (nuint)(n - 8));
                return;
            }

            for (; i < n; i++)
            {
                bool masked = exclude && float.IsNegativeInfinity(z[i]);
                g[i] = masked ? 0 : MathF.FusedMultiplyAdd(g[i], alpha, -beta * (weights is null ? 1 : weights[i]));
            }
        }

        private Vector256<float> Gradient(Vector256<float> e, ReadOnlySpan<float> z, int at, Vector256<float> a, Vector256<float> b, bool plain)
        {
            if (plain)
            {
                return Vector256.FusedMultiplyAdd(e, a, b);
            }

            Vector256<float> w = weights is null ? Vector256<float>.One : Vector256.Load(weights + at);
            Vector256<float> g = Vector256.FusedMultiplyAdd(e, a, w * b);
            if (exclude)
            {
                Vector256<float> x = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(z), (nuint)at);
                g = Vector256.AndNot(g, Vector256.Equals(x, Vector256.Create(float.NegativeInfinity)));
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
