namespace Likely.Data;

/// <summary>
/// A labelled data set held in memory: N rows of D float32 features (row-major) and one class label per row.
/// Shapes: N = rows, D = features, C = classes.
/// </summary>
/// <remarks>Class k is named <c>ClassNames[k]</c>; probabilities a model writes for a row follow that order.</remarks>
public sealed class Dataset
{
    /// <summary>Creates a data set, checking that the shapes agree and every label is a valid class index.</summary>
    /// <param name="features">N×D features, row-major.</param>
    /// <param name="labels">N labels in [0, C).</param>
    /// <param name="featureCount">D, the number of features per row (≥ 1).</param>
    /// <param name="classNames">C class names, in label order.</param>
    /// <param name="featureNames">D feature names, or null to name them f0, f1, ….</param>
    /// <exception cref="ArgumentException">The shapes disagree or a label is out of range.</exception>
    /// <param name="name">What the data are called in reports and model provenance (a file path or a catalog name such as <c>digits:train</c>).</param>
    public Dataset(float[] features, int[] labels, int featureCount, IReadOnlyList<string> classNames, IReadOnlyList<string>? featureNames = null, string name = "data")
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(featureCount, 1);
        if (features.Length != (long)labels.Length * featureCount)
        {
            throw new ArgumentException(
                $"features has {features.Length} values but {labels.Length} rows of {featureCount} features need {(long)labels.Length * featureCount}.",
                nameof(features));
        }

        if (classNames.Count < 1)
        {
            throw new ArgumentException("A data set needs at least one class name.", nameof(classNames));
        }

        for (int i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
            {
                throw new ArgumentException($"Label {labels[i]} at row {i} is outside [0, {classNames.Count}); there are {classNames.Count} classes.", nameof(labels));
            }
        }

        if (featureNames is not null && featureNames.Count != featureCount)
        {
            throw new ArgumentException($"featureNames has {featureNames.Count} names but there are {featureCount} features.", nameof(featureNames));
        }

        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassNames = classNames;
        FeatureNames = featureNames ?? Enumerable.Range(0, featureCount).Select(j => $"f{j}").ToArray();
        Name = string.IsNullOrWhiteSpace(name) ? "data" : name;
    }

    /// <summary>What the data are called in reports and model provenance: a file path or a catalog name such as <c>digits:train</c>.</summary>
    public string Name { get; }

    /// <summary>N×D features, row-major.</summary>
    public float[] Features { get; }

    /// <summary>N class indices in [0, C).</summary>
    public int[] Labels { get; }

    /// <summary>D, the number of features per row.</summary>
    public int FeatureCount { get; }

    /// <summary>N, the number of rows.</summary>
    public int RowCount => Labels.Length;

    /// <summary>C, the number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>The class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The feature names in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The features of row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row) => Features.AsSpan(row * FeatureCount, FeatureCount);

    /// <summary>A new data set made of copies of the rows <paramref name="rows"/>, in that order, with the same class and feature names.</summary>
    /// <param name="rows">Row indices in [0, N); repeats are allowed.</param>
    /// <exception cref="ArgumentOutOfRangeException">A row index is outside [0, N).</exception>
    public Dataset Subset(ReadOnlySpan<int> rows)
    {
        float[] features = new float[(long)rows.Length * FeatureCount];
        int[] labels = new int[rows.Length];
        for (int i = 0; i < rows.Length; i++)
        {
            int row = rows[i];
            if ((uint)row >= (uint)RowCount)
            {
                throw new ArgumentOutOfRangeException(nameof(rows), row, $"Row index {row} at position {i} is outside [0, {RowCount}).");
            }

            Row(row).CopyTo(features.AsSpan(i * FeatureCount, FeatureCount));
            labels[i] = Labels[row];
        }

        return new Dataset(features, labels, FeatureCount, ClassNames, FeatureNames, Name);
    }

    /// <summary>The same rows (shared, not copied) under another <see cref="Name"/>.</summary>
    public Dataset WithName(string name) => new(Features, Labels, FeatureCount, ClassNames, FeatureNames, name);

    /// <summary>
    /// A content hash of the data: SHA-256 over D, the class names, the feature names, the labels and the feature bits,
    /// as 64 lowercase hex digits. Two data sets with the same fingerprint hold the same rows in the same order; the
    /// <see cref="Name"/> does not enter. A checkpoint records it so that training resumes only on the data it began on.
    /// </summary>
    public string Fingerprint()
    {
        using System.Security.Cryptography.IncrementalHash hash = StartFingerprint(FeatureCount, ClassNames, FeatureNames);
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Labels.AsSpan()));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Features.AsSpan()));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>
    /// A SHA-256 fingerprint begun with what every fingerprint of labelled data starts from: D, then the class names and
    /// the feature names, each 0-terminated (the rows follow: all at once in memory, row group by row group when streamed).
    /// </summary>
    internal static System.Security.Cryptography.IncrementalHash StartFingerprint(int featureCount, IEnumerable<string> classNames, IEnumerable<string> featureNames)
    {
        var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(BitConverter.GetBytes(featureCount));
        foreach (string text in classNames.Append("\0").Concat(featureNames))
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(text + "\0"));
        }

        return hash;
    }
}
