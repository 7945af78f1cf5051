using System.CommandLine;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary>
/// The shape shared by <c>cross-entropy</c>, <c>kl</c> and <c>js</c>: <c>--p</c>, <c>--q</c>, <c>--normalize</c>,
/// <c>--base</c>, <c>--json</c>, and one function of (p, q). Each verb keeps its own file and calls this.
/// </summary>
internal static class DivergenceCommands
{
    /// <summary>Creates a command computing <paramref name="compute"/>(p, q).</summary>
    public static Command Create(
        CliContext context, string name, string description, string quantity, string symbol,
        Func<double[], double[], LogBase, bool, double> compute)
    {
        var p = new Option<string[]>("--p")
        {
            Description = "The distribution p (true or empirical), comma- or space-separated, e.g. 0.5,0.5.",
            AllowMultipleArgumentsPerToken = true,
            Required = true,
        };
        var q = new Option<string[]>("--q")
        {
            Description = "The distribution q (the model) over the same outcomes, in the same order.",
            AllowMultipleArgumentsPerToken = true,
            Required = true,
        };
        var normalize = new Option<bool>("--normalize") { Description = "Rescale non-negative weights to sum to 1 instead of requiring it." };
        Option<LogBase> logBase = BaseOption.Create();
        Option<bool> json = JsonOption.Create(JsonOption.QuantityExample(quantity));
        var command = new Command(name, description);
        foreach (Option option in new Option[] { p, q, normalize, logBase, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            double[] pValues = NumberList.ParseDoubles(parseResult.GetValue(p), "--p");
            double[] qValues = NumberList.ParseDoubles(parseResult.GetValue(q), "--q");
            LogBase unit = parseResult.GetValue(logBase);
            bool rescale = parseResult.GetValue(normalize);
            double value = LibraryHints.Run(() => compute(pValues, qValues, unit, rescale));
            if (parseResult.GetValue(json))
            {
                JsonOutput.Write(context.Output, QuantityResult.Of(quantity, value, unit), CliJson.Default.QuantityResult);
            }
            else
            {
                QuantityLine.Write(context.Output, symbol, value, unit,
                    double.IsPositiveInfinity(value) ? "some q is 0 where p > 0" : null);
            }

            return CliApp.Success;
        });
        return command;
    }
}
