using System.Globalization;
using Likely.Data;
using Parquet;
using Parquet.Schema;

namespace Likely.Tests.Data;

/// <summary>
/// The streaming readers of issue 12: CSV columns in chunks parsed from spans, Parquet columns row group by row group,
/// and globs of files. The oracle is the values the test itself writes (to CSV with round-trip formatting, and to
/// Parquet with Parquet.Net's writer), so a reader that drops, repeats or misparses a value fails.
/// </summary>
public sealed class StreamingReaderTests : IDisposable
{
    private readonly DataTestFiles files = new();

    public void Dispose() => files.Dispose();

    private static double[] Values(int n) =>
        Enumerable.Range(0, n).Select(i => Math.Round(Math.Sin(i) * 1000, i % 7) + (i % 5 == 0 ? 1e-300 : 0)).ToArray();

    private string WriteCsv(string name, double[] x, string[] labels)
    {
        var text = new System.Text.StringBuilder("label,x\n");
        for (int i = 0; i < x.Length; i++)
        {
            text.Append(labels[i]).Append(',').Append(x[i].ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        }

        return files.WriteText(name, text.ToString());
    }

    private static string[] Labels(int n) => Enumerable.Range(0, n).Select(i => $"c{i * 7 % 13}").ToArray();

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(64)]
    [InlineData(CsvColumn.DefaultChunkLength)]
    public void ReadNumberChunks_AnyChunkLength_GivesEveryValueOnce(int chunkLength)
    {
        double[] x = Values(1000);
        string path = WriteCsv("values.csv", x, Labels(1000));
        var read = new List<double>();
        foreach (ReadOnlyMemory<double> chunk in CsvColumn.ReadNumberChunks(path, "x", chunkLength))
        {
            Assert.InRange(chunk.Length, 1, chunkLength);
            read.AddRange(chunk.Span);
        }

        Assert.Equal(x, read);
        Assert.Equal(x, CsvColumn.ReadNumbers(path, "x"));
    }

    [Fact]
    public void ReadCategoryChunks_Labels_InternedOncePerDistinctValue()
    {
        string[] labels = Labels(500);
        string path = WriteCsv("labels.csv", Values(500), labels);
        var interned = new CategoryLabels();
        var ids = new List<int>();
        foreach (ReadOnlyMemory<int> chunk in CsvColumn.ReadCategoryChunks(path, "label", interned, chunkLength: 37))
        {
            ids.AddRange(chunk.Span);
        }

        Assert.Equal(labels.Distinct(), interned.Labels);
        Assert.Equal(labels, ids.Select(id => interned.Labels[id]));
    }

    [Fact]
    public void ReadCategoryPairChunks_TwoColumns_StayPaired()
    {
        string path = files.WriteText("pairs.csv", "a,b\nx,1\ny,2\nx,2\n");
        CategoryLabels a = new(), b = new();
        (ReadOnlyMemory<int> X, ReadOnlyMemory<int> Y)[] chunks = CsvColumn.ReadCategoryPairChunks(path, "a", "b", a, b, 2)
            .Select(c => (c.X.ToArray().AsMemory(), c.Y.ToArray().AsMemory())).Select(c => ((ReadOnlyMemory<int>)c.Item1, (ReadOnlyMemory<int>)c.Item2)).ToArray();
        Assert.Equal([0, 1, 0], chunks.SelectMany(c => c.X.ToArray()));
        Assert.Equal([0, 1, 1], chunks.SelectMany(c => c.Y.ToArray()));
        Assert.Equal(["x", "y"], a.Labels);
        Assert.Equal(["1", "2"], b.Labels);
    }

