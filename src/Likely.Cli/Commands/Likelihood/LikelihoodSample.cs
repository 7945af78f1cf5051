using System.Globalization;
using Likely.Data;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// One CSV column as a sample: numbers for the numeric families; for <c>categorical</c>, the distinct labels (sorted,
/// numerically when all are numbers) and each row's class index.
/// </summary>
/// <param name="Values">The observations (class indices for a categorical sample).</param>
/// <param name="Labels">Class k is <c>Labels[k]</c>; null for a numeric sample.</param>
internal sealed record LikelihoodSample(double[] Values, string[]? Labels)
{
    /// <summary>Reads the column as <paramref name="family"/> takes it: labels for the categorical, numbers for the others.</summary>
    public static LikelihoodSample For(DistributionFamily family, string path, string? column) =>
        family == Categorical.Family ? Categories(path, column) : Numbers(path, column);

    /// <summary>Reads the column as numbers.</summary>
    public static LikelihoodSample Numbers(string path, string? column) => new(CsvColumn.ReadNumbers(path, column), null);

    /// <summary>Reads the column as class labels.</summary>
    public static LikelihoodSample Categories(string path, string? column) => FromLabels(CsvColumn.ReadStrings(path, column));

    /// <summary>Maps labels to class indices, classes ordered numerically when every label is a number, else ordinally.</summary>
    public static LikelihoodSample FromLabels(string[] text)
    {
        bool numeric = text.Length > 0 && text.All(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        string[] labels = numeric
            ? text.Distinct().OrderBy(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture)).ToArray()
            : text.Distinct().Order(StringComparer.Ordinal).ToArray();
        var index = labels.Select((label, k) => (label, k)).ToDictionary(p => p.label, p => p.k, StringComparer.Ordinal);
        return new LikelihoodSample(text.Select(t => (double)index[t]).ToArray(), labels);
    }

    /// <summary>True when the column could not be read as numbers (so only <c>categorical</c> applies).</summary>
    public static bool TryNumbers(string path, string? column, out LikelihoodSample sample)
    {
        try
        {
            sample = Numbers(path, column);
            return true;
        }
        catch (InvalidDataException) when (File.Exists(path))
        {
            sample = Categories(path, column);
            return false;
        }
    }
}
