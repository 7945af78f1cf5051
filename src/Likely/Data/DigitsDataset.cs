using System.Globalization;
using System.IO.Compression;
using nietras.SeparatedValues;

namespace Likely.Data;

/// <summary>
/// The UCI optical-recognition handwritten digits (Alpaydin &amp; Kaynak, 1998; CC BY 4.0), embedded in the library:
/// 1,797 images of 8×8 pixels with counts 0..16, ten classes "0".."9". Features are count / 16, in [0, 1].
/// Source: scikit-learn's copy (sklearn/datasets/data/digits.csv.gz), see src/Likely/Data/Resources/README.md.
/// </summary>
/// <remarks>
/// The fixed split: stratified, seed <see cref="SplitSeed"/>. Each class k with n_k images gets t_k test images,
/// t_k = ⌊360·n_k / 1797⌋ plus one for the classes with the largest remainders (360·n_k mod 1797, ties to the lower
/// class) until Σ t_k = 360. One SplitMix64 generator seeded with <see cref="SplitSeed"/> shuffles each class's row
/// indices (file order, classes 0 to 9 in turn, Fisher–Yates); the first t_k of each shuffle are test rows.
/// digits:test is those 360 rows and digits:train the other 1,437, both in file order.
/// </remarks>
internal static class DigitsDataset
{
    /// <summary>The seed of the fixed train/test split; never change it.</summary>
    public const int SplitSeed = 1998;

    /// <summary>Rows in digits:test.</summary>
    public const int TestCount = 360;

    private const string ResourceName = "Likely.Data.Resources.digits.csv.gz";
    private const int PixelCount = 64;

    /// <summary>All 1,797 rows, in the file's order.</summary>
    public static Dataset LoadAll()
    {
        using Stream resource = typeof(DigitsDataset).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource '{ResourceName}' is missing from the Likely assembly; the build is broken.");
        using var gzip = new GZipStream(resource, CompressionMode.Decompress);
        using var text = new StreamReader(gzip);
        using SepReader reader = Sep.Reader(o => o with { HasHeader = false }).From(text);
        var features = new List<float>(1797 * PixelCount);
        var labels = new List<int>(1797);
        foreach (SepReader.Row row in reader)
        {
            for (int j = 0; j < PixelCount; j++)
            {
                features.Add(ParseInteger(row[j].Span) / 16f);
            }

            labels.Add(ParseInteger(row[PixelCount].Span));
        }

        string[] featureNames = [.. Enumerable.Range(0, PixelCount).Select(j => $"pixel_{j / 8}_{j % 8}")];
        string[] classNames = [.. Enumerable.Range(0, 10).Select(k => k.ToString(CultureInfo.InvariantCulture))];
        return new Dataset([.. features], [.. labels], PixelCount, classNames, featureNames);
    }

    /// <summary>The row indices of digits:test, ascending (see the type's remarks for how they are chosen).</summary>
    public static int[] TestRows(IReadOnlyList<int> labels, int classCount)
    {
        var members = new List<int>[classCount];
        for (int k = 0; k < classCount; k++)
        {
            members[k] = [];
        }

        for (int i = 0; i < labels.Count; i++)
        {
            members[labels[i]].Add(i);
        }

        int[] quota = new int[classCount];
        long[] remainder = new long[classCount];
        int total = labels.Count;
        for (int k = 0; k < classCount; k++)
        {
            quota[k] = (int)((long)TestCount * members[k].Count / total);
            remainder[k] = (long)TestCount * members[k].Count % total;
        }

        int missing = TestCount - quota.Sum();
        foreach (int k in Enumerable.Range(0, classCount).OrderByDescending(k => remainder[k]).ThenBy(k => k).Take(missing))
        {
            quota[k]++;
        }

        ulong state = SeededShuffle.InitialState(SplitSeed);
        var test = new List<int>(TestCount);
        for (int k = 0; k < classCount; k++)
        {
            int[] rows = [.. members[k]];
            SeededShuffle.Shuffle(rows, ref state);
            test.AddRange(rows.AsSpan(0, quota[k]));
        }

        test.Sort();
        return [.. test];
    }

    /// <summary>Loads digits:train (<paramref name="test"/> false, 1,437 rows) or digits:test (true, 360 rows).</summary>
    public static Dataset Load(bool test)
    {
        Dataset all = LoadAll();
        int[] testRows = TestRows(all.Labels, all.ClassCount);
        if (test)
        {
            return all.Subset(testRows);
        }

        var isTest = new bool[all.RowCount];
        foreach (int row in testRows)
        {
            isTest[row] = true;
        }

        int[] trainRows = [.. Enumerable.Range(0, all.RowCount).Where(i => !isTest[i])];
        return all.Subset(trainRows);
    }

    private static int ParseInteger(ReadOnlySpan<char> text)
    {
        // sklearn's file writes the counts as integers, possibly with a ".0"; parse as a number and check it is whole.
        double value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return (int)value == value ? (int)value : throw new InvalidDataException($"The embedded digits hold '{text}' where a whole number is expected; the resource is corrupt.");
    }
}
