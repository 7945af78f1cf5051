using System.CommandLine;
using Likely.Aggregation;
using Likely.Cli.Options;
using Likely.DuckDb;
using Likely.Information;
using Likely.Likelihood;

namespace Likely.Cli.Commands;

/// <summary>
/// Where a count-based command (<c>fit</c>, <c>entropy --empirical</c>, <c>mi</c>) gets its counts or sufficient
/// statistics (docs/SCALE.md's three paths): the rows of <c>--data</c> read by Likely's streaming readers (the embedded
/// engine, the default); the same files, or a <c>--query</c>, aggregated by DuckDB (<c>--engine duckdb</c>); the
/// aggregation query for another engine's <c>--table</c> (<c>--emit-sql</c>, which reads nothing); or that engine's
/// exported result (<c>--from-stats</c>). The library does the work (<see cref="DuckDbAggregation"/>,
/// <see cref="SqlAggregation"/>, <see cref="AggregatedStatistics"/>); this class reads and checks the flags.
/// </summary>
internal sealed class AggregationOptions
{
    private AggregationOptions(string commandPath)
    {
        CommandPath = commandPath;
        Engine = ChoiceOption.Create("--engine", Vocabulary.AggregationEngine,
            "What reads --data: embedded (Likely's streaming readers, constant memory), duckdb (DuckDB aggregates the files on every core, " +
            "spilling to disk; the counts or sums it returns are finished by the same code), or auto: duckdb for a quoted glob of Parquet files " +
            "where the result is exact counts (plugin mi, entropy --empirical, the discrete families' fits), embedded otherwise.",
            AggregationEngine.Auto);
        Query = new Option<string?>("--query")
        {
            Description = "Instead of --data: one DuckDB SELECT whose rows are aggregated, naming its files in FROM " +
                "(\"SELECT c FROM 'events/*.parquet' WHERE a < 100\"); runs in DuckDB (implies --engine duckdb).",
            HelpName = "sql",
        };
        EmitSql = new Option<bool>("--emit-sql")
        {
            Description = "Print the aggregation query (standard SQL for DuckDB, Spark SQL, PostgreSQL) over --table and read nothing; " +
                "run it where the data live, export the result as CSV or JSON, and finish with --from-stats.",
        };
        Table = new Option<string?>("--table")
        {
            Description = "With --emit-sql: the table (or view, or FROM item) the query reads in your engine.",
            HelpName = "name",
        };
        FromStats = new Option<string?>("--from-stats")
        {
            Description = "Instead of --data: finish from an engine's result of the --emit-sql query, exported as .csv (with a header) or .json/.jsonl.",
            HelpName = "file",
        };
    }

    /// <summary>The command, for messages (<c>likely fit</c>).</summary>
    public string CommandPath { get; }

    /// <summary>--engine.</summary>
    public Option<AggregationEngine?> Engine { get; }

    /// <summary>--query.</summary>
    public Option<string?> Query { get; }

    /// <summary>--emit-sql.</summary>
    public Option<bool> EmitSql { get; }

    /// <summary>--table.</summary>
    public Option<string?> Table { get; }

    /// <summary>--from-stats.</summary>
    public Option<string?> FromStats { get; }

    /// <summary>Fresh options for one command.</summary>
    public static AggregationOptions Create(string commandPath) => new(commandPath);