    [Fact]
    public void ReadNumberChunks_BadCellOrShortRow_NamesFileAndLine()
    {
        string bad = files.WriteText("bad.csv", "x\n1\n2\nabc\n");
        var error = Assert.Throws<InvalidDataException>(() => CsvColumn.ReadNumberChunks(bad, "x", 2).ToList());
        Assert.Equal($"{bad}, line 4: 'abc' in column 'x' is not a finite number.", error.Message);
        Assert.Equal($"{bad}, line 4: 'abc' in column 'x' is not a finite number.", Assert.Throws<InvalidDataException>(() => CsvColumn.ReadNumbers(bad, "x")).Message);
        string trailing = files.WriteText("trailing.csv", "x\n1\n12abc\n");
        Assert.Equal($"{trailing}, line 3: '12abc' in column '(first)' is not a finite number.", Assert.Throws<InvalidDataException>(() => CsvColumn.ReadNumbers(trailing)).Message);
        string infinite = files.WriteText("inf.csv", "x\n1e999\n");
        Assert.Contains("line 2: '1e999'", Assert.Throws<InvalidDataException>(() => CsvColumn.ReadNumbers(infinite)).Message);
        string shortRow = files.WriteText("short.csv", "a,b\n1,2\n3\n");
        Assert.Equal($"{shortRow}, line 3: the row has 1 columns, so column 2 ('b') is missing.",
            Assert.Throws<InvalidDataException>(() => CsvColumn.ReadNumberChunks(shortRow, "b").ToList()).Message);
        Assert.Throws<FileNotFoundException>(() => CsvColumn.ReadNumberChunks(files.PathOf("none.csv")).ToList());
    }

    [Fact]
    public async Task ParquetColumn_EveryNumericType_GivesTheValuesOfTheSameCsv()
    {
        double[] x = Values(2500);
        string[] labels = Labels(2500);
        string path = files.PathOf("values.parquet");
        await WriteParquet(path, x, labels, rowGroupLength: 1000);
        string csv = WriteCsv("values.csv", x, labels);
        double[] fromCsv = CsvColumn.ReadNumbers(csv, "x");

        Assert.Equal([1000, 1000, 500], ParquetColumn.ReadNumberChunks(path, "x").Select(c => c.Length));
        Assert.Equal(fromCsv, Concat(ParquetColumn.ReadNumberChunks(path, "x")));
        Assert.Equal(x.Select(v => (double)(float)v), Concat(ParquetColumn.ReadNumberChunks(path, "f")));
        Assert.Equal(x.Select(v => (double)(int)v), Concat(ParquetColumn.ReadNumberChunks(path, "n")));
        Assert.Equal(x.Select(v => (double)(long)(v * 1000)), Concat(ParquetColumn.ReadNumberChunks(path, "m")));

        CategoryLabels fromParquet = new(), fromText = new();
        int[] parquetIds = ParquetColumn.ReadCategoryChunks(path, "label", fromParquet).SelectMany(c => c.ToArray()).ToArray();
        int[] csvIds = CsvColumn.ReadCategoryChunks(csv, "label", fromText).SelectMany(c => c.ToArray()).ToArray();
        Assert.Equal(csvIds, parquetIds);
        Assert.Equal(fromText.Labels, fromParquet.Labels);
        Assert.Equal(["label: string", "x: double", "f: float", "n: int32", "m: int64"], ParquetColumn.ReadSchema(path));
    }

    [Fact]
    public void ReadShards_ManyFiles_MergesInFileOrderAndThrowsTheFirstFilesFailure()
    {
        // Reads finish in any order (the later files here are quicker); the merge must still see file order.
        string[] names = [.. Enumerable.Range(0, 23).Select(i => $"f{i}")];
        var merged = new List<string>();
        DataFiles.ReadShards(names, name => { Thread.Sleep(23 - int.Parse(name[1..], System.Globalization.CultureInfo.InvariantCulture)); return name; }, merged.Add);
        Assert.Equal(names, merged);

        // Files 7 and 3 fail (7 first in time): the error is file 3's, after files 0–2 were merged, as a sequential read gives.
        merged.Clear();
        string Read(string name)
        {
            if (name == "f3")
            {
                Thread.Sleep(30);
                throw new InvalidDataException("f3 is bad");
            }

            return name == "f7" ? throw new InvalidDataException("f7 is bad") : name;
        }

        var error = Assert.Throws<InvalidDataException>(() => DataFiles.ReadShards(names, Read, merged.Add));
        Assert.Equal("f3 is bad", error.Message);
        Assert.Equal(["f0", "f1", "f2"], merged);
    }

