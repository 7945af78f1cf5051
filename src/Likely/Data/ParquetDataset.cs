namespace Likely.Data;

/// <summary>
/// A labelled data set from a Parquet file, as <see cref="CsvDataset"/> reads one from CSV: features by column name
/// (float32), the label column as class names (strings, or whole numbers by their decimal text), the same class-order
/// and integer-label rules. Each column is read row group by row group (<see cref="ParquetColumn"/>).
/// </summary>
public static class ParquetDataset
{
    /// <summary>Reads the data set in <paramref name="path"/>, as <paramref name="options"/> selects.</summary>
    /// <param name="path">A Parquet file with at least one row.</param>
    /// <param name="options">The label column (required), the feature columns (null: every other column) and the known class order, if any.</param>
    /// <returns>N rows of D float32 features (each value the float nearest the file's double) in the order of <see cref="CsvDatasetOptions.Features"/> (or of the file).</returns>
    /// <exception cref="ArgumentException"><see cref="CsvDatasetOptions.Label"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not readable Parquet, lacks a column, a feature is not numeric or a label missing, it has no rows, a
    /// label is not one of the known classes, or (with no known classes) integer labels leave a class below the largest
    /// empty; the message names the file.
    /// </exception>
    public static Dataset Read(string path, CsvDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Label))
        {
            throw new ArgumentException($"Reading the data set '{path}' needs the name of its label column; pass it as the label (--label NAME).", nameof(options));
        }

        string[] featureNames = FeatureNames(path, options);

        var seen = new CategoryLabels();
        var rowLabels = new List<int>();
        foreach (ReadOnlyMemory<int> chunk in ParquetColumn.ReadCategoryChunks(path, options.Label, seen))
        {
            rowLabels.AddRange(chunk.Span);
        }

        if (rowLabels.Count == 0)
        {
            throw new InvalidDataException($"{path} has no rows; a data set needs at least one row.");
        }

        int d = featureNames.Length;
        float[] features = new float[checked(rowLabels.Count * d)];
        for (int f = 0; f < d; f++)
        {
            int row = 0;
            foreach (ReadOnlyMemory<double> chunk in ParquetColumn.ReadNumberChunks(path, featureNames[f]))
            {
                foreach (double value in chunk.Span)
                {
                    features[row++ * d + f] = (float)value;
                }
            }
        }

        return new Dataset(features, Classes(seen, rowLabels, options, path), d, options.ClassNames ?? CsvDataset.DiscoverClassOrder(seen.Labels), featureNames);
    }

    /// <summary>
    /// The feature columns <paramref name="options"/> names, or every column of <paramref name="path"/> besides the label,
    /// after checking that the label column exists (the schema alone is read).
    /// </summary>
    /// <exception cref="InvalidDataException">The file has no such label column, or no column besides it.</exception>
    internal static string[] FeatureNames(string path, CsvDatasetOptions options)
    {
        string[] columns = [.. ParquetColumn.ReadSchema(path).Select(c => c[..c.LastIndexOf(": ", StringComparison.Ordinal)])];
        if (!columns.Contains(options.Label, StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{path} has no column '{options.Label}'; its columns are: {string.Join(", ", columns)}.");
        }

        string[] featureNames = [.. options.Features ?? columns.Where(c => c != options.Label)];
        return featureNames.Length > 0 ? featureNames
            : throw new InvalidDataException($"{path} has no feature columns besides the label '{options.Label}'; a data set needs at least one numeric feature column.");
    }

    /// <summary>Reads only the feature columns <paramref name="featureNames"/> (in that order), for prediction: no label column is needed.</summary>
    /// <param name="path">A Parquet file with at least one row; other columns are ignored.</param>
    /// <param name="featureNames">The columns to read, for example the ones a model was trained on.</param>
    /// <param name="rowCount">N, the number of rows read.</param>
    /// <returns>N×D float32 features, row-major, D = <paramref name="featureNames"/>.Count.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not readable Parquet, lacks a column, a column is not numeric or the columns differ in length; the message names the file.</exception>
    public static float[] ReadFeatures(string path, IReadOnlyList<string> featureNames, out int rowCount)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException("At least one feature column name is needed.", nameof(featureNames));
        }

        int d = featureNames.Count;
        double[][] columns = [.. featureNames.Select(name => DataColumns.ReadNumbers([path], name))];
        rowCount = columns[0].Length;
        if (rowCount == 0)
        {
            throw new InvalidDataException($"{path} has no rows; there is nothing to read.");
        }

        float[] features = new float[checked(rowCount * d)];
        for (int f = 0; f < d; f++)
        {
            if (columns[f].Length != rowCount)
            {
                throw new InvalidDataException($"{path}: column '{featureNames[f]}' has {columns[f].Length} rows but '{featureNames[0]}' has {rowCount}; the file is corrupt — write it again.");
            }

            for (int i = 0; i < rowCount; i++)
            {
                features[i * d + f] = (float)columns[f][i];
            }
        }

        return features;
    }

    /// <summary>Each row's class index, under the known classes or the discovered order (with the integer-label rule).</summary>
    private static int[] Classes(CategoryLabels seen, List<int> rowLabels, CsvDatasetOptions options, string path)
    {
        var firstRow = new long[seen.Count];
        var counts = new int[seen.Count];
        Array.Fill(firstRow, -1);
        for (int i = 0; i < rowLabels.Count; i++)
        {
            int id = rowLabels[i];
            if (firstRow[id] < 0) firstRow[id] = i;
            counts[id]++;
        }

        int[] classOf = ClassOfLabel(seen, firstRow, counts, options, path);
        return [.. rowLabels.Select(id => classOf[id])];
    }

    /// <summary>
    /// The class index of each label id interned in <paramref name="seen"/>, under the known classes or the discovered
    /// order; with no known classes and whole-number labels, refuses a class below the largest that no row has.
    /// </summary>
    /// <param name="seen">The labels met, in order of first appearance.</param>
    /// <param name="firstRow">For each label id, the first row that has it (for the error message).</param>
    /// <param name="counts">For each label id, the rows that have it.</param>
    /// <param name="options">The label column and the known classes, if any.</param>
    /// <param name="path">The data's name, for error messages.</param>
    /// <exception cref="InvalidDataException">A label is not one of the known classes, or integer labels leave a gap.</exception>
    internal static int[] ClassOfLabel(CategoryLabels seen, long[] firstRow, int[] counts, CsvDatasetOptions options, string path)
    {
        IReadOnlyList<string> classNames = options.ClassNames ?? CsvDataset.DiscoverClassOrder(seen.Labels);
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < classNames.Count; k++)
        {
            classIndex.TryAdd(classNames[k], k);
        }

        foreach (string label in seen.Labels.Where(l => !classIndex.ContainsKey(l)))
        {
            throw new InvalidDataException($"{path}, column '{options.Label}': label '{label}' is not one of the {classNames.Count} known classes; use data labelled with the model's classes.");
        }

        if (options.ClassNames is null && seen.Labels.All(l => CsvDataset.TryParseClassIndex(l, out _)))
        {
            var occurring = new List<IntegerLabels.Occurrence>(seen.Count);
            for (int id = 0; id < seen.Count; id++)
            {
                CsvDataset.TryParseClassIndex(seen.Labels[id], out long value);
                occurring.Add(new IntegerLabels.Occurrence(value, firstRow[id], counts[id]));
            }

            occurring.Sort((a, b) => a.Value.CompareTo(b.Value));
            IntegerLabels.ThrowIfGap(occurring, path, "row", $"labels in column '{options.Label}'",
                "Correct or remove the rows with stray labels, or renumber the classes from 0; to load data that lack some classes on purpose, pass the full list of class names.");
        }

        return [.. seen.Labels.Select(l => classIndex[l])];
    }
}
