using System.Globalization;
using System.Runtime.InteropServices;

namespace Likely.Information;

/// <summary>
/// The counts n_xy of observed pairs (x, y) of two categorical variables, gathered from a stream: <see cref="Add"/> a
/// chunk of pairs at a time, <see cref="Merge"/> the counts of several shards in any order, then the mutual
/// information (<see cref="MutualInformation"/>) or the dense <see cref="ContingencyTable"/> (<see cref="ToTable"/>)
/// for every other quantity. Memory grows with the number of distinct pairs, not with the number of observations.
/// </summary>
/// <remarks>
/// Counts are exact integers: any chunking and merge order give the same counts as
/// <see cref="ContingencyTable.FromPairs{TX, TY}"/> on the whole sample.
/// </remarks>
/// <typeparam name="TX">The type of X's categories (rows).</typeparam>
/// <typeparam name="TY">The type of Y's categories (columns).</typeparam>
public sealed class ContingencyCounts<TX, TY>
    where TX : notnull
    where TY : notnull
{
    /// <summary>The most cells <see cref="ToTable"/> allocates: 2²⁸ counts, 2 GiB.</summary>
    private const long MaxDenseCells = 1L << 28;

    private readonly Dictionary<(TX X, TY Y), long> pairs = [];

    /// <summary>N, the number of pairs counted.</summary>
    public long Total { get; private set; }

    /// <summary>The number of distinct pairs observed (the memory this takes is proportional to it).</summary>
    public int DistinctPairCount => pairs.Count;

    /// <summary>n_xy, how often the pair (<paramref name="x"/>, <paramref name="y"/>) was observed (0 when never).</summary>
    public long this[TX x, TY y] => pairs.GetValueOrDefault((x, y));

    /// <summary>Counts the pairs (xᵢ, yᵢ) of a chunk.</summary>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public void Add(ReadOnlySpan<TX> x, ReadOnlySpan<TY> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"'x' has {x.Length} observations but 'y' has {y.Length}; they must be paired one to one.", nameof(y));
        }

        for (int i = 0; i < x.Length; i++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(pairs, (x[i], y[i]), out _)++;
        }

        Total += x.Length;
    }

    /// <summary>
    /// Adds <paramref name="count"/> observations of the pair (<paramref name="x"/>, <paramref name="y"/>): one row of
    /// a contingency table (<c>SELECT x, y, count(*) … GROUP BY x, y</c>) computed elsewhere, e.g. by a SQL engine.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void AddCount(TX x, TY y, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(pairs, (x, y), out _) += count;
            Total += count;
        }
    }

    /// <summary>Adds the counts of <paramref name="other"/> (another shard of the same stream).</summary>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this instance.</exception>
    public void Merge(ContingencyCounts<TX, TY> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("Counts cannot be merged into themselves; merge a separate shard.", nameof(other));
        }

        foreach (((TX, TY) pair, long n) in other.pairs)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(pairs, pair, out _) += n;
        }

        Total += other.Total;
    }

    /// <summary>
    /// I(X; Y) = Σ (n_xy/N) log(n_xy N/(n_x n_y)) over the observed pairs, summed term by term as
    /// <see cref="ContingencyTable.MutualInformation"/> does (so it stays accurate when small), without the dense table.
    /// </summary>
    /// <exception cref="ArgumentException">Nothing was counted.</exception>
    public double MutualInformation(LogBase logBase = default)
    {
        RequireObservations();
        var rowSums = new Dictionary<TX, long>();
        var columnSums = new Dictionary<TY, long>();
        foreach (((TX x, TY y), long n) in pairs)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(rowSums, x, out _) += n;
            CollectionsMarshal.GetValueRefOrAddDefault(columnSums, y, out _) += n;
        }

        double total = Total, sum = 0;
        foreach (((TX x, TY y), long n) in pairs)
        {
            sum += n * Math.Log(n * total / ((double)rowSums[x] * columnSums[y]));
        }

        return logBase.FromNats(Math.Max(0, sum / total));
    }

    /// <summary>
    /// The dense R×C table (rows: the distinct x, columns: the distinct y, each in order of first appearance among the
    /// counted pairs), for the entropies and conditional entropies of <see cref="ContingencyTable"/>.
    /// </summary>
    /// <exception cref="ArgumentException">Nothing was counted.</exception>
    public ContingencyTable ToTable()
    {
        RequireObservations();
        var rowOf = new Dictionary<TX, int>();
        var columnOf = new Dictionary<TY, int>();
        foreach ((TX x, TY y) in pairs.Keys)
        {
            if (!rowOf.ContainsKey(x)) rowOf[x] = rowOf.Count;
            if (!columnOf.ContainsKey(y)) columnOf[y] = columnOf.Count;
        }

        long cells = (long)rowOf.Count * columnOf.Count;
        if (cells > MaxDenseCells)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture,
                $"The dense table of {rowOf.Count:N0} × {columnOf.Count:N0} labels would have {cells:N0} cells ({cells * 8.0 / (1 << 30):N1} GiB); use Summarize (likely mi without --ci), which needs only the distinct pairs, or group the labels into fewer categories."), "x");
        }

        var counts = new long[cells];
        foreach (((TX x, TY y), long n) in pairs)
        {
            counts[rowOf[x] * columnOf.Count + columnOf[y]] += n;
        }

        return new ContingencyTable(counts, rowOf.Count, columnOf.Count);
    }

    /// <summary>
    /// The plug-in I(X; Y), H(X), H(Y) and H(X, Y) from the distinct pairs alone: memory proportional to the distinct
    /// pairs plus the distinct x and y, where <see cref="ToTable"/> needs every row × column cell (R·C, which 20,000
    /// labels on each side make 400 million). The terms are summed in the order the dense table sums them — rows and
    /// columns in order of first appearance, row-major — so the values are those of <see cref="ToTable"/>'s
    /// <see cref="ContingencyTable.MutualInformation"/>, <see cref="ContingencyTable.RowEntropy"/>,
    /// <see cref="ContingencyTable.ColumnEntropy"/> and <see cref="ContingencyTable.JointEntropy"/>, to the bit.
    /// </summary>
    /// <exception cref="ArgumentException">Nothing was counted.</exception>
    public ContingencySummary Summarize(LogBase logBase = default)
    {
        RequireObservations();
        var rowOf = new Dictionary<TX, int>();
        var columnOf = new Dictionary<TY, int>();
        var cells = new (int Row, int Column, long Count)[pairs.Count];
        int k = 0;
        foreach (((TX x, TY y), long n) in pairs)
        {
            ref int row = ref CollectionsMarshal.GetValueRefOrAddDefault(rowOf, x, out bool rowSeen);
            if (!rowSeen) row = rowOf.Count - 1;
            ref int column = ref CollectionsMarshal.GetValueRefOrAddDefault(columnOf, y, out bool columnSeen);
            if (!columnSeen) column = columnOf.Count - 1;
            cells[k++] = (row, column, n);
        }

        Array.Sort(cells, (a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Column.CompareTo(b.Column));
        long[] rowSums = new long[rowOf.Count], columnSums = new long[columnOf.Count], counts = new long[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            rowSums[cells[i].Row] += cells[i].Count;
            columnSums[cells[i].Column] += cells[i].Count;
            counts[i] = cells[i].Count;
        }

        double total = Total, sum = 0;
        foreach ((int row, int column, long n) in cells)
        {
            sum += n * Math.Log(n * total / ((double)rowSums[row] * columnSums[column]));
        }

        return new ContingencySummary(
            logBase.FromNats(Math.Max(0, sum / total)),
            CountEntropy.Compute(rowSums, EntropyEstimator.PlugIn, logBase),
            CountEntropy.Compute(columnSums, EntropyEstimator.PlugIn, logBase),
            CountEntropy.Compute(counts, EntropyEstimator.PlugIn, logBase),
            Total);
    }

    private void RequireObservations()
    {
        if (Total == 0)
        {
            throw new ArgumentException("No pairs were counted; mutual information needs at least one (x, y) pair.", "x");
        }
    }
}
