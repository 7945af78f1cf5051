using System.CommandLine;
using Likely.Cli.Commands.Likelihood;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Likelihood;
using Spectre.Console;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely fit FAMILY --data F --column C [--fix name=value]… [--json]</c>: the maximum-likelihood fit of one family
/// to one CSV column; <c>likely fit auto</c> ranks every family whose support contains the data (see
/// <see cref="ModelSelection"/>). The families and their parameters come from the library's registry.
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
        var seed = new Option<int>("--seed") { Description = "auto only: seed of the train/test shuffle.", DefaultValueFactory = _ => 1 };
        var command = new Command(
            "fit",
            "Maximum-likelihood fit of a distribution to one CSV column: estimates, standard errors, log-likelihood, cross-entropy, AIC, BIC.\n" +
            "Example: likely fit normal --data examples/heights.csv --column height_cm\n" +
            "Example: likely fit auto --data examples/heights.csv --column height_cm");
        command.Arguments.Add(family);
        file.AddTo(command);
        foreach (Option option in new Option[] { column, fix, json, testFraction, seed })
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
            RefuseOptionsOfTheOtherMode(auto, pairs, IsGiven(parse, testFraction) || IsGiven(parse, seed));
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
            LikelihoodSample sample = LikelihoodSample.For(chosen, path, col);
            DistributionFit fit = FamilyOptions.Fit(chosen, sample, held);
            Print(context, chosen.Name, path, col, fit, sample.Labels, parse.GetValue(json));
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// --fix belongs to a one-family fit and --test-fraction/--seed to auto; given to the other they would be ignored,
    /// so they are refused instead.
    /// </summary>
    /// <exception cref="UsageException">An option of the other mode was given.</exception>
    private static void RefuseOptionsOfTheOtherMode(bool auto, string[] fixPairs, bool splitGiven)
    {
        if (auto && fixPairs.Length > 0)
        {
            throw new UsageException("--fix applies to one family; fit auto compares families with every parameter estimated. Drop --fix, or fit one family, e.g. likely fit normal --fix mu=170 ….");
        }

        if (!auto && splitGiven)
        {
            throw new UsageException("--test-fraction and --seed apply to fit auto only (they split the rows it scores on); drop them to fit one family.");
        }
    }

    /// <summary>True when the option was typed, not just defaulted.</summary>
    private static bool IsGiven(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    private static void Print(CliContext context, string family, string path, string? column, MaximumLikelihoodFit fit, string[]? labels, bool asJson)
    {
        if (asJson)
        {
            JsonOutput.Write(context.Output, new FitResult(family, path, column ?? "(first)", FitStatisticsResult.Of(fit, labels)), CliJson.Default.FitResult);
            return;
        }

        context.Output.WriteLine($"Maximum-likelihood fit: {family} to {path}, column {column ?? "(first)"}, N = {fit.ObservationCount}");
        CliConsole.Write(context.Output, LikelihoodFormat.ParameterTable(fit, labels));
        Table summary = CliConsole.Table("statistic", "value");
        CliConsole.AddRow(summary, "log-likelihood ln L", LikelihoodFormat.Number(fit.LogLikelihood));
        CliConsole.AddRow(summary, "mean log-likelihood (1/N) ln L", LikelihoodFormat.Number(fit.MeanLogLikelihood));
        CliConsole.AddRow(summary, "cross-entropy H(p̂, model), nats", LikelihoodFormat.Number(fit.CrossEntropy));
        CliConsole.AddRow(summary, $"AIC (k = {fit.FreeParameterCount})", LikelihoodFormat.Number(fit.Aic));
        CliConsole.AddRow(summary, "BIC", LikelihoodFormat.Number(fit.Bic));
        CliConsole.Write(context.Output, summary);
        context.Output.WriteLine("Standard errors from the observed Fisher information; the mean log-likelihood is minus the cross-entropy.");
    }
}
