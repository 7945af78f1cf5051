using System.Globalization;
using System.Text;
using System.Text.Json;
using Likely.Distributions;
using Likely.DuckDb;
using Likely.Information;
using Likely.Likelihood;
using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

/// <summary>
/// fit, entropy and mi along the other two paths of docs/SCALE.md: <c>--engine duckdb</c> (and <c>--query</c>), and
/// <c>--emit-sql</c> run by another engine then finished with <c>--from-stats</c>. The oracle is again the library's
/// in-memory computation on the values the test wrote (the tolerance is the 1e-12 relative); DuckDB plays
/// "the other engine" for the emitted SQL, exactly as a user's engine would: a table named as the user's, the printed
/// query, its result exported with <c>COPY … TO</c>.
/// </summary>
public sealed partial class StreamingCommandTests
{
    [Theory]
    [InlineData("normal")]
    [InlineData("exponential")]
    [InlineData("gamma")]
    [InlineData("poisson")]
    [InlineData("binomial")]
    public async Task Fit_EngineDuckDb_CsvParquetAndGlob_EqualTheInMemoryFit(string name)
    {
        DistributionFamily family = Families.Find(name)!;
        double[] values = Sample(name, 3001);
        string[] fix = name == "binomial" ? ["--fix", "n=10"] : [];
        DistributionFit expected = name == "binomial" ? family.Fit(values, new Dictionary<string, double> { ["n"] = 10 }) : family.Fit(values);
        string csv = WriteCsv("d.csv", values);
        string parquet = files.PathOf("d.parquet");
        await WriteParquet(parquet, values, rowGroupLength: 700);
        Directory.CreateDirectory(files.PathOf("dshards"));
        await WriteParquet(files.PathOf(Path.Combine("dshards", "part-0.parquet")), values[..1500], rowGroupLength: 400);
        await WriteParquet(files.PathOf(Path.Combine("dshards", "part-1.parquet")), values[1500..], rowGroupLength: 400);

        foreach (string data in new[] { csv, parquet, files.PathOf(Path.Combine("dshards", "part-*.parquet")) })
        {
            var (status, output, error) = Run(["fit", name, "--data", data, "--column", "x", "--engine", "duckdb", .. fix, "--json"]);
            Assert.True(status == 0, $"{data}: {error}");
            AssertSameFit(expected, output, data);
            Assert.Equal(data, JsonDocument.Parse(output).RootElement.GetProperty("data").GetString());
        }
    }

    [Fact]
    public async Task Fit_Categorical_StreamedAndAggregated_GivesTheClosedForm()
    {
        // The categorical MLE in closed form, by hand: classes in ordinal order of their labels, p̂_k = n_k / N,
        // ln L = Σ n_k ln(n_k / N). Every path (CSV, Parquet, a glob, DuckDB, an exported count table) must give it.
        (string[] a, string[] b) = Labels(2000);
        var counts = a.CountBy(label => label).OrderBy(p => p.Key, StringComparer.Ordinal).ToArray();
        double n = a.Length, lnL = counts.Sum(p => p.Value * Math.Log(p.Value / n));
        File.WriteAllLines(files.PathOf("cat.csv"), ["a,b", .. a.Zip(b, (x, y) => $"{x},{y}")]);
        await WriteLabelParquet(files.PathOf("whole-cat.parquet"), a, b, rowGroupLength: 700);
        await WriteLabelParquet(files.PathOf("cat-0.parquet"), a[..900], b[..900], rowGroupLength: 300);
        await WriteLabelParquet(files.PathOf("cat-1.parquet"), a[900..], b[900..], rowGroupLength: 300);
        File.WriteAllLines(files.PathOf("cat-counts.csv"), ["value,n", .. counts.Reverse().Select(p => $"{p.Key},{p.Value}")]);

        string[][] runs =
        [
            ["--data", files.PathOf("cat.csv"), "--column", "a"],
            ["--data", files.PathOf("whole-cat.parquet"), "--column", "a"],
            ["--data", files.PathOf("cat-*.parquet"), "--column", "a", "--engine", "embedded"],
            ["--data", files.PathOf("cat-*.parquet"), "--column", "a"], // auto: DuckDB counts the glob
            ["--data", files.PathOf("cat.csv"), "--column", "a", "--engine", "duckdb"],
            ["--from-stats", files.PathOf("cat-counts.csv")],
        ];
        foreach (string[] run in runs)
        {
            var (status, output, error) = Run(["fit", "categorical", .. run, "--json"]);
            Assert.True(status == 0, $"{string.Join(' ', run)}: {error}");
            JsonElement fit = JsonDocument.Parse(output).RootElement.GetProperty("fit");
            Assert.Equal(a.Length, fit.GetProperty("observations").GetInt64());
            JsonElement parameters = fit.GetProperty("parameters");
            Assert.Equal(counts.Length, parameters.GetArrayLength());
            for (int k = 0; k < counts.Length; k++)
            {
                Assert.Equal(counts[k].Key, parameters[k].GetProperty("label").GetString());
                AssertClose(counts[k].Value / n, parameters[k].GetProperty("estimate").GetDouble(), $"{string.Join(' ', run)} p{k}");
            }

            AssertClose(lnL, fit.GetProperty("logLikelihood").GetDouble(), string.Join(' ', run));
        }
    }

