using System.Diagnostics;
using System.Globalization;
using Likely.Data;
using Likely.Distributions;
using Likely.DuckDb;
using Likely.Information;
using Likely.Likelihood;

// One path per run, so /usr/bin/time -v sees one path's peak memory:
//   dotnet bench/Likely.DuckDbScale/bin/Release/net10.0/Likely.DuckDbScale.dll <mode> <folder or glob> [rows]
// make            writes <folder>/part-NN.parquet, 1M rows each (row groups of 262,144), seeded: a (int, 1,000 labels,
//                 Zipf-like), b (int, 50 labels depending on a), c (int, Poisson(4) by Knuth's product of uniforms)
// duckdb-mi       DuckDbAggregation.PairCounts over the glob, then ContingencyCounts.MutualInformation
// stream-mi       ParquetColumn.ReadCategoryChunks of a and b, file by file, into ContingencyCounts
// duckdb-poisson  DuckDbAggregation.FitStatistics (value counts of c) → Poisson accumulator → Fit
// stream-poisson  ParquetColumn.ReadNumberChunks of c into the Poisson accumulator
// sql-mi          DuckDB's own SQL alone: the mutual information of a and b computed entirely in one query (no Likely code)
// sql-poisson     DuckDB's own SQL alone: λ̂ = avg(c) and N in one query
// sum-precision   DuckDB's sum and fsum of <rows> doubles 1e4 + U(0, 3) against the exact sum in DECIMAL(38, 18)
if (args.Length < 2)
{
    Console.Error.WriteLine("usage: Likely.DuckDbScale make <folder> <rows> | duckdb-mi|stream-mi|duckdb-poisson|stream-poisson|sql-mi|sql-poisson <glob>");
    return 2;
}

var clock = Stopwatch.StartNew();
string mode = args[0], path = args[1];
string result;
switch (mode)
{
    case "make":
        result = await Make(path, long.Parse(args[2], CultureInfo.InvariantCulture));
        break;
    case "duckdb-mi":
    {
        ContingencyCounts<string, string> counts = DuckDbAggregation.PairCounts(DuckDbSource.Files(path), "a", "b");
        result = $"I = {counts.MutualInformation().ToString("R", CultureInfo.InvariantCulture)} nats, N = {counts.Total}";
        break;
    }

    case "stream-mi":
    {
        var counts = new ContingencyCounts<int, int>();
        CategoryLabels xLabels = new(), yLabels = new();
        foreach (string file in DataFiles.Expand(path))
        {
            using IEnumerator<ReadOnlyMemory<int>> y = ParquetColumn.ReadCategoryChunks(file, "b", yLabels).GetEnumerator();
            foreach (ReadOnlyMemory<int> x in ParquetColumn.ReadCategoryChunks(file, "a", xLabels))
            {
                y.MoveNext();
                counts.Add(x.Span, y.Current.Span);
            }
        }

        result = $"I = {counts.MutualInformation().ToString("R", CultureInfo.InvariantCulture)} nats, N = {counts.Total}";
        break;
    }

    case "duckdb-poisson":
        result = Describe(DuckDbAggregation.FitStatistics(DuckDbSource.Files(path), "c", Poisson.Family).Fit());
        break;
    case "stream-poisson":
    {
        FitAccumulator accumulator = Poisson.Family.CreateAccumulator()!;
        foreach (string file in DataFiles.Expand(path))
        {
            foreach (ReadOnlyMemory<double> chunk in ParquetColumn.ReadNumberChunks(file, "c"))
            {
                accumulator.Add(chunk.Span);
            }
        }

        result = Describe(accumulator.Fit());
        break;
    }

    case "sql-mi":
    {
        // I = Σ (n_ab/N) ln(n_ab N / (n_a n_b)), every sum in DuckDB: the peer's best single query for the same number.
        string files = DuckDbSource.Files(path).FromItem;
        string sql = $"""
            WITH p AS (SELECT a, b, count(*)::DOUBLE AS n FROM {files} GROUP BY a, b),
                 t AS (SELECT sum(n) AS total FROM p),
                 pa AS (SELECT a, sum(n) AS na FROM p GROUP BY a),
                 pb AS (SELECT b, sum(n) AS nb FROM p GROUP BY b)
            SELECT fsum(p.n / t.total * ln(p.n * t.total / (pa.na * pb.nb))) AS mi, any_value(t.total) AS n
            FROM p JOIN pa USING (a) JOIN pb USING (b), t
            """;
        string?[] row = DuckDbAggregation.Run(sql).Rows[0];
        result = $"I = {row[0]} nats, N = {row[1]}";
        break;
    }

    case "sql-poisson":
    {
        string?[] row = DuckDbAggregation.Run($"SELECT avg(c) AS lambda, count(c) AS n FROM {DuckDbSource.Files(path).FromItem}").Rows[0];
        result = $"lambda = {row[0]}, N = {row[1]}";
        break;
    }

    case "sum-precision":
    {
        string sql = $"SELECT sum(x) AS plain, fsum(x) AS kahan, sum(CAST(x AS DECIMAL(38, 18))) AS exact FROM (SELECT 1e4 + 3 * random() AS x FROM range({long.Parse(path, CultureInfo.InvariantCulture)}))";
        string?[] row = DuckDbAggregation.Run(sql).Rows[0];
        double plain = double.Parse(row[0]!, CultureInfo.InvariantCulture), kahan = double.Parse(row[1]!, CultureInfo.InvariantCulture);
        decimal exact = decimal.Parse(row[2]!, CultureInfo.InvariantCulture);
        double Relative(double value) => (double)Math.Abs(((decimal)value - exact) / exact);
        result = $"sum relative error {Relative(plain):E2}, fsum {Relative(kahan):E2} (exact {exact})";
        break;
    }

    default:
        Console.Error.WriteLine($"Unknown mode '{mode}'.");
        return 2;
}

