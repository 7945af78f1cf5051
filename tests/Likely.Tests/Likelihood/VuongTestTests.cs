using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>The Vuong test against a direct NumPy computation in Data/make_uncertainty_reference.py on committed samples.</summary>
public class VuongTestTests
{
    [Theory]
    [InlineData(VuongCorrection.None, "none")]
    [InlineData(VuongCorrection.Aic, "aic")]
    [InlineData(VuongCorrection.Schwarz, "schwarz")]
    public void Compare_NormalVersusLogNormal_MatchesNumpy(VuongCorrection correction, string key)
    {
        JsonElement reference = UncertaintyReference.Root.GetProperty("vuong");
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));

        VuongResult result = VuongTest.Compare(x, Normal.Family.Fit(x), LogNormal.Family.Fit(x), correction);

        // Both fits are closed forms on both sides; the only differences are rounding in sums of 120 terms: 1e-10.
        Assert.Equal(reference.GetProperty(key).GetProperty("z").GetDouble(), result.Z, 1e-10);
        Assert.Equal(reference.GetProperty(key).GetProperty("pValue").GetDouble(), result.PValue, 1e-10);
        Assert.Equal(reference.GetProperty("pointwiseSum").GetDouble(), result.LogLikelihoodRatio, 1e-9);
        Assert.Equal("normal", result.First);
        Assert.True(result.Z < 0, "log-normal rows favour the log-normal");
    }

    [Theory]
    [InlineData(VuongCorrection.None, "none")]
    [InlineData(VuongCorrection.Aic, "aic")]
    [InlineData(VuongCorrection.Schwarz, "schwarz")]
    public void Compare_UnequalParameterCounts_AppliesTheCorrection(VuongCorrection correction, string key)
    {
        JsonElement reference = UncertaintyReference.Root.GetProperty("vuongUnequal");
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));

        VuongResult result = VuongTest.Compare(x, Exponential.Family.Fit(x), Normal.Family.Fit(x), correction);

        Assert.Equal(reference.GetProperty(key).GetProperty("z").GetDouble(), result.Z, 1e-10);
        Assert.Equal(reference.GetProperty(key).GetProperty("pValue").GetDouble(), result.PValue, 1e-10);
    }

    [Fact]
    public void Compare_SameFit_IsZeroWithPOne()
    {
        // ℓᵢ = 0 for every row: ω = 0 and Σ ℓᵢ = 0, so z = 0 and p = 1 by the documented convention.
        double[] x = [1, 2, 3, 5];
        DistributionFit fit = Normal.Family.Fit(x);
        VuongResult result = VuongTest.Compare(x, fit, fit);
        Assert.Equal(0, result.Z);
        Assert.Equal(1, result.PValue);
    }

    [Fact]
    public void ModelSelection_VuongComparesTheBestWithEveryOtherFittedFamily()
    {
        double[] x = new double[300];
        new Gamma(3, 2).Sample(new Random(5), x);

        ModelComparison comparison = ModelSelection.Compare(x, Families.All);

        FamilyScore[] fitted = comparison.Rows.Where(r => r.Fit is not null).ToArray();
        Assert.Equal(fitted.Skip(1).Select(r => r.Family.Name), comparison.Vuong.Select(v => v.Second));
        Assert.All(comparison.Vuong, v => Assert.Equal(fitted[0].Family.Name, v.First));
        // Each entry is the library's own test on the same fits (the statistic is checked against NumPy above).
        VuongResult direct = VuongTest.Compare(x, (DistributionFit)fitted[0].Fit!, (DistributionFit)fitted[1].Fit!);
        Assert.Equal(direct, comparison.Vuong[0]);
    }
}
