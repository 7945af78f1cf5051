using Likely.Resampling;
using System.CommandLine;
using System.Globalization;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary>
/// The <c>--ci bootstrap|bootstrap-percentile [--level 0.95] [--resamples 999] [--seed 1]</c> options of the count-based
/// information commands (<c>entropy</c>, <c>mi</c>): a bootstrap BCa or percentile interval, read into the library's
/// <see cref="BootstrapOptions"/>. <c>--ci</c> names its method as <c>fit --ci</c> does (one vocabulary); these commands
/// compute the two bootstrap intervals only.
/// </summary>
internal sealed class BootstrapIntervalOptions
{
    private readonly BootstrapOptions defaults = new();

    private BootstrapIntervalOptions()
    {
        Ci = Options.ChoiceOption.Create("--ci", Options.Vocabulary.IntervalMethod,
            "Add a confidence interval: bootstrap (BCa: bias-corrected and accelerated, with the jackknife) or bootstrap-percentile (resample the N observations, re-estimate, take quantiles).");
        Level = new Option<double>("--level")
        {
            Description = "With --ci: the confidence level, between 0 and 1.",
            DefaultValueFactory = _ => defaults.Level,
        };
        Resamples = new Option<int>("--resamples")
        {
            Description = "With --ci: the number of bootstrap resamples (≥ 1).",
            DefaultValueFactory = _ => defaults.Resamples,
        };
        Seed = new Option<int>("--seed")
        {
            Description = "With --ci: the seed; the interval depends on it only, never on the thread count.",
            DefaultValueFactory = _ => defaults.Seed,
        };
    }

    /// <summary>--ci.</summary>
    public Option<Likely.Likelihood.IntervalMethod?> Ci { get; }

    /// <summary>--level.</summary>
    public Option<double> Level { get; }

    /// <summary>--resamples.</summary>
    public Option<int> Resamples { get; }

    /// <summary>--seed.</summary>
    public Option<int> Seed { get; }

    /// <summary>Fresh options (an option instance belongs to one command).</summary>
    public static BootstrapIntervalOptions Create() => new();

    /// <summary>Adds the four options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (Option option in new Option[] { Ci, Level, Resamples, Seed }) command.Options.Add(option);
    }

    /// <summary>
    /// The library's options when --ci was given, else null; a --level, --resamples or --seed without --ci, or out of
    /// its range, is a usage error naming the flag.
    /// </summary>
    public BootstrapOptions? GetValue(ParseResult parse, string commandName)
    {
        Likely.Likelihood.IntervalMethod? method = parse.GetValue(Ci);
        if (method is not null and not (Likely.Likelihood.IntervalMethod.BootstrapPercentile or Likely.Likelihood.IntervalMethod.BootstrapBca))
        {
            throw new UsageException($"{commandName}: --ci {Options.Vocabulary.IntervalMethod.NameOf(method.Value)} is not available here; " +
                "the intervals these commands compute are --ci bootstrap and --ci bootstrap-percentile (profile and Wald intervals need a likelihood with parameters, as in likely fit).");
        }

        if (method is null)
        {
            foreach (Option option in new Option[] { Level, Resamples, Seed })
            {
                if (parse.IsGiven(option))
                {
                    throw new UsageException($"{commandName}: {option.Name} applies to the bootstrap interval; add --ci bootstrap (or --ci bootstrap-percentile).");
                }
            }

            return null;
        }

        double level = parse.GetValue(Level);
        int resamples = parse.GetValue(Resamples);
        CheckLevel(level);
        if (resamples < 1)
        {
            throw new UsageException($"--resamples {resamples} is out of range: it must be at least 1 (999 is usual).");
        }

        return defaults with { Level = level, Resamples = resamples, Seed = parse.GetValue(Seed) };
    }

    /// <summary>The interval --ci asked for (percentile when --ci is absent: then no interval is computed at all).</summary>
    public Likely.Likelihood.IntervalMethod MethodOf(ParseResult parse) => parse.GetValue(Ci) ?? Likely.Likelihood.IntervalMethod.BootstrapPercentile;

    /// <summary>--level, checked: strictly between 0 and 1. Shared with <c>fit --level</c>, so one rule and one message.</summary>
    /// <exception cref="UsageException">The level is outside (0, 1).</exception>
    public static void CheckLevel(double level)
    {
        if (!(level > 0 && level < 1))
        {
            throw new UsageException($"--level {level.ToString(CultureInfo.InvariantCulture)} is out of range: it must be between 0 and 1 exclusive, e.g. 0.95.");
        }
    }

    /// <summary>"95% bootstrap interval 1.41–1.58, 999 resamples" (percentile) or "95% bootstrap BCa interval …", for the human line.</summary>
    public static string Describe(BootstrapInterval interval) =>
        $"{(interval.Level * 100).ToString("0.###", CultureInfo.InvariantCulture)}% bootstrap {(interval.Method == Likely.Likelihood.IntervalMethod.BootstrapBca ? "BCa " : "")}interval " +
        $"{NumberText.Format(interval.Lower)}–{NumberText.Format(interval.Upper)}, {interval.Resamples} resamples";
}