    [Fact]
    public async Task EntropyAndMi_GlobReadOnSeveralCores_GiveTheBitsOfOneFile()
    {
        // A glob's files are counted in parallel, each with its own labels, and merged in file order; the categories,
        // pairs and their order must be those of one pass over the concatenated file, so even the bootstrap interval,
        // which depends on the order of the cells, comes out identical to the last bit.
        (string[] a, string[] b) = Labels(3000);
        string[] rows = [.. a.Zip(b, (x, y) => $"{x},{y}")];
        File.WriteAllLines(files.PathOf("one.csv"), ["a,b", .. rows]);
        Directory.CreateDirectory(files.PathOf("cores"));
        for (int f = 0; f < 6; f++)
        {
            File.WriteAllLines(files.PathOf(Path.Combine("cores", $"p-{f}.csv")), ["a,b", .. rows[(f * 500)..((f + 1) * 500)]]);
            await WriteLabelParquet(files.PathOf(Path.Combine("cores", $"p-{f}.parquet")), a[(f * 500)..((f + 1) * 500)], b[(f * 500)..((f + 1) * 500)], rowGroupLength: 200);
        }

        string[][] commands =
        [
            ["mi", "--x", "a", "--y", "b", "--ci", "bootstrap", "--resamples", "200", "--json"],
            ["entropy", "--column", "a", "--empirical", "--ci", "bootstrap", "--resamples", "200", "--json"],
            ["fit", "categorical", "--column", "a", "--json"],
        ];
        foreach (string[] command in commands)
        {
            var (status, single, error) = Run([.. command, "--data", files.PathOf("one.csv")]);
            Assert.True(status == 0, error);
            foreach (string glob in new[] { files.PathOf(Path.Combine("cores", "p-*.csv")), files.PathOf(Path.Combine("cores", "p-*.parquet")) })
            {
                (status, string output, error) = Run([.. command, "--data", glob, "--engine", "embedded"]);
                Assert.True(status == 0, error);
                Assert.Equal(single.Replace(files.PathOf("one.csv"), "DATA", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal),
                    output.Replace(glob, "DATA", StringComparison.Ordinal).Replace("\\", "/", StringComparison.Ordinal));
            }
        }
    }

    [Fact]
    public async Task EntropyAndMi_EngineDuckDb_EqualTheInMemoryCounts()
    {
        (string[] a, string[] b) = Labels(2500);
        ContingencyTable table = ContingencyTable.FromPairs(a, b);
        File.WriteAllLines(files.PathOf("labels.csv"), ["a,b", .. a.Zip(b, (x, y) => $"{x},{y}")]);
        await WriteLabelParquet(files.PathOf("labels.parquet"), a, b, rowGroupLength: 600);

        foreach (string data in new[] { files.PathOf("labels.csv"), files.PathOf("labels.parquet") })
        {
            var (status, output, error) = Run("entropy", "--data", data, "--column", "a", "--empirical", "--estimator", "chao-shen", "--engine", "duckdb", "--json");
            Assert.True(status == 0, error);
            JsonElement root = JsonDocument.Parse(output).RootElement;
            AssertClose(CountEntropy.FromSamples(a, EntropyEstimator.ChaoShen), root.GetProperty("value").GetDouble(), data);
            Assert.Equal(40, root.GetProperty("categories").GetInt32());

            (status, output, error) = Run("mi", "--data", data, "--x", "a", "--y", "b", "--engine", "duckdb", "--base", "2", "--json");
            Assert.True(status == 0, error);
            root = JsonDocument.Parse(output).RootElement;
            AssertClose(table.MutualInformation(LogBase.Bits), root.GetProperty("value").GetDouble(), data);
            AssertClose(table.JointEntropy(LogBase.Bits), root.GetProperty("jointEntropy").GetDouble(), data);
            Assert.Equal(a.Length, root.GetProperty("observations").GetInt64());
        }
    }

