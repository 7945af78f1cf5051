using Likely.Resampling;
using System.CommandLine;
using Likely.Aggregation;
using Likely.Cli.Commands.Likelihood;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Distributions;
using Likely.Information;
using Likely.Likelihood;
using Spectre.Console;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely fit FAMILY --data F --column C [--fix name=value]… [--ci profile|wald|bootstrap|bootstrap-percentile
/// [--level 0.95] [--resamples 999] [--seed 1]] [--json]</c>: the maximum-likelihood fit of one family to one CSV column,
/// with confidence intervals on request (<see cref="ProfileLikelihood"/>, <see cref="WaldInterval"/>,
/// <see cref="ParameterBootstrap"/>); <c>likely fit auto</c> ranks every family whose support contains the data and
/// tests the best against the others (see <see cref="ModelSelection"/>). The families and their parameters come from the
/// library's registry.
/// </summary>
public static class FitCommand
{
    /// <summary>Creates the <c>fit</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var family = new Argument<string>("family")
        {
            Description = $"The family, with the parameters --fix can hold: {FamilyOptions.FamilyList}; or auto to compare every family whose support contains the data.",
        };
        DataOption file = DataOption.Create(DataOption.ColumnFilesDescription + " Or --query, --emit-sql or --from-stats.", required: false);
        AggregationOptions aggregation = AggregationOptions.Create("likely fit");
        var column = new Option<string?>("--column") { Description = HelpText.WithDefault("Column to fit.", "the first column"), HelpName = "name" };
        var fix = new Option<string[]>("--fix") { Description = FamilyOptions.FixDescription, HelpName = "name=value", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object instead of tables, e.g. {\"family\":\"normal\",\"data\":…,\"column\":…,\"fit\":{\"observations\":500,\"parameters\":[…],\"logLikelihood\":…}}.",
        };
        var testFraction = new Option<double>("--test-fraction")
        {
            Description = "auto only: fraction of rows held out to score each family's cross-entropy.",
            DefaultValueFactory = _ => 0.2,
        };
        var seed = new Option<int>("--seed") { Description = "auto: seed of the train/test shuffle; --ci bootstrap: seed of the resamples (the intervals depend on it, never on the thread count).", DefaultValueFactory = _ => 1 };
        Option<IntervalMethod?> ci = ChoiceOption.Create("--ci", Vocabulary.IntervalMethod,
            "Add each parameter's confidence interval (columns lower, upper): profile (likelihood ratio), wald (θ̂ ± z·SE), bootstrap (BCa) or bootstrap-percentile, both from nonparametric resamples refitted.");
        var level = new Option<double>("--level")
        {
            Description = "With --ci: the confidence level, between 0 and 1.",
            DefaultValueFactory = _ => 0.95,
        };
        var resamples = new Option<int>("--resamples")
        {
            Description = "With --gof, --ci bootstrap or bootstrap-percentile: the number of resamples, each refitted (≥ 2).",
            DefaultValueFactory = _ => 999,
        };
        var gof = new Option<bool>("--gof")
        {
            Description = "Test the fit: Kolmogorov–Smirnov, Cramér–von Mises and Anderson–Darling (continuous families) or χ² over pooled cells (discrete), " +
                "with p-values by a parametric bootstrap that refits every resample (--resamples, --seed); with --censored, sup |Kaplan–Meier − fitted CDF|, " +
                "its resamples censored as the data were (reverse Kaplan–Meier).",
        };
        var censored = new Option<string?>("--censored")
        {
            Description = "A column of flags: 1 where the value is right-censored (known only to be exceeded), 0 where it is exact; " +
                "censored rows enter the likelihood through the survival function. Continuous families. With --ci, --gof and --plot " +
                "the intervals, the test and the figure are the censored ones (Kaplan–Meier in place of the empirical CDF).",
            HelpName = "column",
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Also draw the fit to a .png or .svg file: density over histogram, empirical (Kaplan–Meier with --censored) and fitted CDFs, Q-Q and P-P (R's fitdistrplus figure).",
            HelpName = "file",
        };
        Option<VuongCorrection?> vuongCorrection = ChoiceOption.Create("--vuong-correction", Vocabulary.VuongCorrection,
            "auto only: the parameter-count correction of the Vuong tests, subtracted from Σ ln-likelihood ratios: none, aic (k₁ − k₂) or bic ((k₁ − k₂)·ln N / 2).",
            VuongCorrection.None);
        var command = new Command(
            "fit",
            "Maximum-likelihood fit of a distribution to one column of a CSV or Parquet file: estimates, standard errors, log-likelihood, cross-entropy, AIC, BIC, and confidence intervals with --ci.\n" +
            "Example: likely fit normal --data examples/heights.csv --column height_cm\n" +
            "Example: likely fit gamma --data examples/heights.csv --column height_cm --ci profile\n" +
            "Example: likely fit weibull --data examples/lifetimes.csv --column hours --censored still_running --ci profile --plot fit.png\n" +
            "Example: likely fit normal --data examples/heights.csv --column height_cm --gof --plot fit.png\n" +
            "Example: likely fit auto --data examples/heights.csv --column height_cm --vuong-correction bic\n" +
            "Example: likely fit poisson --data 'events/*.parquet' --column count   (streams in constant memory without --gof, --plot, --censored or a --ci other than wald)\n" +
            "Example: likely fit poisson --data 'events/*.parquet' --column count --engine duckdb\n" +
            "Example: likely fit normal --emit-sql --table events --column latency   then: likely fit normal --from-stats stats.csv");
        command.Arguments.Add(family);
        file.AddTo(command);
        foreach (Option option in new Option[] { column, fix, ci, level, gof, resamples, censored, plot, json, testFraction, seed, vuongCorrection })
        {
            command.Options.Add(option);
        }

        aggregation.AddTo(command);
        command.SetAction(parse =>
        {
            string name = parse.GetValue(family)!;
            AggregationRequest request = aggregation.GetValue(parse, file.GetValue(parse, "likely fit"))!;
            string path = request.Argument;
            string? col = parse.GetValue(column);
            string[] pairs = parse.GetValue(fix) ?? [];
            bool auto = name.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase);
            IntervalMethod? method = parse.GetValue(ci);
            string? plotPath = parse.GetValue(plot), censoredColumn = parse.GetValue(censored);
            bool testFit = parse.GetValue(gof);
            FitOptionRules.Check(new FitOptionsGiven(auto, pairs.Length > 0, method, testFit, censoredColumn is not null, plotPath is not null,
                parse.IsGiven(testFraction), parse.IsGiven(seed), parse.IsGiven(level), parse.IsGiven(resamples), parse.IsGiven(vuongCorrection), request.Flag));
            if (auto)
            {
                double fraction = parse.GetValue(testFraction);
                if (!(fraction > 0 && fraction < 1))
                {
                    throw new UsageException($"--test-fraction {fraction} must be strictly between 0 and 1, e.g. 0.2.");
                }

                AutoFit.Run(context, path, col, fraction, parse.GetValue(seed), parse.GetValue(vuongCorrection) ?? VuongCorrection.None, parse.GetValue(json));
                return CliApp.Success;
            }

            DistributionFamily chosen = FamilyOptions.Resolve(name, " (or auto)");
            Dictionary<string, double> held = FamilyOptions.ParseFixed(pairs);
            bool needsSample = testFit || plotPath is not null || censoredColumn is not null || method is not (null or IntervalMethod.Wald);
            if (!needsSample && col is not null && StreamingFit.FromCounts(chosen))
            {
                request = request.ForCounts(); // auto: DuckDB counts a Parquet glob's values (exact, so the same fit)
            }

            if (request.Aggregates)
            {
                return Aggregated(context, request, chosen, col, held, method is null ? null : parse.GetValue(level), parse.GetValue(json));
            }

            // Checked before the data are read, so a bad --plot fails at once.
            (OutputFile File, FigureFormat Format)? figure = plotPath is not null ? FitPlot.Prepare(plotPath, path) : null;
            if (StreamingFit.Applies(chosen, needsSample) && chosen == Categorical.Family)
            {
                StreamingFit.Hold(chosen, held);
                (DistributionFit categorical, string[] classes) = StreamingFit.Categorical(ColumnCounts.Labels(path, col), path, col, held);
                ConfidenceIntervals? wald = method is null ? null : WaldIntervals(chosen, categorical, parse.GetValue(level));
                Print(context, chosen.Name, path, col, new FitOutcome(categorical, wald, null, null, null), classes, parse.GetValue(json), request.EngineName);
                return CliApp.Success;
            }

            if (StreamingFit.Applies(chosen, needsSample))
            {
                DistributionFit streamed = StreamingFit.Fit(chosen, path, col, held);
                ConfidenceIntervals? wald = method is null ? null : WaldIntervals(chosen, streamed, parse.GetValue(level));
                Print(context, chosen.Name, path, col, new FitOutcome(streamed, wald, null, null, null), null, parse.GetValue(json), request.EngineName);
                return CliApp.Success;
            }

            LikelihoodSample sample = LikelihoodSample.For(chosen, path, col);
            bool[]? flags = censoredColumn is not null ? CensoringColumn.Read(path, censoredColumn, sample.Values.Length) : null;
            DistributionFit fit = flags is null ? FamilyOptions.Fit(chosen, sample, held) : CensoringColumn.Fit(chosen, sample, flags, held);
            int seedValue = parse.GetValue(seed);
            ConfidenceIntervals? intervals = method is { } m
                ? Intervals(m, chosen, sample, flags, fit, held, parse.GetValue(level), parse.GetValue(resamples), seedValue)
                : null;
            GoodnessOfFitResult[]? tests = !testFit ? null
                : flags is null ? GoodnessOfFitReport.Run(chosen, sample.Values, held, Resamples(parse.GetValue(resamples)), seedValue)
                : GoodnessOfFitReport.RunCensored(chosen, sample.Values, flags, held, Resamples(parse.GetValue(resamples)), seedValue);
            if (figure is { } target)
            {
                FitPlot.Write(target.File, target.Format, fit, sample, col ?? "x", flags);
            }

            var outcome = new FitOutcome(fit, intervals, flags?.Count(f => f), tests, plotPath);
            Print(context, chosen.Name, path, col, outcome, sample.Labels, parse.GetValue(json), request.EngineName);
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// The fit from sufficient statistics that DuckDB or another engine aggregated (or, with --emit-sql, the query that
    /// aggregates them), with Wald intervals when asked: the estimate equals the embedded engine's to about 1e-12.
    /// </summary>
    private static int Aggregated(CliContext context, AggregationRequest request, DistributionFamily family, string? column,
        Dictionary<string, double> held, double? level, bool asJson)
    {
        StreamingFit.CheckAggregatable(family, request);
        StreamingFit.Hold(family, held); // before any engine runs
        if (request.Path == AggregationPath.FromStats)
        {
            if (column is not null)
            {
                throw new UsageException($"--column is named in the query that made {request.Argument}; drop it (--from-stats reads the statistics as they are).");
            }
        }
        else if (column is null)
        {
            throw new UsageException($"{request.Flag} aggregates one named column; add --column NAME.");
        }

        if (request.Path == AggregationPath.EmitSql)
        {
            return request.Emit(context, "fit", table => SqlAggregation.FitStatistics(table, column!, family), asJson, level is not null);
        }

        string[]? classes = null;
        DistributionFit fit;
        if (family == Categorical.Family)
        {
            CategoryCounts<string> counts = request.ValueCounts(column ?? "value");
            (fit, classes) = StreamingFit.Categorical([.. counts.Categories.Select(label => (label, counts[label]))], request.Described, column, held);
        }
        else
        {
            fit = StreamingFit.Fit(family, request.FitStatistics(column!, family), request.Described, column, held);
        }

        ConfidenceIntervals? wald = level is { } confidence ? WaldIntervals(family, fit, confidence) : null;
        Print(context, family.Name, request.Described, column ?? "(as aggregated)", new FitOutcome(fit, wald, null, null, null), classes, asJson, request.EngineName);
        return CliApp.Success;
    }

    /// <summary>The intervals --ci asks for, with --level and (bootstrap) --resamples and --seed checked first.</summary>
    /// <exception cref="UsageException">A value is out of range, or a fit the interval needs failed.</exception>
    /// <remarks>With censoring flags, the profile and the bootstrap refit the censored likelihood; Wald reads the censored fit's own standard errors.</remarks>
    private static ConfidenceIntervals Intervals(IntervalMethod method, DistributionFamily family, LikelihoodSample sample, bool[]? censored,
        DistributionFit fit, Dictionary<string, double> held, double level, int resamples, int seed)
    {
        BootstrapIntervalOptions.CheckLevel(level);
        Resamples(resamples);

        try
        {
            return method switch
            {
                IntervalMethod.Profile => censored is null
                    ? ProfileLikelihood.Intervals(family, sample.Values, level, held)
                    : ProfileLikelihood.Intervals(family, sample.Values, censored, level, held),
                IntervalMethod.Wald => WaldInterval.Intervals(family, fit, level),
                _ => Bootstrap(method, family, sample, censored, held, new BootstrapOptions { Level = level, Resamples = resamples, Seed = seed }),
            };
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException(exception.Message);
        }
    }

    /// <summary>--ci wald from a fit alone (what a streamed fit can give): --level checked first.</summary>
    /// <exception cref="UsageException">--level is out of range, or the information matrix is singular.</exception>
    private static ConfidenceIntervals WaldIntervals(DistributionFamily family, DistributionFit fit, double level)
    {
        BootstrapIntervalOptions.CheckLevel(level);
        try
        {
            return WaldInterval.Intervals(family, fit, level);
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException(exception.Message);
        }
    }

    /// <summary>--resamples, checked: at least 2.</summary>
    private static int Resamples(int resamples) => resamples >= 2
        ? resamples
        : throw new UsageException($"--resamples {resamples} is out of range: it must be at least 2 (999 is usual).");

    /// <summary>Nonparametric bootstrap intervals: rows resampled with replacement, (value, censored) pairs together when censored.</summary>
    private static ConfidenceIntervals Bootstrap(IntervalMethod method, DistributionFamily family, LikelihoodSample sample, bool[]? censored,
        Dictionary<string, double> held, BootstrapOptions options)
    {
        BootstrapIntervals both = censored is null
            ? ParameterBootstrap.Intervals(family, sample.Values, options, BootstrapResampling.Nonparametric, held)
            : ParameterBootstrap.Intervals(family, sample.Values, censored, options, held);
        return method == IntervalMethod.BootstrapPercentile ? both.Percentile : both.Bca;
    }

    private static void Print(CliContext context, string family, string path, string? column, FitOutcome outcome, string[]? labels, bool asJson,
        string? engine)
    {
        DistributionFit fit = outcome.Fit;
        ConfidenceIntervals? intervals = outcome.Intervals;
        if (asJson)
        {
            IntervalResult? interval = intervals is null ? null
                : new IntervalResult(Vocabulary.IntervalMethod.NameOf(intervals.Method), intervals.Level, intervals.Resamples, intervals.Seed, intervals.FailedResamples);
            var result = new FitResult(family, path, column ?? "(first)", FitStatisticsResult.Of(fit, labels, intervals), interval,
                outcome.CensoredCount, outcome.Tests is null ? null : GoodnessOfFitReport.Json(outcome.Tests), outcome.Plot, engine);
            JsonOutput.Write(context.Output, result, CliJson.Default.FitResult);
            return;
        }

        string censoredNote = outcome.CensoredCount is { } count ? $" ({NumberText.Count(count)} right-censored)" : "";
        context.Output.WriteLine($"Maximum-likelihood fit: {family} to {path}, column {column ?? "(first)"}, N = {fit.ObservationCount}{censoredNote}");
        CliConsole.Write(context.Output, LikelihoodFormat.ParameterTable(fit, labels, intervals));
        if (intervals is not null)
        {
            context.Output.WriteLine(LikelihoodFormat.IntervalNote(intervals));
        }

        Table summary = CliConsole.Table("statistic", "value");
        CliConsole.AddRow(summary, "log-likelihood ln L", LikelihoodFormat.Number(fit.LogLikelihood));
        CliConsole.AddRow(summary, "mean log-likelihood (1/N) ln L", LikelihoodFormat.Number(fit.MeanLogLikelihood));
        CliConsole.AddRow(summary, "cross-entropy H(p̂, model), nats", LikelihoodFormat.Number(fit.CrossEntropy));
        CliConsole.AddRow(summary, $"AIC (k = {fit.FreeParameterCount})", LikelihoodFormat.Number(fit.Aic));
        CliConsole.AddRow(summary, "BIC", LikelihoodFormat.Number(fit.Bic));
        CliConsole.Write(context.Output, summary);
        context.Output.WriteLine(outcome.CensoredCount is null
            ? "Standard errors from the observed Fisher information; the mean log-likelihood is minus the cross-entropy."
            : "ln L = Σ ln f(x) over exact rows + Σ ln S(x) over censored rows (S = P(X > x)); standard errors from its observed information.");
        if (outcome.Tests is { } tests)
        {
            GoodnessOfFitReport.Write(context.Output, tests);
        }

        if (outcome.Plot is { } plot)
        {
            context.Output.WriteLine($"Figure written to {plot}.");
        }
    }
}

/// <summary>A fit and what was asked of it besides.</summary>
/// <param name="Fit">The fit.</param>
/// <param name="Intervals">--ci's intervals, or null.</param>
/// <param name="CensoredCount">With --censored, how many rows were censored.</param>
/// <param name="Tests">--gof's tests, or null.</param>
/// <param name="Plot">The figure written, or null.</param>
internal sealed record FitOutcome(DistributionFit Fit, ConfidenceIntervals? Intervals, int? CensoredCount, GoodnessOfFitResult[]? Tests, string? Plot);
