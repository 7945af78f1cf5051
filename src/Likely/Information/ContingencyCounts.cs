using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Likely.Information;

/// <summary>
/// The counts n_xy of observed pairs (x, y) of two categorical variables, gathered from a stream: <see cref="Add"/> a
/// chunk of pairs at a time, <see cref="Merge"/> the counts of several shards in any order, then the mutual
/// information (<see cref="MutualInformation"/>) or the dense <see cref="ContingencyTable"/> (<see cref="ToTable"/>)
/// for every other quantity. Memory grows with the number of distinct pairs, not with the number of observations.
/// </summary>
/// <remarks>
/// <para>Counts are exact integers: any chunking and merge order give the same counts as
/// <see cref="ContingencyTable.FromPairs{TX, TY}"/> on the whole sample.</para>
/// <para>For <c>int</c> categories that are small non-negative ids (what the streaming readers' <c>CategoryLabels</c>
/// hand out), <see cref="Add"/> counts into a dense grid of at most 2²⁰ cells (8 MB) instead of hashing each pair —
/// several times faster on hundreds of millions of rows — and moves the grid's counts into the pair dictionary before
/// anything reads them, in the order the pairs were first counted, so every result (and the order of first
/// appearance behind <see cref="ToTable"/> and <see cref="Summarize"/>) is what the dictionary alone gives.</para>
/// </remarks>
/// <typeparam name="TX">The type of X's categories (rows).</typeparam>
/// <typeparam name="TY">The type of Y's categories (columns).</typeparam>
public sealed class ContingencyCounts<TX, TY>
    where TX : notnull
    where TY : notnull
{
    /// <summary>The most cells <see cref="ToTable"/> allocates: 2²⁸ counts, 2 GiB.</summary>
    private const long MaxDenseCells = 1L << 28;

    /// <summary>The most cells of the dense grid for int ids: 2²⁰ counts, 8 MB.</summary>
    private const int MaxGridCells = 1 << 20;

    private readonly Dictionary<(TX X, TY Y), long> pairs = [];

    // The dense grid of int ids (see the remarks): counts at [x·gridColumns + y], the pairs in the order their cell
    // first became nonzero, and whether the grid is still in use (it stops for good at a negative id or past its size).
    private long[] grid = [];
    private int gridRows, gridColumns;
    private readonly List<(int X, int Y)> gridOrder = [];
    private bool gridUsable = typeof(TX) == typeof(int) && typeof(TY) == typeof(int);

    /// <summary>N, the number of pairs counted.</summary>
    public long Total { get; private set; }

    /// <summary>The number of distinct pairs observed (the memory this takes is proportional to it).</summary>
    public int DistinctPairCount => Pairs.Count;

    /// <summary>n_xy, how often the pair (<paramref name="x"/>, <paramref name="y"/>) was observed (0 when never).</summary>
    public long this[TX x, TY y] => Pairs.GetValueOrDefault((x, y));

    /// <summary>
    /// The observed pairs and their counts, in order of first appearance (after a merge: this accumulator's, then the
    /// new ones of the other) — the order <see cref="ToTable"/> and <see cref="Summarize"/> follow.
    /// </summary>
    public IEnumerable<(TX X, TY Y, long Count)> ObservedPairs() => Pairs.Select(pair => (pair.Key.X, pair.Key.Y, pair.Value));

    /// <summary>The pair counts, with the grid's moved in first.</summary>
    private Dictionary<(TX X, TY Y), long> Pairs
    {
        get
        {
            FlushGrid();
            return pairs;
        }
    }

    /// <summary>Counts the pairs (xᵢ, yᵢ) of a chunk.</summary>
    /// <exception cref="ArgumentException">The two spans differ in length.</exception>
    public void Add(ReadOnlySpan<TX> x, ReadOnlySpan<TY> y)
    {
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"'x' has {x.Length} observations but 'y' has {y.Length}; they must be paired one to one.", nameof(y));
        }

        if (gridUsable)
        {
            // TX and TY are int here (the JIT removes this branch for every other type).
            AddIds(MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TX, int>(ref MemoryMarshal.GetReference(x)), x.Length),
                MemoryMarshal.CreateReadOnlySpan(ref Unsafe.As<TY, int>(ref MemoryMarshal.GetReference(y)), y.Length));
        }
        else
        {
            for (int i = 0; i < x.Length; i++)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(pairs, (x[i], y[i]), out _)++;
            }
        }

        Total += x.Length;
    }

    /// <summary>Counts int ids into the dense grid, growing it (or leaving it for the dictionary) when an id falls outside.</summary>
    private void AddIds(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        for (int i = 0; i < x.Length; i++)
        {
            int a = x[i], b = y[i];
            if ((uint)a >= (uint)gridRows || (uint)b >= (uint)gridColumns)
            {
                if (!GrowGrid(a, b))
                {
                    AddToDictionary(x[i..], y[i..]);
                    return;
                }
            }

            if (grid[(a * gridColumns) + b]++ == 0)
            {
                gridOrder.Add((a, b));
            }
        }
    }

    /// <summary>After the grid is given up: the rest of a chunk of int ids into the dictionary.</summary>
    private void AddToDictionary(ReadOnlySpan<int> x, ReadOnlySpan<int> y)
    {
        var typed = (Dictionary<(int, int), long>)(object)pairs;
        for (int i = 0; i < x.Length; i++)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(typed, (x[i], y[i]), out _)++;
        }
    }

    /// <summary>
    /// Makes room for the ids (<paramref name="a"/>, <paramref name="b"/>): the grid's counts move to the dictionary
    /// (keeping their order) and a larger grid, doubled on the side that overflowed, replaces it; false, with the grid
    /// given up for good, when an id is negative or the grid would exceed <see cref="MaxGridCells"/>.
    /// </summary>
    private bool GrowGrid(int a, int b)
    {
        FlushGrid();
        long rows = a < gridRows ? gridRows : Math.Max(16, Math.Max(2L * gridRows, a + 1L));
        long columns = b < gridColumns ? gridColumns : Math.Max(16, Math.Max(2L * gridColumns, b + 1L));
        if (a < 0 || b < 0 || rows * columns > MaxGridCells)
        {
            (gridUsable, grid, gridRows, gridColumns) = (false, [], 0, 0);
            return false;
        }

        (grid, gridRows, gridColumns) = (new long[rows * columns], (int)rows, (int)columns);
        return true;
    }

    /// <summary>Moves the grid's counts into the dictionary, pairs in the order they were first counted, and zeroes the grid.</summary>
    private void FlushGrid()
    {
        if (gridOrder.Count == 0) return;
        var typed = (Dictionary<(int, int), long>)(object)pairs;
        foreach ((int a, int b) in gridOrder)
        {
            ref long cell = ref grid[(a * gridColumns) + b];
            CollectionsMarshal.GetValueRefOrAddDefault(typed, (a, b), out _) += cell;
            cell = 0;
        }

        gridOrder.Clear();
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
            CollectionsMarshal.GetValueRefOrAddDefault(Pairs, (x, y), out _) += count;
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

        Dictionary<(TX X, TY Y), long> mine = Pairs;
        foreach (((TX, TY) pair, long n) in other.Pairs)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(mine, pair, out _) += n;
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
        foreach (((TX x, TY y), long n) in Pairs)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(rowSums, x, out _) += n;
            CollectionsMarshal.GetValueRefOrAddDefault(columnSums, y, out _) += n;
        }

        double total = Total, sum = 0;
        foreach (((TX x, TY y), long n) in Pairs)
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
        foreach ((TX x, TY y) in Pairs.Keys)
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
        foreach (((TX x, TY y), long n) in Pairs)
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
        var cells = new (int Row, int Column, long Count)[Pairs.Count];
        int k = 0;
        foreach (((TX x, TY y), long n) in Pairs)
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