    [Fact]
    public async Task ParquetColumn_IntegerCategories_AreTheirDecimalTextExactlyEvenBeyond2To53()
    {
        // Labels of whole numbers are their decimal text, as a CSV cell holding them reads: 2⁵³ + 1 is not a double,
        // and 10¹⁶ would read "1E+16" through one; both must stay themselves and distinct from their neighbours.
        long[] values = [7, -3, 7, 9_007_199_254_740_993, 9_007_199_254_740_992, 10_000_000_000_000_000, -3, 0];
        string path = files.PathOf("whole.parquet");
        DataField<long> field = new("k");
        await using (FileStream stream = File.Create(path))
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream))
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<long>(field, values.AsMemory());
        }

        var labels = new CategoryLabels();
        int first = labels.IdOf("7"); // a text "7" seen first is the same category as the number 7
        int[] ids = ParquetColumn.ReadCategoryChunks(path, "k", labels).SelectMany(c => c.ToArray()).ToArray();

        Assert.Equal([first, 1, first, 2, 3, 4, 1, 5], ids);
        Assert.Equal(["7", "-3", "9007199254740993", "9007199254740992", "10000000000000000", "0"], labels.Labels);
    }

    [Fact]
    public async Task ParquetColumn_WrongTypeMissingColumnOrNull_SaysWhichAndTheFix()
    {
        string path = files.PathOf("values.parquet");
        await WriteParquet(path, Values(10), Labels(10), rowGroupLength: 4);
        Assert.Equal($"{path}: column 'label' holds string values, not numbers; choose a numeric column (int32, int64, float or double) or convert it.",
            Assert.Throws<InvalidDataException>(() => ParquetColumn.ReadNumberChunks(path, "label").ToList()).Message);
        Assert.Equal($"{path} has no column 'z'; its columns are: label, x, f, n, m.",
            Assert.Throws<InvalidDataException>(() => ParquetColumn.ReadNumberChunks(path, "z").ToList()).Message);
        Assert.Contains("holds double values, which are not category labels", Assert.Throws<InvalidDataException>(() => ParquetColumn.ReadCategoryChunks(path, "x", new CategoryLabels()).ToList()).Message);

        string nullable = files.PathOf("nulls.parquet");
        var field = new DataField<double?>("x");
        await using (FileStream stream = File.Create(nullable))
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream))
        using (ParquetRowGroupWriter group = writer.CreateRowGroup())
        {
            await group.WriteAsync<double>(field, new double?[] { 1.5, null, 2.5 }.AsMemory());
        }

        Assert.Equal($"{nullable}: row group 0, row 1: column 'x' has a missing value (null); drop or fill missing values first.",
            Assert.Throws<InvalidDataException>(() => ParquetColumn.ReadNumberChunks(nullable).ToList()).Message);
    }

    [Fact]
    public async Task ParquetColumn_CorruptOrTruncatedFile_IsOneLineNamingTheFile()
    {
        string good = files.PathOf("good.parquet");
        await WriteParquet(good, Values(3000), Labels(3000), rowGroupLength: 1000);
        byte[] bytes = await File.ReadAllBytesAsync(good);

        string truncated = files.PathOf("truncated.parquet");
        await File.WriteAllBytesAsync(truncated, bytes[..(bytes.Length / 2)]);
        var error = Assert.Throws<InvalidDataException>(() => ParquetColumn.ReadNumberChunks(truncated, "x").ToList());
        Assert.StartsWith($"{truncated} is not a readable Parquet file", error.Message);
        Assert.DoesNotContain('\n', error.Message);

        string text = files.WriteText("text.parquet", "x\n1\n2\n");
        Assert.StartsWith($"{text} is not a readable Parquet file", Assert.Throws<InvalidDataException>(() => ParquetColumn.ReadSchema(text)).Message);

        // Garbage in the middle of the data pages (the footer intact): the reader fails in a row group, and says so.
        string damaged = files.PathOf("damaged.parquet");
        byte[] copy = (byte[])bytes.Clone();
        for (int i = 100; i < bytes.Length / 2; i++)
        {
            copy[i] = (byte)(i * 31);
        }

        await File.WriteAllBytesAsync(damaged, copy);
        var damage = Assert.ThrowsAny<InvalidDataException>(() => ParquetColumn.ReadNumberChunks(damaged, "x").ToList());
        Assert.Contains(damaged, damage.Message);
    }

    [Fact]
    public async Task Expand_Glob_GivesSortedFilesAndRefusesNoMatchOrOtherColumns()
    {
        string folder = Path.Combine(files.Folder, "events");
        Directory.CreateDirectory(folder);
        WriteCsv(Path.Combine("events", "b.csv"), [1.0], ["a"]);
        WriteCsv(Path.Combine("events", "a.csv"), [2.0], ["b"]);
        files.WriteText(Path.Combine("events", "notes.txt"), "x");
        Assert.Equal([Path.Combine(folder, "a.csv"), Path.Combine(folder, "b.csv")], DataFiles.Expand(Path.Combine(folder, "*.csv")));
        Assert.Equal([Path.Combine(folder, "a.csv")], DataFiles.Expand(Path.Combine(folder, "a.csv")));

        string none = Path.Combine(folder, "*.parquet");
        Assert.Equal($"'{none}' matches no file; check the directory and the pattern (e.g. 'events/*.parquet').",
            Assert.Throws<FileNotFoundException>(() => DataFiles.Expand(none)).Message);

        files.WriteText(Path.Combine("events", "c.csv"), "label,y\na,1\n");
        string c = Path.Combine(folder, "c.csv");
        Assert.StartsWith($"{c} has the columns (label, y) but {Path.Combine(folder, "a.csv")} has (label, x)",
            Assert.Throws<InvalidDataException>(() => DataFiles.Expand(Path.Combine(folder, "*.csv"))).Message);

        await WriteParquet(Path.Combine(folder, "p1.parquet"), Values(5), Labels(5), 5);
        var narrow = new DataField<double>("x");
        await using (FileStream stream = File.Create(Path.Combine(folder, "p2.parquet")))
        await using (ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(narrow), stream))
        using (ParquetRowGroupWriter group = writer.CreateRowGroup())
        {
            await group.WriteAsync<double>(narrow, new double[] { 1 }.AsMemory());
        }

        Assert.Contains($"{Path.Combine(folder, "p2.parquet")} has the columns (x: double)", Assert.Throws<InvalidDataException>(() => DataFiles.Expand(Path.Combine(folder, "p*.parquet"))).Message);
        Assert.Throws<ArgumentException>(() => DataFiles.Expand(Path.Combine(files.Folder, "*", "a.csv")));
        string mixed = Path.Combine(files.Folder, "mixed");
        Directory.CreateDirectory(mixed);
        File.Copy(Path.Combine(folder, "a.csv"), Path.Combine(mixed, "a.csv"));
        File.Copy(Path.Combine(folder, "p1.parquet"), Path.Combine(mixed, "q.parquet"));
        Assert.StartsWith($"{Path.Combine(mixed, "q.parquet")} is Parquet but {Path.Combine(mixed, "a.csv")} is CSV; every file of",
            Assert.Throws<InvalidDataException>(() => DataFiles.Expand(Path.Combine(mixed, "*"))).Message);
    }

    private static double[] Concat(IEnumerable<ReadOnlyMemory<double>> chunks) => chunks.SelectMany(c => c.ToArray()).ToArray();

    /// <summary>Writes columns label (string), x (double), f (float), n (int32 = (int)x) and m (int64 = (long)(1000x)) in row groups.</summary>
    private static async Task WriteParquet(string path, double[] x, string[] labels, int rowGroupLength)
    {
        DataField<string> label = new("label");
        DataField<double> xs = new("x");
        DataField<float> fs = new("f");
        DataField<int> ns = new("n");
        DataField<long> ms = new("m");
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(label, xs, fs, ns, ms), stream);
        for (int start = 0; start < x.Length; start += rowGroupLength)
        {
            int end = Math.Min(x.Length, start + rowGroupLength);
            double[] part = x[start..end];
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync(label, labels[start..end]);
            await group.WriteAsync<double>(xs, part.AsMemory());
            await group.WriteAsync<float>(fs, part.Select(v => (float)v).ToArray().AsMemory());
            await group.WriteAsync<int>(ns, part.Select(v => (int)v).ToArray().AsMemory());
            await group.WriteAsync<long>(ms, part.Select(v => (long)(v * 1000)).ToArray().AsMemory());
        }
    }
}
