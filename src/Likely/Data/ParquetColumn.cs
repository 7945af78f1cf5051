using System.Buffers;
using System.Globalization;
using Parquet;
using Parquet.Schema;

namespace Likely.Data;

/// <summary>
/// Reads one named column of a Parquet file (Parquet.Net) row group by row group, so memory holds one row group of
/// one column at a time: numbers (int32, int64, float, double) as float64, labels (strings, or integers read as
/// categories) as ids interned in a <see cref="CategoryLabels"/>. Errors name the file and the fix.
/// </summary>
public static partial class ParquetColumn
{
    // Parquet.Net's pool of page buffers keeps every freed buffer unless told otherwise; a bound keeps the memory of a
    // long read at about one row group's worth.
    private static readonly ParquetOptions Options = new() { MaximumSmallPoolFreeBytes = 1 << 20, MaximumLargePoolFreeBytes = 16 << 20 };

    /// <summary>
    /// Reads the numeric column <paramref name="column"/> (or the first column when null) as float64, one chunk per
    /// row group.
    /// </summary>
    /// <remarks>Each chunk is a view of one pooled buffer that the next chunk overwrites and the end of the enumeration
    /// returns to the pool: use (or copy) it first.</remarks>
    /// <exception cref="FileNotFoundException">The file does not exist (on enumeration).</exception>
    /// <exception cref="InvalidDataException">
    /// The file is not readable Parquet (corrupt or truncated), has no such column, the column is not numeric, or a
    /// value is missing (null), NaN or infinite; the message names the file.
    /// </exception>
    public static IEnumerable<ReadOnlyMemory<double>> ReadNumberChunks(string path, string? column = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        return NumberChunks(path, column);
    }

