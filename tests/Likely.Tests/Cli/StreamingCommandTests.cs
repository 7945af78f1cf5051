using System.Globalization;
using System.Text.Json;
using Likely.Data;
using Likely.Distributions;
using Likely.Information;
using Likely.Likelihood;
using Likely.Tests.Data;
using Parquet;
using Parquet.Schema;
using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

/// <summary>
/// fit, entropy and mi on streamed data (issue 12): a CSV file, a Parquet file and a glob of either. The oracle is the
/// library's in-memory computation on the values the test wrote itself (<see cref="DistributionFamily.Fit"/>,
/// <see cref="CountEntropy.FromSamples"/>, <see cref="ContingencyTable.FromPairs"/>), which the streamed commands must
/// equal to 1e-12 relative; and the bad inputs of the issue, each refused in one line with exit status 2.
/// </summary>
public sealed partial class StreamingCommandTests : IDisposable
{
    private const double Tolerance = 1e-12;
    private readonly DataTestFiles files = new();

    public void Dispose() => files.Dispose();

    public static TheoryData<string, string?> FamilyCases => new()
    {
        { "normal", null }, { "exponential", null }, { "lognormal", null }, { "gamma", null }, { "beta", null },
        { "poisson", null }, { "geometric", null }, { "bernoulli", null }, { "binomial", "n=10" },
    };

    [Theory]
    [MemberData(nameof(FamilyCases))]
    public async Task Fit_CsvParquetAndGlobs_EqualTheInMemoryFit(string name, string? fix)
    {
        DistributionFamily family = Families.Find(name)!;
        double[] values = Sample(name, 3001);
        var held = fix is null ? new Dictionary<string, double>() : new Dictionary<string, double> { [fix[..fix.IndexOf('=')]] = double.Parse(fix[(fix.IndexOf('=') + 1)..], CultureInfo.InvariantCulture) };
        DistributionFit expected = family.Fit(values, held);
        string csv = WriteCsv("whole.csv", values);
        string parquet = files.PathOf("whole.parquet");
        await WriteParquet(parquet, values, rowGroupLength: 700);
        Directory.CreateDirectory(files.PathOf("shards"));
        for (int shard = 0; shard < 3; shard++)
        {
            double[] part = values[(shard * 1000)..Math.Min(values.Length, (shard + 1) * 1000 + (shard == 2 ? 1 : 0))];
            WriteCsv(Path.Combine("shards", $"part-{shard}.csv"), part);
            await WriteParquet(files.PathOf(Path.Combine("shards", $"part-{shard}.parquet")), part, rowGroupLength: 333);
        }

        foreach (string data in new[] { csv, parquet, files.PathOf(Path.Combine("shards", "part-*.csv")), files.PathOf(Path.Combine("shards", "part-?.parquet")) })
        {
            string[] args = fix is null ? ["fit", name, "--data", data, "--column", "x", "--json"] : ["fit", name, "--data", data, "--column", "x", "--fix", fix, "--json"];
            var (status, output, error) = Run(args);
            Assert.True(status == 0, $"{data}: {error}");
            AssertSameFit(expected, output, data);
        }
    }

    [Fact]
    public void Fit_CommittedParquetExample_EqualsTheCsvInMemoryFit()
    {
        // examples/heights.parquet holds the height_cm column of examples/heights.csv (bench/Likely.Scale to-parquet).
        string csv = Path.Combine(Snapshot.RepositoryRoot, "examples", "heights.csv");
        DistributionFit expected = Normal.Family.Fit(CsvColumn.ReadNumbers(csv, "height_cm"));
        foreach (string data in new[] { csv, Path.Combine(Snapshot.RepositoryRoot, "examples", "heights.parquet") })
        {
            var (status, output, error) = Run("fit", "normal", "--data", data, "--column", "height_cm", "--json");
            Assert.True(status == 0, error);
            AssertSameFit(expected, output, data);
        }
    }

    [Fact]
    public void Fit_WaldIntervalStreamed_EqualsTheIntervalOfTheInMemoryFit()
    {
        double[] values = Sample("gamma", 500);
        DistributionFit fit = Gamma.Family.Fit(values);
        ConfidenceIntervals expected = WaldInterval.Intervals(Gamma.Family, fit, 0.9);
        var (status, output, error) = Run("fit", "gamma", "--data", WriteCsv("g.csv", values), "--column", "x", "--ci", "wald", "--level", "0.9", "--json");

        Assert.True(status == 0, error);
        JsonElement parameters = JsonDocument.Parse(output).RootElement.GetProperty("fit").GetProperty("parameters");
        for (int k = 0; k < expected.Parameters.Count; k++)
        {
            AssertClose(expected.Parameters[k].Lower, parameters[k].GetProperty("lower").GetDouble(), "lower");
            AssertClose(expected.Parameters[k].Upper, parameters[k].GetProperty("upper").GetDouble(), "upper");
        }
    }