    [Fact]
    public async Task EngineAuto_GivesParquetGlobsCountsToDuckDbAndKeepsTheRest()
    {
        // The JSON names the engine that read the rows. Auto: DuckDB for a Parquet glob when the result is counts (mi,
        // entropy --empirical, a discrete fit); embedded for one file, a CSV glob, a continuous fit's sums and --gof.
        (string[] a, string[] b) = Labels(300);
        Directory.CreateDirectory(files.PathOf("auto"));
        await WriteLabelParquet(files.PathOf(Path.Combine("auto", "l-0.parquet")), a[..150], b[..150], rowGroupLength: 50);
        await WriteLabelParquet(files.PathOf(Path.Combine("auto", "l-1.parquet")), a[150..], b[150..], rowGroupLength: 50);
        await WriteParquet(files.PathOf(Path.Combine("auto", "v-0.parquet")), Sample("poisson", 100), rowGroupLength: 50);
        await WriteParquet(files.PathOf(Path.Combine("auto", "v-1.parquet")), Sample("poisson", 100), rowGroupLength: 50);
        File.WriteAllLines(files.PathOf(Path.Combine("auto", "c-0.csv")), ["a,b", .. a.Zip(b, (x, y) => $"{x},{y}")]);
        string labels = files.PathOf(Path.Combine("auto", "l-*.parquet")), values = files.PathOf(Path.Combine("auto", "v-*.parquet"));

        string EngineOf(params string[] args)
        {
            var (status, output, error) = Run([.. args, "--json"]);
            Assert.True(status == 0, $"{string.Join(' ', args)}: {error}");
            return JsonDocument.Parse(output).RootElement.GetProperty("engine").GetString()!;
        }

        Assert.Equal("duckdb", EngineOf("mi", "--data", labels, "--x", "a", "--y", "b"));
        Assert.Equal("duckdb", EngineOf("entropy", "--data", labels, "--column", "a", "--empirical"));
        Assert.Equal("duckdb", EngineOf("fit", "poisson", "--data", values, "--column", "x"));
        Assert.Equal("embedded", EngineOf("mi", "--data", labels, "--x", "a", "--y", "b", "--engine", "embedded"));
        Assert.Equal("embedded", EngineOf("mi", "--data", files.PathOf(Path.Combine("auto", "l-0.parquet")), "--x", "a", "--y", "b"));
        Assert.Equal("embedded", EngineOf("mi", "--data", files.PathOf(Path.Combine("auto", "c-*.csv")), "--x", "a", "--y", "b"));
        Assert.Equal("embedded", EngineOf("fit", "normal", "--data", values, "--column", "x"));
        Assert.Equal("embedded", EngineOf("fit", "poisson", "--data", values, "--column", "x", "--gof", "--resamples", "20"));
        Assert.Equal("duckdb", EngineOf("fit", "normal", "--data", values, "--column", "x", "--engine", "duckdb"));

        // And the counts auto gathered through DuckDB give the in-memory value.
        var (code, output, message) = Run("mi", "--data", labels, "--x", "a", "--y", "b", "--json");
        Assert.True(code == 0, message);
        AssertClose(ContingencyTable.FromPairs(a, b).MutualInformation(), JsonDocument.Parse(output).RootElement.GetProperty("value").GetDouble(), labels);
    }

