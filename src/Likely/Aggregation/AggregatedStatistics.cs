using System.Globalization;
using System.Text.Json;
using Likely.Information;
using Likely.Likelihood;
using nietras.SeparatedValues;

namespace Likely.Aggregation;

/// <summary>
/// Reads back what a SQL engine returned for an aggregation query of <see cref="SqlAggregation"/> — exported as CSV
/// (a header row) or JSON (an array of objects, or one object per line as DuckDB's and Spark's JSON writers produce) —
/// into the same accumulators the in-memory and streaming paths fill, so the entropy, mutual information or fit is
/// finished by the same code: <see cref="CategoryCounts{T}.Entropy"/>, <see cref="ContingencyCounts{TX, TY}.MutualInformation"/>,
/// <see cref="FitAccumulator.Fit"/>.
/// </summary>
/// <remarks>
/// Values are kept as the engine's text (categories) or parsed as invariant doubles (statistics). A NULL value or
/// pair (missing data) and a positive <c>missing</c> count are refused with the count, so that missing values are never
/// dropped silently: filter them in the query (<c>WHERE x IS NOT NULL</c>) or impute them.
/// </remarks>
public static class AggregatedStatistics
{
    /// <summary>Reads a CSV (<c>.csv</c>) or JSON (<c>.json</c>, <c>.jsonl</c>, <c>.ndjson</c>) export of an aggregation result.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not CSV or JSON of rows with the same columns.</exception>
    public static AggregatedTable Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Statistics file '{path}' does not exist; export the aggregation query's result to it (CSV or JSON).", path);
        }

        string extension = Path.GetExtension(path).ToLowerInvariant();
        return extension switch
        {
            ".csv" => ReadCsv(path),
            ".json" or ".jsonl" or ".ndjson" => ReadJson(path),
            _ => throw new InvalidDataException($"Statistics file '{path}' is neither .csv nor .json; export the aggregation result as CSV or JSON."),
        };
    }

    /// <summary>The value counts of a <see cref="SqlAggregation.ValueCounts"/> result (columns <c>value</c>, <c>n</c>).</summary>
    /// <exception cref="InvalidDataException">A column is missing, a count is not a non-negative integer, or a value is NULL (missing data).</exception>
    public static CategoryCounts<string> ValueCounts(AggregatedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int value = Column(table, "value"), n = Column(table, "n");
        var counts = new CategoryCounts<string>();
        foreach (string?[] row in InKeyOrder(table, value))
        {
            long count = Count(table, row, n);
            counts.AddCount(Category(table, row, value, count), count);
        }

        return counts;
    }

    /// <summary>The contingency counts of a <see cref="SqlAggregation.PairCounts"/> result (columns <c>x</c>, <c>y</c>, <c>n</c>).</summary>
    /// <exception cref="InvalidDataException">A column is missing, a count is not a non-negative integer, or x or y is NULL.</exception>
    public static ContingencyCounts<string, string> PairCounts(AggregatedTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        int x = Column(table, "x"), y = Column(table, "y"), n = Column(table, "n");
        var counts = new ContingencyCounts<string, string>();
        foreach (string?[] row in InKeyOrder(table, x, y))
        {
            long count = Count(table, row, n);
            counts.AddCount(Category(table, row, x, count), Category(table, row, y, count), count);
        }

        return counts;
    }

    /// <summary>
    /// The accumulator of <paramref name="family"/> loaded from a <see cref="SqlAggregation.FitStatistics(string, string, DistributionFamily)"/>
    /// result: value counts for a discrete family, the row of sums for a continuous one. Call
    /// <see cref="FitAccumulator.Fit"/> on it, or merge it with the accumulators of other shards.
    /// </summary>
    /// <exception cref="InvalidDataException">A column is missing or malformed, or values are missing (NULL).</exception>
    /// <exception cref="ArgumentException">The family has no accumulator, or a value is outside its support.</exception>
    public static FitAccumulator FitStatistics(AggregatedTable table, DistributionFamily family)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(family);
        FitAccumulator accumulator = family.CreateAccumulator()
            ?? throw new ArgumentException($"{family.InMemoryReason} Fit it in memory, or pick a family with an accumulator.", nameof(family));
        if (!SufficientStatistics.IsSummedBy(family))
        {
            foreach ((string value, long count) in EnumerateValueCounts(table))
            {
                if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double x))
                {
                    throw new InvalidDataException($"{table.Source}: the value '{value}' is not a number; {family.Name} is fitted to a numeric column.");
                }

                accumulator.AddRepeated(x, count);
            }

            return accumulator;
        }

        if (table.Rows.Count != 1)
        {
            throw new InvalidDataException($"{table.Source} has {table.Rows.Count} rows of statistics, not 1; export the result of the fit's own query (what likely fit FAMILY --emit-sql prints: one row of sums, no GROUP BY), or merge the shards' accumulators.");
        }

        string?[] row = table.Rows[0];
        int missingColumn = table.IndexOf("missing");
        if (missingColumn >= 0 && Number(table, row, missingColumn) is double missing && missing > 0)
        {
            throw new InvalidDataException($"{table.Source}: {missing.ToString(CultureInfo.InvariantCulture)} observations are missing (NULL); filter them in the query (WHERE x IS NOT NULL) or impute them.");
        }

        long n = Count(table, row, Column(table, "n"));
        double? Optional(string name) => table.IndexOf(name) is int i and >= 0 ? Number(table, row, i) : null;
        double? varPop = Optional("var_pop_x"), logVarPop = Optional("var_pop_ln_x");
        accumulator.AddStatistics(new SufficientStatistics(n)
        {
            Sum = Optional("sum_x"),
            SquaredDeviations = varPop * n,
            LogSum = Optional("sum_ln_x"),
            LogSquaredDeviations = logVarPop * n,
            LogComplementSum = Optional("sum_ln_1m_x"),
            Min = Optional("min_x"),
            Max = Optional("max_x"),
        });
        return accumulator;
    }

    private static IEnumerable<(string Value, long Count)> EnumerateValueCounts(AggregatedTable table)
    {
        int value = Column(table, "value"), n = Column(table, "n");
        foreach (string?[] row in InKeyOrder(table, value))
        {
            long count = Count(table, row, n);
            yield return (Category(table, row, value, count), count);
        }
    }

    /// <summary>
    /// The rows sorted by their key columns (ordinal text): an engine returns GROUP BY groups in any order — DuckDB's
    /// parallel aggregation in a different one each run — and the order sets the order of the final sums, so sorting
    /// makes the result the same to the last bit whichever order the rows came in.
    /// </summary>
    private static IEnumerable<string?[]> InKeyOrder(AggregatedTable table, params int[] keys)
    {
        IOrderedEnumerable<string?[]> sorted = table.Rows.OrderBy(row => row[keys[0]], StringComparer.Ordinal);
        foreach (int key in keys.Skip(1))
        {
            sorted = sorted.ThenBy(row => row[key], StringComparer.Ordinal);
        }

        return sorted;
    }

    private static int Column(AggregatedTable table, string name)
    {
        int index = table.IndexOf(name);
        return index >= 0
            ? index
            : throw new InvalidDataException($"{table.Source} has no column '{name}' (it has {string.Join(", ", table.Columns)}); export the result of the aggregation query (what --emit-sql prints, SqlAggregation in the library) with its column names.");
    }

    private static string Category(AggregatedTable table, string?[] row, int column, long count) =>
        row[column] is { Length: > 0 } text
            ? text
            : throw new InvalidDataException($"{table.Source}: {count} observations have no '{table.Columns[column]}' (NULL, missing data); filter them in the query (WHERE … IS NOT NULL) or impute them.");

    private static long Count(AggregatedTable table, string?[] row, int column) =>
        long.TryParse(row[column], NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n >= 0
            ? n
            : double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out double d) && d >= 0 && d == Math.Floor(d) && d < 9.2e18
                ? (long)d
                : throw new InvalidDataException($"{table.Source}: the count '{table.Columns[column]}' = '{row[column]}' is not a non-negative whole number; export the query's count(*) unchanged.");

    private static double? Number(AggregatedTable table, string?[] row, int column) =>
        row[column] is not { Length: > 0 } text
            ? null
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)
                ? value
                : throw new InvalidDataException($"{table.Source}: '{table.Columns[column]}' = '{text}' is not a number; export the query's result unchanged.");

    private static AggregatedTable ReadCsv(string path)
    {
        using SepReader reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        string[] columns = [.. reader.Header.ColNames];
        if (columns.Length == 0)
        {
            throw new InvalidDataException($"Statistics file '{path}' has no header row; export with the column names (COPY … TO '…' (HEADER)).");
        }

        var rows = new List<string?[]>();
        foreach (SepReader.Row row in reader)
        {
            var cells = new string?[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                string text = row[i].ToString();
                cells[i] = text.Length == 0 ? null : text;
            }

            rows.Add(cells);
        }

        return new AggregatedTable(path, columns, rows);
    }

    private static AggregatedTable ReadJson(string path)
    {
        var objects = new List<JsonElement>();
        try
        {
            string text = File.ReadAllText(path).Trim();
            if (text.StartsWith('['))
            {
                using JsonDocument document = JsonDocument.Parse(text);
                objects.AddRange(document.RootElement.EnumerateArray().Select(e => e.Clone()));
            }
            else
            {
                foreach (string line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    using JsonDocument document = JsonDocument.Parse(line);
                    objects.Add(document.RootElement.Clone());
                }
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Statistics file '{path}' is not JSON ({e.Message}); export an array of row objects or one object per line.", e);
        }

        if (objects.Count == 0 || objects.Any(o => o.ValueKind != JsonValueKind.Object))
        {
            throw new InvalidDataException($"Statistics file '{path}' holds no row objects; export the aggregation result as JSON rows ({{\"n\": …}}).");
        }

        string[] columns = [.. objects[0].EnumerateObject().Select(p => p.Name)];
        var rows = new List<string?[]>(objects.Count);
        foreach (JsonElement element in objects)
        {
            var cells = new string?[columns.Length];
            for (int i = 0; i < columns.Length; i++)
            {
                cells[i] = element.TryGetProperty(columns[i], out JsonElement cell) ? Text(cell) : null;
            }

            rows.Add(cells);
        }

        return new AggregatedTable(path, columns, rows);
    }

    private static string? Text(JsonElement cell) => cell.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => cell.GetString(),
        JsonValueKind.Number => cell.GetRawText(),
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        _ => cell.GetRawText(),
    };
}
