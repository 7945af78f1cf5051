using Likely.Cli.Options;
using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>Which of <c>likely fit</c>'s options were given, as the rules about their combinations need to know.</summary>
/// <param name="Auto">The family is <c>auto</c>.</param>
/// <param name="Fix">--fix was given.</param>
/// <param name="Interval">--ci's method, or null.</param>
/// <param name="GoodnessOfFit">--gof.</param>
/// <param name="Censored">--censored was given.</param>
/// <param name="Plot">--plot was given.</param>
/// <param name="TestFraction">--test-fraction was given.</param>
/// <param name="Seed">--seed was given.</param>
/// <param name="Level">--level was given.</param>
/// <param name="Resamples">--resamples was given.</param>
/// <param name="VuongCorrection">--vuong-correction was given.</param>
/// <param name="Aggregation">The flag that chose an aggregating path (--engine duckdb, --query, --emit-sql, --from-stats), or null for the embedded engine.</param>
internal sealed record FitOptionsGiven(bool Auto, bool Fix, IntervalMethod? Interval, bool GoodnessOfFit, bool Censored, bool Plot,
    bool TestFraction, bool Seed, bool Level, bool Resamples, bool VuongCorrection, string? Aggregation = null)
{
    /// <summary>--ci bootstrap or bootstrap-percentile.</summary>
    public bool Bootstrap => Interval is IntervalMethod.BootstrapBca or IntervalMethod.BootstrapPercentile;

    /// <summary>Something that draws resamples (--gof or a bootstrap interval), so --seed and --resamples apply.</summary>
    public bool Resampling => Bootstrap || GoodnessOfFit;

    /// <summary>The first of --gof, --censored and --plot given, as typed, or null.</summary>
    public string? OneFamilyExtra => GoodnessOfFit ? "--gof" : Censored ? "--censored" : Plot ? "--plot" : null;
}

/// <summary>
/// The rules about which of <c>likely fit</c>'s options go together, one small check per rule, run in order before any
/// data is read: an option given where it would be ignored is refused in one line that says what it applies to.
/// </summary>
internal static class FitOptionRules
{
    /// <summary>Runs every rule.</summary>
    /// <exception cref="UsageException">The first rule broken.</exception>
    public static void Check(FitOptionsGiven given)
    {
        OneFamilyExtrasNeedOneFamily(given);
        FixNeedsOneFamily(given);
        IntervalsNeedOneFamily(given);
        TestFractionNeedsAuto(given);
        VuongCorrectionNeedsAuto(given);
        SeedNeedsAutoOrResampling(given);
        LevelNeedsIntervals(given);
        ResamplesNeedResampling(given);
        AggregationGivesStatisticsOnly(given);
    }

    /// <summary>
    /// DuckDB, --emit-sql and --from-stats give a family's sufficient statistics, not its rows: what needs every value
    /// (fit auto's held-out rows, --gof, --censored, --plot, profile and bootstrap intervals) needs the embedded engine.
    /// </summary>
    private static void AggregationGivesStatisticsOnly(FitOptionsGiven given)
    {
        if (given.Aggregation is not { } path) return;
        string? needsRows = given.Auto ? "fit auto (it scores families on held-out rows)"
            : given.OneFamilyExtra is { } extra ? extra
            : given.Interval is { } method and not IntervalMethod.Wald ? $"--ci {Vocabulary.IntervalMethod.NameOf(method)}"
            : null;
        if (needsRows is not null)
        {
            throw new UsageException($"{needsRows} needs every value, and {path} gives only the sufficient statistics; read the rows with --data (the embedded engine), or use --ci wald.");
        }
    }

    /// <summary>--gof, --censored and --plot describe one family's fit.</summary>
    private static void OneFamilyExtrasNeedOneFamily(FitOptionsGiven given)
    {
        if (given.Auto && given.OneFamilyExtra is { } option)
        {
            throw new UsageException($"{option} applies to one family; fit auto compares families. Drop it, or fit one family, e.g. likely fit normal {option} ….");
        }
    }

    /// <summary>fit auto estimates every parameter of every family.</summary>
    private static void FixNeedsOneFamily(FitOptionsGiven given)
    {
        if (given.Auto && given.Fix)
        {
            throw new UsageException("--fix applies to one family; fit auto compares families with every parameter estimated. Drop --fix, or fit one family, e.g. likely fit normal --fix mu=170 ….");
        }
    }

    /// <summary>Intervals are for one family's parameters.</summary>
    private static void IntervalsNeedOneFamily(FitOptionsGiven given)
    {
        if (given.Auto && given.Interval is not null)
        {
            throw new UsageException("--ci applies to one family; fit auto compares families (it prints Vuong and likelihood-ratio tests instead). Drop --ci, or fit one family, e.g. likely fit gamma --ci profile ….");
        }
    }

    /// <summary>Only fit auto holds rows out.</summary>
    private static void TestFractionNeedsAuto(FitOptionsGiven given)
    {
        if (!given.Auto && given.TestFraction)
        {
            throw new UsageException("--test-fraction applies to fit auto only (it splits the rows it scores on); drop it to fit one family.");
        }
    }

    /// <summary>Only fit auto runs Vuong tests.</summary>
    private static void VuongCorrectionNeedsAuto(FitOptionsGiven given)
    {
        if (!given.Auto && given.VuongCorrection)
        {
            throw new UsageException("--vuong-correction applies to fit auto only (its Vuong tests of the best family against the others); drop it to fit one family.");
        }
    }

    /// <summary>--seed seeds fit auto's split or the resamples of --gof and a bootstrap.</summary>
    private static void SeedNeedsAutoOrResampling(FitOptionsGiven given)
    {
        if (!given.Auto && given.Seed && !given.Resampling)
        {
            throw new UsageException("--seed applies to fit auto (the train/test split), --gof and --ci bootstrap (the resamples); drop it, or add --gof or --ci bootstrap.");
        }
    }

    /// <summary>--level is the intervals' confidence level.</summary>
    private static void LevelNeedsIntervals(FitOptionsGiven given)
    {
        if (given.Level && given.Interval is null)
        {
            throw new UsageException($"--level applies to confidence intervals; add --ci {string.Join("|", Vocabulary.IntervalMethod.Names)}.");
        }
    }

    /// <summary>--resamples counts the resamples of --gof or a bootstrap interval.</summary>
    private static void ResamplesNeedResampling(FitOptionsGiven given)
    {
        if (given.Resamples && !given.Resampling)
        {
            throw new UsageException(given.Interval is { } method
                ? $"--resamples applies to --ci bootstrap or bootstrap-percentile, not --ci {Vocabulary.IntervalMethod.NameOf(method)}; drop it."
                : "--resamples applies to --gof and to bootstrap confidence intervals; add --gof or --ci bootstrap.");
        }
    }
}