    [Fact]
    public async Task MiAndEntropy_ParquetFloatColumnThroughDuckDb_AreRefusedAsTheEmbeddedReaderRefusesThem()
    {
        // A double column is not a column of categories: the embedded reader refuses it, and so must DuckDB (directly,
        // and under auto for a glob), instead of counting every distinct measurement as a label.
        Directory.CreateDirectory(files.PathOf("floats"));
        await WriteParquet(files.PathOf(Path.Combine("floats", "x-0.parquet")), Sample("normal", 50), rowGroupLength: 50);
        await WriteParquet(files.PathOf(Path.Combine("floats", "x-1.parquet")), Sample("normal", 50), rowGroupLength: 50);
        string one = files.PathOf(Path.Combine("floats", "x-0.parquet")), glob = files.PathOf(Path.Combine("floats", "x-*.parquet"));
        foreach (string[] args in new[]
        {
            new[] { "mi", "--data", one, "--x", "x", "--y", "x", "--engine", "duckdb" },
            ["mi", "--data", glob, "--x", "x", "--y", "x"],
            ["entropy", "--data", glob, "--column", "x", "--empirical"],
            ["mi", "--data", glob, "--x", "x", "--y", "x", "--engine", "embedded"],
        })
        {
            var (status, _, error) = Run(args);
            Assert.True(status == 2, string.Join(' ', args));
            Assert.Contains("which are not category labels", error);
            Assert.Single(error.TrimEnd().Split('\n'));
        }
    }

    [Fact]
    public void Fit_Query_EqualsTheInMemoryFitOfTheRowsItSelects()
    {
        (string csv, int[] segment, _, int[] count, _) = Events(4000);
        double[] selected = [.. count.Where((_, i) => segment[i] < 10).Select(c => (double)c)];
        DistributionFit expected = Poisson.Family.Fit(selected);

        var (status, output, error) = Run("fit", "poisson", "--query", $"SELECT c FROM read_csv('{csv}') WHERE a < 10", "--column", "c", "--json");

        Assert.True(status == 0, error);
        AssertSameFit(expected, output, "query");
        Assert.Equal("DuckDB query", JsonDocument.Parse(output).RootElement.GetProperty("data").GetString());
    }

