using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Losses;

// The fast float32 path for probability targets t. Per row, with a_c = w_c·t'_c and t' = (1 − ε)·t + ε/K:
//   1. m = max_c z_c                                                     (read z)
//   2. s = Σ e^(z_c − m), storing e_c in the gradient row                (read z, write e)
//   3. A = Σ a_c and U = Σ a_c·(z_c − m) over a_c ≠ 0 (so 0·log 0 = 0)   (read z, t, from cache)
//      ℓ = Σ a_c·(lse − z_c) = A·log s − U
//   4. g_c = scale·(A·e_c/s − a_c)                                       (read e, t, write g)
// Rows run in fixed chunks (RowChunks), so the result is bit-identical for every thread count.
public static partial class SoftmaxCrossEntropy
{
    internal static unsafe double ComputeFused(
        ReadOnlySpan<float> logits, int classes, ReadOnlySpan<float> targets, Span<float> logitGradient,
        CrossEntropyOptions options, Span<float> rowLosses, int maxDegreeOfParallelism)
    {
        int rows = logits.Length / classes;
        double divisor = Divisor(options.Reduction, denominator: rows, rows); // probability targets: mean divides by N
        fixed (float* logitsPointer = logits)
        fixed (float* targetsPointer = targets)
        fixed (float* gradientPointer = logitGradient)
        fixed (float* rowLossesPointer = rowLosses)
        fixed (float* weightsPointer = options.ClassWeights)
        {
            var kernel = new FusedProbabilityKernel(
                logitsPointer, classes, targetsPointer, gradientPointer, rowLossesPointer, weightsPointer, options, divisor > 0 ? 1 / divisor : 0);
            double lossSum = RowChunks.Sum(rows, classes, maxDegreeOfParallelism, kernel.Chunk);
            return Reduce(lossSum, divisor, options, rows);
        }
    }

