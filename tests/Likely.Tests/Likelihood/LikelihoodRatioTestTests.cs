using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// The likelihood-ratio test against Data/make_uncertainty_reference.py: SciPy's exponential and gamma log-likelihoods
/// on a committed sample (the gamma maximized by Nelder–Mead), the statistic and chi2.sf(Λ, 1), and the boundary case.
/// </summary>
public class LikelihoodRatioTestTests
{
    [Fact]
    public void Compare_ExponentialInGamma_MatchesScipy()
    {
        JsonElement reference = UncertaintyReference.Root.GetProperty("likelihoodRatio");
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));

        LikelihoodRatioResult result = LikelihoodRatioTest.Compare(x, Exponential.Family, Gamma.Family);

        // Tolerances: the exponential ln L is closed form on both sides (1e-10); the gamma's differs by SciPy's
        // Nelder–Mead (fatol 1e-14) against Likely's Newton, about 1e-9 in ln L, so Λ to 1e-7 and p to 1e-7.
        Assert.Equal(reference.GetProperty("statistic").GetDouble(), result.Statistic, 1e-7);
        Assert.Equal(reference.GetProperty("pValue").GetDouble(), result.PValue, 1e-7);
        Assert.Equal(1, result.DegreesOfFreedom);
        Assert.False(result.OnBoundary);
        Assert.Equal(reference.GetProperty("exponentialLogLikelihood").GetDouble(), Exponential.Family.Fit(x).LogLikelihood, 1e-10);
    }

    [Fact]
    public void Compare_OnBoundary_HalvesTheChiSquarePValue()
    {
        JsonElement reference = UncertaintyReference.Root.GetProperty("likelihoodRatio");
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));
        var boundary = new NestedFamilies("exponential", "gamma", "test: as if on the boundary", 1, OnBoundary: true);

        LikelihoodRatioResult result = LikelihoodRatioTest.Compare(boundary, Exponential.Family.Fit(x), Gamma.Family.Fit(x));

        // 50:50 mixture of χ²₀ and χ²₁: ½·chi2.sf(Λ, 1), from the script.
        Assert.Equal(reference.GetProperty("boundaryPValue").GetDouble(), result.PValue, 1e-7);
    }

    [Fact]
    public void Compare_EqualLikelihoods_GiveZeroAndPOne()
    {
        // The same fit on both sides: Λ = 0, so P(χ²₁ ≥ 0) = 1 and, on the boundary, P = ½·1 + ½·1 = 1.
        DistributionFit fit = Exponential.Family.Fit([1.0, 2.0, 3.0]);
        LikelihoodRatioResult plain = LikelihoodRatioTest.Compare(LikelihoodRatioTest.Nestings[0], fit, fit);
        LikelihoodRatioResult boundary = LikelihoodRatioTest.Compare(LikelihoodRatioTest.Nestings[0] with { OnBoundary = true }, fit, fit);
        Assert.Equal(0, plain.Statistic);
        Assert.Equal(1, plain.PValue);
        Assert.Equal(1, boundary.PValue);
    }

    [Fact]
    public void Compare_PairNotInTheTable_ThrowsListingThePairs()
    {
        var error = Assert.Throws<ArgumentException>(() => LikelihoodRatioTest.Compare([1.0, 2.0, 3.0], Normal.Family, Gamma.Family));
        Assert.Contains("exponential ⊂ gamma", error.Message);
    }

    [Fact]
    public void Nestings_NameRegisteredFamiliesOrAreSkippedByModelSelection()
    {
        // Every pair whose two families are registered is compared by fit auto on data both support; pairs naming a
        // family not (yet) registered are skipped without error.
        double[] x = new double[300];
        new Gamma(1.5, 2).Sample(new Random(11), x);
        ModelComparison comparison = ModelSelection.Compare(x, Families.All);
        // Expected by hand, not derived from the Nestings table under test: the table pairs exponential ⊂ gamma,
        // exponential ⊂ weibull and poisson ⊂ negative-binomial; non-integer gamma draws fit neither count family, so
        // exactly the two continuous pairs are compared, in table order.
        Assert.Equal(["gamma", "weibull"], comparison.LikelihoodRatio.Select(r => r.General));
        LikelihoodRatioResult gamma = comparison.LikelihoodRatio.Single(r => r.General == "gamma");
        // Shape 1.5 ≠ 1 with 300 rows: the exponential is rejected.
        Assert.True(gamma.PValue < 1e-3, $"p = {gamma.PValue}");
    }
}
