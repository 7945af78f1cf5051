namespace Likely.Numerics;

/// <summary>
/// A compensated running sum (Neumaier's variant of Kahan summation): s = Σ xᵢ with an error that does not grow with
/// the number of terms, about 2ε·Σ|xᵢ| instead of nε·Σ|xᵢ| for a plain loop.
/// </summary>
/// <remarks>
/// Each <see cref="Add(double)"/> keeps the low-order bits that the addition lost in a separate compensation term
/// (Neumaier 1974: unlike Kahan's original, it stays exact when the new term is larger than the running sum).
/// Infinities and NaN pass through: once the sum is not finite the compensation is ignored.
/// </remarks>
internal struct NeumaierSum
{
    private double _sum;
    private double _compensation;

    /// <summary>Adds <paramref name="value"/> to the sum.</summary>
    public void Add(double value)
    {
        double t = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? (_sum - t) + value : (value - t) + _sum;
        _sum = t;
    }

    /// <summary>Adds everything <paramref name="other"/> holds (its sum and its compensation), as when merging the sums of two shards.</summary>
    public void Add(NeumaierSum other)
    {
        Add(other._sum);
        _compensation += other._compensation;
    }

    /// <summary>The compensated sum of everything added so far.</summary>
    public readonly double Value => double.IsFinite(_sum) ? _sum + _compensation : _sum;
}
