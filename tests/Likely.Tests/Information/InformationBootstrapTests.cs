using Likely.Resampling;
using System.Text.Json;
using Likely.Information;

namespace Likely.Tests.Information;

public class InformationBootstrapTests
{
    [Fact]
    public void Percentile_MatchesNumpyLinearRule()
    {
        // Expected: numpy.percentile (method 'linear') of the committed values (make_information_estimators.py).
        JsonElement reference = InformationEstimatorReference.Root.GetProperty("percentiles");
        double[] sorted = InformationEstimatorReference.Doubles(reference.GetProperty("values"));
        Array.Sort(sorted);
        double[] q = InformationEstimatorReference.Doubles(reference.GetProperty("q"));
        double[] expected = InformationEstimatorReference.Doubles(reference.GetProperty("expected"));
        for (int i = 0; i < q.Length; i++)
        {
            Assert.Equal(expected[i], Percentiles.Linear(sorted, q[i] / 100), 13);
        }
    }

    [Fact]
    public void Entropy_SameSeed_GivesSameInterval()
    {
        var options = new BootstrapOptions { Resamples = 199, Seed = 7 };
        BootstrapInterval first = InformationBootstrap.Entropy([30, 12, 5, 1, 1], EntropyEstimator.PlugIn, options);
        BootstrapInterval second = InformationBootstrap.Entropy([30, 12, 5, 1, 1], EntropyEstimator.PlugIn, options);
        Assert.Equal(first, second);
        BootstrapInterval other = InformationBootstrap.Entropy([30, 12, 5, 1, 1], EntropyEstimator.PlugIn, options with { Seed = 8 });
        Assert.NotEqual(first.Lower, other.Lower);
    }

    [Theory]
    [InlineData(EntropyEstimator.PlugIn)]
    [InlineData(EntropyEstimator.MillerMadow)]
    [InlineData(EntropyEstimator.ChaoShen)]
    public void Entropy_OneOrTwoThreads_GiveIdenticalIntervals(EntropyEstimator estimator)
    {
        var options = new BootstrapOptions { Resamples = 301, Seed = 3 };
        BootstrapInterval one = InformationBootstrap.Entropy([40, 7, 3, 1, 1, 0, 2], estimator, options with { Threads = 1 });
        BootstrapInterval two = InformationBootstrap.Entropy([40, 7, 3, 1, 1, 0, 2], estimator, options with { Threads = 2 });
        Assert.Equal(one, two);
        Assert.True(one.Lower <= one.Upper);
    }

    [Fact]
    public void MutualInformation_OneOrTwoThreads_GiveIdenticalIntervals()
    {
        var table = new ContingencyTable([20, 5, 3, 4, 18, 6], 2, 3);
        var options = new BootstrapOptions { Resamples = 199, Seed = 11 };
        BootstrapInterval one = InformationBootstrap.MutualInformation(table, options with { Threads = 1 }, LogBase.Bits);
        BootstrapInterval two = InformationBootstrap.MutualInformation(table, options with { Threads = 2 }, LogBase.Bits);
        Assert.Equal(one, two);
        Assert.Equal(table.MutualInformation(LogBase.Bits), one.Estimate);
        Assert.True(one.Lower < one.Estimate && one.Estimate < one.Upper, $"{one}");
    }

    [Fact]
    public void Entropy_OneCategory_IsZeroToZero()
    {
        // Every resample of a single observed category is that category: H = 0 each time.
        BootstrapInterval interval = InformationBootstrap.Entropy([0, 25, 0], EntropyEstimator.MillerMadow, new BootstrapOptions { Resamples = 99 });
        Assert.Equal(new BootstrapInterval(0, 0, 0, 0.95, 99), interval);
    }

    [Fact]
    public void Resample_KeepsTotalAndEmptyCategoriesAndAveragesToCounts()
    {
        // A multinomial(N, n/N) draw: totals are N, empty categories stay empty, and over 4000 draws each mean count is
        // within 5 standard errors of nᵢ (SE = √(N pᵢ(1 − pᵢ) / 4000)).
        long[] counts = [50, 0, 30, 15, 5];
        long[] cumulative = [50, 50, 80, 95, 100];
        var sums = new double[counts.Length];
        var buffer = new long[counts.Length];
        const int Draws = 4000;
        for (int b = 0; b < Draws; b++)
        {
            ulong state = InformationBootstrap.ResampleState(5, b);
            InformationBootstrap.Resample(cumulative, buffer, ref state);
            Assert.Equal(100, buffer.Sum());
            Assert.Equal(0, buffer[1]);
            for (int i = 0; i < counts.Length; i++) sums[i] += buffer[i];
        }

        for (int i = 0; i < counts.Length; i++)
        {
            double p = counts[i] / 100.0, standardError = Math.Sqrt(100 * p * (1 - p) / Draws);
            Assert.True(Math.Abs(sums[i] / Draws - counts[i]) <= 5 * standardError + 1e-12, $"category {i}: mean {sums[i] / Draws}");
        }
    }

    [Fact]
    public void Entropy_SeededSimulation_CoversTrueEntropyAtAboutTheLevel()
    {
        // 300 data sets of N = 300 from p = (0.5, 0.3, 0.15, 0.05) (seeded System.Random), each with a 90% interval from
        // 199 resamples of the Miller–Madow estimate; the true H = −Σ p ln p (closed form). Coverage is a binomial
        // proportion with SE √(0.9·0.1/300) ≈ 0.017; percentile intervals of a small-sample entropy run a little
        // under nominal, so we check 0.82 ≤ coverage ≤ 0.96 (about −4.7 and +3.5 SE around 0.9).
        double[] p = [0.5, 0.3, 0.15, 0.05];
        double truth = -p.Sum(v => v * Math.Log(v));
        var random = new Random(20261202);
        var options = new BootstrapOptions { Resamples = 199, Level = 0.9, Threads = 2 };
        int covered = 0;
        const int DataSets = 300;
        for (int set = 0; set < DataSets; set++)
        {
            var counts = new long[p.Length];
            for (int draw = 0; draw < 300; draw++) counts[Category(p, random.NextDouble())]++;
            BootstrapInterval interval = InformationBootstrap.Entropy(counts, EntropyEstimator.MillerMadow, options with { Seed = set });
            if (interval.Lower <= truth && truth <= interval.Upper) covered++;
        }

        double coverage = (double)covered / DataSets;
        Assert.InRange(coverage, 0.82, 0.96);
    }

    [Fact]
    public void Entropy_BadOptions_ThrowNamingTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            InformationBootstrap.Entropy([1, 2], EntropyEstimator.PlugIn, new BootstrapOptions { Resamples = 0 }));
        Assert.Equal("Resamples", error.ParamName);
        error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            InformationBootstrap.Entropy([1, 2], EntropyEstimator.PlugIn, new BootstrapOptions { Level = 1 }));
        Assert.Equal("Level", error.ParamName);
    }

    private static int Category(double[] p, double u)
    {
        for (int i = 0; i < p.Length - 1; i++)
        {
            if (u < p[i]) return i;
            u -= p[i];
        }

        return p.Length - 1;
    }
}
