using Likely.Data;

namespace Likely.Tests.Data;

/// <summary>
/// Parquet read a row group at a time (<see cref="StreamedDataset"/>): the oracle is the digits data set the files were
/// written from (float32 values stored exactly, the label as the class index), and <see cref="ParquetDataset.Read"/>.
/// </summary>
public sealed class StreamedDatasetTests : IDisposable
{
    private readonly DataTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task Open_DigitsInRowGroupsOf100_ReadAllEqualsTheDigitsAndParquetDatasetRead()
    {
        Dataset digits = DatasetCatalog.Load("digits:train");
        string path = files.PathOf("digits.parquet");
        await ParquetTestFiles.Write(path, digits, rowGroupRows: 100);
        var options = new CsvDatasetOptions { Label = "label" };

        StreamedDataset source = StreamedDataset.Open(path, options);
        Dataset all = source.ReadAll(), read = ParquetDataset.Read(path, options);

        // 1,437 rows in groups of 100: 14 full groups and one of 37.
        Assert.Equal(15, source.RowGroups.Count);
        Assert.Equal(37, source.RowGroups[^1].Rows);
        Assert.Equal(1437, source.RowCount);
        // N·(4·D + 4) = 1,437 × (4·64 + 4) = 373,620 bytes.
        Assert.Equal(373_620, source.EstimatedBytes);
        Assert.Equal(digits.Features, all.Features);
        Assert.Equal(digits.Labels, all.Labels);
        Assert.Equal(digits.ClassNames, all.ClassNames);
        Assert.Equal(digits.FeatureNames, all.FeatureNames);
        Assert.Equal(read.Features, all.Features);
        Assert.Equal(read.Labels, all.Labels);
        Assert.Equal(read.ClassNames, source.ClassNames);
    }

    [Fact]
    public async Task ReadRowGroups_TwoGroupsOfAGlob_GivesTheirRowsInTheOrderAsked()
    {
        Dataset digits = DatasetCatalog.Load("digits:train");
        await ParquetTestFiles.Write(files.PathOf("part-0.parquet"), digits.Subset([.. Enumerable.Range(0, 700)]), rowGroupRows: 300);
        await ParquetTestFiles.Write(files.PathOf("part-1.parquet"), digits.Subset([.. Enumerable.Range(700, 737)]), rowGroupRows: 300);

        StreamedDataset source = StreamedDataset.Open(files.PathOf("part-*.parquet"), new CsvDatasetOptions { Label = "label" });
        // Groups: part-0 has 300, 300, 100 rows (digits rows 0–699); part-1 has 300, 300, 137 (rows 700–1436).
        Dataset chosen = source.ReadRowGroups([4, 0]);

        Assert.Equal([300, 300, 100, 300, 300, 137], source.RowGroups.Select(g => g.Rows));
        int[] expectedRows = [.. Enumerable.Range(1000, 300), .. Enumerable.Range(0, 300)];
        Dataset expected = digits.Subset(expectedRows);
        Assert.Equal(expected.Features, chosen.Features);
        Assert.Equal(expected.Labels, chosen.Labels);
        Assert.Equal(digits.Labels, source.ReadAll().Labels);
    }

    [Fact]
    public void Open_CsvFile_ThrowsSayingItNeedsParquet()
    {
        string csv = files.WriteText("d.csv", "x,y\n1,a\n2,b\n");

        var error = Assert.Throws<ArgumentException>(() => StreamedDataset.Open(csv, new CsvDatasetOptions { Label = "y" }));

        Assert.Contains("Parquet", error.Message);
    }

    [Fact]
    public void StandardizerFit_UnevenParts_EqualsTheFitOnAllRowsToFloatRounding()
    {
        Dataset digits = DatasetCatalog.Load("digits:train");
        Dataset[] parts = [digits.Subset([0]), digits.Subset([.. Enumerable.Range(1, 500)]), digits.Subset([.. Enumerable.Range(501, 936)])];

        Standardizer streamed = Standardizer.Fit(parts), whole = Standardizer.Fit(digits);

        // Both compute μ and s in float64 and round once to float32: they may differ by that rounding, 1 ulp (2⁻²³ relative).
        for (int j = 0; j < digits.FeatureCount; j++)
        {
            Assert.Equal(whole.Mean[j], streamed.Mean[j], tolerance: 2.5e-7 * Math.Abs(whole.Mean[j]));
            Assert.Equal(whole.Scale[j], streamed.Scale[j], tolerance: 2.5e-7 * whole.Scale[j]);
        }

        // Digits has constant columns (pixel_0_0 is 0 in every row): they keep s = 1 in both.
        Assert.Contains(whole.Scale, s => s == 1f);
        Assert.Equal(whole.Scale.Select(s => s == 1f), streamed.Scale.Select(s => s == 1f));
    }
}
