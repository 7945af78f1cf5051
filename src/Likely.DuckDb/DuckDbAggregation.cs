using System.Globalization;
using DuckDB.NET.Data;
using Likely.Aggregation;
using Likely.Data;
using Likely.Information;
using Likely.Likelihood;

namespace Likely.DuckDb;

/// <summary>
/// DuckDB as Likely's embedded engine for data bigger than memory: the value counts, contingency tables and sufficient
/// statistics behind entropy, mutual information and maximum-likelihood fits are computed by DuckDB as SQL aggregations
/// (<see cref="SqlAggregation"/>'s queries) over CSV and Parquet files — on every core, spilling to disk
/// (<see cref="SpillFolder"/>) when a GROUP BY outgrows memory — and the results are finished by the same library
/// code as the in-memory path (<see cref="AggregatedStatistics"/> loads them into the accumulators).
/// </summary>
/// <remarks>
/// Sums are taken with DuckDB's <c>fsum</c> (compensated; its plain <c>sum</c> of doubles is not), so a fit agrees with
/// the in-memory one to about 1e-12 relative; <c>var_pop</c> is DuckDB's streaming (Welford) variance. Counts are exact.
/// </remarks>
public static class DuckDbAggregation
{
    /// <summary>The counts of the values of <paramref name="column"/> (for entropy: <see cref="CategoryCounts{T}.Entropy"/>).</summary>
    /// <exception cref="ArgumentException">The column does not exist.</exception>
    /// <exception cref="InvalidDataException">DuckDB could not read the source, or values are missing (NULL).</exception>
    public static CategoryCounts<string> ValueCounts(DuckDbSource source, string column)
    {
        ArgumentNullException.ThrowIfNull(source);
        RequireCategories(source, column);
        return AggregatedStatistics.ValueCounts(Run(SqlAggregation.ValueCounts(source.LabelsFromItem, column), source));
    }

    /// <summary>The counts of the pairs of <paramref name="x"/> and <paramref name="y"/> (for mutual information).</summary>
    /// <exception cref="ArgumentException">A column does not exist.</exception>
    /// <exception cref="InvalidDataException">DuckDB could not read the source, or values are missing (NULL).</exception>
    public static ContingencyCounts<string, string> PairCounts(DuckDbSource source, string x, string y)
    {
        ArgumentNullException.ThrowIfNull(source);
        RequireCategories(source, x, y);
        return AggregatedStatistics.PairCounts(Run(SqlAggregation.PairCounts(source.LabelsFromItem, x, y), source));
    }

    /// <summary>
    /// Refuses floating-point columns as categories, as Likely's own readers do (a float's text is not a label: every
    /// distinct measurement would be its own category). Parquet files: from the first file's schema (a glob's files
    /// share it), by the embedded reader's own rule and message; a query: from DuckDB's DESCRIBE of it; CSV files are
    /// read as text, labels as they are written.
    /// </summary>
    /// <exception cref="InvalidDataException">A column holds floating-point values, or does not exist in a Parquet file.</exception>
    private static void RequireCategories(DuckDbSource source, params string[] columns)
    {
        if (source.ParquetFiles.Count > 0)
        {
            foreach (string column in columns) ParquetColumn.RequireCategoryColumn(source.ParquetFiles[0], column);
            return;
        }

        if (!source.IsQuery) return;
        string select = string.Join(", ", columns.Distinct(StringComparer.Ordinal).Select(c => SqlAggregation.Identifier(c, "column")));
        AggregatedTable types = Run($"DESCRIBE SELECT {select} FROM {source.LabelsFromItem}", source);
        int name = types.IndexOf("column_name"), type = types.IndexOf("column_type");
        foreach (string?[] row in types.Rows)
        {
            string kind = row[type] ?? "";
            if (kind is "FLOAT" or "DOUBLE" or "REAL" || kind.StartsWith("DECIMAL", StringComparison.Ordinal))
            {
                throw new InvalidDataException($"DuckDB over {source.Description}: column '{row[name]}' holds {kind} values, which are not category labels; choose a string or whole-number column (or cast it in the query).");
            }
        }
    }

