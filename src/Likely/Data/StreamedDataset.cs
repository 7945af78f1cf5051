namespace Likely.Data;

/// <summary>One row group of a Parquet file: the unit a streamed data set is read in.</summary>
/// <param name="File">The file.</param>
/// <param name="Index">The row group's index in the file, from 0.</param>
/// <param name="Rows">Its rows.</param>
public sealed record ParquetRowGroup(string File, int Index, int Rows);

/// <summary>
/// A labelled data set in one Parquet file or a glob of them (<c>events/*.parquet</c>) that is read a row group at a
/// time instead of all at once, for training on data bigger than memory. Opening it reads only the label column (once,
/// for the class names) and the files' footers; <see cref="ReadRowGroups(ReadOnlySpan{int}, Span{float}, Span{int})"/>
/// then reads the rows of chosen row groups. Columns, class order and the integer-label rule are
/// <see cref="ParquetDataset"/>'s, so <see cref="ReadAll"/> gives the data set <see cref="ParquetDataset.Read"/> gives.
/// Shapes: N = rows, D = features, G = row groups.
/// </summary>
public sealed class StreamedDataset
{
    private readonly CsvDatasetOptions options;
    private readonly CategoryLabels labels;
    private readonly int[] classOfLabel;

    private StreamedDataset(string name, CsvDatasetOptions options, IReadOnlyList<string> featureNames, CategoryLabels labels, int[] classOfLabel,
        IReadOnlyList<string> classNames, IReadOnlyList<ParquetRowGroup> rowGroups, int rowCount)
    {
        (Name, this.options, FeatureNames, this.labels, this.classOfLabel, ClassNames, RowGroups, RowCount) =
            (name, options, featureNames, labels, classOfLabel, classNames, rowGroups, rowCount);
    }

    /// <summary>What the data are called in reports and model provenance: the file or glob as given.</summary>
    public string Name { get; }

    /// <summary>The row groups of every file, the files in sorted order and each file's groups in file order.</summary>
    public IReadOnlyList<ParquetRowGroup> RowGroups { get; }

    /// <summary>N, the rows of all row groups.</summary>
    public int RowCount { get; }

    /// <summary>D, the number of features per row.</summary>
    public int FeatureCount => FeatureNames.Count;

    /// <summary>The feature names in column order.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>The class names in label order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>C, the number of classes.</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>Bytes one row takes in memory: 4·D for its float32 features and 4 for its label.</summary>
    public long RowBytes => 4L * FeatureCount + 4;

    /// <summary>Bytes all N rows would take in memory, N·(4·D + 4): what loading them as a <see cref="Dataset"/> holds.</summary>
    public long EstimatedBytes => RowBytes * RowCount;