    /// <summary>
    /// Reads column <paramref name="column"/> (or the first column when null) as category labels, one chunk of ids per
    /// row group, interned in <paramref name="labels"/>: strings as they are, whole-number columns by their decimal text.
    /// </summary>
    /// <remarks>Each chunk is a view of one pooled buffer that the next chunk overwrites and the end of the enumeration
    /// returns to the pool.</remarks>
    /// <exception cref="FileNotFoundException">The file does not exist (on enumeration).</exception>
    /// <exception cref="InvalidDataException">The file is not readable Parquet, has no such column, the column holds floating-point values, or a label is missing.</exception>
    public static IEnumerable<ReadOnlyMemory<int>> ReadCategoryChunks(string path, string? column, CategoryLabels labels)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(labels);
        return CategoryChunks(path, column, labels);
    }

    /// <summary>
    /// Checks, from the schema alone, that <paramref name="column"/> can be read as category labels (strings, whole
    /// numbers or booleans), with the same one-line refusal as <see cref="ReadCategoryChunks"/>: for engines that read
    /// the file themselves.
    /// </summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not readable Parquet, has no such column, or the column is not categorical.</exception>
    internal static void RequireCategoryColumn(string path, string column)
    {
        using OpenFile file = Open(path);
        CategoryField(file.Reader, path, column);
    }

    /// <summary>The file's columns as "name: type" (e.g. "x: double"), in schema order, for comparing the files of a glob.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not readable Parquet.</exception>
    public static IReadOnlyList<string> ReadSchema(string path)
    {
        using OpenFile file = Open(path);
        ParquetReader reader = file.Reader;
        return reader.Schema.DataFields.Select(f => $"{f.Name}: {TypeName(f)}").ToArray();
    }

    private static IEnumerable<ReadOnlyMemory<double>> NumberChunks(string path, string? column)
    {
        using OpenFile file = Open(path);
        ParquetReader reader = file.Reader;
        DataField field = NumberField(reader, path, column);
        double[] buffer = [];
        try
        {
            for (int group = 0; group < reader.RowGroupCount; group++)
            {
                int count = Guard(path, group, () => ReadNumbers(reader, group, field, path, ref buffer));
                if (count > 0)
                {
                    yield return buffer.AsMemory(0, count);
                }
            }
        }
        finally
        {
            Release(buffer);
        }
    }

    private static IEnumerable<ReadOnlyMemory<int>> CategoryChunks(string path, string? column, CategoryLabels labels)
    {
        using OpenFile file = Open(path);
        ParquetReader reader = file.Reader;
        DataField field = CategoryField(reader, path, column);
        int[] ids = [];
        try
        {
            for (int group = 0; group < reader.RowGroupCount; group++)
            {
                int count = Guard(path, group, () => ReadCategories(reader, group, field, path, labels, ref ids));
                if (count > 0)
                {
                    yield return ids.AsMemory(0, count);
                }
            }
        }
        finally
        {
            Release(ids);
        }
    }

    /// <summary>
    /// Makes <paramref name="buffer"/> hold at least <paramref name="length"/> values, renting from the shared pool (a
    /// row group's column is a large-object-heap array, and a glob reads thousands of them; pooled, they are not
    /// allocated and collected again for every file).
    /// </summary>
    private static void Ensure<T>(ref T[] buffer, int length)
    {
        if (buffer.Length >= length) return;
        Release(buffer);
        buffer = ArrayPool<T>.Shared.Rent(length);
    }

    private static void Release<T>(T[] buffer)
    {
        if (buffer.Length > 0) ArrayPool<T>.Shared.Return(buffer);
    }

    private delegate int Reading();

    /// <summary>Runs a row-group read, turning a decoding failure into one line naming the file and the row group.</summary>
    private static int Guard(string path, int group, Reading read)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is not InvalidDataException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path}: row group {group} cannot be read ({e.Message}); the file is corrupt or truncated — write it again.", e);
        }
    }

    private static int ReadNumbers(ParquetReader reader, int group, DataField field, string path, ref double[] buffer)
    {
        using ParquetRowGroupReader rows = reader.OpenRowGroupReader(group);
        int n = checked((int)rows.RowCount);
        Ensure(ref buffer, n);

        Span<double> destination = buffer.AsSpan(0, n);
        if (field.ClrType == typeof(double) && !field.IsNullable)
        {
            rows.ReadAsync<double>(field, buffer.AsMemory(0, n)).AsTask().GetAwaiter().GetResult();
        }
        else if (field.ClrType == typeof(double))
        {
            Read<double>(rows, field, path, group, n, destination, v => v);
        }
        else if (field.ClrType == typeof(float))
        {
            Read<float>(rows, field, path, group, n, destination, v => v);
        }
        else if (field.ClrType == typeof(int))
        {
            Read<int>(rows, field, path, group, n, destination, v => v);
        }
        else
        {
            Read<long>(rows, field, path, group, n, destination, v => v);
        }

        for (int i = 0; i < n; i++)
        {
            if (!double.IsFinite(destination[i]))
            {
                throw new InvalidDataException($"{path}: row group {group}, row {i}: {destination[i].ToString(CultureInfo.InvariantCulture)} in column '{field.Name}' is not a finite number.");
            }
        }

        return n;
    }

    /// <summary>Reads a row group's column of <typeparamref name="T"/> (nullable columns refused where a value is null) into float64.</summary>
    private static void Read<T>(ParquetRowGroupReader rows, DataField field, string path, int group, int n, Span<double> destination, Func<T, double> convert)
        where T : struct => Read<T, double>(rows, field, path, group, n, destination, convert);

    /// <summary>Reads a row group's column of <typeparamref name="T"/> (nullable columns refused where a value is null), converted to <typeparamref name="TOut"/>.</summary>
    private static void Read<T, TOut>(ParquetRowGroupReader rows, DataField field, string path, int group, int n, Span<TOut> destination, Func<T, TOut> convert)
        where T : struct
    {
        if (field.IsNullable)
        {
            var values = new T?[n];
            rows.ReadAsync<T>(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < n; i++)
            {
                destination[i] = values[i] is { } v ? convert(v) : throw Missing(path, group, i, field);
            }
        }
        else
        {
            T[] values = ArrayPool<T>.Shared.Rent(n);
            try
            {
                rows.ReadAsync<T>(field, values.AsMemory(0, n)).AsTask().GetAwaiter().GetResult();
                for (int i = 0; i < n; i++)
                {
                    destination[i] = convert(values[i]);
                }
            }
            finally
            {
                ArrayPool<T>.Shared.Return(values);
            }
        }
    }

    private static int ReadCategories(ParquetReader reader, int group, DataField field, string path, CategoryLabels labels, ref int[] ids)
    {
        using ParquetRowGroupReader rows = reader.OpenRowGroupReader(group);
        int n = checked((int)rows.RowCount);
        Ensure(ref ids, n);

        if (IsText(field.ClrType))
        {
            var values = new string?[n];
            rows.ReadAsync(field, values.AsMemory()).AsTask().GetAwaiter().GetResult();
            for (int i = 0; i < n; i++)
            {
                ids[i] = labels.IdOf(values[i] ?? throw Missing(path, group, i, field));
            }

            return n;
        }

        // Whole numbers are looked up as numbers (CategoryLabels.IdOf(long)): no text per row, exact beyond 2⁵³.
        if (field.ClrType == typeof(int) && !field.IsNullable)
        {
            int[] values = ArrayPool<int>.Shared.Rent(n); // the common case, without a widening pass
            try
            {
                rows.ReadAsync<int>(field, values.AsMemory(0, n)).AsTask().GetAwaiter().GetResult();
                for (int i = 0; i < n; i++)
                {
                    ids[i] = labels.IdOf(values[i]);
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(values);
            }

            return n;
        }

        long[] numbers = new long[n];
        if (field.ClrType == typeof(int))
        {
            Read<int, long>(rows, field, path, group, n, numbers, v => v);
        }
        else if (field.ClrType == typeof(long))
        {
            Read<long, long>(rows, field, path, group, n, numbers, v => v);
        }
        else
        {
            Read<bool, long>(rows, field, path, group, n, numbers, v => v ? 1 : 0);
        }

        for (int i = 0; i < n; i++)
        {
            ids[i] = labels.IdOf(numbers[i]);
        }

        return n;
    }

    private static InvalidDataException Missing(string path, int group, int row, DataField field) =>
        new($"{path}: row group {group}, row {row}: column '{field.Name}' has a missing value (null); drop or fill missing values first.");

    /// <summary>The column <paramref name="column"/>, refused unless it holds numbers (int32, int64, float or double).</summary>
    private static DataField NumberField(ParquetReader reader, string path, string? column)
    {
        DataField field = Field(reader, path, column);
        Type type = field.ClrType;
        if (type != typeof(double) && type != typeof(float) && type != typeof(int) && type != typeof(long))
        {
            throw new InvalidDataException($"{path}: column '{field.Name}' holds {TypeName(field)} values, not numbers; choose a numeric column (int32, int64, float or double) or convert it.");
        }

        return field;
    }

    /// <summary>The column <paramref name="column"/>, refused unless it can hold category labels (strings, whole numbers, booleans).</summary>
    private static DataField CategoryField(ParquetReader reader, string path, string? column)
    {
        DataField field = Field(reader, path, column);
        Type type = field.ClrType;
        if (!IsText(type) && type != typeof(int) && type != typeof(long) && type != typeof(bool))
        {
            throw new InvalidDataException($"{path}: column '{field.Name}' holds {TypeName(field)} values, which are not category labels; choose a string or whole-number column.");
        }

        return field;
    }

    private static DataField Field(ParquetReader reader, string path, string? column)
    {
        DataField[] fields = reader.Schema.DataFields;
        if (fields.Length == 0)
        {
            throw new InvalidDataException($"{path} has no columns; a Parquet file with at least one column is expected.");
        }

        if (column is null)
        {
            return fields[0];
        }

        return fields.FirstOrDefault(f => f.Name == column)
            ?? throw new InvalidDataException($"{path} has no column '{column}'; its columns are: {string.Join(", ", fields.Select(f => f.Name))}.");
    }

    /// <summary>An open reader, closed synchronously (the reader itself is only IAsyncDisposable).</summary>
    private sealed class OpenFile(ParquetReader reader) : IDisposable
    {
        public ParquetReader Reader { get; } = reader;

        public void Dispose() => Reader.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private static OpenFile Open(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"File '{path}' does not exist; check the path.", path);
        }

        try
        {
            return new OpenFile(ParquetReader.CreateAsync(path, Options).GetAwaiter().GetResult());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new InvalidDataException($"{path} is not a readable Parquet file ({e.Message}); check that it is complete and really Parquet (a CSV file needs the .csv extension).", e);
        }
    }

    /// <summary>True for a string column (Parquet.Net 6 reports UTF-8 strings as <see cref="ReadOnlyMemory{T}"/> of char).</summary>
    private static bool IsText(Type type) => type == typeof(string) || type == typeof(ReadOnlyMemory<char>);

    private static string TypeName(DataField field)
    {
        Type type = field.ClrType;
        string name = type == typeof(double) ? "double" : type == typeof(float) ? "float" : type == typeof(int) ? "int32"
            : type == typeof(long) ? "int64" : IsText(type) ? "string" : type == typeof(bool) ? "boolean" : type.Name;
        return field.IsArray ? $"list of {name}" : name;
    }
}
