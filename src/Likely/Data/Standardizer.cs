using System.Numerics.Tensors;

namespace Likely.Data;

/// <summary>
/// Standardizes features column by column: z = (x − μ) / s, with μ the column's mean and s its standard deviation
/// on the training data (the maximum-likelihood estimate, dividing by N). Fitted on training data only and stored
/// with a model, so validation, test and new data get exactly the training transform.
/// </summary>
/// <remarks>A constant column (every value equal, so s = 0) gets s = 1: it becomes all zeros instead of NaN.</remarks>
public sealed class Standardizer
{
    private readonly float[] _mean;
    private readonly float[] _scale;

    /// <summary>Creates a standardizer from known means and scales (for example read from a model file).</summary>
    /// <param name="mean">μ, one per feature (D values), finite.</param>
    /// <param name="scale">s, one per feature (D values), finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">The lengths differ, D = 0, or a value is out of range.</exception>
    public Standardizer(float[] mean, float[] scale)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(scale);
        if (mean.Length == 0 || mean.Length != scale.Length)
        {
            throw new ArgumentException($"mean has {mean.Length} values and scale {scale.Length}; both need one value per feature (D ≥ 1).", nameof(scale));
        }

        for (int j = 0; j < mean.Length; j++)
        {
            if (!float.IsFinite(mean[j]))
            {
                throw new ArgumentException($"mean[{j}] is {mean[j]}; means must be finite.", nameof(mean));
            }

            if (!(scale[j] > 0) || !float.IsFinite(scale[j]))
            {
                throw new ArgumentException($"scale[{j}] is {scale[j]}; scales must be finite and > 0.", nameof(scale));
            }
        }

        _mean = (float[])mean.Clone();
        _scale = (float[])scale.Clone();
    }

    /// <summary>μ, the per-feature means subtracted.</summary>
    public IReadOnlyList<float> Mean => _mean;

    /// <summary>s, the per-feature scales divided by (standard deviations, or 1 for constant columns).</summary>
    public IReadOnlyList<float> Scale => _scale;

    /// <summary>
    /// Fits μ_j = (1/N) Σ_i x_ij and s_j = √((1/N) Σ_i (x_ij − μ_j)²) (two passes, accumulated in float64 across rows),
    /// with s_j = 1 where column j is constant.
    /// </summary>
    /// <param name="training">The training data (N ≥ 1).</param>
    /// <exception cref="ArgumentException">The data set has no rows.</exception>
    public static Standardizer Fit(Dataset training)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (training.RowCount == 0)
        {
            throw new ArgumentException("A standardizer is fitted on at least one row; the training data set is empty.", nameof(training));
        }

        int n = training.RowCount;
        int d = training.FeatureCount;
        var sum = new double[d];
        var row64 = new double[d];
        var min = new float[d];
        var max = new float[d];
        training.Row(0).CopyTo(min);
        training.Row(0).CopyTo(max);
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = training.Row(i);
            TensorPrimitives.ConvertChecked<float, double>(row, row64);
            TensorPrimitives.Add(sum, row64, sum);
            TensorPrimitives.Min(min, row, min);
            TensorPrimitives.Max(max, row, max);
        }

        var mean = new double[d];
        TensorPrimitives.Divide(sum, n, mean);
        var squares = new double[d];
        for (int i = 0; i < n; i++)
        {
            TensorPrimitives.ConvertChecked<float, double>(training.Row(i), row64);
            TensorPrimitives.Subtract(row64, mean, row64);
            TensorPrimitives.FusedMultiplyAdd(row64, row64, squares, squares);
        }

        var meanOut = new float[d];
        var scaleOut = new float[d];
        for (int j = 0; j < d; j++)
        {
            // Constant is judged on the data (min = max), not on a rounded variance, which can come out 1e-18 and blow up z.
            meanOut[j] = min[j] == max[j] ? min[j] : (float)mean[j];
            float scale = (float)Math.Sqrt(squares[j] / n);
            scaleOut[j] = min[j] == max[j] || !(scale > 0) ? 1f : scale;
        }

        return new Standardizer(meanOut, scaleOut);
    }

    /// <summary>
    /// Fits the standardizer of all the rows of <paramref name="parts"/> together in one pass, holding one part at a
    /// time (for data read in chunks): μ_j and s_j as <see cref="Fit(Dataset)"/> defines them, equal to its result up
    /// to float64 rounding, however the rows are cut into parts (per column: compensated sums, M₂ merged part by part).
    /// </summary>
    /// <param name="parts">Data sets with the same D; together at least one row.</param>
    /// <exception cref="ArgumentException">The parts have no row between them, or their feature counts differ.</exception>
    public static Standardizer Fit(IEnumerable<Dataset> parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        StandardizerMoments? moments = null;
        int d = 0;
        foreach (Dataset part in parts)
        {
            if (moments is not null && part.FeatureCount != d)
            {
                throw new ArgumentException($"The parts have {d} and {part.FeatureCount} features; every part needs the same columns.", nameof(parts));
            }

            d = part.FeatureCount;
            moments ??= new StandardizerMoments(d);
            moments.Add(part.Features);
        }

        return moments is not null && moments.Rows > 0
            ? moments.ToStandardizer()
            : throw new ArgumentException("A standardizer is fitted on at least one row; the parts have none.", nameof(parts));
    }

    /// <summary>Standardizes N×D row-major <paramref name="features"/> in place: z_ij = (x_ij − μ_j) / s_j.</summary>
    /// <exception cref="ArgumentException">The length is not a multiple of D.</exception>
    public void Apply(Span<float> features)
    {
        int d = _mean.Length;
        if (features.Length % d != 0)
        {
            throw new ArgumentException($"features has {features.Length} values, not a multiple of the {d} features the standardizer was fitted on.", nameof(features));
        }

        for (int start = 0; start < features.Length; start += d)
        {
            Span<float> row = features.Slice(start, d);
            TensorPrimitives.Subtract(row, _mean, row);
            TensorPrimitives.Divide(row, _scale, row);
        }
    }

    /// <summary>A standardized copy of <paramref name="data"/> (same labels and names).</summary>
    /// <exception cref="ArgumentException">The data set does not have D features.</exception>
    public Dataset Apply(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != _mean.Length)
        {
            throw new ArgumentException($"The data set has {data.FeatureCount} features but the standardizer was fitted on {_mean.Length}; use data with the training columns.", nameof(data));
        }

        // One pass from the source into a fresh array: cloning first and standardizing in place would touch it twice.
        float[] features = GC.AllocateUninitializedArray<float>(data.Features.Length);
        int d = _mean.Length;
        for (int start = 0; start < features.Length; start += d)
        {
            Span<float> row = features.AsSpan(start, d);
            TensorPrimitives.Subtract(data.Features.AsSpan(start, d), _mean, row);
            TensorPrimitives.Divide(row, _scale, row);
        }

        return new Dataset(features, (int[])data.Labels.Clone(), data.FeatureCount, data.ClassNames, data.FeatureNames);
    }
}