    /// <summary>Adds the five options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Engine, Query, EmitSql, Table, FromStats }) command.Options.Add(option);
    }

    /// <summary>
    /// The path the flags choose, checked: exactly one of <c>--data</c>, <c>--query</c>, <c>--emit-sql --table</c> and
    /// <c>--from-stats</c>, and <c>--engine</c> only where it means something. Null when none was given and
    /// <paramref name="dataOptional"/> (the command has other sources, as <c>entropy</c> does).
    /// </summary>
    /// <exception cref="UsageException">The flags contradict each other or the command lacks a source.</exception>
    public AggregationRequest? GetValue(ParseResult parse, string? data, bool dataOptional = false)
    {
        string? query = parse.GetValue(Query), table = parse.GetValue(Table), stats = parse.GetValue(FromStats);
        bool emit = parse.GetValue(EmitSql), engineGiven = parse.IsGiven(Engine);
        AggregationEngine engine = parse.GetValue(Engine) ?? AggregationEngine.Auto;
        string[] sources = [.. new[] { (data, "--data"), (query, "--query"), (emit ? "" : null, "--emit-sql"), (stats, "--from-stats") }
            .Where(source => source.Item1 is not null).Select(source => source.Item2)];
        if (sources.Length > 1)
        {
            throw new UsageException($"{CommandPath}: {string.Join(" and ", sources)} are alternatives; give one (--data files, a DuckDB --query, --emit-sql for another engine, or --from-stats with its result).");
        }

        if (table is not null && !emit)
        {
            throw new UsageException($"{CommandPath}: --table names the table of --emit-sql's query; add --emit-sql, or read files with --data.");
        }

        if (engineGiven && (emit || stats is not null))
        {
            throw new UsageException($"{CommandPath}: --engine chooses what reads --data or --query; {(emit ? "--emit-sql reads nothing" : "--from-stats reads an engine's result")}, so drop --engine.");
        }

        if (query is not null && engineGiven && engine != AggregationEngine.DuckDb)
        {
            throw new UsageException($"{CommandPath}: --query runs in DuckDB; drop --engine {Vocabulary.AggregationEngine.NameOf(engine)} (or give --data files to the embedded engine).");
        }

        if (emit)
        {
            return new AggregationRequest(AggregationPath.EmitSql, table ?? throw new UsageException($"{CommandPath}: --emit-sql needs --table NAME, the table the query reads in your engine (e.g. --table events)."));
        }

        if (stats is not null) return new AggregationRequest(AggregationPath.FromStats, stats);
        if (query is not null) return new AggregationRequest(AggregationPath.DuckDbQuery, query);
        if (data is not null)
        {
            return engine == AggregationEngine.DuckDb ? new AggregationRequest(AggregationPath.DuckDbFiles, data)
                : new AggregationRequest(AggregationPath.Embedded, data) { DuckDbForCounts = engine == AggregationEngine.Auto && IsParquetGlob(data) };
        }

        if (engineGiven && engine == AggregationEngine.DuckDb)
        {
            throw new UsageException($"{CommandPath}: --engine duckdb needs --data FILES or --query 'SELECT …' to aggregate.");
        }

        return dataOptional ? null
            : throw new UsageException($"{CommandPath} needs --data FILE (a .csv or .parquet file or a quoted glob), or --query, --from-stats or --emit-sql; run {CommandPath} --help for examples.");
    }

    /// <summary>
    /// A glob (not one file) of Parquet files: where auto hands counting to DuckDB. Measured on 200 files of 200 million
    /// rows on two cores, DuckDB counts 1.5–1.9× faster than the embedded readers in about the same memory, and it uses
    /// every core of a bigger machine; on a few hundred rows it costs ~70 ms more to start (docs/BENCHMARKS.md). A
    /// pattern ending in .parquet says so itself; another glob is expanded to see (its errors, no match or mixed formats
    /// or schemas, surface here as they would anyway).
    /// </summary>
    private static bool IsParquetGlob(string data) =>
        data.IndexOfAny(['*', '?']) >= 0 && (Likely.Data.DataFiles.IsParquet(data) || Likely.Data.DataFiles.IsParquet(Likely.Data.DataFiles.Expand(data)[0]));
}

/// <summary>What reads a count-based command's rows: the embedded streaming readers or DuckDB, or auto's choice between them.</summary>
public enum AggregationEngine
{
    /// <summary>DuckDB for a glob of Parquet files when the result is exact counts; the embedded readers otherwise.</summary>
    Auto,

    /// <summary>Likely's streaming readers (CSV, Parquet), in constant memory.</summary>
    Embedded,

    /// <summary>DuckDB, through <see cref="DuckDbAggregation"/>.</summary>
    DuckDb,
}

/// <summary>The four ways to the counts or sufficient statistics (docs/SCALE.md).</summary>
internal enum AggregationPath
{
    /// <summary>--data read by the embedded engine.</summary>
    Embedded,

    /// <summary>--data aggregated by DuckDB.</summary>
    DuckDbFiles,

    /// <summary>--query aggregated by DuckDB.</summary>
    DuckDbQuery,

    /// <summary>--emit-sql: print the query over --table.</summary>
    EmitSql,

    /// <summary>--from-stats: an engine's exported result.</summary>
    FromStats,
}

/// <summary>
/// One checked choice of path, with its argument (the --data pattern, the query, the table or the statistics file),
/// and the library call that gives each kind of aggregate along it.
/// </summary>
/// <param name="Path">The path.</param>
/// <param name="Argument">Its argument.</param>
internal sealed record AggregationRequest(AggregationPath Path, string Argument)
{
    /// <summary>
    /// True when --engine auto found a glob of Parquet files: a command whose result is exact counts then reads them
    /// through DuckDB (<see cref="ForCounts"/>); sums and anything that needs the rows stay embedded.
    /// </summary>
    public bool DuckDbForCounts { get; init; }

