using System.Runtime.CompilerServices;
using Likely.Numerics;

namespace Likely.Losses;

// Short rows in the index-target kernel, C ≤ 16 classes and at most two vectors (MNIST's 10, binary and small multiclass
// problems): one 512-bit register, or two 256-bit or 128-bit ones, the lanes past C set to −∞, so that the max,
// Σ e^(z − m) and the gradient need no loop, no overlapping tail and no call. Per-row overhead, not bandwidth, bounds
// this size. At C = 10 (thread CPU time, interleaved A/B in one process, bench notes) this measured 25% faster than the
// loop for long rows on the 512-bit path and 6% on the 256-bit path; three 128-bit registers measured 5% slower than
// the loop, so the 128-bit path keeps the loop above 8 classes.
public static partial class SoftmaxCrossEntropy
{
    /// <summary>Rows of at most this many classes, and at most two vectors, are held in registers (and stride the scratch
    /// block at this many floats).</summary>
    private const int ShortRowLanes = 16;

    private sealed unsafe partial class FusedIndexKernel<TLanes, TVector>
    {
        /// <summary>Whether rows are short: C ≤ 16 and at most two vectors.</summary>
        private readonly bool shortRows = buffers.Classes <= Math.Min(ShortRowLanes, 2 * TLanes.Count);

        /// <summary>Vectors per short row: ⌈C / lanes⌉ (1 or 2).</summary>
        private readonly int shortVectors = (buffers.Classes + TLanes.Count - 1) / TLanes.Count;

        /// <summary>The floats a short row's vectors cover, ⌈C / lanes⌉·lanes ≤ 16: what a whole-vector load reads and a
        /// whole-vector store writes from the row's start.</summary>
        private int ShortSpan => shortVectors * TLanes.Count;

        /// <summary>A short row: one or two vectors, the lanes past C at −∞.</summary>
        private struct ShortRow
        {
            public TVector V0, V1;
        }

        /// <summary>Whether a short row takes two vectors (known at compile time to be false for 512-bit vectors).</summary>
        private bool TwoVectors
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => TLanes.Count < ShortRowLanes && shortVectors > 1;
        }

        /// <summary>
        /// Each short row's max, s = Σ e^(z − m) and Σ (z − m) (or, without smoothing, 0 and one compare that makes a NaN
        /// logit visible); e kept in <paramref name="scratch"/> (16 floats per row) when a gradient is wanted.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)]
        private void ShortRowSums(int start, int rows, float* maxes, float* sums, float* shifts, float* scratch, float* padded)
        {
            int width = TLanes.Count;
            TVector unordered = TLanes.Zero;
            bool smoothed = epsilon > 0;
            for (int r = 0; r < rows; r++)
            {
                int i = start + r;
                if (targets[i] == ignoreIndex)
                {
                    maxes[r] = 0;
                    continue;
                }

                ShortRow x = LoadShortRow(i, padded);
                TVector top = x.V0;
                if (TwoVectors) top = TLanes.MaxNative(top, x.V1);
                float max = TLanes.MaxAcrossNative(top);
                maxes[r] = max;

                TVector m = TLanes.Broadcast(max);
                ShortRow d = default, e = default;
                d.V0 = TLanes.Subtract(x.V0, m);
                e.V0 = VectorExp.NonPositive<TLanes, TVector>(d.V0);
                TVector sum = e.V0;
                if (TwoVectors)
                {
                    d.V1 = TLanes.Subtract(x.V1, m);
                    e.V1 = VectorExp.NonPositive<TLanes, TVector>(d.V1);
                    sum = TLanes.Add(sum, e.V1);
                }

                sums[r] = TLanes.Sum(sum);
                if (smoothed)
                {
                    // Σ (z − m) over the classes (lanes past C are −∞ − m: cleared); NaN exactly when some z is.
                    TVector shifted = TLanes.And(d.V0, TLanes.FirstLanes(classes));
                    if (TwoVectors) shifted = TLanes.Add(shifted, TLanes.And(d.V1, TLanes.FirstLanes(classes - width)));

                    shifts[r] = TLanes.Sum(shifted);
                }
                else
                {
                    // Without smoothing Σ (z − m) only detects NaN: one compare per vector instead of a horizontal sum.
                    shifts[r] = 0;
                    TVector nan = TLanes.EqualTo(x.V0, x.V0);
                    if (TwoVectors) nan = TLanes.And(nan, TLanes.EqualTo(x.V1, x.V1));
                    unordered = TLanes.Or(unordered, TLanes.AndNot(TLanes.AllBitsSet, nan));
                }

                if (scratch != null) Store(e, scratch + r * ShortRowLanes);
            }

            if (TLanes.Sum(TLanes.And(unordered, TLanes.Broadcast(1f))) != 0)
            {
                MarkNaNRows(start, rows, shifts);
            }
        }

