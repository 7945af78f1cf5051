using Parquet;
using Parquet.Schema;

namespace Likely.Data;

/// <summary>Whole row groups, for streamed training: the sizes, and one row group's feature and label columns at once.</summary>
public static partial class ParquetColumn
{
    /// <summary>The number of rows in each row group of the file, in file order (from the footer: no data is read).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not readable Parquet, or a row group has 2³¹ rows or more.</exception>
    internal static int[] ReadRowGroupSizes(string path)
    {
        using OpenFile file = Open(path);
        ParquetReader reader = file.Reader;
        int[] sizes = new int[reader.RowGroupCount];
        for (int group = 0; group < sizes.Length; group++)
        {
            using ParquetRowGroupReader rows = reader.OpenRowGroupReader(group);
            sizes[group] = rows.RowCount <= int.MaxValue
                ? (int)rows.RowCount
                : throw new InvalidDataException($"{path}: row group {group} has {rows.RowCount:N0} rows, more than a row group may have here ({int.MaxValue:N0}); write the file with smaller row groups.");
        }

        return sizes;
    }

    /// <summary>
    /// Reads row group <paramref name="group"/> of <paramref name="path"/>: the columns <paramref name="features"/> as
    /// float32 into the rows × D row-major <paramref name="destination"/> (each value the float nearest the file's
    /// double), and the column <paramref name="label"/> as ids interned in <paramref name="labels"/>.
    /// </summary>
    /// <returns>The row group's rows.</returns>
    /// <exception cref="InvalidDataException">As for <see cref="ReadNumberChunks"/> and <see cref="ReadCategoryChunks"/>,
    /// or the row group does not fit in <paramref name="destination"/> (the file changed since its sizes were read).</exception>
    internal static int ReadRowGroup(string path, int group, IReadOnlyList<string> features, string label, CategoryLabels labels, Span<float> destination, Span<int> ids)
    {
        using OpenFile file = Open(path);
        ParquetReader reader = file.Reader;
        int d = features.Count;
        DataField labelField = CategoryField(reader, path, label);
        int[] labelBuffer = [];
        int n = Guard(path, group, () => ReadCategories(reader, group, labelField, path, labels, ref labelBuffer));
        if (n > ids.Length || (long)n * d > destination.Length)
        {
            throw new InvalidDataException($"{path}: row group {group} now has {n:N0} rows, more than when the file was opened; the file changed while being read — train again.");
        }

        labelBuffer.AsSpan(0, n).CopyTo(ids);
        double[] column = [];
        for (int f = 0; f < d; f++)
        {
            DataField field = NumberField(reader, path, features[f]);
            int count = Guard(path, group, () => ReadNumbers(reader, group, field, path, ref column));
            if (count != n)
            {
                throw new InvalidDataException($"{path}: row group {group}: column '{features[f]}' has {count:N0} rows but '{label}' has {n:N0}; the file is corrupt — write it again.");
            }

            for (int i = 0; i < n; i++)
            {
                destination[i * d + f] = (float)column[i];
            }
        }

        return n;
    }
}
