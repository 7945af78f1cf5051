using Likely.Data;

namespace Likely.DuckDb;

/// <summary>
/// What a DuckDB aggregation reads: CSV or Parquet files (one file or a glob such as <c>events/*.parquet</c>, expanded
/// and checked by <see cref="DataFiles.Expand"/>), or the result of a user's query (<c>SELECT … FROM 'file.parquet'
/// WHERE …</c>), which the aggregation reads as a subquery.
/// </summary>
public sealed class DuckDbSource
{
    private DuckDbSource(string fromItem, string description, string? labelsFromItem = null, IReadOnlyList<string>? parquetFiles = null, bool isQuery = false)
    {
        IsQuery = isQuery;
        FromItem = fromItem;
        Description = description;
        LabelsFromItem = labelsFromItem ?? fromItem;
        ParquetFiles = parquetFiles ?? [];
    }

    /// <summary>The Parquet files read (one schema, checked by <see cref="DataFiles.Expand"/>); empty for CSV files and queries.</summary>
    internal IReadOnlyList<string> ParquetFiles { get; }

    /// <summary>True for a query, whose column types only DuckDB knows.</summary>
    internal bool IsQuery { get; }

    /// <summary>The FROM item the aggregation queries (<c>read_parquet([…])</c>, <c>read_csv([…])</c> or <c>(query) AS source</c>).</summary>
    public string FromItem { get; }

    /// <summary>
    /// The FROM item for counting labels: for CSV files every column as text (<c>all_varchar</c>), so that labels
    /// such as "01" and "1" stay distinct as they are in Likely's own CSV reader; otherwise <see cref="FromItem"/>.
    /// </summary>
    public string LabelsFromItem { get; }

    /// <summary>What the source is, for messages: the pattern, or "the query".</summary>
    public string Description { get; }

    /// <summary>
    /// The files <paramref name="pattern"/> names (see <see cref="DataFiles.Expand"/>): Parquet files read with
    /// <c>read_parquet</c>, CSV files (with a header row) with <c>read_csv</c>, all of them in one scan that DuckDB
    /// parallelizes over files and row groups.
    /// </summary>
    /// <exception cref="FileNotFoundException">The pattern matches no file.</exception>
    /// <exception cref="InvalidDataException">The files mix formats or schemas.</exception>
    public static DuckDbSource Files(string pattern)
    {
        IReadOnlyList<string> files = DataFiles.Expand(pattern);
        string list = "[" + string.Join(", ", files.Select(f => "'" + Path.GetFullPath(f).Replace("'", "''", StringComparison.Ordinal) + "'")) + "]";
        return DataFiles.IsParquet(files[0])
            ? new DuckDbSource($"read_parquet({list})", $"'{pattern}'", parquetFiles: files)
            : new DuckDbSource($"read_csv({list}, header = true)", $"'{pattern}'", $"read_csv({list}, header = true, all_varchar = true)");
    }

    /// <summary>
    /// The rows of <paramref name="query"/>, one SELECT statement in DuckDB's SQL (files are named in it as
    /// <c>'events/*.parquet'</c> or <c>read_csv('…')</c>); the aggregation wraps it as <c>(query) AS source</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The query is empty or holds more than one statement.</exception>
    public static DuckDbSource Query(string query)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(query);
        string trimmed = query.Trim().TrimEnd(';').Trim();
        if (trimmed.Contains(';', StringComparison.Ordinal))
        {
            throw new ArgumentException("The query holds more than one statement (a ';'); give one SELECT whose rows the aggregation reads.", nameof(query));
        }

        return new DuckDbSource($"({trimmed}) AS source", "the query", isQuery: true);
    }
}
