using System.CommandLine;
using System.Globalization;
using Likely.Cli.Commands.Likelihood;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Likelihood;
using nietras.SeparatedValues;
using Spectre.Console;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely explain [FAMILY] --data F --column C [--json] [--plot out.png|out.svg]</c>: the argument "maximum likelihood
/// = minimum cross-entropy" as numbers from the user's data, step by step (see <see cref="LikelihoodLedger"/>).
/// </summary>
public static class ExplainCommand
{
    /// <summary>Creates the <c>explain</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var family = new Argument<string?>("family")
        {
            Description = HelpText.WithDefault($"The model family, with the parameters --fix can hold: {FamilyOptions.FamilyList}.", "normal"),
            Arity = ArgumentArity.ZeroOrOne,
        };
        // The family was once given as --dist; it is the same argument fit takes, so it is now positional like fit's.
        var dist = new Option<string?>("--dist") { Description = "The old way to give the family.", Hidden = true };
        DataOption file = DataOption.Create(DataOption.ColumnFilesDescription + " Read into memory: the ledger needs every value.", required: true);
        var column = new Option<string?>("--column") { Description = HelpText.WithDefault("Column to explain.", "the first column"), HelpName = "name" };
        var fix = new Option<string[]>("--fix") { Description = FamilyOptions.FixDescription, HelpName = "name=value", AllowMultipleArgumentsPerToken = false };
        var json = new Option<bool>("--json")
        {
            Description = "Print every step as one JSON object, e.g. {\"family\":\"normal\",…,\"fit\":{…},\"step1\":{\"naiveProduct\":0,…},…,\"step4\":{…}}.",
        };
        var plot = new Option<string?>("--plot") { Description = "Also draw the data with the fitted model and the cross-entropy around θ_ML to this .png or .svg file." };
        var censored = new Option<string?>("--censored")
        {
            Description = "A column of flags: 1 where the value is right-censored (known only to be exceeded), 0 where it is exact; the ledger's " +
                "terms are then ln f(x) for exact rows and ln S(x) = ln P(X > x) for censored ones, shown as two sums. Continuous families; not with --plot.",
            HelpName = "column",
        };
        var command = new Command(
            "explain",
            "Shows, on your data, that maximizing the likelihood is minimizing the cross-entropy: the naive product underflows, " +
            "the mean log-likelihood is −H(p̂, model), H(p̂, model) = H(p̂) + D(p̂‖model) for discrete data, and every nearby θ does worse.\n" +
            "Example: likely explain normal --data examples/heights.csv --column height_cm --plot ledger.svg\n" +
            "Example: likely explain weibull --data examples/lifetimes.csv --column hours --censored still_running");
        command.Arguments.Add(family);
        file.AddTo(command);
        foreach (Option option in new Option[] { column, dist, fix, censored, json, plot })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string path = file.GetValue(parse, "likely explain")!;
            string? plotPath = parse.GetValue(plot), censoredColumn = parse.GetValue(censored);
            if (plotPath is not null && censoredColumn is not null)
            {
                throw new UsageException("explain --plot draws the uncensored ledger; drop --plot, or draw the censored fit with likely fit … --censored … --plot FILE.");
            }

            (OutputFile File, FigureFormat Format)? plotFile = plotPath is null ? null : LedgerPlot.Prepare(plotPath, path);
            string? col = parse.GetValue(column);
            DistributionFamily chosen = FamilyOptions.Resolve(FamilyName(parse.GetValue(family), parse.GetValue(dist)));
            Dictionary<string, double> held = FamilyOptions.ParseFixed(parse.GetValue(fix) ?? []);
            LikelihoodSample sample = LikelihoodSample.For(chosen, path, col);
            bool[]? flags = censoredColumn is null ? null : CensoringColumn.Read(path, censoredColumn, sample.Values.Length);
            DistributionFit fit = flags is null ? FamilyOptions.Fit(chosen, sample, held) : CensoringColumn.Fit(chosen, sample, flags, held);
            LikelihoodLedger ledger = flags is null
                ? LikelihoodLedger.Compute(fit.Distribution, fit, sample.Values)
                : LikelihoodLedger.Compute(fit.Distribution, fit, sample.Values, flags);
            if (plotFile is { } figure)
            {
                LedgerPlot.Write(figure.File, figure.Format, fit, sample, col ?? FirstColumn(path));
            }

            if (parse.GetValue(json))
            {
                ExplainResult result = ExplainResult.Of(chosen.Name, path, col ?? "(first)", fit, ledger, sample.Labels, plotPath);
                JsonOutput.Write(context.Output, result, CliJson.Default.ExplainResult);
            }
            else
            {
                PrintText(context, chosen.Name, path, col, fit, ledger, sample.Labels, plotPath);
            }

