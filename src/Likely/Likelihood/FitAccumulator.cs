namespace Likely.Likelihood;

/// <summary>
/// The sufficient statistics of a distribution family, gathered from a stream of observations in constant memory:
/// <see cref="Add"/> a chunk at a time, <see cref="Merge"/> the accumulators of several shards (files, row groups,
/// threads) in any order, then <see cref="Fit"/> the maximum-likelihood estimate from the statistics alone. Created by
/// <see cref="DistributionFamily.CreateAccumulator"/> for the families whose likelihood depends on the data only through
/// fixed-size sums (Σ x, Σ (x − x̄)², Σ ln x, Σ ln(1 − x), …).
/// </summary>
/// <remarks>
/// The fit equals the family's in-memory <see cref="DistributionFamily.Fit"/> on the same values to about 1e-14
/// relative: both run the same solver on the same statistics, and the sums here are compensated (Neumaier), so the
/// result does not depend on how the stream was cut into chunks or shards beyond a few ulps. ln L is computed from the
/// statistics as well (e.g. −N ln σ − N ln √(2π) − Σ (x − μ)²/(2σ²) for the normal). Each value is checked against the
/// family's support as it is added.
/// </remarks>
public abstract class FitAccumulator
{
    /// <summary>Starts an empty accumulator for <paramref name="family"/>.</summary>
    private protected FitAccumulator(DistributionFamily family) => Family = family;

    /// <summary>The family whose statistics are gathered.</summary>
    public DistributionFamily Family { get; }

    /// <summary>N, the number of observations added so far (merged ones included).</summary>
    public long Count { get; private set; }

    /// <summary>Adds a chunk of observations.</summary>
    /// <param name="sample">The observations; each must be in the family's support.</param>
    /// <exception cref="ArgumentException">
    /// A value is NaN or outside the support; the message gives its position in the stream (0-based, counting every
    /// observation added before) and nothing of the chunk is added.
    /// </exception>
    public void Add(ReadOnlySpan<double> sample)
    {
        for (int i = 0; i < sample.Length; i++)
        {
            double x = sample[i];
            if (!Family.IsInSupport(x))
            {
                string what = double.IsNaN(x) ? "is NaN; remove or impute missing values" : $"= {x.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} is outside the support of {Family.Name} ({Family.Support}); choose a family whose support contains the data";
                throw new ArgumentException($"Observation {Count + i} {what}.", nameof(sample));
            }
        }

        AddChecked(sample);
        Count += sample.Length;
    }

    /// <summary>Adds everything <paramref name="other"/> has gathered (another shard of the same stream).</summary>
    /// <exception cref="ArgumentException"><paramref name="other"/> gathers another family's statistics, or is this accumulator.</exception>
    public void Merge(FitAccumulator other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.GetType() != GetType() || other.Family != Family)
        {
            throw new ArgumentException($"Cannot merge {other.Family.Name} statistics into a {Family.Name} accumulator; merge accumulators of the same family.", nameof(other));
        }

        if (ReferenceEquals(other, this))
        {
            throw new ArgumentException("An accumulator cannot be merged into itself; merge a separate shard.", nameof(other));
        }

