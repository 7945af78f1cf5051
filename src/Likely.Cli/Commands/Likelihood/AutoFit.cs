using Likely.Likelihood;
using Spectre.Console;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// <c>likely fit auto</c>: fits every family whose support contains the data and ranks them by held-out
/// cross-entropy (fit on a seeded training split, score −mean ln p on the rest) and, side by side, by AIC on all rows.
/// </summary>
/// <remarks>
/// Whole-number data are compared among the discrete families only and real-valued data among the continuous ones:
/// a probability and a density are not on the same scale, so their cross-entropies cannot be ranked together.
/// Binomial is left out because its number of trials is not estimated (use <c>likely fit binomial --fix n=…</c>).
/// </remarks>
internal static class AutoFit
{
    private sealed record Row(string Family, double HeldOutCrossEntropy, MaximumLikelihoodFit? Fit, string? Error);

    /// <summary>Runs the comparison and prints a table or one JSON object.</summary>
    public static void Run(CliContext context, string path, string? column, double testFraction, int seed, bool asJson)
    {
        bool numeric = LikelihoodSample.TryNumbers(path, column, out LikelihoodSample sample);
        double[] x = sample.Values;
        if (x.Length < 2)
        {
            throw new UsageException($"{path}: column {column ?? "(first)"} has {x.Length} values; auto needs at least 2 to hold some out.");
        }

        bool whole = numeric && x.All(v => Math.Floor(v) == v);
        string[] candidates = !numeric
            ? ["categorical"]
            : whole
                ? ["bernoulli", "poisson", "geometric", "categorical"]
                : ["normal", "laplace", "student-t", "exponential", "lognormal", "gamma", "beta"];
        candidates = candidates.Where(f => f == "categorical" || FamilyCatalog.SupportContains(f, x)).ToArray();

        // Seeded shuffle, then the first (1 − fraction) rows train and the rest test.
        int[] order = Enumerable.Range(0, x.Length).ToArray();
        new Random(seed).Shuffle(order);
        int testCount = Math.Clamp((int)Math.Round(testFraction * x.Length), 1, x.Length - 1);
        int[] trainRows = order[..^testCount], testRows = order[^testCount..];

        var rows = new List<Row>();
        foreach (string family in candidates)
        {
            LikelihoodSample full = family == "categorical" && numeric ? LikelihoodSample.FromLabels(x.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)).ToArray()) : sample;
            try
            {
                int? classes = full.Labels?.Length;
                FamilyFit all = FamilyCatalog.Fit(family, full, new Dictionary<string, double>(), classes);
                FamilyFit train = FamilyCatalog.Fit(family, full with { Values = trainRows.Select(i => full.Values[i]).ToArray() }, new Dictionary<string, double>(), classes);
                double heldOut = -testRows.Average(i => train.Distribution.LogDensity(full.Values[i]));
                rows.Add(new Row(family, heldOut, all.Fit, null));
            }
            catch (Exception exception) when (exception is ArgumentException or UsageException)
            {
                rows.Add(new Row(family, double.PositiveInfinity, null, exception.Message));
            }
        }

        rows = rows.OrderBy(r => r.Fit is null).ThenBy(r => r.HeldOutCrossEntropy).ToList();
        var aicRank = rows.Where(r => r.Fit is not null).OrderBy(r => r.Fit!.Aic).Select((r, i) => (r.Family, Rank: i + 1)).ToDictionary(p => p.Family, p => p.Rank);
        if (asJson)
        {
            LikelihoodFormat.PrintJson(context, json =>
            {
                json.WriteString("file", path);
                json.WriteString("column", column ?? "(first)");
                json.WriteNumber("observations", x.Length);
                json.WriteNumber("trainRows", trainRows.Length);
                json.WriteNumber("testRows", testRows.Length);
                json.WriteNumber("seed", seed);
                json.WriteStartArray("families");
                foreach (Row row in rows)
                {
                    json.WriteStartObject();
                    json.WriteString("family", row.Family);
                    if (row.Fit is null)
                    {
                        json.WriteString("error", row.Error);
                    }
                    else
                    {
                        LikelihoodFormat.WriteNumber(json, "heldOutCrossEntropy", row.HeldOutCrossEntropy);
                        json.WriteNumber("aicRank", aicRank[row.Family]);
                        LikelihoodFormat.WriteFit(json, row.Fit, null);
                    }

                    json.WriteEndObject();
                }

                json.WriteEndArray();
            });
            return;
        }

        context.Output.WriteLine($"Families compared on {path}, column {column ?? "(first)"}: N = {x.Length}, held out {testRows.Length} rows (seed {seed}).");
        Table table = LikelihoodFormat.Table("rank", "family", "held-out cross-entropy", "AIC", "AIC rank", "parameters");
        int rank = 0;
        foreach (Row row in rows)
        {
            if (row.Fit is null)
            {
                string reason = row.Error ?? "";
                reason = reason.Length > 90 ? reason[..89] + "…" : reason;
                LikelihoodFormat.Row(table, "-", row.Family, "no fit", "-", "-", reason);
                continue;
            }

            string parameters = string.Join(", ", row.Fit.Parameters.Take(6).Select(p => $"{p.Name} = {LikelihoodFormat.Number(p.Estimate)}"))
                + (row.Fit.Parameters.Count > 6 ? ", …" : "");
            LikelihoodFormat.Row(table, (++rank).ToString(System.Globalization.CultureInfo.InvariantCulture), row.Family,
                LikelihoodFormat.Number(row.HeldOutCrossEntropy), LikelihoodFormat.Number(row.Fit.Aic), aicRank[row.Family].ToString(System.Globalization.CultureInfo.InvariantCulture), parameters);
        }

        LikelihoodFormat.Console(context).Write(table);
        context.Output.WriteLine("Held-out cross-entropy: −mean ln p(x) over the held-out rows under the fit to the others, nats (lower is better; inf: a held-out value has probability 0).");
        context.Output.WriteLine(whole
            ? "Whole-number data: discrete families only (binomial needs n: likely fit binomial --fix n=…)."
            : "Real-valued data: continuous families only.");
    }
}
