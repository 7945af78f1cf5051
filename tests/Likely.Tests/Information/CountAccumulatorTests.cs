using CsCheck;
using Likely.Information;

namespace Likely.Tests.Information;

/// <summary>
/// The streaming count accumulators (issue 12): counts gathered in chunks and merged from shards in any order are
/// exactly the counts of the whole sample (LINQ's CountBy and <see cref="ContingencyTable.FromPairs{TX, TY}"/> are the
/// oracles), and the entropies and mutual information match hand-worked values and the in-memory path.
/// </summary>
public class CountAccumulatorTests
{
    [Fact]
    public void CategoryCounts_ShardsInAnyOrder_GiveExactCountsAndTheInMemoryEntropy()
    {
        Gen.Select(Gen.Int[0, 30].Array[1, 600], Gen.Int[1, 599].Array[0, 8], Gen.Int[0, 1000]).Sample(t =>
        {
            (int[] sample, int[] cuts, int order) = t;
            int[] bounds = [0, .. cuts.Where(c => c < sample.Length).Distinct().Order(), sample.Length];
            var shards = new List<CategoryCounts<int>>();
            for (int i = 0; i + 1 < bounds.Length; i++)
            {
                var shard = new CategoryCounts<int>();
                shard.Add(sample.AsSpan(bounds[i], bounds[i + 1] - bounds[i]));
                shards.Add(shard);
            }

            var random = new Random(order);
            var merged = new CategoryCounts<int>();
            foreach (CategoryCounts<int> shard in shards.OrderBy(_ => random.Next()))
            {
                merged.Merge(shard);
            }

            Dictionary<int, int> expected = sample.CountBy(x => x).ToDictionary();
            Assert.Equal(sample.Length, merged.Total);
            Assert.Equal(expected.Count, merged.CategoryCount);
            foreach ((int category, int n) in expected)
            {
                Assert.Equal(n, merged[category]);
            }

            double entropy = CountEntropy.FromSamples(sample);
            Assert.Equal(entropy, merged.Entropy(), 1e-12 * Math.Max(1, entropy));
        });
    }

    [Fact]
    public void CategoryCounts_Entropy_IsOneAndAHalfLogTwo_ForCounts211()
    {
        // p = (1/2, 1/4, 1/4): H = ½ ln 2 + 2·¼ ln 4 = 1.5 ln 2 nats = 1.5 bits.
        var counts = new CategoryCounts<string>();
        counts.Add(["a", "b"]);
        counts.Add(["a", "c"]);
        Assert.Equal(1.5 * Math.Log(2), counts.Entropy(), 1e-15);
        Assert.Equal(1.5, counts.Entropy(logBase: LogBase.Bits), 1e-15);
        Assert.Equal([2L, 1L, 1L], counts.ToArray());
    }

    [Fact]
    public void AlignedProbabilities_UnionOfCategories_GivesZerosWhereUnseen()
    {
        // p from a, a, b; q from b, c: over (a, b, c), P = (2/3, 1/3, 0), Q = (0, 1/2, 1/2); D(p‖q) = ∞, H(p, q) = ∞.
        var p = new CategoryCounts<string>();
        var q = new CategoryCounts<string>();
        p.Add(["a", "a", "b"]);
        q.Add(["b", "c"]);
        (double[] pp, double[] qq, string[] categories) = CategoryCounts<string>.AlignedProbabilities(p, q);
        Assert.Equal(["a", "b", "c"], categories);
        Assert.Equal([2.0 / 3, 1.0 / 3, 0], pp);
        Assert.Equal([0, 0.5, 0.5], qq);
        Assert.Equal(double.PositiveInfinity, KullbackLeiblerDivergence.Compute(pp, qq));
        // JS = ½ D(p‖m) + ½ D(q‖m), m = (1/3, 5/12, 1/4), by hand.
        double[] m = [1.0 / 3, 5.0 / 12, 0.25];
        double js = 0.5 * ((2.0 / 3) * Math.Log((2.0 / 3) / m[0]) + (1.0 / 3) * Math.Log((1.0 / 3) / m[1]))
            + 0.5 * (0.5 * Math.Log(0.5 / m[1]) + 0.5 * Math.Log(0.5 / m[2]));
        Assert.Equal(js, JensenShannonDivergence.Compute(pp, qq), 1e-15);
        Assert.Throws<ArgumentException>(() => CategoryCounts<string>.AlignedProbabilities(p, new CategoryCounts<string>()));
    }

