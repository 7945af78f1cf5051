using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Profile-likelihood and Wald intervals against references computed independently in
/// Data/make_uncertainty_reference.py: a brute-force grid over a profile whose nuisance parameters SciPy maximizes
/// numerically, the normal's closed forms, and the Poisson's exact deviance.
/// </summary>
public class ProfileLikelihoodTests
{
    [Theory]
    [InlineData(0.95)]
    [InlineData(0.90)]
    public void Intervals_Normal_MatchGridAndClosedForm(double level)
    {
        JsonElement reference = UncertaintyReference.Profile("normal", level);
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));

        ConfidenceIntervals intervals = ProfileLikelihood.Intervals(Normal.Family, x, level);

        Assert.Equal(IntervalMethod.Profile, intervals.Method);
        foreach (string name in new[] { "mu", "sigma" })
        {
            ParameterInterval interval = intervals[name]!;
            double[] grid = UncertaintyReference.Doubles(reference.GetProperty("grid").GetProperty(name));
            double[] closed = UncertaintyReference.Doubles(reference.GetProperty("closedForm").GetProperty(name));
            // Tolerance: Brent stops at 1e-10 in the search coordinate (ln σ for sigma, μ itself); the grid and closed
            // forms agree with each other to 1e-14, so 1e-8 relative leaves room for the root finder only.
            Assert.Equal(closed[0], interval.Lower, closed[0] * 1e-8);
            Assert.Equal(closed[1], interval.Upper, closed[1] * 1e-8);
            Assert.Equal(grid[0], interval.Lower, grid[0] * 1e-8);
            Assert.Equal(grid[1], interval.Upper, grid[1] * 1e-8);
            Assert.Equal(IntervalEnd.Inside, interval.LowerEnd);
            Assert.Equal(IntervalEnd.Inside, interval.UpperEnd);
        }
    }

    [Fact]
    public void Intervals_Gamma_MatchBruteForceGrid()
    {
        JsonElement reference = UncertaintyReference.Profile("gamma", 0.95);
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));

        ConfidenceIntervals intervals = ProfileLikelihood.Intervals(Gamma.Family, x, 0.95);

        foreach (string name in new[] { "shape", "scale" })
        {
            double[] grid = UncertaintyReference.Doubles(reference.GetProperty("grid").GetProperty(name));
            // Tolerance 1e-6 relative: SciPy's profile maximizes the nuisance parameter by a bounded scalar search
            // (xatol 1e-13 on its log) and its MLE by Nelder–Mead (xatol 1e-13), each good to about 1e-9 in ln L; a
            // 1e-9 error in the deviance moves an end by about 1e-9/|dD/dθ| ≈ 1e-8 of θ.
            Assert.Equal(grid[0], intervals[name]!.Lower, grid[0] * 1e-6);
            Assert.Equal(grid[1], intervals[name]!.Upper, grid[1] * 1e-6);
        }
    }

    [Fact]
    public void Intervals_Poisson_MatchExactDeviance()
    {
        JsonElement reference = UncertaintyReference.Profile("poisson", 0.95);
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));

        ParameterInterval lambda = ProfileLikelihood.Intervals(Poisson.Family, x, 0.95)["lambda"]!;

        double[] exact = UncertaintyReference.Doubles(reference.GetProperty("grid").GetProperty("lambda"));
        // One parameter: the profile is ln L itself, the root of 2[ln L(λ̂) − ln L(λ)] = χ²₁(0.95) by brentq to 1e-15.
        Assert.Equal(exact[0], lambda.Lower, exact[0] * 1e-9);
        Assert.Equal(exact[1], lambda.Upper, exact[1] * 1e-9);
        Assert.True(lambda.Upper - lambda.Estimate > lambda.Estimate - lambda.Lower, "the Poisson's interval is skewed to the right");
    }

    [Fact]
    public void Intervals_HeldParameter_GetsNoIntervalAndTheOtherIsConditional()
    {
        // With μ held at x̄ the profile of σ is ln L itself, so the ends solve N[(s/σ)² − 1 − ln (s/σ)²] = c exactly as
        // in the closed form of the reference (where μ̂ = x̄ too).
        JsonElement reference = UncertaintyReference.Profile("normal", 0.95);
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));
        double mean = reference.GetProperty("estimate").GetProperty("mu").GetDouble();

        ConfidenceIntervals intervals = ProfileLikelihood.Intervals(Normal.Family, x, 0.95, new Dictionary<string, double> { ["mu"] = mean });

        Assert.Null(intervals["mu"]);
        double[] closed = UncertaintyReference.Doubles(reference.GetProperty("closedForm").GetProperty("sigma"));
        Assert.Equal(closed[0], intervals["sigma"]!.Lower, closed[0] * 1e-8);
        Assert.Equal(closed[1], intervals["sigma"]!.Upper, closed[1] * 1e-8);
    }

    [Fact]
    public void LogLikelihood_NormalSigma_IsTheClosedFormProfile()
    {
        // ℓₚ(σ) = −N ln σ − (N/2) ln 2π − N s²/(2σ²), with s² the MLE variance (μ̂ = x̄ whatever σ is), by hand.
        double[] x = [1, 2, 4, 7];
        double s2 = (6.25 + 2.25 + 0.25 + 12.25) / 4; // x̄ = 3.5

        double profile = ProfileLikelihood.LogLikelihood(Normal.Family, x, "sigma", 2.0);

        Assert.Equal(-4 * Math.Log(2.0) - 2 * Math.Log(2 * Math.PI) - 4 * s2 / 8, profile, 1e-12);
    }

    [Fact]
    public void Intervals_EstimateOnTheBound_ReportsThatEndAsTheRangeBound()
    {
        // 20 ones: p̂ = 1, on the bound of [0, 1], so the upper end does not exist inside the range and is the bound 1.
        // ln L(p̂) = 0 and ℓ(p) = 20 ln p, so the lower end solves −40 ln p = χ²₁(0.95) = 3.841458820694124 (scipy's
        // chi2.ppf, in the reference file): p = exp(−3.841458820694124/40), by hand.
        double[] x = Enumerable.Repeat(1.0, 20).ToArray();

        ParameterInterval p = ProfileLikelihood.Intervals(Bernoulli.Family, x, 0.95)["p"]!;

        Assert.Equal(1, p.Upper);
        Assert.Equal(IntervalEnd.RangeBound, p.UpperEnd);
        Assert.Equal(IntervalEnd.Inside, p.LowerEnd);
        Assert.Equal(Math.Exp(-3.841458820694124 / 40), p.Lower, 1e-9);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(-0.5)]
    [InlineData(double.NaN)]
    public void Intervals_LevelOutsideZeroOne_Throws(double level)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ProfileLikelihood.Intervals(Normal.Family, [1.0, 2.0, 4.0], level));
        Assert.Throws<ArgumentOutOfRangeException>(() => WaldInterval.Intervals(Normal.Family, Normal.Family.Fit([1.0, 2.0, 4.0]), level));
    }

    [Fact]
    public void Intervals_Categorical_ThrowsNamingTheFamily()
    {
        var error = Assert.Throws<ArgumentException>(() => ProfileLikelihood.Intervals(Categorical.Family, [0.0, 1.0, 1.0, 2.0]));
        Assert.Contains("categorical", error.Message);
    }

    [Fact]
    public void Wald_Normal_MatchesReferenceAndFlagsAnEndOutsideTheRange()
    {
        JsonElement reference = UncertaintyReference.Profile("normal", 0.95);
        double[] x = UncertaintyReference.Doubles(reference.GetProperty("sample"));

        ConfidenceIntervals wald = WaldInterval.Intervals(Normal.Family, Normal.Family.Fit(x), 0.95);

        // The reference: x̄ ± z·s/√N and s ± z·s/√(2N) with z = scipy.stats.norm.ppf(0.975) (the normal's information in
        // closed form); Likely's SE comes from a numerical Hessian, good to about 1e-7 relative.
        foreach (string name in new[] { "mu", "sigma" })
        {
            double[] expected = UncertaintyReference.Doubles(reference.GetProperty("wald").GetProperty(name));
            Assert.Equal(expected[0], wald[name]!.Lower, 1e-6);
            Assert.Equal(expected[1], wald[name]!.Upper, 1e-6);
        }

        // Two rows 1 and 3: σ̂ = 1, SE(σ̂) = σ̂/√(2N) = 0.5, so σ̂ − 1.96·0.5 = 0.02 > 0 stays inside; at level 0.99
        // (z = 2.5758) 1 − 1.2879 < 0 leaves σ > 0 and is reported as is, flagged, not clipped.
        ParameterInterval sigma = WaldInterval.Intervals(Normal.Family, Normal.Family.Fit([1.0, 3.0]), 0.99)["sigma"]!;
        Assert.True(sigma.Lower < 0);
        Assert.Equal(IntervalEnd.OutsideRange, sigma.LowerEnd);
        Assert.Equal(IntervalEnd.Inside, sigma.UpperEnd);
        ParameterInterval profileSigma = ProfileLikelihood.Intervals(Normal.Family, [1.0, 3.0], 0.99)["sigma"]!;
        Assert.True(profileSigma.Lower > 0, "the profile interval stays in σ > 0");
    }
}
