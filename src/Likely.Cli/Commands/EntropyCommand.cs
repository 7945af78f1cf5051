using System.CommandLine;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely entropy</c>: H(p) = −Σ p log p of probabilities given inline, of counts (plug-in or Miller–Madow),
/// of a CSV column of probabilities, or (<c>--empirical</c>) of a CSV column of observed categories.
/// </summary>
public static class EntropyCommand
{
    /// <summary>Creates the <c>entropy</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var values = new Argument<string[]>("probabilities")
        {
            Description = "The probabilities p₁ … pₙ (spaces or commas); they must sum to 1 unless --normalize.",
            Arity = ArgumentArity.ZeroOrMore,
        };
        var counts = new Option<string[]>("--counts")
        {
            Description = "Observed counts n₁ … nₖ instead of probabilities; the entropy of the empirical distribution.",
            AllowMultipleArgumentsPerToken = true,
        };
        var estimator = new Option<string>("--estimator")
        {
            Description = "With --counts or --empirical: plugin (the empirical distribution's entropy) or miller-madow (plus (m−1)/2N nats). Default: plugin.",
            DefaultValueFactory = _ => "plugin",
        };
        estimator.AcceptOnlyFromAmong("plugin", "miller-madow");
        var file = new Option<string>("--file") { Description = "A CSV file with a header row; reads one column (see --column)." };
        var column = new Option<string>("--column") { Description = "The column to read from --file. Default: the first column." };
        var empirical = new Option<bool>("--empirical") { Description = "With --file: the column holds observed categories (any strings); compute their empirical entropy." };
        var normalize = new Option<bool>("--normalize") { Description = "Rescale non-negative weights to sum to 1 instead of requiring it." };
        Option<LogBase> logBase = BaseOption.Create();
        Option<bool> json = JsonOption.Create("{\"quantity\":\"entropy\",\"value\":1.5,\"base\":2,\"unit\":\"bits\"}");

        var command = new Command("entropy",
            "Shannon entropy H(p) = −Σ p log p (0 log 0 = 0), in nats unless --base.\n" +
            "Examples: likely entropy 0.5 0.25 0.25 --base 2\n" +
            "          likely entropy --counts 3 1 0 --estimator miller-madow --json\n" +
            "          likely entropy --file data.csv --column label --empirical --base 2");
        command.Arguments.Add(values);
        foreach (Option option in new Option[] { counts, estimator, file, column, empirical, normalize, logBase, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult =>
        {
            string[] inline = parseResult.GetValue(values) ?? [];
            string[]? countTokens = parseResult.GetResult(counts) is null ? null : parseResult.GetValue(counts);
            string? path = parseResult.GetValue(file);
            int sources = (inline.Length > 0 ? 1 : 0) + (countTokens is not null ? 1 : 0) + (path is not null ? 1 : 0);
            if (sources != 1)
            {
                throw new UsageException("entropy: give exactly one of: probabilities (likely entropy 0.5 0.5), --counts 3 1 0, or --file data.csv.");
            }

            if (parseResult.GetValue(empirical) && path is null)
            {
                throw new UsageException("entropy: --empirical needs --file (a CSV column of observed categories).");
            }

            if (parseResult.GetResult(estimator) is { Implicit: false } && countTokens is null && !parseResult.GetValue(empirical))
            {
                throw new UsageException("entropy: --estimator applies to counts; use it with --counts or with --file … --empirical.");
            }

            if (parseResult.GetResult(column) is not null && path is null)
            {
                throw new UsageException("entropy: --column needs --file (the CSV file to read the column from).");
            }

            LogBase unit = parseResult.GetValue(logBase);
            EntropyEstimator method = parseResult.GetValue(estimator) == "miller-madow" ? EntropyEstimator.MillerMadow : EntropyEstimator.PlugIn;
            double value;
            var extras = new List<(string, object?)>();
            string symbol = "H(p)";
            if (countTokens is not null)
            {
                long[] n = NumberList.ParseCounts(countTokens, "--counts");
                value = CountEntropy.Compute(n, method, unit);
                extras.Add(("estimator", EstimatorName(method)));
                extras.Add(("observations", n.Sum()));
                symbol = $"Ĥ ({EstimatorName(method)}, N = {n.Sum()})";
            }
            else if (path is not null && parseResult.GetValue(empirical))
            {
                string[] samples = CsvColumn.ReadStrings(path, parseResult.GetValue(column));
                if (samples.Length == 0) throw new UsageException($"{path} has a header but no data rows; add observations.");
                value = CountEntropy.FromSamples(samples, method, unit);
                int categories = samples.Distinct(StringComparer.Ordinal).Count();
                extras.Add(("estimator", EstimatorName(method)));
                extras.Add(("observations", samples.Length));
                extras.Add(("categories", categories));
                symbol = $"Ĥ ({EstimatorName(method)}, N = {samples.Length}, {categories} categories)";
            }
            else
            {
                double[] p = path is not null
                    ? CsvColumn.ReadNumbers(path, parseResult.GetValue(column))
                    : NumberList.ParseDoubles(inline, "probabilities");
                if (p.Length == 0) throw new UsageException($"{path} has a header but no data rows; add probabilities.");
                value = LibraryHints.Run(() => Entropy.Compute(p, unit, parseResult.GetValue(normalize)));
            }

            if (parseResult.GetValue(json))
            {
                JsonResult.Write(context.Output, "entropy", value, unit, extras.ToArray());
            }
            else
            {
                QuantityLine.Write(context.Output, symbol, value, unit);
            }

            return CliApp.Success;
        });
        return command;
    }

    private static string EstimatorName(EntropyEstimator estimator) =>
        estimator == EntropyEstimator.MillerMadow ? "miller-madow" : "plugin";
}