    /// <summary>
    /// The accumulator of <paramref name="family"/> loaded with the statistics of <paramref name="column"/> (value
    /// counts for a discrete family, one row of compensated sums for a continuous one); <see cref="FitAccumulator.Fit"/> finishes.
    /// </summary>
    /// <exception cref="ArgumentException">The column does not exist, a value is outside the support (≤ 0 where the family takes ln x), or the family has no accumulator.</exception>
    /// <exception cref="InvalidDataException">DuckDB could not read the source, a value is not a number, or values are missing.</exception>
    public static FitAccumulator FitStatistics(DuckDbSource source, string column, DistributionFamily family)
    {
        ArgumentNullException.ThrowIfNull(source);
        string sql = SqlAggregation.FitStatistics(source.FromItem, column, family, "fsum");
        AggregatedTable table;
        try
        {
            table = Run(sql, source);
        }
        catch (InvalidDataException e) when (e.Message.Contains("logarithm of", StringComparison.Ordinal))
        {
            throw new ArgumentException($"Column '{column}' of {source.Description} has a value ≤ 0{(family.Name == "beta" ? " or ≥ 1" : "")}, outside the support of {family.Name} ({family.Support}); choose a family whose support contains the data, or filter the rows.", nameof(column), e);
        }

        return AggregatedStatistics.FitStatistics(table, family);
    }

    /// <summary>Runs <paramref name="sql"/> in a fresh in-memory DuckDB and returns its rows as text (numbers in round-trip form).</summary>
    /// <exception cref="ArgumentException">The SQL names a column that does not exist.</exception>
    /// <exception cref="InvalidDataException">DuckDB refused the query or could not read a file (its first line, with the fix).</exception>
    public static AggregatedTable Run(string sql, DuckDbSource? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sql);
        string where = source?.Description ?? "the query";
        try
        {
            using var connection = new DuckDBConnection("Data Source=:memory:");
            connection.Open();
            using DuckDBCommand command = connection.CreateCommand();

            // An in-memory DuckDB spills a GROUP BY that outgrows memory into '.tmp' under the working directory;
            // keep the spill files in the system's temporary folder instead.
            command.CommandText = $"SET temp_directory = '{SpillFolder.Replace("'", "''", StringComparison.Ordinal)}'";
            command.ExecuteNonQuery();
            command.CommandText = sql;
            using var reader = command.ExecuteReader();
            string[] columns = [.. Enumerable.Range(0, reader.FieldCount).Select(reader.GetName)];
            var rows = new List<string?[]>();
            while (reader.Read())
            {
                var cells = new string?[columns.Length];
                for (int i = 0; i < cells.Length; i++)
                {
                    cells[i] = reader.IsDBNull(i) ? null : Text(reader.GetValue(i));
                }

                rows.Add(cells);
            }

            return new AggregatedTable($"DuckDB over {where}", columns, rows);
        }
        catch (DuckDBException e)
        {
            throw Translate(e, where);
        }
    }

    /// <summary>Where DuckDB writes the spill files of aggregations that outgrow memory (deleted when the query ends).</summary>
    public static string SpillFolder { get; } = Path.Combine(Path.GetTempPath(), "likely-duckdb");

    private static string Text(object value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("R", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>DuckDB's multi-line error as one line that names the problem and the fix.</summary>
    private static Exception Translate(DuckDBException e, string where)
    {
        string first = (e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? e.Message).TrimEnd('!', '.', ' ');
        if (first.Contains("Referenced column", StringComparison.OrdinalIgnoreCase) || first.Contains("not found in FROM clause", StringComparison.OrdinalIgnoreCase))
        {
            return new ArgumentException($"DuckDB over {where}: {first}; check the column name (names are case-sensitive when quoted).", "column");
        }

        if (first.Contains("No files found", StringComparison.OrdinalIgnoreCase) || first.Contains("No such file", StringComparison.OrdinalIgnoreCase))
        {
            return new InvalidDataException($"DuckDB over {where}: {first}; check the path or pattern.", e);
        }

        if (first.Contains("Conversion Error", StringComparison.OrdinalIgnoreCase) || first.Contains("No function matches", StringComparison.OrdinalIgnoreCase))
        {
            return new InvalidDataException($"DuckDB over {where}: {first}; the column must be numeric for a fit (cast it in the query).", e);
        }

        if (first.Contains("Parser Error", StringComparison.OrdinalIgnoreCase))
        {
            return new InvalidDataException($"DuckDB could not parse {where}: {first}; fix the SQL.", e);
        }

        return new InvalidDataException($"DuckDB over {where}: {first}; check the files and the query.", e);
    }
}