            return CliApp.Success;
        });
        return command;
    }

    /// <summary>The name of the CSV file's first column, the one read when --column is not given.</summary>
    private static string FirstColumn(string path)
    {
        using SepReader reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        return reader.Header.ColNames.Count > 0 ? reader.Header.ColNames[0] : "x";
    }

    /// <summary>The family given as the argument or as the hidden --dist (not both, unless they agree); normal when neither.</summary>
    private static string FamilyName(string? argument, string? dist)
    {
        if (argument is not null && dist is not null && !argument.Trim().Equals(dist.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"likely explain: the family is given twice ({argument} and --dist {dist}); give it once, as in likely explain {argument} --data ….");
        }

        return argument ?? dist ?? "normal";
    }

    private static void PrintText(CliContext context, string family, string path, string? column, MaximumLikelihoodFit fit, LikelihoodLedger ledger, string[]? labels, string? plotPath)
    {
        TextWriter o = context.Output;
        int m = ledger.ObservationCount;
        string N(double v) => LikelihoodFormat.Number(v);
        o.WriteLine($"Maximum likelihood = minimum cross-entropy: {family} on {path}, column {column ?? "(first)"}, m = {m}");
        o.WriteLine($"θ_ML: {string.Join(", ", fit.Parameters.Select(p => $"{LikelihoodFormat.DisplayName(p.Name, labels)} = {N(p.Estimate)}{(p.IsFixed ? " (fixed)" : "")}"))}");
        o.WriteLine();
        CensoredLedgerTerms? censored = ledger.Censoring;
        o.WriteLine(censored is null
            ? "1. The likelihood Π p(x_i) is a product of m numbers; in float64 it does not survive:"
            : "1. The likelihood is a product of m numbers, f(x_i) for an exact row and S(x_i) = P(X > x_i) for a censored one; in float64 it does not survive:");
        string fate = ledger.UnderflowIndex is { } u ? $"first reached 0 at m = {u} of {m}"
            : ledger.OverflowIndex is { } v ? $"first overflowed to ∞ at m = {v} of {m}: densities above 1"
            : $"stayed above 0 for all {m} values (it underflows for larger m)";
        o.WriteLine($"   naive product = {N(ledger.NaiveProduct)} ({fate})");
        if (censored is null)
        {
            o.WriteLine($"   sum of logs Σ ln p(x_i) = {N(ledger.LogLikelihood)} (finite: maximize this instead)");
            o.WriteLine("2. Divide by m: the mean log-likelihood is minus the cross-entropy of the model against the sample:");
            o.WriteLine($"   (1/m) Σ ln p(x_i) = {N(ledger.MeanLogLikelihood)} nats, so H(p̂, p_model) = {N(ledger.CrossEntropy)} nats");
        }
        else
        {
            o.WriteLine("   sum of logs, in two parts (finite: maximize this instead):");
            o.WriteLine($"   Σ ln f(x_i) over the {NumberText.Count(censored.ExactCount)} exact rows = {N(censored.ExactLogDensity)} (each: the event happened at x_i, a density)");
            o.WriteLine($"   Σ ln S(x_i) over the {NumberText.Count(censored.CensoredCount)} censored rows = {N(censored.CensoredLogSurvival)} (each: no event by x_i, a probability, so ≤ 0)");
            o.WriteLine($"   ln L = {N(censored.ExactLogDensity)} + ({N(censored.CensoredLogSurvival)}) = {N(ledger.LogLikelihood)}");
            o.WriteLine("2. Divide by m: the mean log-likelihood is minus the cross-entropy of the model against what was observed (an event at x, or \"beyond x\"):");
            o.WriteLine($"   (1/m) ln L = {N(ledger.MeanLogLikelihood)} nats, so H(p̂, p_model) = {N(ledger.CrossEntropy)} nats");
        }

        if (ledger.Decomposition is { } d)
        {
            o.WriteLine("3. For a discrete sample the cross-entropy splits into the data's own entropy plus the model's excess:");
            o.WriteLine($"   H(p̂) + D(p̂‖p_model) = {N(d.EmpiricalEntropy)} + {N(d.KullbackLeiblerDivergence)} = {N(d.EmpiricalEntropy + d.KullbackLeiblerDivergence)}");
            o.WriteLine($"   H(p̂, p_model)        = {N(d.CrossEntropy)}   |difference| = {NumberText.Format(d.Discrepancy, 3)} {(d.Holds ? "≤ 1e-12: holds" : "> 1e-12: DOES NOT HOLD")}");
            o.WriteLine("   H(p̂) does not depend on θ, so minimizing H(p̂, p_model) is minimizing D(p̂‖p_model).");
        }
        else
        {
            o.WriteLine(censored is null
                ? "3. (Discrete samples only: a continuous sample's p̂ has no density, so H(p̂) and D(p̂‖p_model) are not defined.)"
                : "3. (Discrete, uncensored samples only: here p̂ mixes events and \"beyond x\" observations and has no density, so H(p̂) and D(p̂‖p_model) are not defined.)");
        }

        o.WriteLine("4. No nearby θ does better: the cross-entropy one standard error either side of each estimated parameter:");
        Table table = CliConsole.Table("parameter", "value", "H(p̂, p_θ) nats", "change vs θ_ML");
        CliConsole.AddRow(table, "θ_ML", "", N(ledger.CrossEntropy), "0");
        foreach (PerturbedCrossEntropy p in ledger.Perturbations)
        {
            CliConsole.AddRow(table, LikelihoodFormat.DisplayName(p.Parameter, labels), N(p.Value), N(p.CrossEntropy), (p.Increase >= 0 ? "+" : "") + NumberText.Format(p.Increase, 3));
        }

        CliConsole.Write(o, table);
        o.WriteLine(ledger.EveryPerturbationIsWorse
            ? $"   All {ledger.Perturbations.Count} perturbations raise the cross-entropy: θ_ML minimizes it, i.e. maximizes the likelihood."
            : "   Some perturbation lowered the cross-entropy: the fit is not at the maximum (please report this).");
        if (plotPath is not null)
        {
            o.WriteLine($"Plot written to {plotPath}.");
        }
    }
}