    /// <summary>
    /// Opens the data set that <paramref name="pattern"/> names: reads the files' row-group sizes and, in one pass over
    /// the label column, the class names (as <see cref="ParquetDataset.Read"/> orders them).
    /// </summary>
    /// <param name="pattern">A .parquet file, or a glob of .parquet files with one schema (see <see cref="DataFiles.Expand"/>).</param>
    /// <param name="options">The label column (required), the feature columns (null: every other column) and the known class order, if any.</param>
    /// <exception cref="ArgumentException">The label column is not named, or the pattern does not name Parquet files.</exception>
    /// <exception cref="FileNotFoundException">The pattern matches no file.</exception>
    /// <exception cref="InvalidDataException">As for <see cref="ParquetDataset.Read"/>, or there are 2³¹ rows or more.</exception>
    public static StreamedDataset Open(string pattern, CsvDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Label))
        {
            throw new ArgumentException($"Reading the data set '{pattern}' needs the name of its label column; pass it as the label (--label NAME).", nameof(options));
        }

        IReadOnlyList<string> files = DataFiles.Expand(pattern);
        if (!DataFiles.IsParquet(files[0]))
        {
            throw new ArgumentException($"'{pattern}' is not Parquet; reading a data set a row group at a time needs .parquet files (convert CSV to Parquet first).", nameof(pattern));
        }

        string first = files[0];
        string[] featureNames = ParquetDataset.FeatureNames(first, options);

        var groups = new List<ParquetRowGroup>();
        foreach (string file in files)
        {
            groups.AddRange(ParquetColumn.ReadRowGroupSizes(file).Select((rows, index) => new ParquetRowGroup(file, index, rows)));
        }

        long total = groups.Sum(g => (long)g.Rows);
        if (total == 0)
        {
            throw new InvalidDataException($"{pattern} has no rows; a data set needs at least one row.");
        }

        if (total > int.MaxValue)
        {
            throw new InvalidDataException($"{pattern} has {total:N0} rows; training counts rows in 32 bits (at most {int.MaxValue:N0}): train on a part of it.");
        }

        (CategoryLabels seen, int[] classOf) = ReadClasses(files, pattern, options);
        IReadOnlyList<string> classNames = options.ClassNames ?? CsvDataset.DiscoverClassOrder(seen.Labels);
        return new StreamedDataset(pattern, options, featureNames, seen, classOf, classNames, groups, (int)total);
    }

    /// <summary>One pass over the label column of every file: the labels met, and each one's class index.</summary>
    private static (CategoryLabels Seen, int[] ClassOf) ReadClasses(IReadOnlyList<string> files, string pattern, CsvDatasetOptions options)
    {
        var seen = new CategoryLabels();
        var firstRow = new List<long>();
        var counts = new List<int>();
        long row = 0;
        foreach (ReadOnlyMemory<int> chunk in files.SelectMany(file => ParquetColumn.ReadCategoryChunks(file, options.Label, seen)))
        {
            foreach (int id in chunk.Span)
            {
                if (id == firstRow.Count)
                {
                    firstRow.Add(row);
                    counts.Add(0);
                }

                counts[id]++;
                row++;
            }
        }

        return (seen, ParquetDataset.ClassOfLabel(seen, [.. firstRow], [.. counts], options, pattern));
    }

    /// <summary>The rows of the row groups <paramref name="groups"/> (indices into <see cref="RowGroups"/>), in that order, as a data set.</summary>
    /// <exception cref="InvalidDataException">A row group cannot be read, or holds a label the opening pass did not see (the file changed).</exception>
    public Dataset ReadRowGroups(ReadOnlySpan<int> groups)
    {
        long rows = 0;
        foreach (int g in groups) rows += RowGroups[g].Rows;
        float[] features = new float[checked(rows * FeatureCount)];
        int[] rowLabels = new int[rows];
        ReadRowGroups(groups, features, rowLabels);
        return new Dataset(features, rowLabels, FeatureCount, ClassNames, FeatureNames, Name);
    }

    /// <summary>
    /// Reads the rows of the row groups <paramref name="groups"/>, in that order, into the first rows of
    /// <paramref name="features"/> (row-major, D a row) and <paramref name="classes"/> (class indices), and returns how
    /// many rows that is: the buffers can be reused from window to window.
    /// </summary>
    /// <exception cref="ArgumentException">The buffers are too small for those rows.</exception>
    /// <exception cref="InvalidDataException">A row group cannot be read, or holds a label the opening pass did not see (the file changed).</exception>
    public int ReadRowGroups(ReadOnlySpan<int> groups, Span<float> features, Span<int> classes)
    {
        int d = FeatureCount, row = 0;
        foreach (int g in groups)
        {
            ParquetRowGroup group = RowGroups[g];
            if ((long)(row + group.Rows) > classes.Length || (long)(row + group.Rows) * d > features.Length)
            {
                throw new ArgumentException($"The buffers hold {classes.Length:N0} rows; the row groups asked for need more.", nameof(features));
            }

            Span<int> ids = classes.Slice(row, group.Rows);
            int n = ParquetColumn.ReadRowGroup(group.File, group.Index, FeatureNames, options.Label!, labels, features[(row * d)..], ids);
            for (int i = 0; i < n; i++)
            {
                ids[i] = ids[i] < classOfLabel.Length
                    ? classOfLabel[ids[i]]
                    : throw new InvalidDataException($"{group.File}: row group {group.Index} has the label '{labels.Labels[ids[i]]}', which was not there when the data were opened; the file changed while being read — train again.");
            }

            row += n;
        }

        return row;
    }

    /// <summary>Every row, in file order, as one in-memory data set (equal to <see cref="ParquetDataset.Read"/> for one file).</summary>
    public Dataset ReadAll() => ReadRowGroups(Enumerable.Range(0, RowGroups.Count).ToArray());
}
