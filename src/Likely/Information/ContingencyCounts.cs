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

        var counts = new long[checked(rowOf.Count * columnOf.Count)];
        foreach (((TX x, TY y), long n) in pairs)
        {
            counts[rowOf[x] * columnOf.Count + columnOf[y]] += n;
        }

        return new ContingencyTable(counts, rowOf.Count, columnOf.Count);
    }

    private void RequireObservations()
    {
        if (Total == 0)
        {
            throw new ArgumentException("No pairs were counted; mutual information needs at least one (x, y) pair.", "x");
        }
    }
}
