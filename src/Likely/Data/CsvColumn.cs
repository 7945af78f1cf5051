using System.Globalization;
using nietras.SeparatedValues;

namespace Likely.Data;

/// <summary>Reads named columns of a CSV file with a header row (parsed by Sep), with errors that give the line.</summary>
public static partial class CsvColumn
{
    /// <summary>Reads column <paramref name="column"/> (or the first column when null) as strings, one per data row.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file has no header or no such column, or a row is too short.</exception>
    public static string[] ReadStrings(string path, string? column = null) => ReadStrings(path, [column])[0];

    /// <summary>Reads the columns <paramref name="columns"/> (null for the first) as strings in one pass over the file:
    /// one array per column, in the order asked, each with one value per data row.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file has no header or lacks a column, or a row is too short.</exception>
    public static string[][] ReadStrings(string path, IReadOnlyList<string?> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        using SepReader reader = Open(path);
        int[] indices = columns.Select(column => ColumnIndex(reader, path, column)).ToArray();
        var values = indices.Select(_ => new List<string>()).ToArray();
        foreach (SepReader.Row row in reader)
        {
            for (int c = 0; c < indices.Length; c++)
            {
                int index = indices[c];
                if (index >= row.ColCount)
                {
                    throw new InvalidDataException($"{path}, line {row.LineNumberFrom}: the row has {row.ColCount} columns, so column {index + 1} ('{reader.Header.ColNames[index]}') is missing.");
                }

                values[c].Add(row[index].ToString());
            }
        }

        return values.Select(list => list.ToArray()).ToArray();
    }

    /// <summary>Reads column <paramref name="column"/> (or the first column when null) as finite float64 numbers.</summary>
    /// <remarks>Parsed from the cells' characters by the streaming reader (<see cref="ReadNumberChunks"/>), without a string per cell.</remarks>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A value is not a finite number; the message gives its line.</exception>
    public static double[] ReadNumbers(string path, string? column = null)
    {
        // Copies of the chunks, then one array: about twice the column's size at the peak, where a growing list
        // would take up to four times.
        var chunks = new List<double[]>();
        foreach (ReadOnlyMemory<double> chunk in ReadNumberChunks(path, column))
        {
            chunks.Add(chunk.ToArray());
        }

        var values = new double[chunks.Sum(c => c.Length)];
        int offset = 0;
        foreach (double[] chunk in chunks)
        {
            chunk.CopyTo(values, offset);
            offset += chunk.Length;
        }

        return values;
    }

    /// <summary>Reads the columns <paramref name="columns"/> (null for the first) as finite float64 numbers in one pass over the file.</summary>
    /// <exception cref="InvalidDataException">A value is not a finite number; the message gives its line and column.</exception>
    public static double[][] ReadNumbers(string path, IReadOnlyList<string?> columns)
    {
        string[][] text = ReadStrings(path, columns);
        return text.Select((values, c) => Parse(path, columns[c], values)).ToArray();
    }

    private static double[] Parse(string path, string? column, string[] text)
    {
        var values = new double[text.Length];
        for (int i = 0; i < text.Length; i++)
        {
            if (!double.TryParse(text[i], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                // Line numbers count the header as line 1.
                throw new InvalidDataException($"{path}, line {i + 2}: '{text[i]}' in column '{column ?? "(first)"}' is not a finite number.");
            }

            values[i] = value;
        }

        return values;
    }

    private static int ColumnIndex(SepReader reader, string path, string? column)
    {
        if (reader.Header.IsEmpty)
        {
            throw new InvalidDataException($"{path} is empty; a CSV file with a header row is expected.");
        }

        if (column is null)
        {
            return 0;
        }

        if (!reader.Header.TryIndexOf(column, out int index))
        {
            throw new InvalidDataException($"{path} has no column '{column}'; its columns are: {string.Join(", ", reader.Header.ColNames)}.");
        }

        return index;
    }
}
