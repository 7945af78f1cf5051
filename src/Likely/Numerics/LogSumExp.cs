using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// Log-sum-exp, LSE(x) = log Σ_i e^(x_i) = m + log Σ_i e^(x_i − m) with m = max_i x_i, so no term overflows.
/// </summary>
/// <remarks>
/// Special values: an empty input gives −∞ (log 0); any NaN gives NaN; otherwise any +∞ gives +∞; −∞ entries
/// (masked terms) contribute e^(−∞) = 0, and an input of only −∞ gives −∞. Inputs of ±3e38 are exact: the shift by
/// the maximum keeps every exponent ≤ 0, and the final m + log s is added in double.
/// </remarks>
public static class LogSumExp
{
    /// <summary>LSE(x) = log Σ_i e^(x_i), computed as max + log Σ e^(x_i − max) (see the remarks on special values).</summary>
    /// <param name="x">The terms, in log space (for example logits).</param>
    /// <returns>The log of the sum of exponentials, rounded to float.</returns>
    public static float Compute(ReadOnlySpan<float> x)
    {
        if (x.IsEmpty)
        {
            return float.NegativeInfinity;
        }

        float max = Max(x);
        if (!float.IsFinite(max))
        {
            return max; // NaN, +∞, or −∞ for all-masked input.
        }

        return (float)(max + Math.Log(SumExp(x, max, default)));
    }

    /// <summary>LSE(x) = log Σ_i e^(x_i) in double, computed as max + log Σ e^(x_i − max) (scalar path).</summary>
    /// <param name="x">The terms, in log space.</param>
    /// <returns>The log of the sum of exponentials.</returns>
    public static double Compute(ReadOnlySpan<double> x)
    {
        double max = double.NegativeInfinity;
        foreach (double v in x) max = Math.Max(max, v);
        if (!double.IsFinite(max))
        {
            return max;
        }

        double sum = 0;
        foreach (double v in x) sum += Math.Exp(v - max);
        return max + Math.Log(sum);
    }

    /// <summary>max_i x_i, propagating NaN; −∞ for an empty input.</summary>
    internal static float Max(ReadOnlySpan<float> x)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        if (n < Vector256<float>.Count || !Vector256.IsHardwareAccelerated)
        {
            float scalarMax = float.NegativeInfinity;
            foreach (float v in x) scalarMax = MathF.Max(scalarMax, v);
            return scalarMax;
        }

        // Two accumulators hide the latency of max; an overlapping last vector covers the tail (max is idempotent).
        Vector256<float> max0 = Vector256.LoadUnsafe(ref start), max1 = max0;
        int i = Vector256<float>.Count;
        for (; i <= n - 16; i += 16)
        {
            max0 = Vector256.Max(max0, Vector256.LoadUnsafe(ref start, (nuint)i));
            max1 = Vector256.Max(max1, Vector256.LoadUnsafe(ref start, (nuint)(i + 8)));
        }

        if (i <= n - 8)
        {
            max0 = Vector256.Max(max0, Vector256.LoadUnsafe(ref start, (nuint)i));
            i += 8;
        }

        if (i < n)
        {
            max1 = Vector256.Max(max1, Vector256.LoadUnsafe(ref start, (nuint)(n - 8)));
        }

