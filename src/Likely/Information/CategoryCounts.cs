using System.Runtime.InteropServices;

namespace Likely.Information;

/// <summary>
/// How often each category was observed, gathered from a stream: <see cref="Add"/> a chunk at a time,
/// <see cref="Merge"/> the counts of several shards in any order, then the entropy (<see cref="Entropy"/>) or the
/// empirical distributions behind cross-entropy, KL and Jensen–Shannon (<see cref="AlignedProbabilities"/>). Memory
/// grows with the number of distinct categories, not with the number of observations.
/// </summary>
/// <remarks>
/// Counts are exact integers, so any chunking and any merge order give the same counts, and the same entropy up to the
/// order of a final sum over categories (categories are kept in order of first appearance).
/// </remarks>
/// <typeparam name="T">The category type (a label string, an interned id, a class index), compared by the comparer given.</typeparam>
public sealed class CategoryCounts<T>
    where T : notnull
{
    private readonly Dictionary<T, long> counts;

    /// <summary>Starts with no observations.</summary>
    /// <param name="comparer">How categories are compared; null for the default equality of <typeparamref name="T"/>.</param>
    public CategoryCounts(IEqualityComparer<T>? comparer = null) => counts = new Dictionary<T, long>(comparer);

    /// <summary>N, the number of observations counted.</summary>
    public long Total { get; private set; }

    /// <summary>The number of distinct categories observed.</summary>
    public int CategoryCount => counts.Count;

    /// <summary>The categories in order of first appearance (after a merge: this accumulator's, then the new ones of the other).</summary>
    public IEnumerable<T> Categories => counts.Keys;

    /// <summary>n(c), how often <paramref name="category"/> was observed (0 when never).</summary>
    public long this[T category] => counts.GetValueOrDefault(category);

    /// <summary>Counts a chunk of observations.</summary>
    public void Add(ReadOnlySpan<T> observations)
    {
        foreach (T category in observations)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, category, out _)++;
        }

        Total += observations.Length;
    }

    /// <summary>
    /// Adds <paramref name="count"/> observations of <paramref name="category"/>: one row of a value-count table
    /// (<c>SELECT x, count(*) … GROUP BY x</c>) computed elsewhere, e.g. by a SQL engine.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void AddCount(T category, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count > 0)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, category, out _) += count;
            Total += count;
        }
    }

    /// <summary>Adds the counts of <paramref name="other"/> (another shard of the same stream).</summary>
    /// <exception cref="ArgumentException"><paramref name="other"/> is this instance.</exception>
    public void Merge(CategoryCounts<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("Counts cannot be merged into themselves; merge a separate shard.", nameof(other));
        }

        foreach ((T category, long n) in other.counts)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(counts, category, out _) += n;
        }

        Total += other.Total;
    }

    /// <summary>The counts n₁…n_k in the order of <see cref="Categories"/>.</summary>
    public long[] ToArray() => counts.Values.ToArray();

    /// <summary>H = −Σ (n_c/N) log(n_c/N) by <paramref name="estimator"/> (see <see cref="CountEntropy.Compute"/>).</summary>
    /// <exception cref="ArgumentException">Nothing was counted.</exception>
    public double Entropy(EntropyEstimator estimator = EntropyEstimator.PlugIn, LogBase logBase = default)
    {
        if (Total == 0)
        {
            throw new ArgumentException("No observations were counted; the entropy needs at least one.", nameof(estimator));
        }

        return CountEntropy.Compute(ToArray(), estimator, logBase);
    }

    /// <summary>
    /// The empirical distributions p(c) = n_p(c)/N_p and q(c) = n_q(c)/N_q over the union of the categories of both
    /// (those of <paramref name="p"/> first, in its order, then the ones only <paramref name="q"/> saw), ready for
    /// <see cref="CrossEntropy"/>, <see cref="KullbackLeiblerDivergence"/> and <see cref="JensenShannonDivergence"/>.
    /// A category one side never saw has probability 0 there (so D(p‖q) is +∞ when q misses a category p saw).
    /// </summary>
    /// <exception cref="ArgumentException">Either side counted nothing.</exception>
    public static (double[] P, double[] Q, T[] Categories) AlignedProbabilities(CategoryCounts<T> p, CategoryCounts<T> q)
    {
        ArgumentNullException.ThrowIfNull(p);
        ArgumentNullException.ThrowIfNull(q);
        if (p.Total == 0 || q.Total == 0)
        {
            throw new ArgumentException($"'{(p.Total == 0 ? nameof(p) : nameof(q))}' counted no observations; both distributions need at least one.", p.Total == 0 ? nameof(p) : nameof(q));
        }

        T[] categories = p.counts.Keys.Concat(q.counts.Keys.Where(c => !p.counts.ContainsKey(c))).ToArray();
        double[] pp = new double[categories.Length], qq = new double[categories.Length];
        for (int i = 0; i < categories.Length; i++)
        {
            pp[i] = (double)p[categories[i]] / p.Total;
            qq[i] = (double)q[categories[i]] / q.Total;
        }

        return (pp, qq, categories);
    }
}
