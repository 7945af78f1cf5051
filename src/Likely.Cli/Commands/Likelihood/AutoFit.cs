using System.Globalization;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Distributions;
using Likely.Likelihood;
using Spectre.Console;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// <c>likely fit auto</c>: reads the column, lets <see cref="ModelSelection.Compare"/> rank the registry's families on
/// it, and prints the ranking as a table or one JSON object. A column that is not numbers is compared as labels, among
/// the categorical family only.
/// </summary>
internal static class AutoFit
{
    /// <summary>The longest error shown in a table cell before it is cut with "…" (the JSON keeps it whole).</summary>
    private const int ErrorWidth = 90;

    /// <summary>The parameters shown per family in the table before "…".</summary>
    private const int ShownParameters = 6;

    /// <summary>Runs the comparison and prints a table or one JSON object.</summary>
    /// <exception cref="UsageException">The column has fewer than 2 values.</exception>
    public static void Run(CliContext context, string path, string? column, double testFraction, int seed, VuongCorrection vuongCorrection, bool asJson)
    {
        bool numeric = LikelihoodSample.TryNumbers(path, column, out LikelihoodSample sample);
        if (sample.Values.Length < 2)
        {
            throw new UsageException($"{path}: column {column ?? "(first)"} has {sample.Values.Length} values; auto needs at least 2 to hold some out.");
        }

        IReadOnlyList<DistributionFamily> candidates = numeric ? Families.All : [Categorical.Family];
        ModelComparison comparison = ModelSelection.Compare(sample.Values, candidates, testFraction, seed, vuongCorrection);
        if (asJson)
        {
            JsonOutput.Write(context.Output, Json(comparison, path, column, sample.Labels, vuongCorrection), CliJson.Default.AutoFitResult);
        }
        else
        {
            PrintTable(context, comparison, path, column, sample.Labels, vuongCorrection);
        }
    }

    private static AutoFitResult Json(ModelComparison comparison, string path, string? column, string[]? labels, VuongCorrection vuongCorrection) => new(
        path, column ?? "(first)", comparison.ObservationCount, comparison.TrainCount, comparison.TestCount, comparison.Seed, comparison.Discrete,
        comparison.Rows.Select(row => row.Fit is null
            ? new AutoFitFamilyResult(row.Family.Name, null, null, null, null, row.Error)
            : new AutoFitFamilyResult(row.Family.Name, row.Rank, row.HeldOutCrossEntropy, row.AicRank, FitStatisticsResult.Of(row.Fit, labels), null)).ToArray(),
        comparison.LeftOut.Select(f => f.Name).ToArray(),
        comparison.Vuong.Select(v => new VuongTestResult(v.First, v.Second, v.LogLikelihoodRatio, v.Z, v.PValue)).ToArray(),
        comparison.LikelihoodRatio.Select(r => new LikelihoodRatioTestResult(r.Restricted, r.General,
            LikelihoodRatioTest.FindNesting(r.Restricted, r.General)?.Constraint ?? "", r.Statistic, r.DegreesOfFreedom, r.OnBoundary, r.PValue)).ToArray(),
        Vocabulary.VuongCorrection.NameOf(vuongCorrection));

    private static void PrintTable(CliContext context, ModelComparison comparison, string path, string? column, string[]? labels, VuongCorrection vuongCorrection)
    {
        context.Output.WriteLine($"Families compared on {path}, column {column ?? "(first)"}: N = {comparison.ObservationCount}, held out {comparison.TestCount} rows (seed {comparison.Seed}).");
        Table table = CliConsole.Table("rank", "family", "held-out cross-entropy", "AIC", "AIC rank", "parameters");
        foreach (FamilyScore row in comparison.Rows)
        {
            if (row.Fit is null)
            {
                string reason = row.Error ?? "";
                CliConsole.AddRow(table, "-", row.Family.Name, "no fit", "-", "-", reason.Length > ErrorWidth ? reason[..(ErrorWidth - 1)] + "…" : reason);
                continue;
            }

            string parameters = string.Join(", ", row.Fit.Parameters.Take(ShownParameters).Select(p => $"{LikelihoodFormat.DisplayName(p.Name, labels)} = {LikelihoodFormat.Number(p.Estimate)}"))
                + (row.Fit.Parameters.Count > ShownParameters ? ", …" : "");
            CliConsole.AddRow(table, Whole(row.Rank!.Value), row.Family.Name, LikelihoodFormat.Number(row.HeldOutCrossEntropy),
                LikelihoodFormat.Number(row.Fit.Aic), Whole(row.AicRank!.Value), parameters);
        }

        CliConsole.Write(context.Output, table);
        context.Output.WriteLine("Held-out cross-entropy: −mean ln p(x) over the held-out rows under the fit to the others, nats (lower is better; ∞: a held-out value has probability 0).");
        PrintTests(context, comparison, vuongCorrection);
        string leftOut = string.Concat(comparison.LeftOut.SelectMany(f => f.Parameters.Where(p => p.MustBeHeld)
            .Select(p => $" ({f.Name} needs {p.Name}: likely fit {f.Name} --fix {p.Name}=…)")));
        context.Output.WriteLine(labels is not null ? "Labels: compared as categories (categorical only)."
            : comparison.Discrete ? $"Whole-number data: discrete families only{leftOut}."
            : $"Real-valued data: continuous families only{leftOut}.");
    }

    /// <summary>The Vuong tests of the best family against the others, and the likelihood-ratio tests of nested pairs.</summary>
    private static void PrintTests(CliContext context, ModelComparison comparison, VuongCorrection vuongCorrection)
    {
        if (comparison.Vuong.Count > 0)
        {
            string best = comparison.Vuong[0].First;
            string corrected = vuongCorrection switch
            {
                VuongCorrection.Aic => ", Σ ln-likelihood ratios less k₁ − k₂ (AIC correction)",
                VuongCorrection.Schwarz => ", Σ ln-likelihood ratios less (k₁ − k₂)·ln N / 2 (BIC correction)",
                _ => "",
            };
            context.Output.WriteLine($"Vuong test, {best} against each other family on all rows{corrected} (z > 0 favours {best}; two-sided p):");
            Table vuong = CliConsole.Table("family", "Vuong z", "p");
            foreach (VuongResult v in comparison.Vuong)
            {
                CliConsole.AddRow(vuong, v.Second, LikelihoodFormat.Number(v.Z), LikelihoodFormat.Number(v.PValue));
            }

            CliConsole.Write(context.Output, vuong);
        }

        if (comparison.LikelihoodRatio.Count > 0)
        {
            context.Output.WriteLine("Likelihood-ratio tests of nested families (small p: the larger family fits significantly better):");
            Table ratio = CliConsole.Table("nested", "restriction", "LR statistic", "df", "p");
            foreach (LikelihoodRatioResult r in comparison.LikelihoodRatio)
            {
                string constraint = LikelihoodRatioTest.FindNesting(r.Restricted, r.General)?.Constraint ?? "";
                CliConsole.AddRow(ratio, $"{r.Restricted} ⊂ {r.General}", constraint, LikelihoodFormat.Number(r.Statistic),
                    Whole(r.DegreesOfFreedom) + (r.OnBoundary ? " (boundary: ½χ²₀ + ½χ²₁)" : ""), LikelihoodFormat.Number(r.PValue));
            }

            CliConsole.Write(context.Output, ratio);
        }
    }

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);
}
