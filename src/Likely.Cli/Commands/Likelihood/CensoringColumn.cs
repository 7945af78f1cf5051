using Likely.Data;
using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// Reads <c>fit --censored COLUMN</c>: one flag per row saying the value is right-censored (known only to be exceeded):
/// 1, true or yes for censored, 0, false or no for an exact observation, as survival data are usually coded.
/// </summary>
internal static class CensoringColumn
{
    private static readonly string[] Censored = ["1", "true", "yes"];
    private static readonly string[] Exact = ["0", "false", "no"];

    /// <summary>The flags of <paramref name="column"/> in <paramref name="path"/>, one per value row.</summary>
    /// <exception cref="UsageException">A cell is not one of the codes, or the column's length differs from the values'.</exception>
    public static bool[] Read(string path, string column, int valueCount)
    {
        string[] cells = LikelihoodSample.ReadLabels(path, column);
        if (cells.Length != valueCount)
        {
            throw new UsageException($"--censored {column} has {cells.Length} rows but the values have {valueCount}; give one flag per row.");
        }

        var flags = new bool[cells.Length];
        for (int i = 0; i < cells.Length; i++)
        {
            string cell = cells[i].Trim().ToLowerInvariant();
            flags[i] = Censored.Contains(cell) || (Exact.Contains(cell)
                ? false
                : throw new UsageException($"{path}, column {column}, row {i + 1}: '{cells[i]}' is not a censoring flag; write 1 (censored: the value is a lower bound) or 0 (an exact observation)."));
        }

        return flags;
    }

    /// <summary>The censored-data MLE (<see cref="CensoredMaximumLikelihood.Fit"/>), with the library's refusals as one-line usage errors.</summary>
    /// <exception cref="UsageException">The optimizer did not converge.</exception>
    public static DistributionFit Fit(DistributionFamily family, LikelihoodSample sample, bool[] censored, IReadOnlyDictionary<string, double> held)
    {
        try
        {
            return CensoredMaximumLikelihood.Fit(family, sample.Values, censored, held);
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException(exception.Message);
        }
    }
}
