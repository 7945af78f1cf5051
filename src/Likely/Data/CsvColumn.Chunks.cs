using System.Globalization;
using nietras.SeparatedValues;

namespace Likely.Data;

/// <summary>
/// The streaming readers: a column in chunks of a fixed length, parsed from the cells' characters (no .NET string per
/// numeric cell), so memory stays constant whatever the file's length.
/// </summary>
public static partial class CsvColumn
{
    /// <summary>The default chunk length: 65,536 values (512 KB of float64).</summary>
    public const int DefaultChunkLength = 1 << 16;

    /// <summary>
    /// Reads column <paramref name="column"/> (or the first column when null) as finite float64 numbers, in chunks of
    /// <paramref name="chunkLength"/> values (the last may be shorter; an empty column gives no chunk).
    /// </summary>
    /// <remarks>
    /// Each chunk is a view of one buffer that the next chunk overwrites: use (or copy) it before asking for the next.
    /// The file is opened when enumeration starts and closed when it ends or is abandoned.
    /// </remarks>
    /// <exception cref="FileNotFoundException">The file does not exist (on enumeration).</exception>
    /// <exception cref="InvalidDataException">
    /// The file has no header or no such column, a row is too short, or a value is not a finite number; the message
    /// gives the file and the line.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkLength"/> &lt; 1.</exception>
    public static IEnumerable<ReadOnlyMemory<double>> ReadNumberChunks(string path, string? column = null, int chunkLength = DefaultChunkLength)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        return NumberChunks(path, column, chunkLength);
    }

    /// <summary>
    /// Reads column <paramref name="column"/> (or the first column when null) as category labels, in chunks of ids
    /// interned in <paramref name="labels"/> (a string is made once per distinct label, not once per cell).
    /// </summary>
    /// <remarks>Each chunk is a view of one buffer that the next chunk overwrites.</remarks>
    /// <exception cref="FileNotFoundException">The file does not exist (on enumeration).</exception>
    /// <exception cref="InvalidDataException">The file has no header or no such column, or a row is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkLength"/> &lt; 1.</exception>
    public static IEnumerable<ReadOnlyMemory<int>> ReadCategoryChunks(string path, string? column, CategoryLabels labels, int chunkLength = DefaultChunkLength)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        return CategoryChunks(path, [column], [labels], chunkLength).Select(chunk => chunk[0]);
    }

    /// <summary>
    /// Reads two columns as paired category labels (for a contingency table), in chunks of ids interned in
    /// <paramref name="xLabels"/> and <paramref name="yLabels"/>; the two memories of a chunk have the same length.
    /// </summary>
    /// <remarks>Each chunk is a view of buffers that the next chunk overwrites.</remarks>
    /// <exception cref="FileNotFoundException">The file does not exist (on enumeration).</exception>
    /// <exception cref="InvalidDataException">The file has no header or lacks a column, or a row is too short.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkLength"/> &lt; 1.</exception>
    public static IEnumerable<(ReadOnlyMemory<int> X, ReadOnlyMemory<int> Y)> ReadCategoryPairChunks(string path, string x, string y,
        CategoryLabels xLabels, CategoryLabels yLabels, int chunkLength = DefaultChunkLength)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(xLabels);
        ArgumentNullException.ThrowIfNull(yLabels);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkLength, 1);
        return CategoryChunks(path, [x, y], [xLabels, yLabels], chunkLength).Select(chunk => (chunk[0], chunk[1]));
    }

    private static IEnumerable<ReadOnlyMemory<double>> NumberChunks(string path, string? column, int chunkLength)
    {
        using SepReader reader = Open(path);
        int index = ColumnIndex(reader, path, column);
        double[] buffer = new double[chunkLength];
        int count;
        while ((count = FillNumbers(reader, path, index, column, buffer)) > 0)
        {
            yield return buffer.AsMemory(0, count);
        }
    }

    private static IEnumerable<ReadOnlyMemory<int>[]> CategoryChunks(string path, string?[] columns, CategoryLabels[] labels, int chunkLength)
    {
        using SepReader reader = Open(path);
        int[] indices = columns.Select(c => ColumnIndex(reader, path, c)).ToArray();
        int[][] buffers = columns.Select(_ => new int[chunkLength]).ToArray();
        int count;
        while ((count = FillCategories(reader, path, indices, labels, buffers)) > 0)
        {
            yield return buffers.Select(b => (ReadOnlyMemory<int>)b.AsMemory(0, count)).ToArray();
        }
    }

    /// <summary>Parses up to buffer.Length rows' cells into <paramref name="buffer"/>; the count read (0 at the end).</summary>
    private static int FillNumbers(SepReader reader, string path, int index, string? column, double[] buffer)
    {
        int count = 0;
        while (count < buffer.Length && reader.MoveNext())
        {
            SepReader.Row row = reader.Current;
            if (index < row.ColCount && row[index].TryParse<double>() is { } fast && double.IsFinite(fast))
            {
                // Sep's parser (csFastFloat: correctly rounded, as double.Parse) — about twice as fast as the BCL's.
                buffer[count++] = fast;
                continue;
            }

            ReadOnlySpan<char> cell = Cell(row, reader, path, index);
            if (!TryParseFinite(cell, out double value))
            {
                throw new InvalidDataException($"{path}, line {row.LineNumberFrom}: '{cell}' in column '{column ?? "(first)"}' is not a finite number.");
            }

            buffer[count++] = value;
        }

        return count;
    }

    private static int FillCategories(SepReader reader, string path, int[] indices, CategoryLabels[] labels, int[][] buffers)
    {
        int count = 0, length = buffers[0].Length;
        while (count < length && reader.MoveNext())
        {
            SepReader.Row row = reader.Current;
            for (int c = 0; c < indices.Length; c++)
            {
                buffers[c][count] = labels[c].IdOf(Cell(row, reader, path, indices[c]));
            }

            count++;
        }

        return count;
    }

    private static ReadOnlySpan<char> Cell(SepReader.Row row, SepReader reader, string path, int index)
    {
        if (index >= row.ColCount)
        {
            throw new InvalidDataException($"{path}, line {row.LineNumberFrom}: the row has {row.ColCount} columns, so column {index + 1} ('{reader.Header.ColNames[index]}') is missing.");
        }

        return row[index].Span;
    }

    /// <summary>The number in <paramref name="cell"/> when it is finite (invariant culture, as <see cref="ReadNumbers(string, string?)"/> has always read).</summary>
    private static bool TryParseFinite(ReadOnlySpan<char> cell, out double value) =>
        double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static SepReader Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"File '{path}' does not exist; check the path.", path);
        }

        // The column count is checked per row here, so that a short row gives its line and the missing column.
        return Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).FromFile(path);
    }
}
