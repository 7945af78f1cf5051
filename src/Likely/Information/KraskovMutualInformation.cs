using System.Runtime.CompilerServices;
using Likely.Distributions;

namespace Likely.Information;

/// <summary>
/// The Kraskov–Stögbauer–Grassberger (KSG) k-nearest-neighbour estimate of the mutual information of two continuous
/// variables (Kraskov, Stögbauer &amp; Grassberger 2004, Phys. Rev. E 69, 066138, algorithm 1):
/// I(X; Y) = ψ(k) + ψ(N) − (1/N) Σᵢ [ψ(n_x(i) + 1) + ψ(n_y(i) + 1)], where εᵢ is the max-norm distance
/// max(|xⱼ − xᵢ|, |yⱼ − yᵢ|) from point i to its k-th nearest neighbour, n_x(i) = #{j ≠ i : |xⱼ − xᵢ| &lt; εᵢ} and
/// n_y(i) likewise. Legend: N = pairs, k = neighbours, ψ = digamma.
/// </summary>
/// <remarks>
/// <para>Like scikit-learn's <c>mutual_info_regression</c>, each variable is first divided by its standard deviation
/// (population, 1/N; a constant column is left as it is), since the max-norm is not scale-invariant, and a negative
/// estimate (sampling noise around independence) is reported as 0.</para>
/// <para>Ties are taken exactly as the definitions say; no noise is added (scikit-learn adds 1e-10·max(1, mean|v|)
/// times Gaussian noise). Where k or more other points coincide with point i, εᵢ = 0 and n_x(i) = n_y(i) = 0, which
/// biases the estimate upwards: data with many repeated values are better treated as categories.</para>
/// <para>Exact and O(N log N): εᵢ from a 2-d tree (<see cref="MaxNormKdTree"/>), n_x and n_y by binary search on the
/// sorted marginals. Points are processed in parallel; each point's terms are written by one thread and summed in
/// index order, so the result does not depend on the thread count.</para>
/// </remarks>
public static class KraskovMutualInformation
{
    /// <summary>Points per parallel part of the neighbour search.</summary>
    private const int PointsPerPart = 2048;

