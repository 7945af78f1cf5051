using Likely.Resampling;
using System.CommandLine;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely entropy</c>: H(p) = −Σ p log p of probabilities given inline, of counts (plug-in, Miller–Madow or
/// Chao–Shen, with a bootstrap interval on request), of a CSV column of probabilities, or (<c>--empirical</c>) of a CSV
/// column of observed categories.
/// </summary>
public static class EntropyCommand
{
    /// <summary>Creates the <c>entropy</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var values = new Argument<string[]>("probabilities")
        {
            Description = "The probabilities p₁ … pₙ (spaces or commas); they must sum to 1 unless --normalize.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var counts = new Option<string[]>("--counts")
        {
            Description = "Observed counts n₁ … nₖ instead of probabilities; the entropy of the empirical distribution.",
            AllowMultipleArgumentsPerToken = true,
        };
        Option<EntropyEstimator?> estimator = ChoiceOption.Create(
            "--estimator", Vocabulary.EntropyEstimator,
            "With --counts or --empirical: plugin (the empirical distribution's entropy), miller-madow (plus (m−1)/2N nats) " +
            "or chao-shen (coverage-adjusted for unseen categories, Chao & Shen 2003).",
            EntropyEstimator.PlugIn);
        DataOption file = DataOption.Create(DataOption.ColumnFilesDescription + " Reads one column (see --column); streamed with --empirical.", required: false);
        AggregationOptions aggregation = AggregationOptions.Create("likely entropy");
        var column = new Option<string>("--column") { Description = "The column to read from --data.", HelpName = "name" };
        column.Description = HelpText.WithDefault(column.Description, "the first column");
        var empirical = new Option<bool>("--empirical") { Description = "With --data: the column holds observed categories (any strings); compute their empirical entropy." };
        var normalize = new Option<bool>("--normalize") { Description = "Rescale non-negative weights to sum to 1 instead of requiring it." };
        BootstrapIntervalOptions interval = BootstrapIntervalOptions.Create();
        Option<LogBase> logBase = BaseOption.Create();
        Option<bool> json = JsonOption.Create("{\"quantity\":\"entropy\",\"value\":1.5,\"base\":2,\"unit\":\"bits\"}");

        var command = new Command("entropy",
            "Shannon entropy H(p) = −Σ p log p (0 log 0 = 0), in nats unless --base.\n" +
            "Examples: likely entropy 0.5 0.25 0.25 --base 2\n" +
            "          likely entropy --counts 3 1 0 --estimator miller-madow --json\n" +
            "          likely entropy --counts 30 12 5 1 1 --estimator chao-shen --ci bootstrap --base 2\n" +
            "          likely entropy --data examples/values.csv --column label --empirical --base 2\n" +
            "          likely entropy --data 'events/*.parquet' --column page --empirical --engine duckdb\n" +
            "          likely entropy --emit-sql --table events --column page --empirical   then: likely entropy --from-stats counts.csv");
        command.Arguments.Add(values);
        command.Options.Add(counts);
        command.Options.Add(estimator);
        file.AddTo(command);
        foreach (Option option in new Option[] { column, empirical, normalize })
        {
            command.Options.Add(option);
        }

        interval.AddTo(command);
        aggregation.AddTo(command);
        command.Options.Add(logBase);
        command.Options.Add(json);

        command.SetAction(parseResult =>
        {
            string[] inline = parseResult.GetValue(values) ?? [];
            string[]? countTokens = parseResult.GetResult(counts) is null ? null : parseResult.GetValue(counts);
            AggregationRequest? request = aggregation.GetValue(parseResult, file.GetValue(parseResult, "likely entropy"), dataOptional: true);
            if (parseResult.GetValue(empirical) && parseResult.GetValue(column) is not null)
            {
                request = request?.ForCounts(); // auto: DuckDB counts a Parquet glob's categories
            }

            string? path = request?.Path == AggregationPath.Embedded ? request.Argument : null;
            int sources = (inline.Length > 0 ? 1 : 0) + (countTokens is not null ? 1 : 0) + (request is not null ? 1 : 0);
            if (sources != 1)
            {
                throw new UsageException("entropy: give exactly one of: probabilities (likely entropy 0.5 0.5), --counts 3 1 0, or --data examples/probabilities.csv (or --query, --from-stats).");
            }

            if (request is { Aggregates: true })
            {
                return Aggregated(context, request, parseResult.GetValue(column), parseResult.GetValue(empirical),
                    parseResult.GetValue(estimator) ?? EntropyEstimator.PlugIn, interval.GetValue(parseResult, "entropy"), interval.MethodOf(parseResult),
                    parseResult.GetValue(logBase), parseResult.GetValue(json));
            }

            if (parseResult.GetValue(empirical) && path is null)
            {
                throw new UsageException("entropy: --empirical needs --data (a CSV column of observed categories).");
            }

            if (parseResult.IsGiven(estimator) && countTokens is null && !parseResult.GetValue(empirical))
            {
                throw new UsageException("entropy: --estimator applies to counts; use it with --counts or with --data … --empirical.");
            }

            if (parseResult.GetResult(column) is not null && path is null)
            {
                throw new UsageException("entropy: --column needs --data (the CSV file to read the column from).");
            }

            BootstrapOptions? bootstrap = interval.GetValue(parseResult, "entropy");
            if (bootstrap is not null && countTokens is null && !parseResult.GetValue(empirical))
            {
                throw new UsageException("entropy: --ci resamples observations; use it with --counts or with --data … --empirical.");
            }

            LogBase unit = parseResult.GetValue(logBase);
            EntropyEstimator method = parseResult.GetValue(estimator) ?? EntropyEstimator.PlugIn;
            string methodName = Vocabulary.EntropyEstimator.NameOf(method);
            QuantityResult result;
            string symbol = "H(p)";
            string? note = null;
            if (countTokens is not null)
            {
                long[] n = NumberList.ParseCounts(countTokens, "--counts");
                result = QuantityResult.Of("entropy", CountEntropy.Compute(n, method, unit), unit) with { Estimator = methodName, Observations = n.Sum() };
                symbol = $"Ĥ ({methodName}, N = {n.Sum()})";
                (result, note) = WithInterval(result, n, method, bootstrap, interval.MethodOf(parseResult), unit);
            }
            else if (path is not null && parseResult.GetValue(empirical))
            {
                // Streamed: the counts of each category (in order of first appearance), not the column, are kept.
                long[] n = [.. ColumnCounts.Labels(path, parseResult.GetValue(column)).Select(c => c.Count)];
                (result, symbol, note) = Empirical(n, path, method, bootstrap, interval.MethodOf(parseResult), unit);
            }
            else
            {
                double[] p = path is not null
                    ? DataColumns.ReadNumbers(DataOption.Files(path), parseResult.GetValue(column))
                    : NumberList.ParseDoubles(inline, "probabilities");
                if (p.Length == 0) throw new UsageException($"{path} has a header but no data rows; add probabilities.");
                result = QuantityResult.Of("entropy", LibraryHints.Run(() => Entropy.Compute(p, unit, parseResult.GetValue(normalize))), unit);
            }

            Write(context, request is null ? result : result with { Engine = request.EngineName }, symbol, unit, note, parseResult.GetValue(json));
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// The empirical entropy from value counts aggregated by DuckDB or exported by another engine (or, with --emit-sql,
    /// the query that counts them).
    /// </summary>
    private static int Aggregated(CliContext context, AggregationRequest request, string? column, bool empirical, EntropyEstimator method,
        BootstrapOptions? bootstrap, Likely.Likelihood.IntervalMethod ci, LogBase unit, bool asJson)
    {
        if (request.Path == AggregationPath.FromStats)
        {
            if (column is not null) throw new UsageException($"entropy: --column is named in the query that made {request.Argument}; drop it (--from-stats reads its columns value, n).");
        }
        else
        {
            if (!empirical) throw new UsageException($"entropy: {request.Flag} counts a column's categories; add --empirical (a column of probabilities is read with --data alone).");
            if (column is null) throw new UsageException($"entropy: {request.Flag} counts one named column; add --column NAME.");
        }

        if (request.Path == AggregationPath.EmitSql)
        {
            return request.Emit(context, "entropy", table => Likely.Aggregation.SqlAggregation.ValueCounts(table, column!), asJson, bootstrap is not null);
        }

        long[] n = request.ValueCounts(column ?? "value").ToArray();
        (QuantityResult result, string symbol, string? note) = Empirical(n, request.Described, method, bootstrap, ci, unit);
        Write(context, result with { Engine = request.EngineName }, symbol, unit, note, asJson);
        return CliApp.Success;
    }

    /// <summary>The entropy of a column of categories from their counts (<paramref name="n"/>, however they were gathered), with its interval when asked.</summary>
    /// <exception cref="UsageException">Nothing was counted.</exception>
    private static (QuantityResult Result, string Symbol, string? Note) Empirical(
        long[] n, string source, EntropyEstimator method, BootstrapOptions? bootstrap, Likely.Likelihood.IntervalMethod ci, LogBase unit)
    {
        long total = n.Sum();
        if (total == 0) throw new UsageException($"{source} has no observations (no data rows, or every count is 0); add observations.");
        string methodName = Vocabulary.EntropyEstimator.NameOf(method);
        QuantityResult result = QuantityResult.Of("entropy", CountEntropy.Compute(n, method, unit), unit)
            with { Estimator = methodName, Observations = total, Categories = n.Length };
        (result, string? note) = WithInterval(result, n, method, bootstrap, ci, unit);
        return (result, $"Ĥ ({methodName}, N = {total}, {n.Length} categories)", note);
    }

    private static void Write(CliContext context, QuantityResult result, string symbol, LogBase unit, string? note, bool asJson)
    {
        if (asJson)
        {
            JsonOutput.Write(context.Output, result, CliJson.Default.QuantityResult);
        }
        else
        {
            QuantityLine.Write(context.Output, symbol, result.Value, unit, note);
        }
    }

    /// <summary>With --ci, the result with its bootstrap interval and the note for the human line; else both unchanged.</summary>
    private static (QuantityResult Result, string? Note) WithInterval(
        QuantityResult result, long[] counts, EntropyEstimator method, BootstrapOptions? bootstrap, Likely.Likelihood.IntervalMethod ci, LogBase unit)
    {
        if (bootstrap is null) return (result, null);
        BootstrapInterval interval = InformationBootstrap.Entropy(counts, method, bootstrap, unit, ci);
        return (result with
            {
                Lower = interval.Lower, Upper = interval.Upper, Level = interval.Level, Resamples = interval.Resamples, Seed = bootstrap.Seed,
                Interval = Vocabulary.IntervalMethod.NameOf(interval.Method),
            },
            BootstrapIntervalOptions.Describe(interval));
    }
}
