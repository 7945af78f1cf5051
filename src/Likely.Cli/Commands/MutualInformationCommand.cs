using Likely.Resampling;
using System.CommandLine;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely mi</c>: the mutual information I(X; Y) of two CSV columns — the plug-in estimate from the contingency table
/// of two columns of categories (with a bootstrap interval on request), or the KSG k-nearest-neighbour estimate for two
/// numeric columns.
/// </summary>
public static class MutualInformationCommand
{
    /// <summary>Creates the <c>mi</c> command.</summary>
    public static Command Create(CliContext context)
    {
        DataOption file = DataOption.Create(DataOption.ColumnFilesDescription + " The plugin estimate streams (memory grows with the distinct pairs, not the rows). Or --query, --emit-sql or --from-stats.", required: false);
        var x = new Option<string?>("--x") { Description = "The column holding X (any strings, treated as categories; numbers for ksg). Required, except with --from-stats.", HelpName = "name" };
        var y = new Option<string?>("--y") { Description = "The column holding Y (any strings, treated as categories; numbers for ksg). Required, except with --from-stats.", HelpName = "name" };
        AggregationOptions aggregation = AggregationOptions.Create("likely mi");
        Option<MutualInformationEstimator?> estimator = ChoiceOption.Create(
            "--estimator", Vocabulary.MutualInformationEstimator,
            "plugin (categories: the contingency table's empirical distribution) or ksg (two numeric columns: Kraskov–Stögbauer–Grassberger " +
            "k-nearest neighbours, each column scaled to unit variance, ties kept exactly).",
            MutualInformationEstimator.PlugIn);
        var neighbors = new Option<int>("--neighbors")
        {
            Description = "With --estimator ksg: k, the number of nearest neighbours (1 ≤ k < N).",
            DefaultValueFactory = _ => 3,
        };
        BootstrapIntervalOptions interval = BootstrapIntervalOptions.Create();
        Option<LogBase> logBase = BaseOption.Create();
        Option<bool> json = JsonOption.Create("{\"quantity\":\"mutual-information\",\"value\":…,\"base\":2,\"unit\":\"bits\",\"entropyX\":…,\"entropyY\":…,\"jointEntropy\":…,\"observations\":…}");
        var command = new Command("mi",
            "Mutual information I(X; Y) = Σ p(x,y) log[p(x,y) / (p(x)p(y))] of two columns: of categories from their contingency table,\n" +
            "or of two numeric columns by the KSG nearest-neighbour estimator.\n" +
            "Examples: likely mi --data examples/data.csv --x weather --y umbrella --base 2\n" +
            "          likely mi --data examples/data.csv --x weather --y umbrella --ci bootstrap --base 2\n" +
            "          likely mi --data pairs.csv --x u --y v --estimator ksg --neighbors 3\n" +
            "          likely mi --data 'events/*.parquet' --x a --y b --engine duckdb\n" +
            "          likely mi --emit-sql --table events --x a --y b   then: likely mi --from-stats pairs.csv");
        file.AddTo(command);
        foreach (Option option in new Option[] { x, y, estimator, neighbors })
        {
            command.Options.Add(option);
        }

        interval.AddTo(command);
        aggregation.AddTo(command);
        command.Options.Add(logBase);
        command.Options.Add(json);

        command.SetAction(parseResult =>
        {
            AggregationRequest request = aggregation.GetValue(parseResult, file.GetValue(parseResult, "likely mi"))!;
            string path = request.Argument;
            MutualInformationEstimator method = parseResult.GetValue(estimator) ?? MutualInformationEstimator.PlugIn;
            if (method == MutualInformationEstimator.PlugIn) request = request.ForCounts(); // auto: DuckDB counts a Parquet glob's pairs
            BootstrapOptions? bootstrap = interval.GetValue(parseResult, "mi");
            LogBase unit = parseResult.GetValue(logBase);
            (string columnX, string columnY) = Columns(request, parseResult.GetValue(x), parseResult.GetValue(y));
            MutualInformationResult result;
            string note;
            if (request.Aggregates && method == MutualInformationEstimator.Kraskov)
            {
                throw new UsageException($"mi: --estimator ksg needs the rows themselves, and {request.Flag} gives only the pair counts; use the plugin estimator, or --data with the embedded engine.");
            }

            if (request.Path == AggregationPath.EmitSql)
            {
                return request.Emit(context, "mi", table => Likely.Aggregation.SqlAggregation.PairCounts(table, columnX, columnY), parseResult.GetValue(json), bootstrap is not null);
            }

            if (method == MutualInformationEstimator.Kraskov)
            {
                if (bootstrap is not null)
                {
                    throw new UsageException("mi: --ci resamples counts and applies to the plugin estimator; KSG has no bootstrap interval here.");
                }

                (result, note) = Kraskov(path, columnX, columnY, parseResult.GetValue(neighbors), unit);
            }
            else
            {
                if (parseResult.IsGiven(neighbors))
                {
                    throw new UsageException("mi: --neighbors applies to --estimator ksg (two numeric columns).");
                }

                (result, note) = request.Aggregates
                    ? Finish(request.PairCounts(columnX, columnY), request.Described, bootstrap, interval.MethodOf(parseResult), unit)
                    : PlugIn(path, columnX, columnY, bootstrap, interval.MethodOf(parseResult), unit);
            }

            result = result with { Engine = request.EngineName };
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(context.Output, result, CliJson.Default.MutualInformationResult);
            }
            else
            {
                QuantityLine.Write(context.Output, "I(X; Y)", result.Value, unit, note);
            }

            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The plug-in estimate from the contingency table, with its bootstrap interval when asked.</summary>
    private static (MutualInformationResult Result, string Note) PlugIn(
        string path, string x, string y, BootstrapOptions? bootstrap, Likely.Likelihood.IntervalMethod ci, LogBase unit)
    {
        // Streamed: only the counts of distinct (x, y) pairs are kept.
        return Finish(ColumnCounts.Pairs(path, x, y), path, bootstrap, ci, unit);
    }

    /// <summary>The mutual information from pair counts, however they were gathered, with its bootstrap interval when asked.</summary>
    private static (MutualInformationResult Result, string Note) Finish<TX, TY>(
        ContingencyCounts<TX, TY> counts, string path, BootstrapOptions? bootstrap, Likely.Likelihood.IntervalMethod ci, LogBase unit)
        where TX : notnull
        where TY : notnull
    {
        if (counts.Total == 0) throw new UsageException($"{path} has no observations (no data rows, or every count is 0); add observations.");
        // Memory ∝ the distinct pairs; only the bootstrap, which resamples cells, needs the dense R × C table.
        ContingencySummary summary = counts.Summarize(unit);
        var result = new MutualInformationResult(
            "mutual-information", summary.MutualInformation, unit.Value, unit.Unit, summary.RowEntropy, summary.ColumnEntropy,
            summary.JointEntropy, summary.Total);
        string note = $"H(X) = {NumberText.Format(result.EntropyX!.Value)}, H(Y) = {NumberText.Format(result.EntropyY!.Value)}, N = {summary.Total}";
        if (bootstrap is null) return (result, note);
        ContingencyTable table = counts.ToTable(); // rows and columns in order of first appearance, as ContingencyTable.FromPairs
        BootstrapInterval interval = InformationBootstrap.MutualInformation(table, bootstrap, unit, ci);
        return (result with
            {
                Lower = interval.Lower, Upper = interval.Upper, Level = interval.Level, Resamples = interval.Resamples, Seed = bootstrap.Seed,
                Interval = Vocabulary.IntervalMethod.NameOf(interval.Method),
            },
            $"{note}; {BootstrapIntervalOptions.Describe(interval)}");
    }

    /// <summary>--x and --y: both required, except with --from-stats, whose file already holds the pairs (then neither is given).</summary>
    private static (string X, string Y) Columns(AggregationRequest request, string? x, string? y)
    {
        if (request.Path == AggregationPath.FromStats)
        {
            return x is null && y is null ? ("x", "y")
                : throw new UsageException($"mi: --x and --y are named in the query that made {request.Argument}; drop them (--from-stats reads its columns x, y, n).");
        }

        if (x is null || y is null)
        {
            throw new UsageException($"mi needs {(x is null && y is null ? "--x and --y" : x is null ? "--x" : "--y")}, the two columns whose mutual information to compute (e.g. --x weather --y umbrella).");
        }

        return (x, y);
    }

    /// <summary>The KSG estimate from two numeric columns.</summary>
    private static (MutualInformationResult Result, string Note) Kraskov(string path, string x, string y, int neighbors, LogBase unit)
    {
        (double[] xs, double[] ys) = NumericColumns(path, x, y);
        if (xs.Length == 0) throw new UsageException($"{path} has a header but no data rows; add observations.");
        if (neighbors < 1 || neighbors >= xs.Length)
        {
            throw new UsageException($"--neighbors {neighbors} is out of range: it must be at least 1 and below the {xs.Length} rows of {path} (3 is usual).");
        }

        double value = KraskovMutualInformation.Compute(xs, ys, neighbors, unit);
        var result = new MutualInformationResult(
            "mutual-information", value, unit.Value, unit.Unit, null, null, null, xs.Length,
            Estimator: Vocabulary.MutualInformationEstimator.NameOf(MutualInformationEstimator.Kraskov), Neighbors: neighbors);
        return (result, $"KSG, k = {neighbors}, N = {xs.Length}");
    }

    /// <summary>The two columns of numbers for KSG, read in one pass, with an error that says why numbers are needed.</summary>
    private static (double[] X, double[] Y) NumericColumns(string path, string x, string y)
    {
        try
        {
            IReadOnlyList<string> files = DataOption.Files(path);
            if (files.Count == 1 && !DataFiles.IsParquet(files[0]))
            {
                double[][] columns = CsvColumn.ReadNumbers(files[0], [x, y]); // one pass over the file for both columns
                return (columns[0], columns[1]);
            }

            return (DataColumns.ReadNumbers(files, x), DataColumns.ReadNumbers(files, y));
        }
        catch (InvalidDataException exception) when (exception.Message.Contains("is not a finite number", StringComparison.Ordinal) || exception.Message.Contains("not numbers", StringComparison.Ordinal))
        {
            throw new UsageException($"{exception.Message.TrimEnd('.')}; --estimator ksg needs two numeric columns (use the default plugin estimator for categories).");
        }
    }
}
