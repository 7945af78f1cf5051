using Likely.Resampling;
using System.CommandLine;
using Likely.Cli.Commands.Likelihood;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
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
        DataOption file = DataOption.Create("CSV file with a header row.", required: true);
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
                "with p-values by a parametric bootstrap that refits every resample (--resamples, --seed).",
        };
        var censored = new Option<string?>("--censored")
        {
            Description = "A column of flags: 1 where the value is right-censored (known only to be exceeded), 0 where it is exact; " +
                "censored rows enter the likelihood through the survival function. Continuous families.",
            HelpName = "column",
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Also draw the fit to a .png or .svg file: density over histogram, empirical and fitted CDFs, Q-Q and P-P (R's fitdistrplus figure).",
            HelpName = "file",
        };
        var command = new Command(
            "fit",
            "Maximum-likelihood fit of a distribution to one CSV column: estimates, standard errors, log-likelihood, cross-entropy, AIC, BIC, and confidence intervals with --ci.\n" +
            "Example: likely fit normal --data examples/heights.csv --column height_cm\n" +
            "Example: likely fit gamma --data examples/heights.csv --column height_cm --ci profile\n" +
            "Example: likely fit weibull --data examples/lifetimes.csv --column hours --censored still_running\n" +
            "Example: likely fit normal --data examples/heights.csv --column height_cm --gof --plot fit.png\n" +
            "Example: likely fit auto --data examples/heights.csv --column height_cm");
        command.Arguments.Add(family);
        file.AddTo(command);
        foreach (Option option in new Option[] { column, fix, ci, level, gof, resamples, censored, plot, json, testFraction, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string name = parse.GetValue(family)!;
            string path = file.GetValue(parse, "likely fit")!;
            string? col = parse.GetValue(column);
            string[] pairs = parse.GetValue(fix) ?? [];
            bool auto = name.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase);
            IntervalMethod? method = parse.GetValue(ci);
            var extras = new FitRequestExtras(parse.GetValue(gof), parse.GetValue(censored), parse.GetValue(plot));
            RefuseOptionsOfTheOtherMode(auto, pairs, parse.IsGiven(testFraction), parse.IsGiven(seed), method, extras);
            RefuseIntervalOptionsWithout(method, parse.IsGiven(level), parse.IsGiven(resamples), extras.GoodnessOfFit);
            if (auto)
            {
                double fraction = parse.GetValue(testFraction);
                if (!(fraction > 0 && fraction < 1))
                {
                    throw new UsageException($"--test-fraction {fraction} must be strictly between 0 and 1, e.g. 0.2.");
                }

                AutoFit.Run(context, path, col, fraction, parse.GetValue(seed), parse.GetValue(json));
                return CliApp.Success;
            }

            DistributionFamily chosen = FamilyOptions.Resolve(name, " (or auto)");
            Dictionary<string, double> held = FamilyOptions.ParseFixed(pairs);
            // Checked before the data are read, so a bad --plot fails at once.
            (OutputFile File, FigureFormat Format)? figure = extras.Plot is { } plotPath ? FitPlot.Prepare(plotPath, path) : null;
            LikelihoodSample sample = LikelihoodSample.For(chosen, path, col);
            bool[]? flags = extras.CensoredColumn is { } flagColumn ? CensoringColumn.Read(path, flagColumn, sample.Values.Length) : null;
            DistributionFit fit = flags is null ? FamilyOptions.Fit(chosen, sample, held) : CensoredFit(chosen, sample, flags, held);
            ConfidenceIntervals? intervals = method is { } m
                ? Intervals(m, chosen, sample, fit, held, parse.GetValue(level), parse.GetValue(resamples), parse.GetValue(seed))
                : null;
            GoodnessOfFitResult[]? tests = extras.GoodnessOfFit
                ? GoodnessOfFitReport.Run(chosen, sample.Values, held, Resamples(parse.GetValue(resamples)), parse.GetValue(seed))
                : null;
            if (figure is { } target)
            {
                FitPlot.Write(target.File, target.Format, fit, sample, col ?? "x");
            }

            var outcome = new FitOutcome(fit, intervals, flags?.Count(f => f), tests, extras.Plot);
            Print(context, chosen.Name, path, col, outcome, sample.Labels, parse.GetValue(json));
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The intervals --ci asks for, with --level and (bootstrap) --resamples and --seed checked first.</summary>
    /// <exception cref="UsageException">A value is out of range, or a fit the interval needs failed.</exception>
    private static ConfidenceIntervals Intervals(IntervalMethod method, DistributionFamily family, LikelihoodSample sample, DistributionFit fit,
        Dictionary<string, double> held, double level, int resamples, int seed)
    {
        BootstrapIntervalOptions.CheckLevel(level);
        Resamples(resamples);

        try
        {
            return method switch
            {
                IntervalMethod.Profile => ProfileLikelihood.Intervals(family, sample.Values, level, held),
                IntervalMethod.Wald => WaldInterval.Intervals(family, fit, level),
                _ => Bootstrap(method, family, sample, held, new BootstrapOptions { Level = level, Resamples = resamples, Seed = seed }),
            };
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

    /// <summary>The censored-data MLE, with the library's refusals as one-line usage errors.</summary>
    private static DistributionFit CensoredFit(DistributionFamily family, LikelihoodSample sample, bool[] censored, Dictionary<string, double> held)
    {
        try
        {
            return CensoredMaximumLikelihood.Fit(family, sample.Values, censored, held);
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException(exception.Message);
        }
    }

    private static ConfidenceIntervals Bootstrap(IntervalMethod method, DistributionFamily family, LikelihoodSample sample, Dictionary<string, double> held, BootstrapOptions options)
    {
        BootstrapIntervals both = ParameterBootstrap.Intervals(family, sample.Values, options, BootstrapResampling.Nonparametric, held);
        return method == IntervalMethod.BootstrapPercentile ? both.Percentile : both.Bca;
    }

    /// <summary>
    /// --fix and --ci belong to a one-family fit and --test-fraction to auto; --seed to auto or a bootstrap. Given
    /// where they would be ignored, they are refused instead.
    /// </summary>
    /// <exception cref="UsageException">An option of the other mode was given.</exception>
    private static void RefuseOptionsOfTheOtherMode(bool auto, string[] fixPairs, bool fractionGiven, bool seedGiven, IntervalMethod? method, FitRequestExtras extras)
    {
        if (auto && extras.Given is { } option)
        {
            throw new UsageException($"{option} applies to one family; fit auto compares families. Drop it, or fit one family, e.g. likely fit normal {option} ….");
        }

        if (extras.CensoredColumn is not null && (method is not null || extras.GoodnessOfFit || extras.Plot is not null))
        {
            string other = method is not null ? "--ci" : extras.GoodnessOfFit ? "--gof" : "--plot";
            throw new UsageException($"{other} is not available with --censored yet (it needs the censored versions of the resampling and of the empirical CDF); drop one of them.");
        }

        if (auto && fixPairs.Length > 0)
        {
            throw new UsageException("--fix applies to one family; fit auto compares families with every parameter estimated. Drop --fix, or fit one family, e.g. likely fit normal --fix mu=170 ….");
        }

        if (auto && method is not null)
        {
            throw new UsageException("--ci applies to one family; fit auto compares families (it prints Vuong and likelihood-ratio tests instead). Drop --ci, or fit one family, e.g. likely fit gamma --ci profile ….");
        }

        bool resampling = method is IntervalMethod.BootstrapBca or IntervalMethod.BootstrapPercentile || extras.GoodnessOfFit;
        if (!auto && (fractionGiven || (seedGiven && !resampling)))
        {
            throw new UsageException(fractionGiven
                ? "--test-fraction applies to fit auto only (it splits the rows it scores on); drop it to fit one family."
                : "--seed applies to fit auto (the train/test split), --gof and --ci bootstrap (the resamples); drop it, or add --gof or --ci bootstrap.");
        }
    }

    /// <summary>--level needs --ci, and --resamples a bootstrap.</summary>
    /// <exception cref="UsageException">One was given without what it applies to.</exception>
    private static void RefuseIntervalOptionsWithout(IntervalMethod? method, bool levelGiven, bool resamplesGiven, bool goodnessOfFit)
    {
        if (method is null && (levelGiven || (resamplesGiven && !goodnessOfFit)))
        {
            throw new UsageException(levelGiven
                ? $"--level applies to confidence intervals; add --ci {string.Join("|", Vocabulary.IntervalMethod.Names)}."
                : $"--resamples applies to --gof and to bootstrap confidence intervals; add --gof or --ci bootstrap.");
        }

        if (resamplesGiven && !goodnessOfFit && method is not (IntervalMethod.BootstrapBca or IntervalMethod.BootstrapPercentile))
        {
            throw new UsageException($"--resamples applies to --ci bootstrap or bootstrap-percentile, not --ci {Vocabulary.IntervalMethod.NameOf(method!.Value)}; drop it.");
        }
    }

    private static void Print(CliContext context, string family, string path, string? column, FitOutcome outcome, string[]? labels, bool asJson)
    {
        DistributionFit fit = outcome.Fit;
        ConfidenceIntervals? intervals = outcome.Intervals;
        if (asJson)
        {
            IntervalResult? interval = intervals is null ? null
                : new IntervalResult(Vocabulary.IntervalMethod.NameOf(intervals.Method), intervals.Level, intervals.Resamples, intervals.Seed, intervals.FailedResamples);
            var result = new FitResult(family, path, column ?? "(first)", FitStatisticsResult.Of(fit, labels, intervals), interval,
                outcome.CensoredCount, outcome.Tests is null ? null : GoodnessOfFitReport.Json(outcome.Tests), outcome.Plot);
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

/// <summary>What <c>fit</c> does beyond the point estimate: --gof, --censored and --plot, as given.</summary>
/// <param name="GoodnessOfFit">--gof.</param>
/// <param name="CensoredColumn">--censored, or null.</param>
/// <param name="Plot">--plot, or null.</param>
internal sealed record FitRequestExtras(bool GoodnessOfFit, string? CensoredColumn, string? Plot)
{
    /// <summary>The first of them given, as typed, or null when none is.</summary>
    public string? Given => GoodnessOfFit ? "--gof" : CensoredColumn is not null ? "--censored" : Plot is not null ? "--plot" : null;
}

/// <summary>A fit and what was asked of it besides.</summary>
/// <param name="Fit">The fit.</param>
/// <param name="Intervals">--ci's intervals, or null.</param>
/// <param name="CensoredCount">With --censored, how many rows were censored.</param>
/// <param name="Tests">--gof's tests, or null.</param>
/// <param name="Plot">The figure written, or null.</param>
internal sealed record FitOutcome(DistributionFit Fit, ConfidenceIntervals? Intervals, int? CensoredCount, GoodnessOfFitResult[]? Tests, string? Plot);
