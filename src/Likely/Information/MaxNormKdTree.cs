using System.Runtime.CompilerServices;

namespace Likely.Information;

/// <summary>
/// A 2-d tree over N points (x, y) that answers "the k-th smallest max-norm distance max(|xⱼ − x|, |yⱼ − y|) from
/// point i to the other points" exactly, in O(log N) expected time per query after an O(N log N) build.
/// </summary>
/// <remarks>
/// Implicit and balanced: the points are reordered in place so that each range [lo, hi) longer than a leaf holds its
/// median along the axis of its depth (x at even depths, y at odd) at mid = (lo + hi)/2, with coordinates ≤ it before
/// and ≥ it after (quickselect); the two halves [lo, mid) and [mid + 1, hi) exclude the median, so building them never
/// moves it and it stays the split value a query reads. A query checks the median point, descends to the nearer half first and visits the other only while the gap
/// |split − q| is below the current k-th distance. Distances are the same expression |p − q| as in the brute-force
/// reference, and the gap never exceeds a far point's distance (rounding is monotone), so the pruning drops nothing.
/// </remarks>
internal sealed class MaxNormKdTree
{
    /// <summary>Ranges this short are scanned rather than split.</summary>
    private const int LeafSize = 12;

    private readonly double[] _x, _y;
    private readonly int[] _index;

    /// <summary>Builds the tree over copies of <paramref name="x"/> and <paramref name="y"/> (N points, N ≥ 1).</summary>
    public MaxNormKdTree(ReadOnlySpan<double> x, ReadOnlySpan<double> y)
    {
        _x = x.ToArray();
        _y = y.ToArray();
        _index = new int[x.Length];
        for (int i = 0; i < _index.Length; i++) _index[i] = i;
        Build(0, _x.Length, 0);
    }

    /// <summary>
    /// The k-th smallest max-norm distance from (<paramref name="qx"/>, <paramref name="qy"/>) to the points other than
    /// point <paramref name="self"/>; <paramref name="best"/> (length k) is scratch space.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double KthNeighborDistance(double qx, double qy, int self, Span<double> best)
    {
        best.Fill(double.PositiveInfinity);
        Search(0, _x.Length, 0, qx, qy, self, best);
        return best[^1];
    }

    // Compiled optimized at once: a single CLI run makes 10⁵–10⁶ calls, most of which tier-0 code would otherwise run.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Search(int lo, int hi, int depth, double qx, double qy, int self, Span<double> best)
    {
        if (hi - lo <= LeafSize)
        {
            for (int j = lo; j < hi; j++)
            {
                if (_index[j] == self) continue;
                double distance = Math.Max(Math.Abs(_x[j] - qx), Math.Abs(_y[j] - qy));
                if (distance < best[^1]) Insert(best, distance);
            }

            return;
        }

        int mid = (lo + hi) >>> 1;
        if (_index[mid] != self)
        {
            double distance = Math.Max(Math.Abs(_x[mid] - qx), Math.Abs(_y[mid] - qy));
            if (distance < best[^1]) Insert(best, distance);
        }

        double[] axis = (depth & 1) == 0 ? _x : _y;
        double q = (depth & 1) == 0 ? qx : qy;
        double split = axis[mid];
        double gap = Math.Abs(split - q);
        if (q < split)
        {
            Search(lo, mid, depth + 1, qx, qy, self, best);
            if (gap < best[^1]) Search(mid + 1, hi, depth + 1, qx, qy, self, best);
        }
        else
        {
            Search(mid + 1, hi, depth + 1, qx, qy, self, best);
            if (gap < best[^1]) Search(lo, mid, depth + 1, qx, qy, self, best);
        }
    }

    /// <summary>Inserts <paramref name="distance"/> into the ascending list <paramref name="best"/>, dropping its largest.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Insert(Span<double> best, double distance)
    {
        int position = best.Length - 1;
        while (position > 0 && best[position - 1] > distance)
        {
            best[position] = best[position - 1];
            position--;
        }

        best[position] = distance;
    }

    private void Build(int lo, int hi, int depth)
    {
        if (hi - lo <= LeafSize) return;
        int mid = (lo + hi) >>> 1;
        Select(lo, hi - 1, mid, (depth & 1) == 0 ? _x : _y);
        Build(lo, mid, depth + 1);
        Build(mid + 1, hi, depth + 1);
    }

    /// <summary>
    /// Quickselect (Hoare partition, middle pivot): reorders [left, right] so that position <paramref name="k"/> holds
    /// the value it would hold sorted by <paramref name="axis"/>, with ≤ before it and ≥ after it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Select(int left, int right, int k, double[] axis)
    {
        while (left < right)
        {
            double pivot = axis[(left + right) >>> 1];
            int i = left, j = right;
            while (i <= j)
            {
                while (axis[i] < pivot) i++;
                while (axis[j] > pivot) j--;
                if (i <= j)
                {
                    Swap(i, j);
                    i++;
                    j--;
                }
            }

            // Now [left, j] ≤ pivot ≤ [i, right], and any positions between j and i equal the pivot.
            if (k <= j) right = j;
            else if (k >= i) left = i;
            else return;
        }
    }

    private void Swap(int a, int b)
    {
        (_x[a], _x[b]) = (_x[b], _x[a]);
        (_y[a], _y[b]) = (_y[b], _y[a]);
        (_index[a], _index[b]) = (_index[b], _index[a]);
    }
}