    [Fact]
    public void ContingencyCounts_ShardsInAnyOrder_GiveTheInMemoryTableAndInformation()
    {
        Gen<(int X, int Y)[]> pairs = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 4]).Array[1, 500];
        Gen.Select(pairs, Gen.Int[1, 499].Array[0, 6], Gen.Int[0, 1000]).Sample(t =>
        {
            ((int X, int Y)[] sample, int[] cuts, int order) = t;
            int[] x = sample.Select(p => p.X).ToArray();
            string[] y = sample.Select(p => $"y{p.Y}").ToArray();
            int[] bounds = [0, .. cuts.Where(c => c < sample.Length).Distinct().Order(), sample.Length];
            var shards = new List<ContingencyCounts<int, string>>();
            for (int i = 0; i + 1 < bounds.Length; i++)
            {
                var shard = new ContingencyCounts<int, string>();
                shard.Add(x.AsSpan(bounds[i], bounds[i + 1] - bounds[i]), y.AsSpan(bounds[i], bounds[i + 1] - bounds[i]));
                shards.Add(shard);
            }

            var random = new Random(order);
            var merged = new ContingencyCounts<int, string>();
            foreach (ContingencyCounts<int, string> shard in shards.OrderBy(_ => random.Next()))
            {
                merged.Merge(shard);
            }

            foreach (((int X, int Y) pair, int n) in sample.CountBy(p => p))
            {
                Assert.Equal(n, merged[pair.X, $"y{pair.Y}"]);
            }

            ContingencyTable expected = ContingencyTable.FromPairs(x, y), actual = merged.ToTable();
            Assert.Equal(expected.Total, actual.Total);
            Assert.Equal(expected.Rows * expected.Columns, actual.Rows * actual.Columns);
            double mi = expected.MutualInformation();
            Assert.Equal(mi, merged.MutualInformation(), 1e-12 * Math.Max(1, mi));
            Assert.Equal(mi, actual.MutualInformation(), 1e-12 * Math.Max(1, mi));
            Assert.Equal(expected.JointEntropy(), actual.JointEntropy(), 1e-12);
        });
    }

    [Fact]
    public void ContingencyCounts_DependentPairs_GiveLogTwo()
    {
        // (a, x), (b, y) twice each: Y is a function of X and both are uniform on two values, so I = ln 2.
        var counts = new ContingencyCounts<string, string>();
        counts.Add(["a", "b"], ["x", "y"]);
        var other = new ContingencyCounts<string, string>();
        other.Add(["b", "a"], ["y", "x"]);
        counts.Merge(other);
        Assert.Equal(Math.Log(2), counts.MutualInformation(), 1e-15);
        Assert.Equal(2, counts.DistinctPairCount);
        Assert.Throws<ArgumentException>(() => counts.Add(["a"], []));
        Assert.Throws<ArgumentException>(() => new ContingencyCounts<int, int>().MutualInformation());
    }

    [Fact]
    public void Summarize_RandomShards_EqualsTheDenseTableToTheBit()
    {
        // The dense table (ToTable) is the reference: Summarize must sum the same terms in the same order.
        Gen<(int X, int Y)[]> pairs = Gen.Select(Gen.Int[0, 40], Gen.Int[0, 25]).Array[1, 800];
        Gen.Select(pairs, Gen.Int[1, 799]).Sample(t =>
        {
            int cut = Math.Min(t.Item2, t.Item1.Length);
            var counts = new ContingencyCounts<int, int>();
            var shard = new ContingencyCounts<int, int>();
            counts.Add(t.Item1[..cut].Select(p => p.X).ToArray(), t.Item1[..cut].Select(p => p.Y).ToArray());
            shard.Add(t.Item1[cut..].Select(p => p.X).ToArray(), t.Item1[cut..].Select(p => p.Y).ToArray());
            if (shard.Total > 0) counts.Merge(shard);
            ContingencyTable table = counts.ToTable();
            ContingencySummary summary = counts.Summarize(LogBase.Bits);
            Assert.Equal(table.MutualInformation(LogBase.Bits), summary.MutualInformation);
            Assert.Equal(table.RowEntropy(LogBase.Bits), summary.RowEntropy);
            Assert.Equal(table.ColumnEntropy(LogBase.Bits), summary.ColumnEntropy);
            Assert.Equal(table.JointEntropy(LogBase.Bits), summary.JointEntropy);
            Assert.Equal(table.Total, summary.Total);
        }, iter: 300);
    }

    [Fact]
    public void ContingencyCounts_IntIdsThroughTheDenseGrid_EqualTheDictionaryPathToTheBit()
    {
        // ContingencyCounts<int, int> counts small ids in a dense grid; <long, long> never does (only int ids take it),
        // so it is the oracle: the same chunks and merges must give the same counts, the same order of first
        // appearance (ToTable's rows and columns) and the same Summarize bits. The ids mix small ones, ones that make
        // the grid grow, ones past its 2²⁰ cells (2,000 × 600) and negative ones, which end the grid mid-chunk.
        Gen<int> id = Gen.Frequency((8, Gen.Int[0, 30]), (2, Gen.Int[0, 2000]), (1, Gen.Int[-3, -1]));
        Gen<(int X, int Y)[]> chunk = Gen.Select(id, Gen.Frequency((8, Gen.Int[0, 12]), (2, Gen.Int[0, 600]))).Array[0, 300];
        Gen.Select(chunk.Array[1, 5], Gen.Bool).Sample(t =>
        {
            ((int X, int Y)[][] chunks, bool merge) = t;
            var grid = new ContingencyCounts<int, int>();
            var oracle = new ContingencyCounts<long, long>();
            var gridShard = new ContingencyCounts<int, int>();
            var oracleShard = new ContingencyCounts<long, long>();
            for (int c = 0; c < chunks.Length; c++)
            {
                bool toShard = merge && c % 2 == 1;
                (toShard ? gridShard : grid).Add(chunks[c].Select(p => p.X).ToArray(), chunks[c].Select(p => p.Y).ToArray());
                (toShard ? oracleShard : oracle).Add(chunks[c].Select(p => (long)p.X).ToArray(), chunks[c].Select(p => (long)p.Y).ToArray());
            }

            grid.Merge(gridShard);
            oracle.Merge(oracleShard);
            Assert.Equal(oracle.Total, grid.Total);
            Assert.Equal(oracle.DistinctPairCount, grid.DistinctPairCount);
            foreach ((int x, int y) in chunks.SelectMany(p => p))
            {
                Assert.Equal(oracle[x, y], grid[x, y]);
            }

            if (oracle.Total == 0) return;
            Assert.Equal(oracle.Summarize(), grid.Summarize());
            ContingencyTable expected = oracle.ToTable(), actual = grid.ToTable();
            Assert.Equal((expected.Rows, expected.Columns), (actual.Rows, actual.Columns));
            for (int r = 0; r < expected.Rows; r++)
            {
                for (int k = 0; k < expected.Columns; k++)
                {
                    Assert.Equal(expected[r, k], actual[r, k]);
                }
            }
        }, iter: 400);
    }

    [Fact]
    public void Summarize_ThirtyThousandLabelsPerSide_NeedsNoDenseTable()
    {
        // x_i = y_i = i for K = 30,000 rows: every variable is uniform on K values and Y determines X, so
        // I = H(X) = H(Y) = H(X, Y) = ln K (closed form). The dense table would have K² = 9·10⁸ cells (7.2 GB).
        const int K = 30_000;
        int[] labels = Enumerable.Range(0, K).ToArray();
        var counts = new ContingencyCounts<int, int>();
        counts.Add(labels, labels);
        ContingencySummary summary = counts.Summarize();
        foreach (double value in new[] { summary.MutualInformation, summary.RowEntropy, summary.ColumnEntropy, summary.JointEntropy })
        {
            // I is a sum of K equal terms ln K, rounded at each add: within K·ε·ln K ≈ 7e-11 (the entropies are exact).
            Assert.Equal(Math.Log(K), value, 1e-10);
        }

        Assert.Equal(K, summary.Total);
        Assert.Throws<ArgumentException>(() => new ContingencyCounts<int, int>().Summarize());
        // The dense table (which only the bootstrap needs) is refused with the way out, not an overflow.
        var error = Assert.Throws<ArgumentException>(() => counts.ToTable());
        Assert.Contains("30,000 × 30,000 labels would have 900,000,000 cells", error.Message);
    }
}
