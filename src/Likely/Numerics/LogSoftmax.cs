using System.Runtime.CompilerServices;
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
/// The float overload runs on <see cref="VectorPaths.Current"/>: the same special values on every path, finite results
/// within 5e−6 of the double overload (the exponential's error, summed in a different order at each width).
/// </remarks>
public static class LogSoftmax
{
    /// <summary>Writes log p_c = z_c − LSE(z) for every row of <paramref name="logits"/> into <paramref name="destination"/>.</summary>
    /// <param name="logits">N×C logits, row-major.</param>
    /// <param name="classes">C ≥ 1.</param>
    /// <param name="destination">N×C log-probabilities; may be the same memory as <paramref name="logits"/>.</param>
    /// <exception cref="ArgumentException">The lengths are not multiples of C or do not match.</exception>
    public static void Compute(ReadOnlySpan<float> logits, int classes, Span<float> destination) =>
        Compute(logits, classes, destination, VectorPaths.Current);

    /// <summary>The float log-softmax on an explicit <paramref name="path"/> (the tests run every path).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static unsafe void Compute(ReadOnlySpan<float> logits, int classes, Span<float> destination, VectorPath path)
    {
        CheckShapes(logits.Length, classes, destination.Length);
        fixed (float* z = logits, output = destination)
        {
            for (int offset = 0; offset < logits.Length; offset += classes)
            {
                float max = LogSumExp.Max(z + offset, classes, path);
                if (!float.IsFinite(max))
                {
                    destination.Slice(offset, classes).Fill(float.NaN);
                    continue;
                }

                // (z − m) − log s, subtracted in two steps so that z − m stays exact when z and m are close.
                float logSum = MathF.Log(LogSumExp.SumExp(z + offset, classes, max, path));
                switch (path)
                {
                    case VectorPath.Vector512: Subtract<Lanes512, Vector512<float>>(z + offset, classes, max, logSum, output + offset); break;
                    case VectorPath.Vector256: Subtract<Lanes256, Vector256<float>>(z + offset, classes, max, logSum, output + offset); break;
                    case VectorPath.Vector128: Subtract<Lanes128, Vector128<float>>(z + offset, classes, max, logSum, output + offset); break;
                    default: SubtractTail(z + offset, 0, classes, max, logSum, output + offset); break;
                }
            }
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

    /// <summary>output_c = (z_c − max) − logSum; vector by vector, the tail one by one (a subtraction rounds the same in
    /// a lane and in a scalar), so <paramref name="output"/> may be the same memory as <paramref name="row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Subtract<TLanes, TVector>(float* row, int n, float max, float logSum, float* output)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int w = TLanes.Count, i = 0;
        TVector m = TLanes.Broadcast(max), l = TLanes.Broadcast(logSum);
        for (; i <= n - w; i += w)
        {
            TLanes.Store(TLanes.Subtract(TLanes.Subtract(TLanes.Load(row + i), m), l), output + i);
        }

        SubtractTail(row, i, n, max, logSum, output);
    }

    private static unsafe void SubtractTail(float* row, int from, int n, float max, float logSum, float* output)
    {
        for (int i = from; i < n; i++) output[i] = row[i] - max - logSum;
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
