using Likely.Cli.Output;
using Likely.Likelihood;
using Spectre.Console;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>One goodness-of-fit test in the JSON of <c>likely fit … --gof</c>.</summary>
/// <param name="Statistic">kolmogorov-smirnov, cramer-von-mises, anderson-darling or chi-square; kaplan-meier-kolmogorov-smirnov with --censored.</param>
/// <param name="Value">The statistic under the fit.</param>
/// <param name="PValue">Its parametric-bootstrap p-value, (1 + #{T_b ≥ T}) / (B + 1).</param>
/// <param name="PValueStandardError">The p-value's Monte Carlo standard error √(p(1 − p)/B).</param>
/// <param name="Resamples">B, the resamples that were refitted.</param>
/// <param name="FailedRefits">Resamples whose refit failed and were left out.</param>
public sealed record GoodnessOfFitTestResult(string Statistic, double Value, double PValue, double PValueStandardError, int Resamples, int FailedRefits);

/// <summary>
/// <c>likely fit … --gof</c>: the goodness-of-fit statistics that suit the family — Kolmogorov–Smirnov, Cramér–von Mises
/// and Anderson–Darling for a continuous one, Pearson's χ² over pooled cells for a discrete one — each with its
/// parametric-bootstrap p-value (<see cref="GoodnessOfFit.Test"/>), as a table or JSON records.
/// </summary>
internal static class GoodnessOfFitReport
{
    /// <summary>The statistics for <paramref name="family"/>, each tested with <paramref name="resamples"/> refitted resamples.</summary>
    /// <exception cref="UsageException">The library refused the test (e.g. too few distinct values for χ² cells).</exception>
    public static GoodnessOfFitResult[] Run(DistributionFamily family, double[] sample, IReadOnlyDictionary<string, double> held, int resamples, int seed)
    {
        GoodnessOfFitStatistic[] statistics = family.IsDiscrete
            ? [GoodnessOfFitStatistic.ChiSquare]
            : [GoodnessOfFitStatistic.KolmogorovSmirnov, GoodnessOfFitStatistic.CramerVonMises, GoodnessOfFitStatistic.AndersonDarling];
        try
        {
            return [.. statistics.Select(statistic => GoodnessOfFit.Test(family, sample, held, statistic, resamples, seed))];
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            throw new UsageException($"--gof: {exception.Message}");
        }
    }

    /// <summary>
    /// With --censored: sup |Kaplan–Meier − fitted CDF| with its parametric-bootstrap p-value, the resamples censored as
    /// the data were (<see cref="GoodnessOfFit.TestCensored"/>).
    /// </summary>
    /// <exception cref="UsageException">The library refused the test.</exception>
    public static GoodnessOfFitResult[] RunCensored(DistributionFamily family, double[] values, bool[] censored, IReadOnlyDictionary<string, double> held, int resamples, int seed)
    {
        try
        {
            return [GoodnessOfFit.TestCensored(family, values, censored, held, resamples, seed)];
        }
        catch (Exception exception) when (exception is InvalidOperationException or ArgumentException)
        {
            throw new UsageException($"--gof: {exception.Message}");
        }
    }

    /// <summary>The JSON records of <paramref name="tests"/>.</summary>
    public static GoodnessOfFitTestResult[] Json(IEnumerable<GoodnessOfFitResult> tests) =>
        [.. tests.Select(t => new GoodnessOfFitTestResult(Name(t.Statistic), t.Value, t.PValue, t.PValueStandardError, t.Resamples, t.FailedRefits))];

    /// <summary>Writes the table and the line that says how the p-values were obtained.</summary>
    public static void Write(TextWriter output, IReadOnlyList<GoodnessOfFitResult> tests)
    {
        Table table = CliConsole.Table("goodness of fit", "statistic", "p-value", "± Monte Carlo s.e.");
        foreach (GoodnessOfFitResult test in tests)
        {
            CliConsole.AddRow(table, Name(test.Statistic), LikelihoodFormat.Number(test.Value),
                NumberText.Fixed(test.PValue, 4), NumberText.Fixed(test.PValueStandardError, 4));
        }

        CliConsole.Write(output, table);
        int failed = tests.Max(t => t.FailedRefits);
        bool censored = tests[0].Statistic == GoodnessOfFitStatistic.KaplanMeierKolmogorovSmirnov;
        if (censored)
        {
            output.WriteLine("The statistic is sup |F̂(x) − F(x)| over the observed range, F̂ = 1 − Kaplan–Meier estimate of the survival function.");
        }

        string drawn = censored ? "samples of event times drawn from the fit, censored by times drawn from the reverse Kaplan–Meier estimate, each" : "samples drawn from the fit, each";
        output.WriteLine($"p-values by parametric bootstrap: {NumberText.Count(tests[0].Resamples)} {drawn} refitted and scored the same way" +
            $"{(failed > 0 ? $" ({failed} refits failed and were left out)" : "")}; the smallest p it can give is 1/(B + 1).");
    }

    /// <summary>The statistic's name in kebab case, as the JSON and the table spell it.</summary>
    private static string Name(GoodnessOfFitStatistic statistic) => statistic switch
    {
        GoodnessOfFitStatistic.KolmogorovSmirnov => "kolmogorov-smirnov",
        GoodnessOfFitStatistic.CramerVonMises => "cramer-von-mises",
        GoodnessOfFitStatistic.AndersonDarling => "anderson-darling",
        GoodnessOfFitStatistic.KaplanMeierKolmogorovSmirnov => "kaplan-meier-kolmogorov-smirnov",
        _ => "chi-square",
    };
}
