using Likely.Cli.Options;
using Likely.Data;
using Likely.Information;

namespace Likely.Cli.Commands;

/// <summary>
/// The category counts behind <c>entropy --empirical</c>, <c>fit categorical</c> and plug-in <c>mi</c>, streamed from
/// the files a --data value names by the embedded engine: each file counted with its own labels on one of several
/// cores (<see cref="DataFiles.ReadShards"/>), then merged in file order with its labels given the shared order of first
/// appearance — the counts, labels and order of one sequential pass, whatever the thread count.
/// </summary>
internal static class ColumnCounts
{
    /// <summary>The count of each label of <paramref name="column"/> over every file <paramref name="path"/> names, in order of first appearance.</summary>
    /// <exception cref="InvalidDataException">A file cannot be read or lacks the column, or the column is not categorical.</exception>
    public static (string Label, long Count)[] Labels(string path, string? column)
    {
        var total = new CategoryCounts<string>(StringComparer.Ordinal);
        DataFiles.ReadShards(DataOption.Files(path), file => FileLabels(file, column), shard =>
        {
            foreach ((string label, long count) in shard)
            {
                total.AddCount(label, count);
            }
        });

        return [.. total.Categories.Select(label => (label, total[label]))];
    }

    /// <summary>The counts of the (x, y) label pairs over every file <paramref name="path"/> names, as ids in order of first appearance.</summary>
    /// <exception cref="InvalidDataException">A file cannot be read or lacks a column, or a column is not categorical.</exception>
    public static ContingencyCounts<int, int> Pairs(string path, string x, string y)
    {
        var xLabels = new CategoryLabels();
        var yLabels = new CategoryLabels();
        var counts = new ContingencyCounts<int, int>();
        DataFiles.ReadShards(DataOption.Files(path), file => FilePairs(file, x, y), shard =>
        {
            int[] xId = [.. shard.X.Select(label => xLabels.IdOf(label))], yId = [.. shard.Y.Select(label => yLabels.IdOf(label))];
            foreach ((int a, int b, long n) in shard.Counts.ObservedPairs())
            {
                counts.AddCount(xId[a], yId[b], n);
            }
        });

        return counts;
    }

    /// <summary>One file's label counts, in order of first appearance.</summary>
    private static (string Label, long Count)[] FileLabels(string file, string? column)
    {
        var labels = new CategoryLabels();
        var counts = new CategoryCounts<int>();
        foreach (ReadOnlyMemory<int> chunk in DataColumns.ReadCategoryChunks([file], column, labels))
        {
            counts.Add(chunk.Span);
        }

        return [.. counts.Categories.Select(id => (labels.Labels[id], counts[id]))];
    }

    /// <summary>One file's pair counts over its own label ids, with the labels of those ids.</summary>
    private static (string[] X, string[] Y, ContingencyCounts<int, int> Counts) FilePairs(string file, string x, string y)
    {
        var xLabels = new CategoryLabels();
        var yLabels = new CategoryLabels();
        var counts = new ContingencyCounts<int, int>();
        foreach ((ReadOnlyMemory<int> xs, ReadOnlyMemory<int> ys) in DataColumns.ReadCategoryPairChunks([file], x, y, xLabels, yLabels))
        {
            counts.Add(xs.Span, ys.Span);
        }

        return ([.. xLabels.Labels], [.. yLabels.Labels], counts);
    }
}