        MergeChecked(other);
        Count += other.Count;
    }

    /// <summary>
    /// Adds <paramref name="count"/> observations that all equal <paramref name="value"/>: one row of a value-count
    /// table (<c>SELECT x, count(*) … GROUP BY x</c>) computed elsewhere, e.g. by a SQL engine. The same as adding a chunk
    /// of <paramref name="count"/> copies of the value.
    /// </summary>
    /// <param name="value">The observed value; it must be in the family's support.</param>
    /// <param name="count">How many times it was observed, ≥ 0.</param>
    /// <exception cref="ArgumentException">The value is NaN or outside the support.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is negative.</exception>
    public void AddRepeated(double value, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return;
        }

        Add([value]);
        AddRepeatedChecked(value, count - 1);
        Count += count - 1;
    }

    /// <summary>
    /// Adds the statistics of a sample gathered elsewhere — by a SQL engine's <c>count</c>, <c>sum</c>,
    /// <c>var_pop</c>, <c>min</c> and <c>max</c> (see <see cref="SufficientStatistics"/>) — as if the sample had been
    /// added here. Only the families whose statistics are fixed-size sums of a continuous variable take them
    /// (<see cref="SufficientStatistics.IsSummedBy"/>); the discrete families are loaded from value counts with
    /// <see cref="AddRepeated"/>.
    /// </summary>
    /// <param name="statistics">The statistics; those the family needs must be present and finite.</param>
    /// <exception cref="ArgumentException">
    /// The family is loaded from value counts; a statistic it needs is missing or not finite; or the minimum or maximum
    /// is outside the family's support.
    /// </exception>
    public void AddStatistics(SufficientStatistics statistics)
    {
        ArgumentNullException.ThrowIfNull(statistics);
        ArgumentOutOfRangeException.ThrowIfNegative(statistics.Count);
        if (statistics.Count == 0)
        {
            return;
        }

        if (!SufficientStatistics.IsSummedBy(Family))
        {
            throw new ArgumentException($"{Family.Name} is fitted from value counts, not from sums; load its statistics with AddRepeated (one call per value).", nameof(statistics));
        }

        foreach (double bound in (ReadOnlySpan<double>)[statistics.Required(statistics.Min, "min_x"), statistics.Required(statistics.Max, "max_x")])
        {
            if (!Family.IsInSupport(bound))
            {
                throw new ArgumentException($"An observation = {bound.ToString("R", System.Globalization.CultureInfo.InvariantCulture)} (the sample's minimum or maximum) is outside the support of {Family.Name} ({Family.Support}); choose a family whose support contains the data.", nameof(statistics));
            }
        }

        AddStatisticsChecked(statistics);
        Count += statistics.Count;
    }

    /// <summary>
    /// The maximum-likelihood fit from the statistics, with the parameters in <paramref name="held"/> held (as
    /// <see cref="DistributionFamily.Fit"/>).
    /// </summary>
    /// <param name="held">Parameter name (or alias) → held value; null or empty to estimate every parameter.</param>
    /// <exception cref="ArgumentException">
    /// Nothing was added; a held parameter is unknown or out of range; or the MLE does
    /// not exist for these data (the family's message, as in memory).
    /// </exception>
    /// <exception cref="InvalidOperationException">The family's solver did not converge.</exception>
    public DistributionFit Fit(IReadOnlyDictionary<string, double>? held = null)
    {
        HeldParameters parameters = Family.Hold(held);
        if (Count == 0)
        {
            throw new ArgumentException($"No observations were added; fitting {Family.Name} needs at least one.", nameof(held));
        }

        return FitChecked(parameters);
    }

    /// <summary>Adds a chunk whose values are all in the support.</summary>
    private protected abstract void AddChecked(ReadOnlySpan<double> sample);

    /// <summary>Adds another accumulator of the same type and family.</summary>
    private protected abstract void MergeChecked(FitAccumulator other);

    /// <summary>Adds <paramref name="count"/> ≥ 0 more copies of a value already checked against the support (by default a chunk at a time).</summary>
    private protected virtual void AddRepeatedChecked(double value, long count)
    {
        Span<double> copies = stackalloc double[(int)Math.Min(count, 4096)];
        copies.Fill(value);
        for (long left = count; left > 0; left -= copies.Length)
        {
            AddChecked(copies[..(int)Math.Min(left, copies.Length)]);
        }
    }

    /// <summary>Adds statistics of ≥ 1 observations whose minimum and maximum are in the support (families that sum; see <see cref="SufficientStatistics.IsSummedBy"/>).</summary>
    private protected virtual void AddStatisticsChecked(SufficientStatistics statistics) =>
        throw new ArgumentException($"{Family.Name} is fitted from value counts, not from sums; load its statistics with AddRepeated.", nameof(statistics));

    /// <summary>The fit from the statistics of <see cref="Count"/> ≥ 1 observations.</summary>
    private protected abstract DistributionFit FitChecked(HeldParameters held);
}
