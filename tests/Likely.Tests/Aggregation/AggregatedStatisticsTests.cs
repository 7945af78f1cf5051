using Likely.Aggregation;
using Likely.Distributions;
using Likely.Information;
using Likely.Likelihood;
using Likely.Tests.Data;

namespace Likely.Tests.Aggregation;

/// <summary>
/// SqlAggregation's queries and AggregatedStatistics' reading of an engine's exported result, on hand-worked tables.
/// </summary>
public sealed class AggregatedStatisticsTests
{
    [Fact]
    public void FitStatistics_Normal_EmitsPortableSums()
    {
        string sql = SqlAggregation.FitStatistics("events", "latency", Normal.Family);

        Assert.Equal("SELECT count(latency) AS n, count(*) - count(latency) AS missing, sum(latency) AS sum_x, var_pop(latency) AS var_pop_x, min(latency) AS min_x, max(latency) AS max_x FROM events", sql);
    }

    [Fact]
    public void FitStatistics_Poisson_EmitsValueCounts()
    {
        Assert.Equal("SELECT c AS value, count(*) AS n FROM events GROUP BY c", SqlAggregation.FitStatistics("events", "c", Poisson.Family));
    }

    [Fact]
    public void PairCounts_MixedCaseColumn_QuotesIt()
    {
        Assert.Equal("SELECT \"UserId\" AS x, y AS y, count(*) AS n FROM t GROUP BY \"UserId\", y", SqlAggregation.PairCounts("t", "UserId", "y"));
    }

