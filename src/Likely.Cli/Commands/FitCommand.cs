using System.CommandLine;
using Likely.Cli.Commands.Likelihood;
using Likely.Likelihood;
using Spectre.Console;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely fit FAMILY --file F --column C [--fix name=value]… [--json]</c>: the maximum-likelihood fit of one family
/// to one CSV column; <c>likely fit auto</c> fits every family whose support contains the data and ranks them.
/// </summary>
public static class FitCommand
{
    /// <summary>Creates the <c>fit</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var family = new Argument<string>("family")
        {
            Description = $"The family: {string.Join(", ", FamilyCatalog.Names)}, or auto to compare every family that fits the data's support.",
        };
        var file = new Option<string>("--file") { Description = "CSV file with a header row.", Required = true };
        var column = new Option<string?>("--column") { Description = "Column to fit (default: the first column)." };
        var fix = new Option<string[]>("--fix")
        {
            Description = "Hold a parameter at a value instead of estimating it, as name=value (repeatable); binomial needs --fix n=<trials>.",
            AllowMultipleArgumentsPerToken = false,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var testFraction = new Option<double>("--test-fraction")
        {
            Description = "auto only: fraction of rows held out to score each family's cross-entropy (default 0.2).",
            DefaultValueFactory = _ => 0.2,
        };
        var seed = new Option<int>("--seed") { Description = "auto only: seed of the train/test shuffle (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "fit",
            "Maximum-likelihood fit of a distribution to one CSV column: estimates, standard errors, log-likelihood, cross-entropy, AIC, BIC.\n" +
            "Example: likely fit normal --file examples/heights.csv --column height_cm\n" +
            "Example: likely fit auto --file examples/heights.csv --column height_cm");
        command.Arguments.Add(family);
        foreach (Option option in new Option[] { file, column, fix, json, testFraction, seed })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string name = parse.GetValue(family)!;
            string path = parse.GetValue(file)!;
            string? col = parse.GetValue(column);
            bool asJson = parse.GetValue(json);
            if (name.Trim().Equals("auto", StringComparison.OrdinalIgnoreCase))
            {
                double fraction = parse.GetValue(testFraction);
                if (!(fraction > 0 && fraction < 1))
                {
                    throw new UsageException($"--test-fraction {fraction} must be strictly between 0 and 1, e.g. 0.2.");
                }

                AutoFit.Run(context, path, col, fraction, parse.GetValue(seed), asJson);
                return CliApp.Success;
            }

            string resolved = FamilyCatalog.Resolve(name);
            Dictionary<string, double> held = FamilyCatalog.ParseFixed(resolved, parse.GetValue(fix) ?? []);
            LikelihoodSample sample = resolved == "categorical" ? LikelihoodSample.Categories(path, col) : LikelihoodSample.Numbers(path, col);
            FamilyFit result = FamilyCatalog.Fit(resolved, sample, held);
            Print(context, resolved, path, col, result.Fit, sample.Labels, asJson);
            return CliApp.Success;
        });
        return command;
    }

    private static void Print(CliContext context, string family, string path, string? column, MaximumLikelihoodFit fit, string[]? labels, bool asJson)
    {
        if (asJson)
        {
            LikelihoodFormat.PrintJson(context, json =>
            {
                json.WriteString("family", family);
                json.WriteString("file", path);
                json.WriteString("column", column ?? "(first)");
                LikelihoodFormat.WriteFit(json, fit, labels);
            });
            return;
        }

        IAnsiConsole console = LikelihoodFormat.Console(context);
        context.Output.WriteLine($"Maximum-likelihood fit: {family} to {path}, column {column ?? "(first)"}, N = {fit.ObservationCount}");
        console.Write(LikelihoodFormat.ParameterTable(fit, labels));
        Table summary = LikelihoodFormat.Table("statistic", "value");
        LikelihoodFormat.Row(summary, "log-likelihood ln L", LikelihoodFormat.Number(fit.LogLikelihood));
        LikelihoodFormat.Row(summary, "mean log-likelihood (1/N) ln L", LikelihoodFormat.Number(fit.MeanLogLikelihood));
        LikelihoodFormat.Row(summary, "cross-entropy H(p̂, model), nats", LikelihoodFormat.Number(fit.CrossEntropy));
        LikelihoodFormat.Row(summary, $"AIC (k = {fit.FreeParameterCount})", LikelihoodFormat.Number(fit.Aic));
        LikelihoodFormat.Row(summary, "BIC", LikelihoodFormat.Number(fit.Bic));
        console.Write(summary);
        context.Output.WriteLine("Standard errors from the observed Fisher information; the mean log-likelihood is minus the cross-entropy.");
    }
}
