using System.Globalization;
using Likely.Cli.Options;
using Likely.Data;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// One column as a sample in memory, from a CSV or Parquet file or a glob of them (<see cref="DataOption.Files"/>):
/// numbers for the numeric families; for <c>categorical</c>, the distinct labels (sorted, numerically when all are
/// numbers) and each row's class index. <see cref="StreamingFit"/> fits without it when nothing else needs the sample.
/// </summary>
/// <param name="Values">The observations (class indices for a categorical sample).</param>
/// <param name="Labels">Class k is <c>Labels[k]</c>; null for a numeric sample.</param>
internal sealed record LikelihoodSample(double[] Values, string[]? Labels)
{
    /// <summary>Reads the column as <paramref name="family"/> takes it: labels for the categorical, numbers for the others.</summary>
    public static LikelihoodSample For(DistributionFamily family, string path, string? column) =>
        family == Categorical.Family ? Categories(path, column) : Numbers(path, column);

    /// <summary>Reads the column as numbers.</summary>
    public static LikelihoodSample Numbers(string path, string? column) => new(DataColumns.ReadNumbers(DataOption.Files(path), column), null);

    /// <summary>Reads the column as class labels.</summary>
    public static LikelihoodSample Categories(string path, string? column) => FromLabels(ReadLabels(path, column));

    /// <summary>The column's cells as strings: a single CSV file as <see cref="CsvColumn.ReadStrings(string, string?)"/> reads it, else through interned labels.</summary>
    public static string[] ReadLabels(string path, string? column)
    {
        IReadOnlyList<string> files = DataOption.Files(path);
        if (files.Count == 1 && !DataFiles.IsParquet(files[0]))
        {
            return CsvColumn.ReadStrings(files[0], column);
        }

        var labels = new CategoryLabels();
        var cells = new List<string>();
        foreach (ReadOnlyMemory<int> chunk in DataColumns.ReadCategoryChunks(files, column, labels))
        {
            foreach (int id in chunk.Span)
            {
                cells.Add(labels.Labels[id]);
            }
        }

        return cells.ToArray();
    }

    /// <summary>Maps labels to class indices, classes ordered numerically when every label is a number, else ordinally.</summary>
    public static LikelihoodSample FromLabels(string[] text)
    {
        string[] labels = ClassOrder(text.Distinct());
        var index = labels.Select((label, k) => (label, k)).ToDictionary(p => p.label, p => p.k, StringComparer.Ordinal);
        return new LikelihoodSample(text.Select(t => (double)index[t]).ToArray(), labels);
    }

    /// <summary>The classes of distinct labels in the order the categorical fit numbers them: numerically when every label is a number, else ordinally.</summary>
    public static string[] ClassOrder(IEnumerable<string> distinct)
    {
        string[] labels = [.. distinct];
        bool numeric = labels.Length > 0 && labels.All(t => double.TryParse(t, NumberStyles.Float, CultureInfo.InvariantCulture, out _));
        return numeric
            ? [.. labels.OrderBy(t => double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture))]
            : [.. labels.Order(StringComparer.Ordinal)];
    }

    /// <summary>True when the column could not be read as numbers (so only <c>categorical</c> applies).</summary>
    public static bool TryNumbers(string path, string? column, out LikelihoodSample sample)
    {
        try
        {
            sample = Numbers(path, column);
            return true;
        }
        catch (InvalidDataException exception) when (IsNotNumeric(exception))
        {
            sample = Categories(path, column);
            return false;
        }
    }

    /// <summary>True for the readers' "not a number" refusals (a CSV cell, or a Parquet column of another type).</summary>
    private static bool IsNotNumeric(InvalidDataException exception) =>
        exception.Message.Contains("is not a finite number", StringComparison.Ordinal) || exception.Message.Contains("not numbers", StringComparison.Ordinal);
}