        /// <summary>Sets Σ (z − m) to NaN for the counted rows of a block that hold a NaN logit (the rare path).</summary>
        private void MarkNaNRows(int start, int rows, float* shifts)
        {
            for (int r = 0; r < rows; r++)
            {
                float* z = Logits(start + r);
                for (int c = 0; c < classes; c++)
                {
                    if (float.IsNaN(z[c]) && targets[start + r] != ignoreIndex) shifts[r] = float.NaN;
                }
            }
        }

        /// <summary>Row i with −∞ past C: read straight from the logits when the whole vectors lie inside them, else
        /// through <paramref name="padded"/> (the last rows of the batch).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private ShortRow LoadShortRow(int i, float* padded)
        {
            long at = (long)i * classes;
            float* source = logits + at;
            if (at + ShortSpan > logitCount)
            {
                for (int c = 0; c < ShortSpan; c++) padded[c] = c < classes ? source[c] : float.NegativeInfinity;
                source = padded;
            }

            int width = TLanes.Count;
            TVector masked = TLanes.Broadcast(float.NegativeInfinity);
            ShortRow row = default;
            row.V0 = TLanes.Select(TLanes.FirstLanes(classes), TLanes.Load(source), masked);
            if (TwoVectors) row.V1 = TLanes.Select(TLanes.FirstLanes(classes - width), TLanes.Load(source + width), masked);

            return row;
        }

        /// <summary>Stores the row's ⌈C / lanes⌉ vectors at <paramref name="destination"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Store(in ShortRow row, float* destination)
        {
            int width = TLanes.Count;
            TLanes.Store(row.V0, destination);
            if (TwoVectors) TLanes.Store(row.V1, destination + width);
        }

        /// <summary>
        /// g_c ← α·e_c − β·w_c − [c = y]·(1 − ε)·w_y·scale for a short row, e from <paramref name="e"/>. The target's term
        /// is taken off in its lane rather than read back after the store (a load overlapping a just-stored vector that
        /// crosses a cache line waits for it; 2% faster at C = 10). Whole vectors are stored (rows go in
        /// increasing order, so the lanes past C are overwritten by the next row), except near the end of the chunk,
        /// where another thread may own the next row: there only C values are copied.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void WriteShortGradient(
            int i, float* e, float alpha, float beta, float targetTerm, bool lastRows, float* padded, float* paddedWeights)
        {
            int width = TLanes.Count;
            TVector a = TLanes.Broadcast(alpha), b = TLanes.Broadcast(-beta);
            ShortRow g = default;
            if (weights == null && !exclude)
            {
                g.V0 = TLanes.MultiplyAdd(TLanes.Load(e), a, b);
                if (TwoVectors) g.V1 = TLanes.MultiplyAdd(TLanes.Load(e + width), a, b);
            }
            else
            {
                g = WeightedShortGradient(i, e, a, b, padded, paddedWeights);
            }

            // The same two roundings as g_y = fl(α·e_y − β·w_y) − (1 − ε)·w_y·scale on the long rows.
            TVector target = TLanes.Broadcast(targets[i]), term = TLanes.Broadcast(targetTerm);
            g.V0 = TLanes.Subtract(g.V0, TLanes.And(TLanes.EqualTo(TLanes.Indices, target), term));
            if (TwoVectors)
            {
                TVector lanes = TLanes.Add(TLanes.Indices, TLanes.Broadcast(width));
                g.V1 = TLanes.Subtract(g.V1, TLanes.And(TLanes.EqualTo(lanes, target), term));
            }

            float* row = Gradient(i);
            if (!lastRows)
            {
                Store(g, row);
                return;
            }

            Store(g, padded);
            for (int c = 0; c < classes; c++) row[c] = padded[c];
        }

        /// <summary>α·e_c − β·w_c with class weights, 0 for masked classes when they are left out of smoothing.</summary>
        private ShortRow WeightedShortGradient(int i, float* e, TVector a, TVector b, float* padded, float* paddedWeights)
        {
            int width = TLanes.Count;
            ShortRow g = default;
            g.V0 = TLanes.MultiplyAdd(TLanes.Load(e), a, TLanes.Multiply(TLanes.Load(paddedWeights), b));
            if (TwoVectors) g.V1 = TLanes.MultiplyAdd(TLanes.Load(e + width), a, TLanes.Multiply(TLanes.Load(paddedWeights + width), b));

            if (exclude)
            {
                ShortRow x = LoadShortRow(i, padded);
                TVector masked = TLanes.Broadcast(float.NegativeInfinity);
                g.V0 = TLanes.AndNot(g.V0, TLanes.EqualTo(x.V0, masked));
                if (TwoVectors) g.V1 = TLanes.AndNot(g.V1, TLanes.EqualTo(x.V1, masked));
            }

            return g;
        }
    }
}
