using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Losses;

// The fast float32 path for index targets. Per row, loss and gradient in one sweep over the row's logits:
//   1. m = max_c z_c                        (read z)
//   2. s = Σ e^(z_c − m), storing e_c in the gradient row when a gradient is wanted (read z, write e)
//   3. only with smoothing: Σ w_c·(z_c − m) over the smoothed classes (read z, from cache)
//   4. g_c = α·e_c − β·w_c with α = scale·A/s, β = scale·ε/K, then g_y −= scale·(1 − ε)·w_y (read e, write g, from cache)
// so the logits come from memory once, the gradient goes out once, and the softmax is never computed twice.
// Rows run in fixed chunks (RowChunks), so the result is bit-identical for every thread count.
public static partial class SoftmaxCrossEntropy
{
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
        private const float Down = 5.42101086e-20f; // 2^−64: keeps Σ w·(z − m) finite for logits near ±3e38.
        private const double Up = 18446744073709551616.0; // 2^64

        private readonly double epsilon = options.LabelSmoothing;
        private readonly bool exclude = options.SmoothingExcludesMaskedClasses;
        private readonly int ignoreIndex = options.IgnoreIndex;
        private readonly double weightTotal = SumOf(options.ClassWeights, classes);

        public double Chunk(int first, int count)
        {
            double sum = 0;
            for (int i = first; i < first + count; i++) sum += Row(i);
            return sum;
        }

        private double Row(int i)
        {
            int target = targets[i];
            var z = new ReadOnlySpan<float>(logits + (long)i * classes, classes);
            var g = gradient is null ? default : new Span<float>(gradient + (long)i * classes, classes);
            if (target == ignoreIndex)
            {
                g.Clear();
                if (rowLosses is not null) rowLosses[i] = 0;
                return 0;
            }

            float max = LogSumExp.Max(z);
            if (!float.IsFinite(max))
            {
                // NaN or +∞ logit, or all classes masked: the entry point names the row.
                if (rowLosses is not null) rowLosses[i] = float.NaN;
                return double.NaN;
            }

            float sum = LogSumExp.SumExp(z, max, g);
            double logSum = Math.Log(sum);
            double targetCoefficient = (1 - epsilon) * (weights is null ? 1 : weights[target]);

            // (1 − ε)·w_y·(lse − z_y), with lse − z_y = (m − z_y) + log s added in double; 0·∞ = 0.
            double loss = targetCoefficient == 0 ? 0 : targetCoefficient * ((double)max - z[target] + logSum);
            double smoothing = 0, smoothedWeight = 0;
            if (epsilon > 0)
            {
                float shifted = ShiftedSum(z, max, out int unmasked, out float unmaskedWeight);
                smoothing = epsilon / (exclude ? unmasked : classes);
                smoothedWeight = !exclude ? weightTotal : weights is null ? unmasked : unmaskedWeight;

                // (ε/K)·Σ_c w_c·(lse − z_c) = (ε/K)·(W·log s − Σ_c w_c·(z_c − m)).
                loss += smoothing * (smoothedWeight * logSum - shifted * Up);
            }

            if (!g.IsEmpty)
            {
                float alpha = (float)(gradientScale * (targetCoefficient + smoothing * smoothedWeight) / sum);
                WriteGradient(z, g, alpha, (float)(gradientScale * smoothing));
                g[target] -= (float)(gradientScale * targetCoefficient);
            }

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