    /// <summary>The KSG estimate of I(X; Y) from the pairs (xᵢ, yᵢ).</summary>
    /// <param name="x">N finite values of X.</param>
    /// <param name="y">N finite values of Y, paired with <paramref name="x"/>.</param>
    /// <param name="neighbors">k. Range: 1 ≤ k &lt; N. Default: 3 (scikit-learn's and the paper's usual choice).</param>
    /// <param name="logBase">The unit: nats (default), bits, hartleys or any base.</param>
    /// <returns>The estimate, ≥ 0, in the chosen unit.</returns>
    /// <exception cref="ArgumentException">Different lengths, or a value that is NaN or infinite.</exception>
    /// <exception cref="ArgumentOutOfRangeException">k &lt; 1 or k ≥ N.</exception>
    public static double Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int neighbors = 3, LogBase logBase = default) =>
        Compute(x, y, neighbors, logBase, Environment.ProcessorCount);

    /// <summary><see cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, int, LogBase)"/> on a given number of threads.</summary>
    internal static double Compute(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int neighbors, LogBase logBase, int threads)
    {
        Validate(x, y, neighbors);
        double[] xs = Scaled(x), ys = Scaled(y);
        var nx = new int[xs.Length];
        var ny = new int[xs.Length];
        NeighborCounts(xs, ys, neighbors, nx, ny, threads);
        return logBase.FromNats(Math.Max(0, Nats(nx, ny, neighbors)));
    }

    /// <summary>
    /// n_x(i) and n_y(i) for every point of the (already scaled) pairs: εᵢ from the 2-d tree, the counts by binary
    /// search on sorted copies of x and y.
    /// </summary>
    internal static void NeighborCounts(double[] x, double[] y, int neighbors, Span<int> nx, Span<int> ny, int threads)
    {
        var tree = new MaxNormKdTree(x, y);
        double[] sortedX = (double[])x.Clone(), sortedY = (double[])y.Clone();
        Array.Sort(sortedX);
        Array.Sort(sortedY);
        int[] countX = new int[x.Length], countY = new int[x.Length];
        int parts = (x.Length + PointsPerPart - 1) / PointsPerPart;
        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = threads }, part =>
            CountPart(tree, x, y, sortedX, sortedY, neighbors, part * PointsPerPart, Math.Min(x.Length, (part + 1) * PointsPerPart), countX, countY));
        countX.CopyTo(nx);
        countY.CopyTo(ny);
    }

    /// <summary>n_x(i) and n_y(i) for points <paramref name="start"/> … <paramref name="end"/> − 1.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void CountPart(
        MaxNormKdTree tree, double[] x, double[] y, double[] sortedX, double[] sortedY, int neighbors, int start, int end, int[] countX, int[] countY)
    {
        Span<double> best = neighbors <= 64 ? stackalloc double[neighbors] : new double[neighbors];
        for (int i = start; i < end; i++)
        {
            double radius = tree.KthNeighborDistance(x[i], y[i], i, best);
            countX[i] = CountWithin(sortedX, x[i], radius);
            countY[i] = CountWithin(sortedY, y[i], radius);
        }
    }

    /// <summary>
    /// The brute-force reference, O(N²): for each i, εᵢ as the k-th smallest of the N − 1 max-norm distances, then
    /// n_x(i), n_y(i) by counting every j ≠ i. The oracle for <see cref="NeighborCounts"/>.
    /// </summary>
    internal static void NeighborCountsScalar(double[] x, double[] y, int neighbors, Span<int> nx, Span<int> ny)
    {
        var distances = new double[x.Length - 1];
        for (int i = 0; i < x.Length; i++)
        {
            int m = 0;
            for (int j = 0; j < x.Length; j++)
            {
                if (j != i) distances[m++] = Math.Max(Math.Abs(x[j] - x[i]), Math.Abs(y[j] - y[i]));
            }

            Array.Sort(distances);
            double radius = distances[neighbors - 1];
            int cx = 0, cy = 0;
            for (int j = 0; j < x.Length; j++)
            {
                if (j == i) continue;
                if (Math.Abs(x[j] - x[i]) < radius) cx++;
                if (Math.Abs(y[j] - y[i]) < radius) cy++;
            }

            nx[i] = cx;
            ny[i] = cy;
        }
    }

    /// <summary>ψ(k) + ψ(N) − (1/N) Σᵢ [ψ(n_x(i) + 1) + ψ(n_y(i) + 1)] in nats, summed in index order (not clamped).</summary>
    internal static double Nats(ReadOnlySpan<int> nx, ReadOnlySpan<int> ny, int neighbors)
    {
        double sum = 0;
        for (int i = 0; i < nx.Length; i++)
        {
            sum += SpecialFunctions.Digamma(nx[i] + 1) + SpecialFunctions.Digamma(ny[i] + 1);
        }

        return SpecialFunctions.Digamma(neighbors) + SpecialFunctions.Digamma(nx.Length) - sum / nx.Length;
    }

    /// <summary>v / σ(v), σ the population standard deviation (two-pass); a constant column is returned as it is.</summary>
    internal static double[] Scaled(ReadOnlySpan<double> values)
    {
        double mean = 0;
        foreach (double v in values) mean += v;
        mean /= values.Length;
        double squares = 0;
        foreach (double v in values) squares += (v - mean) * (v - mean);
        double sigma = Math.Sqrt(squares / values.Length);
        double[] scaled = values.ToArray();
        if (sigma > 0)
        {
            for (int i = 0; i < scaled.Length; i++) scaled[i] /= sigma;
        }

        return scaled;
    }

    /// <summary>
    /// #{j ≠ i : |vⱼ − v| &lt; radius} for v one of the ascending <paramref name="sorted"/> values: the predicate is
    /// monotone on each side of v (rounding is monotone), so two binary searches find the run where it holds, which
    /// includes v itself when radius &gt; 0 and is empty when radius = 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int CountWithin(double[] sorted, double v, double radius)
    {
        if (!(radius > 0)) return 0;
        int at = Array.BinarySearch(sorted, v);
        // First index in [0, at] where |s − v| < radius holds (it holds at 'at').
        int low = 0, high = at;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (Math.Abs(sorted[middle] - v) < radius) high = middle;
            else low = middle + 1;
        }

        int first = low;
        // First index in [at, N) where it no longer holds (N if it holds to the end).
        low = at;
        high = sorted.Length;
        while (low < high)
        {
            int middle = (low + high) >>> 1;
            if (Math.Abs(sorted[middle] - v) < radius) low = middle + 1;
            else high = middle;
        }

        return low - first - 1;
    }

    private static void Validate(ReadOnlySpan<double> x, ReadOnlySpan<double> y, int neighbors)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"'x' has {x.Length} values but 'y' has {y.Length}; they must be paired one to one.", nameof(y));
        }

        if (neighbors < 1 || neighbors >= x.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(neighbors), neighbors,
                $"neighbors is {neighbors} with N = {x.Length} pairs; it must be at least 1 and below N (3 is usual).");
        }

        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i])) throw new ArgumentException($"x[{i}] is {x[i]}; every value must be finite.", nameof(x));
            if (!double.IsFinite(y[i])) throw new ArgumentException($"y[{i}] is {y[i]}; every value must be finite.", nameof(y));
        }
    }
}
