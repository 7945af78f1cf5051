namespace Likely.Data;

/// <summary>Which columns of a CSV file make a data set, and how its labels map to classes.</summary>
public sealed record CsvDatasetOptions
{
    /// <summary>The label column's name; null when only features are read.</summary>
    public string? Label { get; init; }

    /// <summary>The feature columns to use, in this order; null means every column except the label.</summary>
    public IReadOnlyList<string>? Features { get; init; }

    /// <summary>
    /// The known class order (for example a trained model's); null discovers it from the file: the distinct labels
    /// sorted numerically when all are integers, otherwise in ordinal string order. Discovered classes that are plain
    /// whole numbers (digits only: 0, 1, 10) must be 0…K−1 with none missing (K = the largest + 1), so a stray label
    /// is an error rather than an extra class. With known classes, a label outside them is an error, and classes the
    /// data lack are allowed (evaluating on a subset). Also applies to IDX folders loaded through <see cref="DatasetCatalog.Load"/>.
    /// </summary>
    public IReadOnlyList<string>? ClassNames { get; init; }
}
