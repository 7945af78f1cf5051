using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// What the registry-driven tests do not cover for the two newest families: standard errors against a finite-difference
/// observed information, the underdispersed negative binomial, and the Weibull's exponential special case.
/// </summary>
public sealed class WeibullAndNegativeBinomialTests
{
    [Theory]
    [InlineData("weibull")]
    [InlineData("negative-binomial")]
    public void Fit_StandardErrors_MatchFiniteDifferenceInformation(string name)
    {
        // Oracle: the observed information −∇² ln L by central differences of Σ LogDensity (step 1e-4 relative),
        // inverted by hand for 2×2; the analytic Hessian in the family must agree to 1e-5 relative.
        DistributionFamily family = Families.Find(name);
        double[] x = FamilyCases.Of(name).Draw(500, 41);
        DistributionFit fit = family.Fit(x);
        double[] theta = fit.Distribution.GetParameters();

        double LogLikelihood(double a, double b)
        {
            IUnivariateDistribution member = family.Create([a, b]);
            return x.Sum(v => member.LogDensity(v));
        }

        double ha = 1e-4 * theta[0], hb = 1e-4 * theta[1];
        double faa = (LogLikelihood(theta[0] + ha, theta[1]) - 2 * fit.LogLikelihood + LogLikelihood(theta[0] - ha, theta[1])) / (ha * ha);
        double fbb = (LogLikelihood(theta[0], theta[1] + hb) - 2 * fit.LogLikelihood + LogLikelihood(theta[0], theta[1] - hb)) / (hb * hb);
        double fab = (LogLikelihood(theta[0] + ha, theta[1] + hb) - LogLikelihood(theta[0] + ha, theta[1] - hb)
            - LogLikelihood(theta[0] - ha, theta[1] + hb) + LogLikelihood(theta[0] - ha, theta[1] - hb)) / (4 * ha * hb);
        double determinant = faa * fbb - fab * fab; // of −H: (−faa)(−fbb) − fab²

        Assert.Equal(Math.Sqrt(-fbb / determinant), fit.Parameters[0].StandardError!.Value, 1e-5 * fit.Parameters[0].StandardError!.Value);
        Assert.Equal(Math.Sqrt(-faa / determinant), fit.Parameters[1].StandardError!.Value, 1e-5 * fit.Parameters[1].StandardError!.Value);
    }

    [Fact]
    public void NegativeBinomialFit_UnderdispersedSample_SaysFitPoisson()
    {
        // Mean 2, variance (by hand) 0.5 < 2: the profile likelihood rises toward r → ∞, the Poisson.
        var error = Assert.Throws<InvalidOperationException>(() => NegativeBinomial.Fit([1, 2, 3, 2, 2, 1, 3, 2]));

        Assert.Contains("Fit poisson instead", error.Message);
    }

    [Fact]
    public void NegativeBinomialFit_AllZeros_ThrowsNamingTheFix()
    {
        var error = Assert.Throws<ArgumentException>(() => NegativeBinomial.Fit([0, 0, 0]));

        Assert.Contains("at least one positive count", error.Message);
    }

    [Fact]
    public void Weibull_ShapeOne_IsTheExponential()
    {
        // Closed form: Weibull(1, λ) is Exponential(rate 1/λ); density, CDF, log-survival and entropy coincide.
        var weibull = new Weibull(1, 2.5);
        var exponential = new Exponential(0.4);

        foreach (double x in new[] { 0.0, 0.3, 2.5, 40 })
        {
            Assert.Equal(exponential.LogDensity(x), weibull.LogDensity(x), 1e-14);
            Assert.Equal(exponential.Cdf(x), weibull.Cdf(x), 1e-15);
            Assert.Equal(exponential.LogSurvival(x), weibull.LogSurvival(x), 1e-13);
        }

        Assert.Equal(exponential.Entropy, weibull.Entropy, 1e-14);
    }

    [Fact]
    public void WeibullFit_ZeroWithShapeEstimated_ThrowsNamingTheFix()
    {
        var error = Assert.Throws<ArgumentException>(() => Weibull.Fit([0, 1.5, 2.0]));

        Assert.Contains("hold k", error.Message);
    }
}
