using System.Text.Json;
using Likely.Data;

namespace Likely.Tests.Data;

public sealed class DigitsDatasetTests
{
    // Class counts of the UCI digits test part (optdigits.tes), which is what scikit-learn ships: from the UCI data-set
    // page ("No of examples in testing set 0: 178 1: 182 …") and from the file itself with
    // `zcat digits.csv.gz | awk -F, '{print $65}' | sort -n | uniq -c`.
    private static readonly int[] ClassCounts = [178, 182, 177, 183, 181, 182, 181, 179, 174, 180];

    [Fact]
    public void Load_All_Has1797RowsOf64PixelsInTenClasses()
    {
        Dataset all = DatasetCatalog.Load("digits:all");

        Assert.Equal(1797, all.RowCount);
        Assert.Equal(64, all.FeatureCount);
        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], all.ClassNames);
        Assert.Equal(ClassCounts, Enumerable.Range(0, 10).Select(k => all.Labels.Count(y => y == k)));
        Assert.All(all.Features, x => Assert.InRange(x, 0f, 1f));
        Assert.Equal(1f, all.Features.Max()); // some pixel reaches the full count 16
    }

    [Fact]
    public void Load_All_FirstRowMatchesTheFileDividedBy16()
    {
        Dataset all = DatasetCatalog.Load("digits:all");

        // The file's first line starts "0,0,5,13,9,1,0,0" and ends with label 0: features are count / 16.
        Assert.Equal([0f, 0f, 5f / 16, 13f / 16, 9f / 16, 1f / 16, 0f, 0f], all.Row(0)[..8].ToArray());
        Assert.Equal(0, all.Labels[0]);
        Assert.Equal("pixel_7_7", all.FeatureNames[63]);
    }

    [Fact]
    public void Load_TrainAndTest_MatchThePythonReferenceSplit()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(DataTestFiles.Committed("digits_split_reference.json")));
        int[] testRows = [.. reference.RootElement.GetProperty("test_indices").EnumerateArray().Select(e => e.GetInt32())];
        int[] testClassCounts = [.. reference.RootElement.GetProperty("test_class_counts").EnumerateArray().Select(e => e.GetInt32())];
        Dataset all = DatasetCatalog.Load("digits:all");

        int[] rows = DigitsDataset.TestRows(all.Labels, all.ClassCount);

        // The split is fixed forever: these pins come from the independent Python reimplementation
        // (make_digits_split_reference.py → digits_split_reference.json), not from Likely's output.
        Assert.Equal(testRows, rows);
        Assert.Equal(314276L, rows.Sum(i => (long)i));
        Assert.Equal(371976222L, rows.Sum(i => (long)i * i));
        Assert.Equal([36, 37, 35, 37, 36, 36, 36, 36, 35, 36], testClassCounts);
        Assert.Equal(1998, DatasetCatalog.DigitsSplitSeed);
    }

    [Fact]
    public void Load_TestSpec_HoldsExactlyTheReferenceRows()
    {
        using JsonDocument reference = JsonDocument.Parse(File.ReadAllText(DataTestFiles.Committed("digits_split_reference.json")));
        int[] testRows = [.. reference.RootElement.GetProperty("test_indices").EnumerateArray().Select(e => e.GetInt32())];
        Dataset all = DatasetCatalog.Load("digits:all");

        Dataset test = DatasetCatalog.Load("digits:test");
        Dataset train = DatasetCatalog.Load("digits:train");
        Dataset plain = DatasetCatalog.Load("digits");

        Assert.Equal(360, test.RowCount);
        Assert.Equal(1437, train.RowCount);
        Assert.Equal(train.Features, plain.Features);
        Assert.Equal(all.Subset(testRows).Features, test.Features);
        Assert.Equal(all.Subset(testRows).Labels, test.Labels);
        int[] trainRows = [.. Enumerable.Range(0, 1797).Except(testRows)];
        Assert.Equal(all.Subset(trainRows).Features, train.Features);
        // Stratified: train counts are the class counts less the reference test counts (worked by hand: 178 − 36, …).
        Assert.Equal([142, 145, 142, 146, 145, 146, 145, 143, 139, 144], Enumerable.Range(0, 10).Select(k => train.Labels.Count(y => y == k)));
    }

    [Fact]
    public void Load_UnknownSpec_ThrowsListingTheForms()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetCatalog.Load("no-such-data-set"));

        Assert.Contains("digits[:train|:test]", error.Message, StringComparison.Ordinal);
        Assert.Contains("fashion-mnist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_CsvWithoutLabel_ThrowsAskingForLabel()
    {
        var error = Assert.Throws<ArgumentException>(() => DatasetCatalog.Load("some.csv"));

        Assert.Contains("--label", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFashionMnist_FolderMissing_SaysHowToInstall()
    {
        string missing = Path.Combine(Path.GetTempPath(), "likely-no-such-folder-" + Guid.NewGuid().ToString("N"));

        var error = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.LoadFashionMnist(missing, test: false));

        Assert.Contains("sudo apt-get install dataset-fashion-mnist", error.Message, StringComparison.Ordinal);
        Assert.Contains("folder", error.Message, StringComparison.Ordinal);
    }
}
