using Likely.Numerics;

namespace Likely.Data;

/// <summary>
/// The statistics a <see cref="Standardizer"/> is fitted from, gathered a chunk of rows at a time in one pass: each
/// column's <see cref="RunningMoments"/> (count, compensated sum, M₂ merged across chunks) and its minimum and maximum.
/// What <see cref="Standardizer.Fit(IEnumerable{Dataset})"/> and streamed training use instead of the two passes over
/// data in memory. Shapes: n = rows of a chunk, D = features.
/// </summary>
internal sealed class StandardizerMoments(int featureCount)
{
    private readonly RunningMoments[] moments = new RunningMoments[featureCount];
    private readonly float[] min = new float[featureCount];
    private readonly float[] max = new float[featureCount];
    private double[] column = [];

    /// <summary>N, the rows added so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Adds the n × D row-major <paramref name="features"/>.</summary>
    public void Add(ReadOnlySpan<float> features)
    {
        int d = moments.Length, n = features.Length / d;
        if (n == 0) return;
        if (column.Length < n) column = new double[n];
        Span<double> values = column.AsSpan(0, n);
        for (int j = 0; j < d; j++)
        {
            float lo = Rows == 0 ? features[j] : min[j], hi = Rows == 0 ? features[j] : max[j];
            for (int i = 0; i < n; i++)
            {
                float x = features[i * d + j];
                values[i] = x;
                lo = Math.Min(lo, x);
                hi = Math.Max(hi, x);
            }

            (min[j], max[j]) = (lo, hi);
            moments[j].Add(values);
        }

        Rows += n;
    }

    /// <summary>
    /// The standardizer of the rows added: μ_j = Σ x_ij / N and s_j = √(M₂_j / N), with <see cref="Standardizer.Fit(Dataset)"/>'s
    /// rule for constant columns (min = max: μ_j = the value, s_j = 1).
    /// </summary>
    /// <exception cref="ArgumentException">No row was added.</exception>
    public Standardizer ToStandardizer()
    {
        if (Rows == 0)
        {
            throw new ArgumentException("A standardizer is fitted on at least one row; the training data are empty.");
        }

        int d = moments.Length;
        var mean = new float[d];
        var scale = new float[d];
        for (int j = 0; j < d; j++)
        {
            float s = (float)Math.Sqrt(moments[j].SquaredDeviations / Rows);
            mean[j] = min[j] == max[j] ? min[j] : (float)moments[j].Mean;
            scale[j] = min[j] == max[j] || !(s > 0) ? 1f : s;
        }

        return new Standardizer(mean, scale);
    }
}