    private sealed unsafe class FusedProbabilityKernel(
        float* logits, int classes, float* targets, float* gradient, float* rowLosses, float* weights,
        CrossEntropyOptions options, double gradientScale)
    {

        private readonly float epsilon = (float)options.LabelSmoothing;
        private readonly bool exclude = options.SmoothingExcludesMaskedClasses;

        public double Chunk(int first, int count)
        {
            double sum = 0;
            for (int i = first; i < first + count; i++) sum += Row(i);
            return sum;
        }

        private double Row(int i)
        {
            long offset = (long)i * classes;
            var z = new ReadOnlySpan<float>(logits + offset, classes);
            var t = new ReadOnlySpan<float>(targets + offset, classes);
            var g = gradient is null ? default : new Span<float>(gradient + offset, classes);
            float max = LogSumExp.Max(z);
            if (!float.IsFinite(max))
            {
                if (rowLosses is not null) rowLosses[i] = float.NaN;
                return double.NaN;
            }

            float sum = LogSumExp.SumExp(z, max, g);
            float smoothing = epsilon == 0 ? 0 : epsilon / (exclude ? Unmasked(z) : classes);
            Sums(z, t, max, smoothing, out float total, out float shifted);
            double loss = total * Math.Log(sum) - shifted * Up;
            if (!g.IsEmpty)
            {
                WriteGradient(z, t, g, (float)(gradientScale * total / sum), (float)-gradientScale, smoothing);
            }

            if (rowLosses is not null) rowLosses[i] = (float)loss;
            return loss;
        }

        /// <summary>a_c lane by lane: w_c·((1 − ε)·t_c + ε/K), the smoothing left out for masked classes when excluded.</summary>
        private Vector256<float> Coefficients(Vector256<float> x, Vector256<float> t, int at, float smoothing)
        {
            Vector256<float> smooth = Vector256.Create(smoothing);
            if (exclude) smooth = Vector256.AndNot(smooth, Vector256.Equals(x, Vector256.Create(float.NegativeInfinity)));
            Vector256<float> a = Vector256.FusedMultiplyAdd(t, Vector256.Create(1 - epsilon), smooth);
            return weights is null ? a : a * Vector256.Load(weights + at);
        }

        private float Coefficient(float x, float t, int c, float smoothing)
        {
            float smooth = exclude && float.IsNegativeInfinity(x) ? 0 : smoothing;
            return (weights is null ? 1 : weights[c]) * MathF.FusedMultiplyAdd(t, 1 - epsilon, smooth);
        }

        /// <summary>A = Σ a_c and 2^−64·Σ a_c·(z_c − m), both over the classes with a_c ≠ 0.</summary>
        private void Sums(ReadOnlySpan<float> z, ReadOnlySpan<float> t, float max, float smoothing, out float total, out float shifted)
        {
            int n = z.Length, i = 0;
            float shift = -max * Down;
            total = 0;
            shifted = 0;
            if (n >= 8)
            {
                ref float zs = ref MemoryMarshal.GetReference(z);
                ref float ts = ref MemoryMarshal.GetReference(t);
                Vector256<float> totals = Vector256<float>.Zero, shifts = Vector256<float>.Zero;
                for (; i < n; i += 8)
                {
                    int at = Math.Min(i, n - 8); // the last vector overlaps the previous one; only its new lanes count
                    Vector256<float> fresh = i <= n - 8 ? Vector256<float>.AllBitsSet : LogSumExp.TailMask(n - i);
                    Vector256<float> x = Vector256.LoadUnsafe(ref zs, (nuint)at);
                    Vector256<float> a = Coefficients(x, Vector256.LoadUnsafe(ref ts, (nuint)at), at, smoothing);
                    Vector256<float> keep = Vector256.AndNot(fresh, Vector256.Equals(a, Vector256<float>.Zero));
                    totals += a & keep;
                    shifts += (a * Vector256.FusedMultiplyAdd(x, Vector256.Create(Down), Vector256.Create(shift))) & keep;
                }

                total = Vector256.Sum(totals);
                shifted = Vector256.Sum(shifts);
                return;
            }

            for (; i < n; i++)
            {
                float a = Coefficient(z[i], t[i], i, smoothing);
                if (a == 0) continue;
                total += a;
                shifted += a * MathF.FusedMultiplyAdd(z[i], Down, shift);
            }
        }

        /// <summary>g_c = α·e_c + β·a_c with α = scale·A/s, β = −scale; g holds e_c on entry.</summary>
        private void WriteGradient(ReadOnlySpan<float> z, ReadOnlySpan<float> t, Span<float> g, float alpha, float beta, float smoothing)
        {
            int n = g.Length;
            if (n < 8)
            {
                for (int c = 0; c < n; c++) g[c] = MathF.FusedMultiplyAdd(g[c], alpha, beta * Coefficient(z[c], t[c], c, smoothing));
                return;
            }

            ref float zs = ref MemoryMarshal.GetReference(z);
            ref float ts = ref MemoryMarshal.GetReference(t);
            ref float e = ref MemoryMarshal.GetReference(g);
            Vector256<float> a = Vector256.Create(alpha), b = Vector256.Create(beta);

            // The overlapping last vector must read its e_c before the main loop overwrites them.
            bool hasTail = n % 8 != 0;
            Vector256<float> tail = hasTail ? Gradient(ref e, ref zs, ref ts, n - 8, a, b, smoothing) : default;
            for (int i = 0; i <= n - 8; i += 8) Gradient(ref e, ref zs, ref ts, i, a, b, smoothing).StoreUnsafe(ref e, (nuint)i);
            if (hasTail) tail.StoreUnsafe(ref e, (nuint)(n - 8));
        }

        private Vector256<float> Gradient(ref float e, ref float zs, ref float ts, int at, Vector256<float> a, Vector256<float> b, float smoothing) =>
            Vector256.FusedMultiplyAdd(
                Vector256.LoadUnsafe(ref e, (nuint)at), a,
                b * Coefficients(Vector256.LoadUnsafe(ref zs, (nuint)at), Vector256.LoadUnsafe(ref ts, (nuint)at), at, smoothing));

        private static int Unmasked(ReadOnlySpan<float> z)
        {
            int count = 0;
            foreach (float x in z) count += float.IsNegativeInfinity(x) ? 0 : 1;
            return count;
        }
    }
}
