using System.Text.Json;
using Likely.Information;
using Likely.Likelihood;
using Likely.Resampling;

namespace Likely.Tests.Information;

/// <summary>
/// BCa intervals for entropy and mutual information. SciPy's resampling draws differ from Likely's, so the reference
/// (Data/information_bca_reference.json, make_information_bca_reference.py) compares the BCa adjustment given identical
/// replicates: SciPy's _bca_interval and _percentile_along_axis (what bootstrap(method='BCa') runs) on replicates the
/// script drew, with its jackknife over the N raw observations; here the same replicates go through Likely's BCa with
/// Likely's jackknife of the counts (k distinct values weighted by their counts).
/// </summary>
public sealed class InformationBcaTests
{
    public static TheoryData<string> ReferenceCases() => new(Cases.Select(c => c.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(ReferenceCases))]
    public void Interval_ScipyReplicates_MatchesScipyBca(string name)
    {
        JsonElement reference = Cases.Single(c => c.GetProperty("name").GetString() == name);
        long[] counts = reference.GetProperty("counts").EnumerateArray().Select(v => v.GetInt64()).ToArray();
        int rows = reference.GetProperty("rows").GetInt32(), columns = reference.GetProperty("columns").GetInt32();
        Func<long[], double> estimate = reference.GetProperty("quantity").GetString() == "entropy"
            ? c => CountEntropy.Compute(c, EntropyEstimator.PlugIn)
            : c => new ContingencyTable(c, rows, columns).MutualInformation();
        double[] sorted = reference.GetProperty("replicates").EnumerateArray().Select(v => v.GetDouble()).Order().ToArray();

        // The estimate: sums of a few terms in double on both sides, 1e-12. The acceleration: SciPy's is from jackknife
        // values rounded to 13 decimals (see the script), differences of about 0.01, so 1e-9.
        Assert.Equal(reference.GetProperty("estimate").GetDouble(), estimate(counts), 1e-12);
        (double[] values, long[] weights) = InformationBootstrap.Jackknife(counts, estimate);
        double acceleration = BcaPercentiles.Acceleration(values, weights);
        Assert.Equal(reference.GetProperty("acceleration").GetDouble(), acceleration, 1e-9);

        // The ends: the same order statistics interpolated at levels that agree to about 1e-10 (the acceleration's
        // rounding above, and ndtr/ndtri against Likely's Φ, Φ⁻¹); times B ≈ 1000 order statistics per unit level and a
        // gap of about 0.1 between neighbours, 1e-8 relative.
        (double lower, double upper) = BcaPercentiles.Interval(sorted, estimate(counts), acceleration, reference.GetProperty("level").GetDouble());
        double expectedLower = reference.GetProperty("lower").GetDouble(), expectedUpper = reference.GetProperty("upper").GetDouble();
        Assert.Equal(expectedLower, lower, 1e-8 * Math.Abs(expectedLower));
        Assert.Equal(expectedUpper, upper, 1e-8 * Math.Abs(expectedUpper));
    }

    [Fact]
    public void Acceleration_WeightedValues_EqualExpandedLeaveOneOut()
    {
        // Hand check of the weighting: values 1 (×3) and 4 (×1) are the leave-one-out list [1, 1, 1, 4]: mean 1.75,
        // d = 0.75 (×3), −2.25; Σd² = 6.75, Σd³ = 3·0.421875 − 11.390625 = −10.125; a = −10.125 / (6·6.75^1.5).
        double expected = -10.125 / (6 * Math.Pow(6.75, 1.5));
        Assert.Equal(expected, BcaPercentiles.Acceleration([1, 4], [3, 1]), 1e-15);
        Assert.Equal(0, BcaPercentiles.Acceleration([2, 2], [5, 1]));
    }

    [Fact]
    public void Entropy_Bca_ShiftsThePercentileIntervalOfTheSameResamples()
    {
        var options = new BootstrapOptions { Resamples = 499, Seed = 3 };
        long[] counts = [30, 12, 5, 1, 1];
        BootstrapInterval percentile = InformationBootstrap.Entropy(counts, EntropyEstimator.PlugIn, options);
        BootstrapInterval bca = InformationBootstrap.Entropy(counts, EntropyEstimator.PlugIn, options, method: IntervalMethod.BootstrapBca);
        Assert.Equal(IntervalMethod.BootstrapPercentile, percentile.Method);
        Assert.Equal(IntervalMethod.BootstrapBca, bca.Method);
        Assert.Equal(percentile.Estimate, bca.Estimate);
        // The plug-in entropy is biased low, so most replicates fall below Ĥ: z₀ > 0 moves both BCa ends up.
        Assert.True(bca.Lower > percentile.Lower && bca.Upper > percentile.Upper, $"{bca} vs {percentile}");
        Assert.Throws<ArgumentOutOfRangeException>(() => InformationBootstrap.Entropy(counts, EntropyEstimator.PlugIn, options, method: IntervalMethod.Wald));
    }

    [Fact]
    public void Entropy_BcaOneObservation_IsThePoint()
    {
        BootstrapInterval interval = InformationBootstrap.Entropy([0, 1], EntropyEstimator.PlugIn, new BootstrapOptions { Resamples = 9 }, method: IntervalMethod.BootstrapBca);
        Assert.Equal((0.0, 0.0), (interval.Lower, interval.Upper));
    }

    private static JsonElement[] Cases { get; } = Read();

    private static JsonElement[] Read()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Likely.Tests.Data.DataTestFiles.Committed("information_bca_reference.json")));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone()).ToArray();
    }
}
