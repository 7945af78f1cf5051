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
    /// The maximum-likelihood fit from the statistics, with the parameters in <paramref name="held"/> held (as
    /// <see cref="DistributionFamily.Fit"/>).
    /// </summary>
    /// <param name="held">Parameter name (or alias) → held value; null or empty to estimate every parameter.</param>
    /// <exception cref="ArgumentException">
    /// Nothing was added; more than 2³¹ − 1 observations; a held parameter is unknown or out of range; or the MLE does
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

        if (Count > int.MaxValue)
        {
            throw new ArgumentException($"{Count} observations are more than a fit result counts ({int.MaxValue}); fit a sample of them.", nameof(held));
        }

        return FitChecked(parameters);
    }

    /// <summary>Adds a chunk whose values are all in the support.</summary>
    private protected abstract void AddChecked(ReadOnlySpan<double> sample);

    /// <summary>Adds another accumulator of the same type and family.</summary>
    private protected abstract void MergeChecked(FitAccumulator other);

    /// <summary>The fit from the statistics of <see cref="Count"/> ≥ 1 observations.</summary>
    private protected abstract DistributionFit FitChecked(HeldParameters held);
}
