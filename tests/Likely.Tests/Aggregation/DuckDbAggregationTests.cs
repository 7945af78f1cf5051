using System.Globalization;
using System.Text;
using Likely.Aggregation;
using Likely.Data;
using Likely.Distributions;
using Likely.DuckDb;
using Likely.Information;
using Likely.Likelihood;
using Likely.Tests.Data;

namespace Likely.Tests.Aggregation;

/// <summary>
/// DuckDB as the embedded engine and as "the other engine": each quantity computed from DuckDB's aggregation equals
/// the in-memory path's on the same file (the in-memory path is the oracle: CsvColumn + DistributionFamily.Fit /
/// ContingencyTable / CountEntropy, which other tests check against SciPy and hand-worked values).
/// </summary>
public sealed class DuckDbAggregationTests : IDisposable
{
    // 1e-12 relative: the bar. DuckDB's fsum is compensated and var_pop is Welford's, so the statistics differ
    // from the in-memory compensated sums by a few ulps; the fit's solver then moves them by at most its condition number.
    private const double Relative = 1e-12;
    private const int Rows = 20_000;

    // The beta's α̂, β̂ solve ψ(α) − ψ(α+β) = mean ln x (and the twin for 1 − x) to the last bits (Newton after L-BFGS),
    // but that system amplifies the few-ulp difference between DuckDB's and the in-memory mean logs by its condition
    // number (about 1e4 here: α̂ ≈ 4): measured 7.3e-12, so the parameters get 1e-10; ln L still agrees to 1e-12.
    private const double BetaParameterRelative = 1e-10;
    private readonly DataTestFiles files = new();
    private readonly string csv;
    private readonly string parquet;

    public DuckDbAggregationTests()
    {
        csv = files.PathOf("events.csv");
        var random = new Random(12);
        var text = new StringBuilder("a,b,x,c,g,u,t\n");
        for (int i = 0; i < Rows; i++)
        {
            int a = random.Next(40);
            int b = (a + random.Next(5)) % 13;
            double normal = 1e4 + (3 * Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
            int count = 0;
            for (double p = random.NextDouble(); p > Math.Exp(-4); p *= random.NextDouble())
            {
                count++;
            }

            double gamma = -Math.Log(1 - random.NextDouble()) - Math.Log(1 - random.NextDouble()) + 1e-3;
            double unit = (random.Next(1, 999) + random.NextDouble()) / 1000;
            text.Append(CultureInfo.InvariantCulture, $"k{a},{b},{normal:R},{count},{gamma:R},{unit:R},{count + 1}\n");
        }

        File.WriteAllText(csv, text.ToString());
        parquet = files.PathOf("events.parquet");
        DuckDbAggregation.Run($"COPY (SELECT * FROM read_csv('{csv}', header = true)) TO '{parquet}' (FORMAT parquet, ROW_GROUP_SIZE 4096)");
    }

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("normal", "x")]
    [InlineData("lognormal", "g")]
    [InlineData("exponential", "g")]
    [InlineData("gamma", "g")]
    [InlineData("beta", "u")]
    [InlineData("poisson", "c")]
    [InlineData("geometric", "t")]
    public void FitStatistics_ParquetAndCsv_EqualInMemoryFit(string familyName, string column)
    {
        DistributionFamily family = Families.Find(familyName);
        DistributionFit expected = family.Fit(CsvColumn.ReadNumbers(csv, column));

        foreach (string path in (string[])[csv, parquet])
        {
            DistributionFit fit = DuckDbAggregation.FitStatistics(DuckDbSource.Files(path), column, family).Fit();
            AssertSameFit(expected, fit, family == Beta.Family ? BetaParameterRelative : Relative);
        }
    }

    [Fact]
    public void PairCounts_Parquet_MutualInformationEqualsInMemory()
    {
        string[] a = CsvColumn.ReadStrings(csv, "a"), b = CsvColumn.ReadStrings(csv, "b");
        double expected = ContingencyTable.FromPairs(a, b).MutualInformation();

        double actual = DuckDbAggregation.PairCounts(DuckDbSource.Files(parquet), "a", "b").MutualInformation();

        AssertRelative(expected, actual);
    }

