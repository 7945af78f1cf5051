using Likely.Cli.Output;
using Likely.Likelihood;
using Spectre.Console;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// What <c>fit</c>, <c>fit auto</c> and <c>explain</c> share on top of the command's output layer: how a parameter is
/// named for people (categories by their labels) and the table of a fit's parameters.
/// </summary>
internal static class LikelihoodFormat
{
    /// <summary>A number in a table or line of these commands: <see cref="NumberText.TableDigits"/> significant digits.</summary>
    public static string Number(double value) => NumberText.Format(value, NumberText.TableDigits);

    /// <summary>The category a categorical parameter p‹k› stands for (labels[k]); null when it is not one or the labels are unknown.</summary>
    public static string? CategoryLabel(string parameter, string[]? labels) =>
        labels is not null && parameter.StartsWith('p') && int.TryParse(parameter.AsSpan(1), out int k) && (uint)k < (uint)labels.Length
            ? labels[k]
            : null;

    /// <summary>How a parameter is shown: p(category) for a categorical parameter with known labels, else its name.</summary>
    public static string DisplayName(string parameter, string[]? labels) =>
        CategoryLabel(parameter, labels) is { } label ? $"p({label})" : parameter;

    /// <summary>
    /// The parameter table of a fit: name, estimate, standard error ("fixed" for a held parameter), and with
    /// <paramref name="intervals"/> the columns "lower" and "upper" (an end that is the range's bound or, for Wald,
    /// outside the range says so beside the number).
    /// </summary>
    public static Table ParameterTable(MaximumLikelihoodFit fit, string[]? labels, ConfidenceIntervals? intervals = null)
    {
        Table table = intervals is null
            ? CliConsole.Table("parameter", "estimate", "std. error")
            : CliConsole.Table("parameter", "estimate", "std. error", "lower", "upper");
        foreach (FittedParameter p in fit.Parameters)
        {
            string name = DisplayName(p.Name, labels), estimate = Number(p.Estimate), error = p.StandardError is { } se ? Number(se) : "fixed";
            if (intervals is null)
            {
                CliConsole.AddRow(table, name, estimate, error);
            }
            else
            {
                ParameterInterval? interval = intervals[p.Name];
                CliConsole.AddRow(table, name, estimate, error,
                    interval is null ? "-" : End(interval.Lower, interval.LowerEnd), interval is null ? "-" : End(interval.Upper, interval.UpperEnd));
            }
        }

        return table;
    }

    /// <summary>"95% profile-likelihood intervals": the line under a parameter table with intervals.</summary>
    public static string IntervalNote(ConfidenceIntervals intervals)
    {
        string level = (intervals.Level * 100).ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + "%";
        return intervals.Method switch
        {
            IntervalMethod.Profile => $"{level} profile-likelihood intervals: every θ with 2[ln L(θ̂) − max ln L | θ] ≤ χ²₁({intervals.Level.ToString(System.Globalization.CultureInfo.InvariantCulture)}); an end marked (range bound) does not exist inside the parameter's range.",
            IntervalMethod.Wald => $"{level} Wald intervals: θ̂ ± z·SE; an end marked (outside range) is reported as computed, not clipped.",
            IntervalMethod.BootstrapBca => $"{level} bootstrap BCa intervals from {intervals.Resamples} nonparametric resamples (seed {intervals.Seed}){Failed(intervals)}.",
            _ => $"{level} bootstrap percentile intervals from {intervals.Resamples} nonparametric resamples (seed {intervals.Seed}){Failed(intervals)}.",
        };
    }

    private static string Failed(ConfidenceIntervals intervals) =>
        intervals.FailedResamples is > 0 ? $"; {intervals.FailedResamples} could not be refitted and were left out" : "";

    private static string End(double value, IntervalEnd end) => end switch
    {
        IntervalEnd.RangeBound => $"{Number(value)} (range bound)",
        IntervalEnd.OutsideRange => $"{Number(value)} (outside range)",
        _ => Number(value),
    };
}
