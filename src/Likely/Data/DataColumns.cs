namespace Likely.Data;

/// <summary>
/// A column read in chunks from a data argument: one CSV or Parquet file, or a glob of either (see
/// <see cref="DataFiles.Expand"/>), the files read in turn in sorted order, each by its format's streaming reader
/// (<see cref="CsvColumn"/>, <see cref="ParquetColumn"/>). What a command feeds to an accumulator, whatever the source.
/// </summary>
/// <remarks>
/// Each chunk is a view of a buffer that the next chunk overwrites: use (or copy) it before asking for the next. Files are
/// opened one at a time, when enumeration reaches them.
/// </remarks>
public static class DataColumns
{
    /// <summary>Reads the numeric column <paramref name="column"/> (the first when null) of every file, in chunks.</summary>
    /// <param name="files">The files, e.g. from <see cref="DataFiles.Expand"/>.</param>
    /// <param name="column">The column's name, or null for the first column.</param>
    /// <exception cref="FileNotFoundException">A file does not exist (on enumeration).</exception>
    /// <exception cref="InvalidDataException">A file lacks the column, a value is not a finite number, or a Parquet file is
    /// corrupt or its column is not numeric; the message names the file.</exception>
    public static IEnumerable<ReadOnlyMemory<double>> ReadNumberChunks(IReadOnlyList<string> files, string? column)
    {
        ArgumentNullException.ThrowIfNull(files);
        return files.SelectMany(file => DataFiles.IsParquet(file) ? ParquetColumn.ReadNumberChunks(file, column) : CsvColumn.ReadNumberChunks(file, column));
    }

    /// <summary>
    /// Reads the numeric column <paramref name="column"/> of every file into one array (for the computations that need the
    /// whole sample in memory): a single CSV file as <see cref="CsvColumn.ReadNumbers(string, string?)"/> reads it.
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">As <see cref="ReadNumberChunks"/>.</exception>
    public static double[] ReadNumbers(IReadOnlyList<string> files, string? column)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count == 1 && !DataFiles.IsParquet(files[0]))
        {
            return CsvColumn.ReadNumbers(files[0], column);
        }

        var values = new List<double>();
        foreach (ReadOnlyMemory<double> chunk in ReadNumberChunks(files, column))
        {
            values.AddRange(chunk.Span);
        }

        return values.ToArray();
    }

    /// <summary>
    /// Reads column <paramref name="column"/> (the first when null) of every file as category labels, in chunks of ids
    /// interned in <paramref name="labels"/> (one instance for every file, so ids agree between files).
    /// </summary>
    /// <exception cref="FileNotFoundException">A file does not exist (on enumeration).</exception>
    /// <exception cref="InvalidDataException">A file lacks the column, a row is too short, or a Parquet file is corrupt or
    /// its column holds floating-point values or a missing label; the message names the file.</exception>
    public static IEnumerable<ReadOnlyMemory<int>> ReadCategoryChunks(IReadOnlyList<string> files, string? column, CategoryLabels labels)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(labels);
        return files.SelectMany(file => DataFiles.IsParquet(file)
            ? ParquetColumn.ReadCategoryChunks(file, column, labels)
            : CsvColumn.ReadCategoryChunks(file, column, labels));
    }

    /// <summary>
    /// Reads columns <paramref name="x"/> and <paramref name="y"/> of every file as paired category labels (for a
    /// contingency table), in chunks whose two memories have the same length.
    /// </summary>
    /// <remarks>A Parquet file is read as its two columns side by side, one row group of each at a time.</remarks>
    /// <exception cref="FileNotFoundException">A file does not exist (on enumeration).</exception>
    /// <exception cref="InvalidDataException">As <see cref="ReadCategoryChunks"/>, for either column.</exception>
    public static IEnumerable<(ReadOnlyMemory<int> X, ReadOnlyMemory<int> Y)> ReadCategoryPairChunks(IReadOnlyList<string> files, string x, string y,
        CategoryLabels xLabels, CategoryLabels yLabels)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(xLabels);
        ArgumentNullException.ThrowIfNull(yLabels);
        return files.SelectMany(file => DataFiles.IsParquet(file)
            ? ParquetPairs(file, x, y, xLabels, yLabels)
            : CsvColumn.ReadCategoryPairChunks(file, x, y, xLabels, yLabels));
    }

    /// <summary>The two columns' chunks zipped: ParquetColumn gives one chunk per row group, so the lengths agree.</summary>
    private static IEnumerable<(ReadOnlyMemory<int> X, ReadOnlyMemory<int> Y)> ParquetPairs(string file, string x, string y,
        CategoryLabels xLabels, CategoryLabels yLabels)
    {
        using IEnumerator<ReadOnlyMemory<int>> xs = ParquetColumn.ReadCategoryChunks(file, x, xLabels).GetEnumerator();
        using IEnumerator<ReadOnlyMemory<int>> ys = ParquetColumn.ReadCategoryChunks(file, y, yLabels).GetEnumerator();
        while (xs.MoveNext())
        {
            if (!ys.MoveNext() || ys.Current.Length != xs.Current.Length)
            {
                throw new InvalidDataException($"{file}: columns '{x}' and '{y}' have different row counts; the file is corrupt — write it again.");
            }

            yield return (xs.Current, ys.Current);
        }

        if (ys.MoveNext())
        {
            throw new InvalidDataException($"{file}: columns '{x}' and '{y}' have different row counts; the file is corrupt — write it again.");
        }
    }
}