    [Fact]
    public void ValueCounts_Query_EntropyEqualsInMemoryOfFilteredRows()
    {
        string[] a = CsvColumn.ReadStrings(csv, "a");
        int[] b = [.. CsvColumn.ReadStrings(csv, "b").Select(s => int.Parse(s, CultureInfo.InvariantCulture))];
        var expected = new CategoryCounts<string>();
        expected.Add(a.Where((_, i) => b[i] < 6).ToArray());

        var actual = DuckDbAggregation.ValueCounts(DuckDbSource.Query($"SELECT a FROM '{parquet}' WHERE b < 6"), "a");

        Assert.Equal(expected.Total, actual.Total);
        AssertRelative(expected.Entropy(), actual.Entropy());
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public void EmittedSql_RunByDuckDbAndExported_ReadsBackToInMemoryResults(string format)
    {
        // DuckDB as "the other engine": a view named as a user's table, the emitted SQL, COPY … TO a file, read back.
        string view = $"CREATE VIEW events AS SELECT * FROM read_parquet('{parquet}')";
        string options = format == "csv" ? "(FORMAT csv, HEADER)" : "(FORMAT json)";
        AggregatedTable Export(string sql, string name)
        {
            string path = files.PathOf($"{name}.{format}");
            DuckDbAggregation.Run($"{view}; COPY ({sql}) TO '{path}' {options}");
            return AggregatedStatistics.Read(path);
        }

        string[] a = CsvColumn.ReadStrings(csv, "a"), b = CsvColumn.ReadStrings(csv, "b");
        AssertRelative(ContingencyTable.FromPairs(a, b).MutualInformation(), AggregatedStatistics.PairCounts(Export(SqlAggregation.PairCounts("events", "a", "b"), "pairs")).MutualInformation());
        long[] counts = [.. a.GroupBy(s => s).Select(g => (long)g.Count())];
        AssertRelative(CountEntropy.Compute(counts), AggregatedStatistics.ValueCounts(Export(SqlAggregation.ValueCounts("events", "a"), "values")).Entropy());
        foreach ((string family, string column) in (ReadOnlySpan<(string, string)>)[("normal", "x"), ("poisson", "c"), ("gamma", "g")])
        {
            DistributionFamily f = Families.Find(family);
            // The portable SQL sums with plain sum(), which DuckDB does not compensate: see ExportedPlainSum tolerance below.
            FitAccumulator accumulator = AggregatedStatistics.FitStatistics(Export(SqlAggregation.FitStatistics("events", column, f), family), f);
            AssertSameFit(f.Fit(CsvColumn.ReadNumbers(csv, column)), accumulator.Fit());
        }
    }

    [Fact]
    public void FitStatistics_CsvGlobOfTwoHalves_EqualsWholeFile()
    {
        string[] lines = File.ReadAllLines(csv);
        File.WriteAllLines(files.PathOf("part-1.csv"), lines.Take((Rows / 2) + 1));
        File.WriteAllLines(files.PathOf("part-2.csv"), lines.Take(1).Concat(lines.Skip((Rows / 2) + 1)));
        DistributionFit expected = Gamma.Family.Fit(CsvColumn.ReadNumbers(csv, "g"));

        DistributionFit fit = DuckDbAggregation.FitStatistics(DuckDbSource.Files(files.PathOf("part-*.csv")), "g", Gamma.Family).Fit();

        AssertSameFit(expected, fit);
    }

    [Fact]
    public void ValueCounts_CsvLabelsThatParseAlike_StayDistinct()
    {
        string path = files.WriteText("labels.csv", "a\n01\n1\n1.0\n1\n");

        var counts = DuckDbAggregation.ValueCounts(DuckDbSource.Files(path), "a");

        // Three labels as Likely's CSV reader sees them: "01" once, "1" twice, "1.0" once.
        Assert.Equal(3, counts.CategoryCount);
        Assert.Equal(2, counts["1"]);
    }

    [Fact]
    public void ValueCounts_MissingValues_ThrowsInvalidDataWithCount()
    {
        string path = files.WriteText("holes.csv", "a,b\nx,1\n,2\ny,3\n,4\n");

        var error = Assert.Throws<InvalidDataException>(() => DuckDbAggregation.ValueCounts(DuckDbSource.Files(path), "a"));
        Assert.Contains("2 observations have no 'value'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FitStatistics_GammaWithZero_ThrowsArgumentExceptionNamingSupport()
    {
        var error = Assert.Throws<ArgumentException>(() => DuckDbAggregation.FitStatistics(DuckDbSource.Query($"SELECT c FROM '{parquet}'"), "c", Gamma.Family));
        Assert.Contains("outside the support of gamma", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void FitStatistics_MissingColumn_ThrowsArgumentExceptionOneLine()
    {
        var error = Assert.Throws<ArgumentException>(() => DuckDbAggregation.FitStatistics(DuckDbSource.Files(parquet), "nope", Normal.Family));
        Assert.Contains("nope", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void FitStatistics_TextColumn_ThrowsInvalidDataOneLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => DuckDbAggregation.FitStatistics(DuckDbSource.Files(parquet), "a", Normal.Family));
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Files_NoMatch_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => DuckDbSource.Files(files.PathOf("none-*.parquet")));
    }

    [Fact]
    public void ValueCounts_BadSql_ThrowsInvalidDataOneLine()
    {
        var error = Assert.Throws<InvalidDataException>(() => DuckDbAggregation.ValueCounts(DuckDbSource.Query("SELEC a FROM t"), "a"));
        Assert.DoesNotContain('\n', error.Message);
    }

    private static void AssertSameFit(DistributionFit expected, DistributionFit actual, double parameterRelative = Relative)
    {
        Assert.Equal(expected.ObservationCount, actual.ObservationCount);
        for (int i = 0; i < expected.Parameters.Count; i++)
        {
            AssertRelative(expected.Parameters[i].Estimate, actual.Parameters[i].Estimate, parameterRelative);
        }

        if (parameterRelative == Relative)
        {
            AssertRelative(expected.LogLikelihood, actual.LogLikelihood);
        }
        else
        {
            // Off the exact maximum by δ ≈ 1e-8, ln L moves by O(N δ²): compare it per observation (the cross-entropy).
            Assert.Equal(expected.CrossEntropy, actual.CrossEntropy, 1e-12);
        }
    }

    private static void AssertRelative(double expected, double actual, double relative = Relative) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected:R}, got {actual:R} (relative {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}
