using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// Closed-form fits against the generic estimator (L-BFGS on a user-written log-likelihood): the same maximum, and
/// standard errors from the numerical observed information that agree with the analytic ones.
/// </summary>
public class GenericEstimatorTests
{
    private static double[] Draw(IUnivariateDistribution distribution, int n, int seed)
    {
        double[] x = new double[n];
        distribution.Sample(new Random(seed), x);
        return x;
    }

    [Fact]
    public void Fit_NormalLogLikelihoodWithoutGradient_MatchesClosedForm()
    {
        double[] x = Draw(new Normal(1, 2), 500, 1);
        // ln L(μ, σ) = Σ [−(x − μ)²/(2σ²) − ln σ − ½ ln 2π], written out by hand here.
        double LogLikelihood(ReadOnlySpan<double> theta)
        {
            double sum = 0;
            foreach (double v in x)
            {
                double z = (v - theta[0]) / theta[1];
                sum += -0.5 * z * z - Math.Log(theta[1]) - 0.5 * Math.Log(2 * Math.PI);
            }

            return sum;
        }

        MaximumLikelihoodFit generic = MaximumLikelihood.Fit(LogLikelihood, [new("mu", 0), new("sigma", 1, ParameterDomain.Positive)], x.Length);
        DistributionFit<Normal> closed = Normal.Fit(x);

        Assert.Equal(closed["mu"].Estimate, generic["mu"].Estimate, 1e-6);
        Assert.Equal(closed["sigma"].Estimate, generic["sigma"].Estimate, 1e-6);
        Assert.Equal(closed.LogLikelihood, generic.LogLikelihood, 1e-8);
        // Analytic SEs σ̂/√N and σ̂/√(2N) against second differences of ln L: 1e-4 relative.
        Assert.Equal(closed["mu"].StandardError!.Value, generic["mu"].StandardError!.Value, 1e-4 * closed["mu"].StandardError!.Value);
        Assert.Equal(closed["sigma"].StandardError!.Value, generic["sigma"].StandardError!.Value, 1e-4 * closed["sigma"].StandardError!.Value);
        Assert.Equal(closed.Aic, generic.Aic, 1e-6);
        Assert.Equal(closed.Bic, generic.Bic, 1e-6);
    }

    [Fact]
    public void Fit_GammaLogLikelihoodWithGradient_MatchesNewtonFit()
    {
        double[] x = Draw(new Gamma(2.2, 1.7), 800, 2);
        double meanX = x.Average(), meanLog = x.Average(Math.Log);
        int n = x.Length;
        // ln L(k, θ) = (k − 1)Σ ln x − Σx/θ − N ln Γ(k) − N k ln θ; ∂/∂k = Σ ln x − Nψ(k) − N ln θ, ∂/∂θ = Σx/θ² − Nk/θ.
        double LogLikelihood(ReadOnlySpan<double> t, Span<double> g)
        {
            double k = t[0], theta = t[1];
            g[0] = n * (meanLog - SpecialFunctions.Digamma(k) - Math.Log(theta));
            g[1] = n * (meanX / (theta * theta) - k / theta);
            return n * ((k - 1) * meanLog - meanX / theta - SpecialFunctions.LogGamma(k) - k * Math.Log(theta));
        }

        MaximumLikelihoodFit generic = MaximumLikelihood.Fit(LogLikelihood, [new("shape", 1, ParameterDomain.Positive), new("scale", 1, ParameterDomain.Positive)], n);
        DistributionFit<Gamma> newton = Gamma.Fit(x);

        Assert.Equal(newton["shape"].Estimate, generic["shape"].Estimate, 1e-6 * newton["shape"].Estimate);
        Assert.Equal(newton["scale"].Estimate, generic["scale"].Estimate, 1e-6 * newton["scale"].Estimate);
        Assert.Equal(newton["shape"].StandardError!.Value, generic["shape"].StandardError!.Value, 1e-4 * newton["shape"].StandardError!.Value);
        Assert.Equal(newton["scale"].StandardError!.Value, generic["scale"].StandardError!.Value, 1e-4 * newton["scale"].StandardError!.Value);
    }