    /// <summary>docs/SCALE.md's worked example, path 3, end to end: the printed SQL run by "the other engine", its export read back.</summary>
    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public void WorkedExample_EmittedSqlRunElsewhere_FromStatsEqualsTheInMemoryResults(string format)
    {
        (string csv, int[] segment, int[] page, int[] count, double[] latency) = Events(6000);
        string parquet = files.PathOf("events.parquet");
        DuckDbAggregation.Run($"COPY (SELECT * FROM read_csv('{csv}')) TO '{parquet}' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
        string Export(params string[] emitArgs)
        {
            var (status, sql, error) = Run([.. emitArgs, "--emit-sql", "--table", "events"]);
            Assert.True(status == 0, error);
            Assert.Single(sql.TrimEnd().Split('\n')); // the query alone, ready to paste
            string path = files.PathOf($"{emitArgs[0]}-{emitArgs[1]}.{format}");
            string options = format == "csv" ? "(FORMAT csv, HEADER)" : "(FORMAT json)";
            DuckDbAggregation.Run($"CREATE VIEW events AS SELECT * FROM read_parquet('{parquet}'); COPY ({sql.Trim()}) TO '{path}' {options}");
            return path;
        }

        string pairs = Export("mi", "--x", "a", "--y", "b");
        var (code, output, message) = Run("mi", "--from-stats", pairs, "--base", "2", "--json");
        Assert.True(code == 0, message);
        AssertClose(ContingencyTable.FromPairs(segment, page).MutualInformation(LogBase.Bits), JsonDocument.Parse(output).RootElement.GetProperty("value").GetDouble(), pairs);

        string values = Export("entropy", "--column", "b", "--empirical");
        (code, output, message) = Run("entropy", "--from-stats", values, "--json");
        Assert.True(code == 0, message);
        AssertClose(CountEntropy.FromSamples(page), JsonDocument.Parse(output).RootElement.GetProperty("value").GetDouble(), values);

        string poisson = Export("fit", "poisson", "--column", "c");
        (code, output, message) = Run("fit", "poisson", "--from-stats", poisson, "--json");
        Assert.True(code == 0, message);
        AssertSameFit(Poisson.Family.Fit([.. count.Select(c => (double)c)]), output, poisson);

        // A continuous family's one row of sums. The portable SQL's plain sum() is not compensated in DuckDB; on these
        // 6,000 rows (latency ≈ 50 ms) its rounding stays far inside 1e-12, as docs/SCALE.md explains.
        string normal = Export("fit", "normal", "--column", "latency");
        (code, output, message) = Run("fit", "normal", "--from-stats", normal, "--json");
        Assert.True(code == 0, message);
        AssertSameFit(Normal.Family.Fit(latency), output, normal);
    }

    [Theory]
    [InlineData("fit normal --engine duckdb --data {csv} --column x --gof", "--gof needs every value")]
    [InlineData("fit normal --engine duckdb --data {csv} --column x --ci profile", "--ci profile needs every value")]
    [InlineData("fit auto --engine duckdb --data {csv} --column x", "fit auto")]
    [InlineData("fit laplace --engine duckdb --data {csv} --column x", "laplace has no fixed-size sufficient statistics")]
    [InlineData("fit normal --engine duckdb --data {csv}", "add --column NAME")]
    [InlineData("fit normal --engine duckdb --data {csv} --column nope", "\"nope\" not found")]
    [InlineData("fit normal --data {csv} --query SELECT", "--data and --query are alternatives")]
    [InlineData("fit normal --engine embedded --query SELECT --column x", "--query runs in DuckDB")]
    [InlineData("fit normal --table events --column x", "--table names the table of --emit-sql")]
    [InlineData("fit normal --emit-sql --column x", "--emit-sql needs --table")]
    [InlineData("fit normal --emit-sql --table events --column x --json", "not JSON")]
    [InlineData("fit normal --from-stats {csv} --engine duckdb", "drop --engine")]
    [InlineData("fit normal --from-stats {dir}/missing.csv", "does not exist")]
    [InlineData("fit normal --from-stats {csv} --column x", "drop it")]
    [InlineData("fit normal", "needs --data FILE")]
    [InlineData("mi --from-stats {csv}", "has no column 'y'")]
    [InlineData("mi --engine duckdb --data {csv} --x x --y x --estimator ksg", "ksg needs the rows")]
    [InlineData("mi --data {csv} --x x", "needs --y")]
    [InlineData("entropy --engine duckdb --data {csv} --column x", "add --empirical")]
    [InlineData("fit normal --query \"SELECT 1; DROP TABLE t\" --column x", "more than one statement")]
    public void AggregationFlags_Misused_ExitTwoInOneLine(string command, string expected)
    {
        string csv = WriteCsv("m.csv", [1, 2, 3]);
        string[] args = [.. Tokens(command).Select(token => token.Replace("{csv}", csv, StringComparison.Ordinal).Replace("{dir}", Path.GetDirectoryName(csv)!, StringComparison.Ordinal))];

        var (status, output, error) = Run(args);

        Assert.True(status == 2, $"{command}: exit {status}, {output}{error}");
        Assert.Contains(expected, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
        Assert.Equal("", output);
    }

    /// <summary>Splits a command line on spaces, keeping double-quoted parts whole.</summary>
    private static IEnumerable<string> Tokens(string command)
    {
        var token = new StringBuilder();
        bool quoted = false;
        foreach (char c in command + " ")
        {
            if (c == '"') quoted = !quoted;
            else if (c == ' ' && !quoted)
            {
                if (token.Length > 0) yield return token.ToString();
                token.Clear();
            }
            else token.Append(c);
        }
    }

    /// <summary>
    /// The worked example's table: a user segment a, the page b they landed on (which depends on a), events per
    /// session c (Poisson-like) and a latency in ms; written as CSV, seeded.
    /// </summary>
    private (string Csv, int[] Segment, int[] Page, int[] Count, double[] Latency) Events(int n)
    {
        var random = new Random(20261202);
        int[] segment = new int[n], page = new int[n], count = new int[n];
        double[] latency = new double[n];
        var text = new StringBuilder("a,b,c,latency\n");
        for (int i = 0; i < n; i++)
        {
            segment[i] = random.Next(30);
            page[i] = (segment[i] * 7 + random.Next(4)) % 11;
            for (double p = random.NextDouble(); p > Math.Exp(-3); p *= random.NextDouble()) count[i]++;
            latency[i] = Math.Round(50 + 8 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()), 3);
            text.Append(CultureInfo.InvariantCulture, $"{segment[i]},{page[i]},{count[i]},{latency[i]:R}\n");
        }

        string path = files.PathOf("events.csv");
        File.WriteAllText(path, text.ToString());
        return (path, segment, page, count, latency);
    }
}