    [Fact]
    public void FitStatistics_FamilyWithoutStatistics_ThrowsArgumentException()
    {
        var error = Assert.Throws<ArgumentException>(() => SqlAggregation.FitStatistics("t", "x", Laplace.Family));
        Assert.Contains("laplace", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueCounts_TwoEqualCategoriesCsv_EntropyIsLn2()
    {
        using var files = new DataTestFiles();
        string path = files.WriteText("counts.csv", "value,n\na,3\nb,3\n");

        var counts = AggregatedStatistics.ValueCounts(AggregatedStatistics.Read(path));

        // H = −2 · ½ ln ½ = ln 2 by hand.
        Assert.Equal(6, counts.Total);
        Assert.Equal(Math.Log(2), counts.Entropy(), 1e-15);
    }

    [Fact]
    public void PairCounts_PerfectlyDependentJsonLines_MutualInformationIsLn2()
    {
        using var files = new DataTestFiles();
        string path = files.WriteText("pairs.json", "{\"x\":\"a\",\"y\":1,\"n\":5}\n{\"x\":\"b\",\"y\":2,\"n\":5}\n");

        var counts = AggregatedStatistics.PairCounts(AggregatedStatistics.Read(path));

        // Y is a function of X and both are uniform on two values: I = H(X) = ln 2.
        Assert.Equal(Math.Log(2), counts.MutualInformation(), 1e-15);
    }

    [Fact]
    public void FitStatistics_PoissonValueCounts_RateIsMeanByHand()
    {
        using var files = new DataTestFiles();
        string path = files.WriteText("c.json", "[{\"value\":0,\"n\":1},{\"value\":1,\"n\":1},{\"value\":2,\"n\":2}]");

        DistributionFit fit = AggregatedStatistics.FitStatistics(AggregatedStatistics.Read(path), Poisson.Family).Fit();

        // λ̂ = (0 + 1 + 2·2)/4 = 1.25; ln L = 5 ln 1.25 − 4·1.25 − (ln 0! + ln 1! + 2 ln 2!).
        Assert.Equal(1.25, fit.Parameters[0].Estimate, 1e-15);
        Assert.Equal((5 * Math.Log(1.25)) - 5 - (2 * Math.Log(2)), fit.LogLikelihood, 1e-13);
    }

    [Fact]
    public void FitStatistics_NormalSumsCsv_EqualsClosedForm()
    {
        using var files = new DataTestFiles();
        // The sample {1, 2, 3, 6}: N = 4, Σ x = 12, var_pop = (4 + 1 + 0 + 9)/4 = 3.5.
        string path = files.WriteText("s.csv", "n,missing,sum_x,var_pop_x,min_x,max_x\n4,0,12,3.5,1,6\n");

        DistributionFit fit = AggregatedStatistics.FitStatistics(AggregatedStatistics.Read(path), Normal.Family).Fit();
        DistributionFit inMemory = Normal.Family.Fit([1.0, 2, 3, 6]);

        Assert.Equal(3, fit.Parameters[0].Estimate, 1e-15);
        Assert.Equal(Math.Sqrt(3.5), fit.Parameters[1].Estimate, 1e-15);
        Assert.Equal(inMemory.LogLikelihood, fit.LogLikelihood, 1e-13);
    }

    [Fact]
    public void FitStatistics_MissingValues_ThrowsInvalidDataNamingCount()
    {
        using var files = new DataTestFiles();
        string path = files.WriteText("s.csv", "n,missing,sum_x,var_pop_x,min_x,max_x\n4,2,12,3.5,1,6\n");

        var error = Assert.Throws<InvalidDataException>(() => AggregatedStatistics.FitStatistics(AggregatedStatistics.Read(path), Normal.Family));
        Assert.Contains("2 observations are missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueCounts_NullValue_ThrowsInvalidData()
    {
        using var files = new DataTestFiles();
        string path = files.WriteText("counts.json", "{\"value\":\"a\",\"n\":3}\n{\"value\":null,\"n\":2}\n");

        var error = Assert.Throws<InvalidDataException>(() => AggregatedStatistics.ValueCounts(AggregatedStatistics.Read(path)));
        Assert.Contains("2 observations have no 'value'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValueCounts_WrongColumns_ThrowsInvalidDataNamingThem()
    {
        using var files = new DataTestFiles();
        string path = files.WriteText("counts.csv", "label,count\na,3\n");

        var error = Assert.Throws<InvalidDataException>(() => AggregatedStatistics.ValueCounts(AggregatedStatistics.Read(path)));
        Assert.Contains("no column 'value' (it has label, count)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddStatistics_MinimumOutsideSupport_ThrowsArgumentException()
    {
        FitAccumulator gamma = Gamma.Family.CreateAccumulator()!;

        Assert.Throws<ArgumentException>(() => gamma.AddStatistics(new SufficientStatistics(3) { Sum = 3, LogSum = 0, Min = -1, Max = 2 }));
        Assert.Equal(0, gamma.Count);
    }

    [Fact]
    public void AddRepeated_Binomial_EqualsAddingTheCopies()
    {
        var held = new Dictionary<string, double> { ["n"] = 10 };
        FitAccumulator repeated = Binomial.Family.CreateAccumulator()!, copies = Binomial.Family.CreateAccumulator()!;

        repeated.AddRepeated(3, 5);
        repeated.AddRepeated(7, 2);
        copies.Add([3.0, 3, 3, 3, 3, 7, 7]);

        // p̂ = (5·3 + 2·7)/(7·10) = 29/70 by hand.
        Assert.Equal(7, repeated.Count);
        Assert.Equal(29.0 / 70, repeated.Fit(held).Parameters[1].Estimate, 1e-15);
        Assert.Equal(copies.Fit(held).LogLikelihood, repeated.Fit(held).LogLikelihood, 1e-12);
    }

    [Fact]
    public void AddStatistics_TwoShards_EqualsWholeSampleFit()
    {
        // Shards {1, 2} and {3, 6}: N = 2, Σ = 3, M₂ = 0.5 and N = 2, Σ = 9, M₂ = 4.5; merged they are {1, 2, 3, 6}.
        FitAccumulator normal = Normal.Family.CreateAccumulator()!;
        normal.AddStatistics(new SufficientStatistics(2) { Sum = 3, SquaredDeviations = 0.5, Min = 1, Max = 2 });
        normal.AddStatistics(new SufficientStatistics(2) { Sum = 9, SquaredDeviations = 4.5, Min = 3, Max = 6 });

        DistributionFit fit = normal.Fit();

        Assert.Equal(3, fit.Parameters[0].Estimate, 1e-15);
        Assert.Equal(Math.Sqrt(3.5), fit.Parameters[1].Estimate, 1e-15);
    }

    [Fact]
    public void PairAndValueCounts_RowsInAnyOrder_GiveTheSameBits()
    {
        // An engine's GROUP BY returns its groups in any order (DuckDB's parallel one differs run to run); the rows are
        // read in key order, so every order of the same rows gives identical counts in identical order, hence the same bits.
        var random = new Random(3);
        string?[][] pairs = [.. Enumerable.Range(0, 200).Select(i => new string?[] { $"x{i % 17}", $"y{(i * 7) % 23}", $"{1 + (i * 7919) % 1000}" })
            .DistinctBy(row => (row[0], row[1]))];
        string?[][] values = [.. Enumerable.Range(0, 60).Select(i => new string?[] { $"{i * 3}", $"{1 + (i * 104729) % 997}" })];
        ContingencySummary first = AggregatedStatistics.PairCounts(new AggregatedTable("t", ["x", "y", "n"], pairs)).Summarize();
        long[] firstCounts = AggregatedStatistics.ValueCounts(new AggregatedTable("t", ["value", "n"], values)).ToArray();
        for (int trial = 0; trial < 5; trial++)
        {
            string?[][] shuffledPairs = [.. pairs.OrderBy(_ => random.Next())], shuffledValues = [.. values.OrderBy(_ => random.Next())];
            Assert.Equal(first, AggregatedStatistics.PairCounts(new AggregatedTable("t", ["x", "y", "n"], shuffledPairs)).Summarize());
            Assert.Equal(firstCounts, AggregatedStatistics.ValueCounts(new AggregatedTable("t", ["value", "n"], shuffledValues)).ToArray());
        }
    }

    [Fact]
    public void Fit_MoreObservationsThanAnInt_KeepsTheirCount()
    {
        // Four billion rows (past 2³¹ − 1, where an int count wraps negative): 3·10⁹ twos and 10⁹ fours for the Poisson,
        // λ̂ = (6 + 4)·10⁹ / 4·10⁹ = 2.5 by hand; a normal shard pair of 2·10⁹ rows each, mean 1 and 3, M₂ = 2·10⁹ each,
        // so x̄ = 2 and σ̂² = (4·10⁹ + 4·10⁹·1) / 4·10⁹ = 2 (the between-shard term N₁N₂/N·(3 − 1)² = 4·10⁹).
        FitAccumulator poisson = Poisson.Family.CreateAccumulator()!;
        poisson.AddRepeated(2, 3_000_000_000);
        poisson.AddRepeated(4, 1_000_000_000);
        DistributionFit lambda = poisson.Fit();
        Assert.Equal(4_000_000_000, lambda.ObservationCount);
        Assert.Equal(2.5, lambda.Parameters[0].Estimate, 1e-12);
        Assert.True(lambda.Bic > lambda.Aic, "BIC's ln N must see the whole count");

        FitAccumulator normal = Normal.Family.CreateAccumulator()!;
        normal.AddStatistics(new SufficientStatistics(2_000_000_000) { Sum = 2e9, SquaredDeviations = 2e9, Min = -5, Max = 7 });
        normal.AddStatistics(new SufficientStatistics(2_000_000_000) { Sum = 6e9, SquaredDeviations = 2e9, Min = -3, Max = 9 });
        DistributionFit fit = normal.Fit();
        Assert.Equal(4_000_000_000, fit.ObservationCount);
        Assert.Equal(2, fit.Parameters[0].Estimate, 1e-12);
        Assert.Equal(Math.Sqrt(2), fit.Parameters[1].Estimate, 1e-12);
    }

    [Fact]
    public void AddStatistics_DiscreteFamily_ThrowsArgumentExceptionNamingAddRepeated()
    {
        var error = Assert.Throws<ArgumentException>(() => Poisson.Family.CreateAccumulator()!.AddStatistics(new SufficientStatistics(2) { Sum = 3 }));
        Assert.Contains("AddRepeated", error.Message, StringComparison.Ordinal);
    }
}
