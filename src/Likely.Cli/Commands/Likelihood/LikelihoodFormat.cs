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

    /// <summary>The parameter table of a fit: name, estimate, standard error ("fixed" for a held parameter).</summary>
    public static Table ParameterTable(MaximumLikelihoodFit fit, string[]? labels)
    {
        Table table = CliConsole.Table("parameter", "estimate", "std. error");
        foreach (FittedParameter p in fit.Parameters)
        {
            CliConsole.AddRow(table, DisplayName(p.Name, labels), Number(p.Estimate), p.StandardError is { } se ? Number(se) : "fixed");
        }

        return table;
    }
}