    /// <summary>The path for a computation from exact counts: DuckDB over the files when auto chose it, else this one.</summary>
    public AggregationRequest ForCounts() => DuckDbForCounts ? this with { Path = AggregationPath.DuckDbFiles, DuckDbForCounts = false } : this;

    /// <summary>True when DuckDB or another engine aggregates (every path but the embedded one).</summary>
    public bool Aggregates => Path != AggregationPath.Embedded;

    /// <summary>The flag that chose this path, for messages; null for the embedded engine.</summary>
    public string? Flag => Path switch
    {
        AggregationPath.DuckDbFiles => "--engine duckdb",
        AggregationPath.DuckDbQuery => "--query",
        AggregationPath.EmitSql => "--emit-sql",
        AggregationPath.FromStats => "--from-stats",
        _ => null,
    };

    /// <summary>The JSON's <c>engine</c>: embedded or duckdb, the engine that read the rows; null when none did (--from-stats, --emit-sql).</summary>
    public string? EngineName => Path switch
    {
        AggregationPath.Embedded => Vocabulary.AggregationEngine.NameOf(AggregationEngine.Embedded),
        AggregationPath.DuckDbFiles or AggregationPath.DuckDbQuery => Vocabulary.AggregationEngine.NameOf(AggregationEngine.DuckDb),
        _ => null,
    };

    /// <summary>What the output's <c>data</c> names: the files, the query, the table, or the statistics file.</summary>
    public string Described => Path switch
    {
        AggregationPath.DuckDbQuery => "DuckDB query",
        AggregationPath.EmitSql => $"table {Argument}",
        _ => Argument,
    };

    /// <summary>The value counts of <paramref name="column"/> (DuckDB), or those the statistics file holds.</summary>
    public CategoryCounts<string> ValueCounts(string column) => Path == AggregationPath.FromStats
        ? AggregatedStatistics.ValueCounts(AggregatedStatistics.Read(Argument))
        : Engine(() => DuckDbAggregation.ValueCounts(Source(), column));

    /// <summary>The pair counts of <paramref name="x"/> and <paramref name="y"/> (DuckDB), or those the statistics file holds.</summary>
    public ContingencyCounts<string, string> PairCounts(string x, string y) => Path == AggregationPath.FromStats
        ? AggregatedStatistics.PairCounts(AggregatedStatistics.Read(Argument))
        : Engine(() => DuckDbAggregation.PairCounts(Source(), x, y));

    /// <summary><paramref name="family"/>'s accumulator loaded with <paramref name="column"/>'s statistics (DuckDB), or with the statistics file's.</summary>
    public FitAccumulator FitStatistics(string column, DistributionFamily family) => Path == AggregationPath.FromStats
        ? AggregatedStatistics.FitStatistics(AggregatedStatistics.Read(Argument), family)
        : Engine(() => DuckDbAggregation.FitStatistics(Source(), column, family));

    /// <summary>
    /// --emit-sql's whole work: prints <paramref name="sql"/>, the query over <see cref="Argument"/> (the table), alone
    /// on its line. --json and --ci are refused, since nothing is computed for them to apply to.
    /// </summary>
    /// <param name="context">Where the query goes.</param>
    /// <param name="command">The verb, for messages (fit, entropy, mi).</param>
    /// <param name="sql">The query, given the table name.</param>
    /// <param name="json">--json was given.</param>
    /// <param name="interval">--ci was given.</param>
    /// <exception cref="UsageException">--json or --ci was given.</exception>
    public int Emit(CliContext context, string command, Func<string, string> sql, bool json, bool interval)
    {
        if (json) throw new UsageException($"{command}: --emit-sql prints the SQL query itself, not JSON; drop --json.");
        if (interval) throw new UsageException($"{command}: --emit-sql prints the query and computes nothing; add --ci when finishing with --from-stats.");
        context.Output.WriteLine(sql(Argument));
        return CliApp.Success;
    }

    private DuckDbSource Source() => Path == AggregationPath.DuckDbQuery ? DuckDbSource.Query(Argument) : DuckDbSource.Files(Argument);

    /// <summary>Runs a DuckDB aggregation, saying in one line when DuckDB's native library cannot be loaded.</summary>
    private static T Engine<T>(Func<T> aggregate)
    {
        try
        {
            return aggregate();
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException
            || exception is TypeInitializationException { InnerException: DllNotFoundException or EntryPointNotFoundException or BadImageFormatException })
        {
            throw new UsageException($"DuckDB's native library (libduckdb) could not be loaded: {(exception.InnerException ?? exception).Message.Split('\n')[0]}; " +
                "it ships beside likely (reinstall it), or use --engine embedded.");
        }
    }
}
