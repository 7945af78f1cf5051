using System.Diagnostics;
using System.Globalization;
using Likely.Data;
using Likely.Distributions;
using Likely.Information;
using Likely.Likelihood;

// One path per run, so /usr/bin/time -v sees one path's peak memory:
//   dotnet bench/Likely.Scale/bin/Release/net10.0/Likely.Scale.dll <mode> <file> [column…]
// fit-memory   CsvColumn.ReadNumbers, then Normal.Family.Fit (the path fit normal takes today)
// fit-strings  CsvColumn.ReadStrings, parsed (ReadNumbers before issue 12: a string per cell), then the fit
// fit-stream   CsvColumn.ReadNumberChunks into Normal.Family.CreateAccumulator()
// fit-parquet  ParquetColumn.ReadNumberChunks into the accumulator
// mi-memory    CsvColumn.ReadStrings twice, ContingencyTable.FromPairs (the path mi takes today)
// mi-stream    CsvColumn.ReadCategoryPairChunks into ContingencyCounts
// to-parquet   writes <file>.parquet from the CSV column x (row groups of 1M rows), for fit-parquet; a third argument
//              names another column (examples/heights.parquet: to-parquet examples/heights.csv height_cm)
// dataset-to-parquet <spec> <out.parquet> <row groups>: a labelled data set (DatasetCatalog: fashion-mnist, digits, …) as
//              float32 feature columns and an int64 column label (the class index), for train --memory-limit
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Likely.Scale fit-memory|fit-strings|fit-stream|fit-parquet|mi-memory|mi-stream|to-parquet <file>, or dataset-to-parquet <spec> <out.parquet> <row groups>");
    return 2;
}

var clock = Stopwatch.StartNew();
string mode = args[0], path = args[1];
string result;
switch (mode)
{
    case "fit-memory":
        result = Describe(Normal.Family.Fit(CsvColumn.ReadNumbers(path, "x")));
        break;
    case "fit-strings":
        result = Describe(Normal.Family.Fit(CsvColumn.ReadStrings(path, "x").Select(t => double.Parse(t, CultureInfo.InvariantCulture)).ToArray()));
        break;
    case "fit-stream":
    case "fit-parquet":
    {
        FitAccumulator accumulator = Normal.Family.CreateAccumulator()!;
        IEnumerable<ReadOnlyMemory<double>> chunks = mode == "fit-stream" ? CsvColumn.ReadNumberChunks(path, "x") : ParquetColumn.ReadNumberChunks(path, "x");
        foreach (ReadOnlyMemory<double> chunk in chunks)
        {
            accumulator.Add(chunk.Span);
        }

        result = Describe(accumulator.Fit());
        break;
    }

    case "mi-memory":
    {
        ContingencyTable table = ContingencyTable.FromPairs(CsvColumn.ReadStrings(path, "a"), CsvColumn.ReadStrings(path, "b"));
        result = $"I = {table.MutualInformation().ToString("R", CultureInfo.InvariantCulture)} nats, N = {table.Total}";
        break;
    }

    case "mi-stream":
    {
        var counts = new ContingencyCounts<int, int>();
        foreach ((ReadOnlyMemory<int> x, ReadOnlyMemory<int> y) in CsvColumn.ReadCategoryPairChunks(path, "a", "b", new CategoryLabels(), new CategoryLabels()))
        {
            counts.Add(x.Span, y.Span);
        }

        result = $"I = {counts.MutualInformation().ToString("R", CultureInfo.InvariantCulture)} nats, N = {counts.Total}";
        break;
    }

    case "to-parquet":
        result = await ToParquet(path, args.Length > 2 ? args[2] : "x");
        break;
    case "dataset-to-parquet" when args.Length == 4:
        result = await DatasetToParquet(DatasetCatalog.Load(path), args[2], int.Parse(args[3], CultureInfo.InvariantCulture));
        break;
    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'.");
        return 2;
}

Console.WriteLine($"{mode}: {result}; {clock.Elapsed.TotalSeconds:F2} s");
return 0;

static string Describe(DistributionFit fit) =>
    string.Join(", ", fit.Parameters.Select(p => $"{p.Name} = {p.Estimate.ToString("R", CultureInfo.InvariantCulture)}"))
    + $", ln L = {fit.LogLikelihood.ToString("R", CultureInfo.InvariantCulture)}, N = {fit.ObservationCount}";

static async Task<string> DatasetToParquet(Dataset data, string target, int groups)
{
    var features = data.FeatureNames.Select(name => new Parquet.Schema.DataField<float>(name)).ToArray();
    var label = new Parquet.Schema.DataField<long>("label");
    await using FileStream stream = File.Create(target);
    await using Parquet.ParquetWriter writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema([.. features, label]), stream);
    int d = data.FeatureCount, perGroup = (data.RowCount + groups - 1) / groups;
    for (int start = 0; start < data.RowCount; start += perGroup)
    {
        int end = Math.Min(data.RowCount, start + perGroup);
        using Parquet.ParquetRowGroupWriter group = writer.CreateRowGroup();
        float[] column = new float[end - start];
        for (int f = 0; f < d; f++)
        {
            for (int i = start; i < end; i++) column[i - start] = data.Features[i * d + f];
            await group.WriteAsync<float>(features[f], column.AsMemory());
        }

        await group.WriteAsync<long>(label, data.Labels[start..end].Select(k => (long)k).ToArray().AsMemory());
    }

    return $"{data.RowCount} rows × {d} features in {groups} row groups to {target}";
}

static async Task<string> ToParquet(string csv, string column)
{
    var field = new Parquet.Schema.DataField<double>(column);
    string target = Path.ChangeExtension(csv, ".parquet");
    await using FileStream stream = File.Create(target);
    await using Parquet.ParquetWriter writer = await Parquet.ParquetWriter.CreateAsync(new Parquet.Schema.ParquetSchema(field), stream);
    long rows = 0;
    foreach (ReadOnlyMemory<double> chunk in CsvColumn.ReadNumberChunks(csv, column, 1 << 20))
    {
        using Parquet.ParquetRowGroupWriter group = writer.CreateRowGroup();
        await group.WriteAsync<double>(field, chunk.ToArray().AsMemory());
        rows += chunk.Length;
    }

    return $"{rows} rows to {target}";
}