        // Horizontal max by halving: 8 → 4 → 2 → 1 lanes (Vector128.Max propagates NaN like Math.Max).
        Vector256<float> both = Vector256.Max(max0, max1);
        Vector128<float> m = Vector128.Max(both.GetLower(), both.GetUpper());
        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        m = Vector128.Max(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2)));
        return m.ToScalar();
    }

    /// <summary>
    /// max_i x_i with the processor's native max (one instruction per vector), which may drop a NaN: callers must
    /// detect NaN another way (the kernels check Σ (x_i − max), which is NaN exactly when some x_i is).
    /// −∞ for an empty input. In the index-target kernel it measured 4–7 % faster than <see cref="Max"/> at C = 10
    /// (forward+backward, one thread, three interleaved A/B pairs on the loaded project machine; no clear change at C = 1000).
    /// </summary>
    internal static float MaxNative(ReadOnlySpan<float> x)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        int n = x.Length;
        if (n < Vector256<float>.Count || !Vector256.IsHardwareAccelerated)
        {
            float scalarMax = float.NegativeInfinity;
            foreach (float v in x) scalarMax = MathF.Max(scalarMax, v);
            return scalarMax;
        }

        Vector256<float> max0 = Vector256.LoadUnsafe(ref start), max1 = Vector256.LoadUnsafe(ref start, (nuint)(n - 8));
        int i = Vector256<float>.Count;
        for (; i <= n - 16; i += 16)
        {
            max0 = Vector256.MaxNative(max0, Vector256.LoadUnsafe(ref start, (nuint)i));
            max1 = Vector256.MaxNative(max1, Vector256.LoadUnsafe(ref start, (nuint)(i + 8)));
        }

        if (i <= n - 8)
        {
            max0 = Vector256.MaxNative(max0, Vector256.LoadUnsafe(ref start, (nuint)i));
        }

        Vector256<float> both = Vector256.MaxNative(max0, max1);
        Vector128<float> m = Vector128.MaxNative(both.GetLower(), both.GetUpper());
        m = Vector128.MaxNative(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        m = Vector128.MaxNative(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2)));
        return m.ToScalar();
    }

    /// <summary>
    /// Σ_i e^(x_i − max) for a finite <paramref name="max"/> ≥ every x_i, in one pass; when <paramref name="exponentials"/>
    /// is not empty it also receives each e^(x_i − max), so a softmax or its gradient never recomputes them.
    /// </summary>
    internal static float SumExp(ReadOnlySpan<float> x, float max, Span<float> exponentials) =>
        SumExp(x, max, exponentials, out _);

    /// <summary>
    /// <see cref="SumExp(ReadOnlySpan{float}, float, Span{float})"/>, also returning Σ_i (x_i − max) from the same pass
    /// (label smoothing needs it; one add per vector). It is −∞ when some x_i − max is −∞ or overflows.
    /// </summary>
    internal static float SumExp(ReadOnlySpan<float> x, float max, Span<float> exponentials, out float sumOfShifted)
    {
        ref float start = ref MemoryMarshal.GetReference(x);
        ref float store = ref MemoryMarshal.GetReference(exponentials);
        bool keep = !exponentials.IsEmpty;
        int n = x.Length;
        if (n < Vector256<float>.Count || !Vector256.IsHardwareAccelerated)
        {
            float scalarSum = 0, scalarShifted = 0;
            for (int k = 0; k < n; k++)
            {
                float d = x[k] - max;
                float e = VectorExp.NonPositive(d);
                if (keep) exponentials[k] = e;
                scalarSum += e;
                scalarShifted += d;
            }

            sumOfShifted = scalarShifted;
            return scalarSum;
        }

        Vector256<float> shift = Vector256.Create(max);
        Vector256<float> sum0 = Vector256<float>.Zero, sum1 = Vector256<float>.Zero, shifted = Vector256<float>.Zero;
        int i = 0;
        for (; i <= n - 16; i += 16)
        {
            Vector256<float> d0 = Vector256.LoadUnsafe(ref start, (nuint)i) - shift;
            Vector256<float> d1 = Vector256.LoadUnsafe(ref start, (nuint)(i + 8)) - shift;
            Vector256<float> e0 = VectorExp.NonPositive(d0);
            Vector256<float> e1 = VectorExp.NonPositive(d1);
            shifted += d0 + d1;
            if (keep)
            {
                e0.StoreUnsafe(ref store, (nuint)i);
                e1.StoreUnsafe(ref store, (nuint)(i + 8));
            }

            sum0 += e0;
            sum1 += e1;
        }

        if (i <= n - 8)
        {
            Vector256<float> d0 = Vector256.LoadUnsafe(ref start, (nuint)i) - shift;
            Vector256<float> e0 = VectorExp.NonPositive(d0);
            if (keep) e0.StoreUnsafe(ref store, (nuint)i);
            sum0 += e0;
            shifted += d0;
            i += 8;
        }

        if (i < n)
        {
            // The last 8 values overlap lanes already summed: rewrite the same exponentials, but add only the new lanes.
            Vector256<float> d0 = Vector256.LoadUnsafe(ref start, (nuint)(n - 8)) - shift;
            Vector256<float> e0 = VectorExp.NonPositive(d0);
            if (keep) e0.StoreUnsafe(ref store, (nuint)(n - 8));
            Vector256<float> fresh = TailMask(n - i);
            sum1 += e0 & fresh;
            shifted += d0 & fresh;
        }

        sumOfShifted = Vector256.Sum(shifted);
        return Vector256.Sum(sum0 + sum1);
    }

    /// <summary>All-ones in the last <paramref name="newLanes"/> lanes (1 ≤ newLanes ≤ 7), zeros before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector256<float> TailMask(int newLanes) =>
        Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(TailMaskBits), (nuint)newLanes).AsSingle();

    private static ReadOnlySpan<int> TailMaskBits => [0, 0, 0, 0, 0, 0, 0, 0, -1, -1, -1, -1, -1, -1, -1, -1];
}
