using System.Globalization;
using Likely.Data;
using Parquet;
using Parquet.Schema;

namespace Likely.Tests.Data;

/// <summary>
/// A labelled data set from Parquet (train/evaluate's --data x.parquet): the oracle is the same rows written as CSV and
/// read by <see cref="CsvDataset"/>, whose rules (class order, integer labels, known classes) the Parquet reader shares.
/// Feature values are multiples of 1/8, exact in float32, so the two files hold the same numbers.
/// </summary>
public sealed class ParquetDatasetTests : IDisposable
{
    private readonly DataTestFiles files = new();

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Load_ParquetFile_EqualsTheSameRowsFromCsv(bool integerLabels)
    {
        var random = new Random(5);
        int n = 230;
        double[] u = [.. Enumerable.Range(0, n).Select(_ => random.Next(-80, 80) / 8.0)];
        double[] v = [.. Enumerable.Range(0, n).Select(_ => random.Next(0, 40) / 8.0)];
        long[] y = [.. Enumerable.Range(0, n).Select(i => (long)(i % 3 == 0 ? 10 : random.Next(0, 10)))];
        string[] names = [.. y.Select(k => integerLabels ? k.ToString(CultureInfo.InvariantCulture) : $"c{k}")];
        string csv = files.WriteText("d.csv", "u,y,v\n" + string.Concat(Enumerable.Range(0, n).Select(i => FormattableString.Invariant($"{u[i]},{names[i]},{v[i]}\n"))));
        string parquet = files.PathOf("d.parquet");
        await Write(parquet, u, v, y, names, integerLabels, rowGroupLength: 100);
        var options = new CsvDatasetOptions { Label = "y" };

        Dataset expected = DatasetCatalog.Load(csv, options), actual = DatasetCatalog.Load(parquet, options);

        Assert.Equal(expected.Features, actual.Features);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.ClassNames, actual.ClassNames);
        Assert.Equal(expected.FeatureNames, actual.FeatureNames);

        Dataset selected = DatasetCatalog.Load(parquet, options with { Features = ["v"], ClassNames = [.. expected.ClassNames.Reverse()] });
        Assert.Equal(expected.Features.Where((_, i) => i % 2 == 1), selected.Features);
        Assert.Equal(expected.Labels.Select(k => expected.ClassNames.Count - 1 - k), selected.Labels);
    }

    [Fact]
    public async Task ReadFeatures_ParquetFile_EqualsTheCsvFeatures()
    {
        double[] u = [0.5, -1.25, 3], v = [2, 0.125, -7.5];
        string csv = files.WriteText("f.csv", "u,y,v\n0.5,a,2\n-1.25,b,0.125\n3,a,-7.5\n");
        string parquet = files.PathOf("f.parquet");
        await Write(parquet, u, v, [0, 1, 0], ["a", "b", "a"], integerLabels: false, rowGroupLength: 2);

        float[] expected = CsvDataset.ReadFeatures(csv, ["v", "u"], out int expectedRows);
        float[] actual = ParquetDataset.ReadFeatures(parquet, ["v", "u"], out int rows);

        Assert.Equal(expectedRows, rows);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Load_IntegerLabelsWithAGap_ThrowsNamingTheFile()
    {
        string parquet = files.PathOf("gap.parquet");
        await Write(parquet, [1, 2, 3], [1, 2, 3], [0, 2, 2], ["0", "2", "2"], integerLabels: true, rowGroupLength: 3);

        var error = Assert.Throws<InvalidDataException>(() => DatasetCatalog.Load(parquet, new CsvDatasetOptions { Label = "y" }));
        Assert.Contains(parquet, error.Message);
        Assert.Contains("1", error.Message);
    }

    private static async Task Write(string path, double[] u, double[] v, long[] y, string[] names, bool integerLabels, int rowGroupLength)
    {
        DataField<double> fu = new("u"), fv = new("v");
        DataField label = integerLabels ? new DataField<long>("y") : new DataField<string>("y");
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fu, label, fv), stream);
        for (int start = 0; start < u.Length; start += rowGroupLength)
        {
            int end = Math.Min(u.Length, start + rowGroupLength);
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<double>(fu, u[start..end].AsMemory());
            if (integerLabels)
            {
                await group.WriteAsync<long>((DataField<long>)label, y[start..end].AsMemory());
            }
            else
            {
                await group.WriteAsync((DataField<string>)label, names[start..end]);
            }

            await group.WriteAsync<double>(fv, v[start..end].AsMemory());
        }
    }
}