    [Fact]
    public async Task EntropyAndMi_CsvParquetAndGlob_EqualTheInMemoryCounts()
    {
        (string[] a, string[] b) = Labels(2500);
        double entropy = CountEntropy.FromSamples(a, EntropyEstimator.MillerMadow, LogBase.Bits);
        ContingencyTable table = ContingencyTable.FromPairs(a, b);
        double mi = table.MutualInformation(LogBase.Bits);
        File.WriteAllLines(files.PathOf("labels.csv"), ["a,b", .. a.Zip(b, (x, y) => $"{x},{y}")]);
        File.WriteAllLines(files.PathOf("l-0.csv"), ["a,b", .. a.Zip(b, (x, y) => $"{x},{y}").Take(1200)]);
        File.WriteAllLines(files.PathOf("l-1.csv"), ["a,b", .. a.Zip(b, (x, y) => $"{x},{y}").Skip(1200)]);
        await WriteLabelParquet(files.PathOf("labels.parquet"), a, b, rowGroupLength: 600);

        foreach (string data in new[] { files.PathOf("labels.csv"), files.PathOf("labels.parquet"), files.PathOf("l-*.csv") })
        {
            var (status, output, error) = Run("entropy", "--data", data, "--column", "a", "--empirical", "--estimator", "miller-madow", "--base", "2", "--json");
            Assert.True(status == 0, error);
            JsonElement root = JsonDocument.Parse(output).RootElement;
            AssertClose(entropy, root.GetProperty("value").GetDouble(), data);
            Assert.Equal(a.Length, root.GetProperty("observations").GetInt64());

            (status, output, error) = Run("mi", "--data", data, "--x", "a", "--y", "b", "--base", "2", "--json");
            Assert.True(status == 0, error);
            root = JsonDocument.Parse(output).RootElement;
            AssertClose(mi, root.GetProperty("value").GetDouble(), data);
            AssertClose(table.JointEntropy(LogBase.Bits), root.GetProperty("jointEntropy").GetDouble(), data);
        }
    }

    [Fact]
    public void Fit_GlobMatchingNothing_ExitsTwoNamingThePattern()
    {
        string pattern = files.PathOf("events-*.parquet");
        var (status, _, error) = Run("fit", "normal", "--data", pattern, "--column", "x");
        AssertOneLineRefusal(status, error, pattern);
        Assert.Contains("matches no file", error);
    }

    [Fact]
    public async Task FitAndMi_ParquetColumnOfTheWrongType_ExitTwoNamingTheFile()
    {
        string path = files.PathOf("labels.parquet");
        (string[] a, string[] b) = Labels(50);
        await WriteLabelParquet(path, a, b, rowGroupLength: 50);

        var (status, _, error) = Run("fit", "poisson", "--data", path, "--column", "a");
        AssertOneLineRefusal(status, error, path);
        Assert.Contains("not numbers", error);

        await WriteParquet(files.PathOf("x.parquet"), Sample("normal", 20), rowGroupLength: 20);
        (status, _, error) = Run("mi", "--data", files.PathOf("x.parquet"), "--x", "x", "--y", "x");
        AssertOneLineRefusal(status, error, files.PathOf("x.parquet"));
        Assert.Contains("not category labels", error);
    }

    [Fact]
    public async Task Entropy_GlobWhoseSchemasDiffer_ExitsTwoNamingBothFiles()
    {
        (string[] a, string[] b) = Labels(40);
        await WriteLabelParquet(files.PathOf("e-1.parquet"), a, b, rowGroupLength: 40);
        await WriteParquet(files.PathOf("e-2.parquet"), Sample("normal", 40), rowGroupLength: 40);

        var (status, _, error) = Run("entropy", "--data", files.PathOf("e-*.parquet"), "--column", "a", "--empirical");
        AssertOneLineRefusal(status, error, files.PathOf("e-2.parquet"));
        Assert.Contains("same columns", error);
    }

    [Theory]
    [InlineData("fit")]
    [InlineData("mi")]
    [InlineData("entropy")]
    public void Commands_CorruptParquetFile_ExitTwoNamingTheFile(string verb)
    {
        string path = files.PathOf("broken.parquet");
        File.WriteAllBytes(path, [.. "PAR1"u8, .. new byte[64], .. "not parquet at all"u8]);
        string[] args = verb switch
        {
            "fit" => ["fit", "normal", "--data", path, "--column", "x"],
            "mi" => ["mi", "--data", path, "--x", "a", "--y", "b"],
            _ => ["entropy", "--data", path, "--column", "a", "--empirical"],
        };

        var (status, _, error) = Run(args);
        AssertOneLineRefusal(status, error, path);
        Assert.Contains("not a readable Parquet file", error);
    }

