using System.Text;
using Likely.Likelihood;

namespace Likely.Aggregation;

/// <summary>
/// The aggregation queries behind Likely's count-based quantities and fits, in SQL that DuckDB, Spark SQL and
/// PostgreSQL all run: <c>count(*)</c>, <c>count(x)</c>, <c>sum</c>, <c>var_pop</c>, <c>min</c>, <c>max</c>,
/// <c>ln</c> and <c>GROUP BY</c>, nothing else. Run one where the data live, export its result as CSV or JSON, and
/// finish the entropy, mutual information or fit from it with <see cref="AggregatedStatistics"/> — the only data that
/// leave the engine are the counts or a single row of sums.
/// </summary>
/// <remarks>
/// The result columns: value counts <c>value, n</c> (one row per distinct value, NULL included so that missing values
/// are reported, not dropped); pair counts <c>x, y, n</c>; a continuous family's statistics one row <c>n, missing,
/// sum_x, var_pop_x, …</c> (see <see cref="SufficientStatistics"/>). Discrete families (Bernoulli, binomial, categorical,
/// geometric, Poisson) are fitted from their value counts, which also carry Σ ln k! exactly (SQL has no portable
/// log-gamma). Column names that are plain lower-case identifiers are written bare; others are double-quoted (standard
/// SQL, DuckDB, PostgreSQL; Spark SQL needs <c>spark.sql.ansi.doubleQuotedIdentifiers</c> or a renamed column).
/// </remarks>
public static class SqlAggregation
{
    /// <summary>The counts of the values of <paramref name="column"/>: <c>SELECT column AS value, count(*) AS n FROM table GROUP BY column</c>.</summary>
    /// <param name="table">A table name, or any FROM item: a view, a subquery in parentheses with an alias, <c>read_parquet('…')</c>.</param>
    /// <param name="column">The column whose values are counted.</param>
    /// <exception cref="ArgumentException">A name is empty or holds a double quote or a control character.</exception>
    public static string ValueCounts(string table, string column)
    {
        string x = Identifier(column, nameof(column));
        return $"SELECT {x} AS value, count(*) AS n FROM {From(table)} GROUP BY {x}";
    }

    /// <summary>
    /// The contingency table of two columns, one row per observed pair:
    /// <c>SELECT x AS x, y AS y, count(*) AS n FROM table GROUP BY x, y</c> (the input of mutual information).
    /// </summary>
    /// <param name="table">A table name or FROM item (see <see cref="ValueCounts"/>).</param>
    /// <param name="x">The first column (rows of the table).</param>
    /// <param name="y">The second column.</param>
    /// <exception cref="ArgumentException">A name is empty or holds a double quote or a control character.</exception>
    public static string PairCounts(string table, string x, string y)
    {
        string first = Identifier(x, nameof(x)), second = Identifier(y, nameof(y));
        return $"SELECT {first} AS x, {second} AS y, count(*) AS n FROM {From(table)} GROUP BY {first}, {second}";
    }

    /// <summary>
    /// The statistics a maximum-likelihood fit of <paramref name="family"/> needs: the value counts for a discrete
    /// family, one row of sums (<see cref="SufficientStatistics.RequiredFor"/>, plus <c>missing</c>) for a continuous one.
    /// </summary>
    /// <param name="table">A table name or FROM item (see <see cref="ValueCounts"/>).</param>
    /// <param name="column">The observations.</param>
    /// <param name="family">The family to fit.</param>
    /// <exception cref="ArgumentException">
    /// A name is invalid, or the family has no fixed-size statistics (Laplace, Student-t, …: its fit needs the sample in memory).
    /// </exception>
    public static string FitStatistics(string table, string column, DistributionFamily family) => FitStatistics(table, column, family, "sum");

    /// <summary>
    /// As <see cref="FitStatistics(string, string, DistributionFamily)"/>, summing with the engine's aggregate
    /// <paramref name="sumFunction"/> instead of <c>sum</c> — DuckDB's <c>fsum</c> is compensated (Kahan), its <c>sum</c>
    /// of doubles is not.
    /// </summary>
    /// <exception cref="ArgumentException">As the other overload, or <paramref name="sumFunction"/> is not a plain identifier.</exception>
    public static string FitStatistics(string table, string column, DistributionFamily family, string sumFunction)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentException.ThrowIfNullOrWhiteSpace(sumFunction);
        if (!sumFunction.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"The sum function '{sumFunction}' is not a plain identifier; give an aggregate's name such as sum or fsum.", nameof(sumFunction));
        }

        if (family.CreateAccumulator() is null)
        {
            throw new ArgumentException($"{family.InMemoryReason} Fit it in memory, or pick a family with an accumulator.", nameof(family));
        }

        if (!SufficientStatistics.IsSummedBy(family))
        {
            return ValueCounts(table, column);
        }

        string x = Identifier(column, nameof(column));
        var select = new StringBuilder("SELECT count(").Append(x).Append(") AS n, count(*) - count(").Append(x).Append(") AS missing");
        foreach (string statistic in SufficientStatistics.RequiredFor(family))
        {
            string? expression = statistic switch
            {
                "sum_x" => $"{sumFunction}({x})",
                "var_pop_x" => $"var_pop({x})",
                "sum_ln_x" => $"{sumFunction}(ln({x}))",
                "var_pop_ln_x" => $"var_pop(ln({x}))",
                "sum_ln_1m_x" => $"{sumFunction}(ln(1 - {x}))",
                "min_x" => $"min({x})",
                "max_x" => $"max({x})",
                _ => null,
            };
            if (expression is not null)
            {
                select.Append(", ").Append(expression).Append(" AS ").Append(statistic);
            }
        }

        return select.Append(" FROM ").Append(From(table)).ToString();
    }

    /// <summary>A column name as SQL: bare when it is a plain lower-case identifier, double-quoted otherwise.</summary>
    internal static string Identifier(string name, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name, paramName);
        if (name.Contains('"', StringComparison.Ordinal) || name.Any(char.IsControl))
        {
            throw new ArgumentException($"The column name '{name}' holds a double quote or a control character; rename the column.", paramName);
        }

        bool plain = (name[0] is >= 'a' and <= 'z' || name[0] == '_') && name.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '_');
        return plain ? name : $"\"{name}\"";
    }

    /// <summary>The FROM item as given (a table name, view, subquery with alias or table function), checked for emptiness and statement separators.</summary>
    private static string From(string table)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(table);
        if (table.Contains(';', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The table '{table}' holds ';'; give one table name or FROM item, not statements.", nameof(table));
        }

        return table.Trim();
    }
}