Console.WriteLine($"{mode}: {result}; {clock.Elapsed.TotalSeconds:F2} s");
return 0;

static string Describe(DistributionFit fit) =>
    string.Join(", ", fit.Parameters.Select(p => $"{p.Name} = {p.Estimate.ToString("R", CultureInfo.InvariantCulture)}"))
    + $", ln L = {fit.LogLikelihood.ToString("R", CultureInfo.InvariantCulture)}, N = {fit.ObservationCount}";

static async Task<string> Make(string folder, long rows)
{
    const int FileRows = 1_000_000, GroupRows = 262_144;
    Directory.CreateDirectory(folder);
    var random = new Random(12);
    double[] cumulative = new double[1000];
    double total = 0;
    for (int k = 0; k < cumulative.Length; k++)
    {
        total += 1 / Math.Pow(k + 1, 0.8);
        cumulative[k] = total;
    }

    var a = new Parquet.Schema.DataField<int>("a");
    var b = new Parquet.Schema.DataField<int>("b");
    var c = new Parquet.Schema.DataField<int>("c");
    var schema = new Parquet.Schema.ParquetSchema(a, b, c);
    int files = (int)((rows + FileRows - 1) / FileRows);
    for (int f = 0; f < files; f++)
    {
        await using FileStream stream = File.Create(Path.Combine(folder, $"part-{f:D3}.parquet"));
        await using Parquet.ParquetWriter writer = await Parquet.ParquetWriter.CreateAsync(schema, stream);
        int inFile = (int)Math.Min(FileRows, rows - ((long)f * FileRows));
        for (int start = 0; start < inFile; start += GroupRows)
        {
            int n = Math.Min(GroupRows, inFile - start);
            int[] xa = new int[n], xb = new int[n], xc = new int[n];
            for (int i = 0; i < n; i++)
            {
                int label = Array.BinarySearch(cumulative, random.NextDouble() * total);
                xa[i] = label < 0 ? ~label : label;
                xb[i] = ((xa[i] * 7) + random.Next(10)) % 50;
                int k = 0;
                for (double p = random.NextDouble(); p > Math.Exp(-4); p *= random.NextDouble())
                {
                    k++;
                }

                xc[i] = k;
            }

            using Parquet.ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<int>(a, xa);
            await group.WriteAsync<int>(b, xb);
            await group.WriteAsync<int>(c, xc);
        }
    }

    return $"{rows} rows in {files} files under {folder}";
}
