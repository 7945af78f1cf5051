namespace Likely.Aggregation;

/// <summary>
/// The result of an aggregation query (<see cref="SqlAggregation"/>) as text: the column names and the rows, each cell
/// the engine's text for the value (invariant culture; numbers in round-trip form) or null for SQL NULL.
/// </summary>
/// <param name="Source">Where the rows came from (a file path, or "DuckDB" and the query), named in error messages.</param>
/// <param name="Columns">The column names, in the query's order.</param>
/// <param name="Rows">The rows; each holds one cell per column.</param>
public sealed record AggregatedTable(string Source, IReadOnlyList<string> Columns, IReadOnlyList<string?[]> Rows)
{
    /// <summary>The position of <paramref name="column"/> (case-insensitive), or −1 when absent.</summary>
    public int IndexOf(string column)
    {
        for (int i = 0; i < Columns.Count; i++)
        {
            if (string.Equals(Columns[i], column, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
