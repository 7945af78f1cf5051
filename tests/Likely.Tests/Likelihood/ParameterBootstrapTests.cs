using Likely.Resampling;
using System.Text.Json;
using Likely.Distributions;
using Likely.Information;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Bootstrap intervals: SciPy's bootstrap draws from another generator, so the replicates cannot be compared; instead
/// the interval formulas are checked on hand-made replicates against Data/make_uncertainty_reference.py (NumPy's
/// percentile and Efron's BCa formula with scipy.stats.norm), and the resampling by its properties: a seed reproduces
/// the result, the thread count does not change it, and 95% intervals cover the true μ in about 95% of samples.
/// </summary>
public class ParameterBootstrapTests
{
    [Fact]
    public void PercentileAndBca_HandMadeReplicates_MatchNumpyAndTheFormula()
    {
        JsonElement reference = UncertaintyReference.Root.GetProperty("bca");
        double[] replicates = UncertaintyReference.Doubles(reference.GetProperty("replicates"));
        double[] jackknife = UncertaintyReference.Doubles(reference.GetProperty("jackknife"));
        double estimate = reference.GetProperty("estimate").GetDouble(), level = reference.GetProperty("level").GetDouble();

        (double pl, double pu) = ParameterBootstrap.Percentile(replicates, level);
        (double bl, double bu) = ParameterBootstrap.Bca(replicates, estimate, jackknife, level);

        // np.percentile(reps, [5, 95]) = 2.86, 9.29 (position 0.95 and 18.05 between order statistics: hand-checkable);
        // BCa: z₀ = Φ⁻¹(8/20), a from the jackknife, α₁,₂ = Φ(z₀ + (z₀ + z)/(1 − a(z₀ + z))). Rounding only: 1e-12.
        double[] percentile = UncertaintyReference.Doubles(reference.GetProperty("percentile"));
        double[] bca = UncertaintyReference.Doubles(reference.GetProperty("bca"));
        Assert.Equal(2.86, percentile[0], 1e-12);
        Assert.Equal(percentile[0], pl, 1e-12);
        Assert.Equal(percentile[1], pu, 1e-12);
        Assert.Equal(bca[0], bl, 1e-12);
        Assert.Equal(bca[1], bu, 1e-12);
    }

    [Fact]
    public void Bca_NoBiasNoAcceleration_IsThePercentileInterval()
    {
        // Replicates symmetric about the estimate (half below it: z₀ = Φ⁻¹(½) = 0) and equal jackknife values (a = 0):
        // α₁,₂ = Φ(z) = the percentile levels, so BCa reduces to the percentile interval exactly.
        double[] replicates = Enumerable.Range(1, 40).Select(i => (double)i).ToArray();
        (double pl, double pu) = ParameterBootstrap.Percentile(replicates, 0.9);
        (double bl, double bu) = ParameterBootstrap.Bca(replicates, 20.5, [3.0, 3.0, 3.0], 0.9);
        // By hand (numpy's linear rule on 1…40): positions 0.05·39 = 1.95 and 0.95·39 = 37.05, so 2.95 and 38.05.
        Assert.Equal(2.95, pl, 1e-12);
        Assert.Equal(38.05, pu, 1e-12);
        Assert.Equal(pl, bl, 1e-12);
        Assert.Equal(pu, bu, 1e-12);
    }

    [Fact]
    public void Intervals_SameSeed_Reproduce_AnyThreadCount()
    {
        double[] x = new double[60];
        new Gamma(2, 1.5).Sample(new Random(7), x);

        BootstrapIntervals one = ParameterBootstrap.Intervals(Gamma.Family, x, new BootstrapOptions { Resamples = 200, Seed = 5, Threads = 1 });
        BootstrapIntervals four = ParameterBootstrap.Intervals(Gamma.Family, x, new BootstrapOptions { Resamples = 200, Seed = 5, Threads = 4 });
        BootstrapIntervals all = ParameterBootstrap.Intervals(Gamma.Family, x, new BootstrapOptions { Resamples = 200, Seed = 5 });
        BootstrapIntervals other = ParameterBootstrap.Intervals(Gamma.Family, x, new BootstrapOptions { Resamples = 200, Seed = 6 });

        // Bit for bit: each resample has its own generator and slot.
        Assert.Equal(one.Bca.Parameters, four.Bca.Parameters);
        Assert.Equal(one.Bca.Parameters, all.Bca.Parameters);
        Assert.Equal(one.Percentile.Parameters, all.Percentile.Parameters);
        Assert.NotEqual(one.Percentile.Parameters, other.Percentile.Parameters);
        Assert.Equal(0, one.Bca.FailedResamples);
        Assert.Equal(200, one.Bca.Resamples);
    }

    [Theory]
    [InlineData(BootstrapResampling.Nonparametric)]
    [InlineData(BootstrapResampling.Parametric)]
    public void Intervals_200NormalSamples_Cover95PercentOfTheTime(BootstrapResampling resampling)
    {
        // 200 seeded N(10, 2²) samples of 40; the 95% intervals for μ should cover μ = 10 in about 95% of them. With
        // 200 trials the binomial standard error is 1.5%, and percentile/BCa intervals undercover slightly at N = 40
        // (about 93–94%), so 90–99% is the acceptance band (a broken interval, e.g. the 68% one, covers ~68%).
        int coveredPercentile = 0, coveredBca = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            double[] x = new double[40];
            new Normal(10, 2).Sample(new Random(1000 + trial), x);
            BootstrapIntervals intervals = ParameterBootstrap.Intervals(Normal.Family, x, new BootstrapOptions { Resamples = 499, Seed = trial }, resampling);
            ParameterInterval p = intervals.Percentile["mu"]!, b = intervals.Bca["mu"]!;
            coveredPercentile += p.Lower <= 10 && 10 <= p.Upper ? 1 : 0;
            coveredBca += b.Lower <= 10 && 10 <= b.Upper ? 1 : 0;
        }

        Assert.InRange(coveredPercentile, 180, 198);
        Assert.InRange(coveredBca, 180, 198);
    }

    [Fact]
    public void Intervals_ConstantResamples_AreCountedAsFailures()
    {
        // Three rows, two equal: a resample of three equal values has no normal MLE (σ̂ = 0), so its refit fails and is
        // counted, not used. P(all three rows the same) = 3·(1/3)³ + … = (2/3)³ + (1/3)³ = 1/3 of resamples, roughly.
        BootstrapIntervals intervals = ParameterBootstrap.Intervals(Normal.Family, [1.0, 1.0, 4.0], new BootstrapOptions { Resamples = 300, Seed = 2 });
        Assert.InRange(intervals.Bca.FailedResamples!.Value, 60, 140);
    }

    [Fact]
    public void Intervals_BadOptions_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterBootstrap.Intervals(Normal.Family, [1.0, 2.0, 4.0], new BootstrapOptions { Level = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterBootstrap.Intervals(Normal.Family, [1.0, 2.0, 4.0], new BootstrapOptions { Resamples = 1 }));
    }
}
