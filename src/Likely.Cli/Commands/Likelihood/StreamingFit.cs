using Likely.Cli.Options;
using Likely.Data;
using Likely.Distributions;
using Likely.Information;
using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// <c>likely fit FAMILY</c> in constant memory: the column's chunks, file after file, into the family's
/// <see cref="FitAccumulator"/> (one per file, merged), then the fit from the sufficient statistics — the same estimate
/// as the in-memory fit to about 1e-14 relative. Used when the family has an accumulator and no option needs the sample
/// itself (--gof, --plot, --censored, --ci profile and bootstrap, fit auto do). The categorical streams its label
/// counts instead (<see cref="CountLabels"/>), its classes then sorted as in memory.
/// </summary>
internal static class StreamingFit
{
    /// <summary>True when <c>fit</c> can stream: the family has an accumulator and nothing asked for needs the sample.</summary>
    /// <param name="family">The family to fit.</param>
    /// <param name="needsSample">True when an option (--gof, --plot, --censored, a --ci other than wald) needs every value.</param>
    public static bool Applies(DistributionFamily family, bool needsSample) =>
        !needsSample && !family.NeedsSampleInMemory;

    /// <summary>
    /// The categorical fit from the counts of each label, however they were gathered: classes in the order the in-memory
    /// fit gives them (<see cref="LikelihoodSample.ClassOrder"/>), p̂_k = n_k / N. Returns the class labels with the fit.
    /// </summary>
    /// <exception cref="UsageException">No observations, or a held parameter (the categorical holds none).</exception>
    public static (DistributionFit Fit, string[] Labels) Categorical(IReadOnlyCollection<(string Label, long Count)> counts, string path, string? column,
        IReadOnlyDictionary<string, double> held)
    {
        string[] labels = LikelihoodSample.ClassOrder(counts.Select(c => c.Label));
        var classOf = labels.Select((label, k) => (label, k)).ToDictionary(p => p.label, p => p.k, StringComparer.Ordinal);
        FitAccumulator total = Distributions.Categorical.Family.CreateAccumulator()!;
        foreach ((string label, long count) in counts)
        {
            if (count > 0) total.AddRepeated(classOf[label], count);
        }

        return (Fit(Distributions.Categorical.Family, total, path, column, held), labels);
    }

    /// <summary>The fit of <paramref name="family"/> to <paramref name="column"/> of the files <paramref name="path"/> names.</summary>
    /// <exception cref="UsageException">A parameter that must be held is missing, the column is empty, or the solver failed.</exception>
    /// <exception cref="InvalidDataException">A file cannot be read, or a value is outside the family's support (the message names the data).</exception>
    public static DistributionFit Fit(DistributionFamily family, string path, string? column, IReadOnlyDictionary<string, double> held)
    {
        Hold(family, held);
        FitAccumulator total = family.CreateAccumulator()!;
        // A glob's files are read on several cores, one accumulator each, merged in file order (the same bits on any thread count).
        DataFiles.ReadShards(DataOption.Files(path), file => ReadShard(family, file, column), total.Merge);

        return Fit(family, total, path, column, held);
    }

    /// <summary>One file's column into its own accumulator; a value outside the support names the file.</summary>
    private static FitAccumulator ReadShard(DistributionFamily family, string file, string? column)
    {
        FitAccumulator shard = family.CreateAccumulator()!;
        foreach (ReadOnlyMemory<double> chunk in DataColumns.ReadNumberChunks([file], column))
        {
            try
            {
                shard.Add(chunk.Span);
            }
            catch (ArgumentException exception)
            {
                throw new InvalidDataException($"{file}, column {column ?? "(first)"}: {exception.Message.Replace(" (Parameter 'sample')", "", StringComparison.Ordinal)}", exception);
            }
        }

        return shard;
    }

    /// <summary>
    /// True when the family's fit needs only its value counts (the discrete families with an accumulator, the categorical
    /// among them): exact integers whichever engine counts them, so --engine auto may hand them to DuckDB.
    /// </summary>
    public static bool FromCounts(DistributionFamily family) =>
        !family.NeedsSampleInMemory && !SufficientStatistics.IsSummedBy(family);

    /// <summary>
    /// The aggregating paths (DuckDB, --emit-sql, --from-stats) give sufficient statistics: refuses, in one line, a family
    /// that has none (its fit needs the sample).
    /// </summary>
    /// <exception cref="UsageException">The family cannot be fitted from aggregated statistics.</exception>
    public static void CheckAggregatable(DistributionFamily family, AggregationRequest request)
    {
        if (family.NeedsSampleInMemory)
        {
            throw new UsageException($"{request.Flag} gives only sufficient statistics, and {family.Name} has none: {family.InMemoryReason} Read the rows with --data (the embedded engine).");
        }
    }

    /// <summary>
    /// Checks the held parameters (--fix) before any data are read: one that must be held is missing, an unknown name, or a
    /// value out of range fails at once, not after a pass over the files.
    /// </summary>
    /// <exception cref="UsageException">A parameter that must be held is missing.</exception>
    /// <exception cref="ArgumentException">An unknown parameter, or a held value out of range.</exception>
    public static void Hold(DistributionFamily family, IReadOnlyDictionary<string, double> held)
    {
        FamilyOptions.CheckHeld(family, held);
        family.Hold(held);
    }

    /// <summary>The fit from an accumulator already loaded (its held parameters checked by <see cref="Hold"/> first), with one-line errors for an empty column or a failed solver.</summary>
    /// <exception cref="UsageException">There are no observations, or the solver failed.</exception>
    public static DistributionFit Fit(DistributionFamily family, FitAccumulator total, string path, string? column, IReadOnlyDictionary<string, double> held)
    {
        if (total.Count == 0)
        {
            throw new UsageException($"{path}: column {column ?? "(first)"} is empty (a header but no data rows); add observations.");
        }

        try
        {
            return total.Fit(held);
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException(exception.Message);
        }
    }
}