    [Fact]
    public void Fit_PoissonAndGeometricAndBernoulli_MatchClosedForms()
    {
        double[] counts = Draw(new Poisson(3.3), 400, 3);
        MaximumLikelihoodFit poisson = MaximumLikelihood.Fit(
            t => { double l = t[0]; return counts.Sum(k => k * Math.Log(l) - l - SpecialFunctions.LogFactorial(k)); }, [new("lambda", 1, ParameterDomain.Positive)], counts.Length);
        Assert.Equal(Poisson.Fit(counts)["lambda"].Estimate, poisson["lambda"].Estimate, 1e-6);
        Assert.Equal(Poisson.Fit(counts)["lambda"].StandardError!.Value, poisson["lambda"].StandardError!.Value, 1e-5);

        double[] trials = Draw(new Geometric(0.4), 400, 4);
        MaximumLikelihoodFit geometric = MaximumLikelihood.Fit(
            t => { double p = t[0]; return trials.Sum(k => (k - 1) * Math.Log(1 - p) + Math.Log(p)); }, [new("p", 0.5, ParameterDomain.UnitInterval)], trials.Length);
        Assert.Equal(Geometric.Fit(trials)["p"].Estimate, geometric["p"].Estimate, 1e-6);

        double[] flips = Draw(new Bernoulli(0.3), 400, 5);
        MaximumLikelihoodFit bernoulli = MaximumLikelihood.Fit(
            t => { double p = t[0]; return flips.Sum(v => v == 1 ? Math.Log(p) : Math.Log(1 - p)); }, [new("p", 0.5, ParameterDomain.UnitInterval)], flips.Length);
        Assert.Equal(flips.Average(), bernoulli["p"].Estimate, 1e-6);
        Assert.Equal(Math.Sqrt(0.3 * 0.7 / 400), bernoulli["p"].StandardError!.Value, 0.005); // near √(p(1−p)/N)
    }

    [Fact]
    public void Fit_StudentTLogLikelihoodWithoutGradient_MatchesAnalyticGradientFit()
    {
        // StudentT.Fit uses its hand-derived gradient; the generic estimator here sees only values of the log-density,
        // so agreement checks the gradient and the standard errors (gradient differences vs second differences).
        double[] x = Draw(new StudentT(4, 1, 0.5), 1000, 7);
        double LogLikelihood(ReadOnlySpan<double> t)
        {
            var model = new StudentT(t[0], t[1], t[2]);
            return x.Sum(model.LogDensity);
        }

        MaximumLikelihoodFit generic = MaximumLikelihood.Fit(LogLikelihood,
            [new("nu", 5, ParameterDomain.Positive), new("mu", 0), new("sigma", 1, ParameterDomain.Positive)], x.Length);
        DistributionFit<StudentT> analytic = StudentT.Fit(x);

        foreach (string name in new[] { "nu", "mu", "sigma" })
        {
            Assert.Equal(analytic[name].Estimate, generic[name].Estimate, 1e-5 * Math.Max(1, Math.Abs(analytic[name].Estimate)));
            Assert.Equal(analytic[name].StandardError!.Value, generic[name].StandardError!.Value, 1e-3 * analytic[name].StandardError!.Value);
        }
    }

    [Fact]
    public void Fit_FixedParameter_EstimatesOnlyTheOthers()
    {
        double[] x = Draw(new Normal(0, 1), 300, 6);
        MaximumLikelihoodFit fit = MaximumLikelihood.Fit(
            t => { double mu = t[0], sigma = t[1]; return x.Sum(v => -0.5 * Math.Pow((v - mu) / sigma, 2) - Math.Log(sigma)); },
            [new("mu", 0.25, ParameterDomain.Real, IsFixed: true), new("sigma", 2, ParameterDomain.Positive)], x.Length);

        Assert.Equal(0.25, fit["mu"].Estimate);
        Assert.Null(fit["mu"].StandardError);
        Assert.Equal(1, fit.FreeParameterCount);
        Assert.Equal(Normal.Fit(x, mu: 0.25)["sigma"].Estimate, fit["sigma"].Estimate, 1e-6);
    }

    [Fact]
    public void Fit_StartOutsideDomain_ThrowsNamingParameter()
    {
        var error = Assert.Throws<ArgumentException>(() => MaximumLikelihood.Fit(t => -t[0] * t[0], [new("sigma", -1, ParameterDomain.Positive)], 10));
        Assert.Contains("sigma", error.Message);
    }

    [Fact]
    public void Fit_UnboundedLikelihood_ThrowsNotConverged()
    {
        // ln L(θ) = θ increases forever: there is no maximum, so the estimator must refuse rather than return a value.
        Assert.Throws<InvalidOperationException>(() => MaximumLikelihood.Fit(t => t[0], [new("theta", 0)], 10));
    }
}
