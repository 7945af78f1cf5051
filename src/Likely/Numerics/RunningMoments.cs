namespace Likely.Numerics;

/// <summary>
/// The count N, the sum Σ xᵢ and the sum of squared deviations M₂ = Σ (xᵢ − x̄)² of a stream of values, added a chunk
/// at a time and merged across shards (Chan, Golub and LeVeque's pairwise update), with compensated sums so the result
/// does not depend on how the stream was cut (to a few ulps).
/// </summary>
/// <remarks>
/// A chunk's own M₂ is taken about its mean c as Σ (xᵢ − c)² − (Σ (xᵢ − c))²/n, both sums
/// compensated; two parts then combine as M₂ = M₂ₐ + M₂ᵦ + δ²·nₐnᵦ/(nₐ + nᵦ) with δ = x̄ᵦ − x̄ₐ, a sum of non-negative
/// terms (no cancellation). Values whose sums overflow (near ±1e308) give ±∞ or NaN, which the fits refuse.
/// </remarks>
internal struct RunningMoments
{
    private NeumaierSum _sum;
    private NeumaierSum _squaredDeviations;

    /// <summary>N, the number of values added.</summary>
    public long Count { get; private set; }

    /// <summary>Σ xᵢ (compensated).</summary>
    public readonly double Sum => _sum.Value;

    /// <summary>x̄ = Σ xᵢ / N (NaN when empty).</summary>
    public readonly double Mean => _sum.Value / Count;

    /// <summary>M₂ = Σ (xᵢ − x̄)² ≥ 0.</summary>
    public readonly double SquaredDeviations => Math.Max(0, _squaredDeviations.Value);

    /// <summary>Adds a chunk of values.</summary>
    public void Add(ReadOnlySpan<double> values)
    {
        if (values.IsEmpty)
        {
            return;
        }

        NeumaierSum sum = default, deviations = default, squares = default;
        foreach (double x in values)
        {
            sum.Add(x);
        }

        // Two passes over the chunk (it is in cache): the deviations from its own mean sum to ≈ 0, so the correction
        // (Σ d)²/n is tiny and nothing cancels.
        double center = sum.Value / values.Length;
        foreach (double x in values)
        {
            double d = x - center;
            deviations.Add(d);
            squares.Add(d * d);
        }

        double shift = deviations.Value;
        var chunk = new RunningMoments { Count = values.Length, _sum = sum };
        chunk._squaredDeviations.Add(squares.Value);
        chunk._squaredDeviations.Add(-shift * shift / values.Length);
        Merge(chunk);
    }

    /// <summary>
    /// The moments of <paramref name="count"/> values whose sum and M₂ were computed elsewhere (e.g. by a SQL engine's
    /// <c>sum</c> and <c>var_pop</c> × N), to merge with others.
    /// </summary>
    public static RunningMoments FromMoments(long count, double sum, double squaredDeviations)
    {
        var moments = new RunningMoments { Count = count };
        moments._sum.Add(sum);
        moments._squaredDeviations.Add(squaredDeviations);
        return moments;
    }

    /// <summary>Adds everything <paramref name="other"/> holds: the moments of the two streams together.</summary>
    public void Merge(RunningMoments other)
    {
        if (other.Count == 0)
        {
            return;
        }

        if (Count == 0)
        {
            this = other;
            return;
        }

        double delta = other.Mean - Mean, weight = (double)Count * other.Count / (Count + other.Count);
        _squaredDeviations.Add(other._squaredDeviations);
        _squaredDeviations.Add(delta * delta * weight);
        _sum.Add(other._sum);
        Count += other.Count;
    }
}
