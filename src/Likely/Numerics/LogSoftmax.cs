using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// Row-wise log-softmax, log p_c = z_c − LSE(z) = (z_c − m) − log Σ_k e^(z_k − m) with m = max_k z_k.
/// Shapes: N = rows, C = classes; <c>logits</c> and <c>destination</c> are N×C row-major.
/// </summary>
/// <remarks>
/// Never computes log(softmax), which underflows to −∞ for probabilities below 1e−45: the difference of logits is
/// exact. A −∞ logit (a masked class) gives −∞. A row with a NaN or +∞ logit, or with every logit −∞, has no
/// defined softmax and gives NaN throughout. Unlike <c>TensorPrimitives.SoftMax</c>, the maximum is subtracted first.
/// </remarks>
public static class LogSoftmax
{
    /// <summary>Writes log p_c = z_c − LSE(z) for every row of <paramref name="logits"/> into <paramref name="destination"/>.</summary>
    /// <param name="logits">N×C logits, row-major.</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="destination">N×C log-probabilities; may be the same memory as <paramref name="logits"/>.</param>
    /// <exception cref="ArgumentException">The lengths are not multiples of C or do not match.</exception>
    public static void Compute(ReadOnlySpan<float> logits, int classes, Span<float> destination)
    {
        CheckShapes(logits.Length, classes, destination.Length);
        for (int offset = 0; offset < logits.Length; offset += classes)
        {
            ReadOnlySpan<float> row = logits.Slice(offset, classes);
            Span<float> output = destination.Slice(offset, classes);
            float max = LogSumExp.Max(row);
            if (!float.IsFinite(max))
            {
                output.Fill(float.NaN);
                continue;
            }

            // (z − m) − log s, subtracted in two steps so that z − m stays exact when z and m are close.
            float logSum = MathF.Log(LogSumExp.SumExp(row, max, default));
            Subtract(row, max, logSum, output);
        }
    }

    /// <summary>Writes log p_c = z_c − LSE(z) for every row, in double (scalar path).</summary>
    /// <param name="logits">N×C logits, row-major.</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="destination">N×C log-probabilities; may be the same memory as <paramref name="logits"/>.</param>
    /// <exception cref="ArgumentException">The lengths are not multiples of C or do not match.</exception>
    public static void Compute(ReadOnlySpan<double> logits, int classes, Span<double> destination)
    {
        CheckShapes(logits.Length, classes, destination.Length);
        for (int offset = 0; offset < logits.Length; offset += classes)
        {
            ReadOnlySpan<double> row = logits.Slice(offset, classes);
            double max = double.NegativeInfinity;
            foreach (double z in row) max = Math.Max(max, z);
            double sum = 0;
            foreach (double z in row) sum += Math.Exp(z - max);
            double logSum = double.IsFinite(max) ? Math.Log(sum) : double.NaN;
            for (int c = 0; c < classes; c++) destination[offset + c] = row[c] - max - logSum;
        }
    }

    private static void Subtract(ReadOnlySpan<float> row, float max, float logSum, Span<float> output)
    {
        int n = row.Length, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            ref float source = ref MemoryMarshal.GetReference(row);
            ref float target = ref MemoryMarshal.GetReference(output);
            Vector256<float> m = Vector256.Create(max), l = Vector256.Create(logSum);
            for (; i <= n - 8; i += 8)
            {
                (Vector256.LoadUnsafe(ref source, (nuint)i) - m - l).StoreUnsafe(ref target, (nuint)i);
            }
        }

        for (; i < n; i++) output[i] = row[i] - max - logSum;
    }

    private static void CheckShapes(int length, int classes, int destinationLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        if (length % classes != 0)
        {
            throw new ArgumentException($"logits has {length} entries, not a multiple of {classes} classes; pass N×C logits.", "logits");
        }

        if (destinationLength != length)
        {
            throw new ArgumentException($"destination has {destinationLength} entries but logits has {length}; they must match.", "destination");
        }
    }
}