    [Fact]
    public void Fit_StreamedValueOutsideTheSupport_ExitsTwoNamingTheFileAndRow()
    {
        string path = WriteCsv("neg.csv", [1, 2, -3, 4]);
        var (status, _, error) = Run("fit", "exponential", "--data", path, "--column", "x");
        AssertOneLineRefusal(status, error, path);
        Assert.Contains("Observation 2 = -3 is outside the support of exponential", error);
    }

    private static void AssertOneLineRefusal(int status, string error, string file)
    {
        Assert.Equal(2, status);
        Assert.Contains(file, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    private static void AssertSameFit(DistributionFit expected, string json, string data)
    {
        JsonElement fit = JsonDocument.Parse(json).RootElement.GetProperty("fit");
        Assert.Equal(expected.ObservationCount, fit.GetProperty("observations").GetInt32());
        JsonElement parameters = fit.GetProperty("parameters");
        Assert.Equal(expected.Parameters.Count, parameters.GetArrayLength());
        for (int k = 0; k < expected.Parameters.Count; k++)
        {
            Assert.Equal(expected.Parameters[k].Name, parameters[k].GetProperty("name").GetString());
            AssertClose(expected.Parameters[k].Estimate, parameters[k].GetProperty("estimate").GetDouble(), $"{data} {expected.Parameters[k].Name}");
        }

        AssertClose(expected.LogLikelihood, fit.GetProperty("logLikelihood").GetDouble(), $"{data} ln L");
    }

    private static void AssertClose(double expected, double actual, string what) =>
        Assert.True(Math.Abs(actual - expected) <= Tolerance * Math.Abs(expected), $"{what}: {actual:R} vs in-memory {expected:R}");

    /// <summary>A seeded sample in the family's support (rounded to 6 decimals, so the CSV text is exact).</summary>
    private static double[] Sample(string name, int n)
    {
        var random = new Random(20261202);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double Exponential() => -Math.Log(1 - random.NextDouble());
        return Enumerable.Range(0, n).Select(_ => name switch
        {
            "normal" => Math.Round(10 + 2 * Gaussian(), 6),
            "exponential" => Math.Round(0.001 + 3 * Exponential(), 6),
            "lognormal" => Math.Round(Math.Exp(Gaussian()), 6),
            "gamma" => Math.Round(0.001 + Exponential() + Exponential() + Exponential(), 6),
            "beta" => Math.Round(0.01 + 0.98 * random.NextDouble() * random.NextDouble(), 6),
            "poisson" => Math.Floor(4 * Exponential()),
            "geometric" => 1 + Math.Floor(2 * Exponential()),
            "bernoulli" => random.NextDouble() < 0.3 ? 1 : 0,
            _ => Enumerable.Range(0, 10).Count(_ => random.NextDouble() < 0.4),
        }).ToArray();
    }

    private static (string[] A, string[] B) Labels(int n)
    {
        var random = new Random(12);
        string[] a = new string[n], b = new string[n];
        for (int i = 0; i < n; i++)
        {
            int k = random.Next(40);
            a[i] = $"u{k}";
            b[i] = (k % 7 + random.Next(3)).ToString(CultureInfo.InvariantCulture);
        }

        return (a, b);
    }

    private string WriteCsv(string name, double[] values)
    {
        string path = files.PathOf(name);
        File.WriteAllLines(path, ["x", .. values.Select(v => v.ToString("R", CultureInfo.InvariantCulture))]);
        return path;
    }

    private static async Task WriteParquet(string path, double[] x, int rowGroupLength)
    {
        DataField<double> field = new("x");
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(field), stream);
        for (int start = 0; start < x.Length; start += rowGroupLength)
        {
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync<double>(field, x[start..Math.Min(x.Length, start + rowGroupLength)].AsMemory());
        }
    }

    private static async Task WriteLabelParquet(string path, string[] a, string[] b, int rowGroupLength)
    {
        DataField<string> fa = new("a"), fb = new("b");
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fa, fb), stream);
        for (int start = 0; start < a.Length; start += rowGroupLength)
        {
            int end = Math.Min(a.Length, start + rowGroupLength);
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            await group.WriteAsync(fa, a[start..end]);
            await group.WriteAsync(fb, b[start..end]);
        }
    }
}
