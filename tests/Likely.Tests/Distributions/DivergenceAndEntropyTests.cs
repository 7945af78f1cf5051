using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// Closed-form KL divergences against their definition D(p‖q) = E_p[ln p(X) − ln q(X)], computed independently:
/// a sum over the support (discrete) or a fine trapezoid integral (continuous); and entropy against −E_p[ln p].
/// </summary>
public class DivergenceAndEntropyTests
{
    private static double Integrate(Func<double, double> f, double low, double high, int steps = 40_000)
    {
        double h = (high - low) / steps, sum = 0.5 * (f(low) + f(high));
        for (int i = 1; i < steps; i++)
        {
            sum += f(low + i * h);
        }

        return sum * h;
    }

    private static double ContinuousKl(IUnivariateDistribution p, IUnivariateDistribution q, double low, double high) =>
        Integrate(x => { double lp = p.LogDensity(x); return double.IsNegativeInfinity(lp) ? 0 : Math.Exp(lp) * (lp - q.LogDensity(x)); }, low, high);

    private static double DiscreteKl(IUnivariateDistribution p, IUnivariateDistribution q, int last)
    {
        double sum = 0;
        for (int k = 0; k <= last; k++)
        {
            double lp = p.LogDensity(k);
            sum += double.IsNegativeInfinity(lp) ? 0 : Math.Exp(lp) * (lp - q.LogDensity(k));
        }

        return sum;
    }

    [Fact]
    public void KullbackLeiblerDivergence_ContinuousFamilies_MatchesNumericalIntegral()
    {
        Assert.Equal(ContinuousKl(new Normal(0, 1), new Normal(1, 2), -15, 15), new Normal(0, 1).KullbackLeiblerDivergence(new Normal(1, 2)), 1e-7);
        Assert.Equal(ContinuousKl(new Laplace(0, 1), new Laplace(0.7, 1.5), -40, 40), new Laplace(0, 1).KullbackLeiblerDivergence(new Laplace(0.7, 1.5)), 1e-6);
        Assert.Equal(ContinuousKl(new Exponential(2), new Exponential(0.5), 0, 40), new Exponential(2).KullbackLeiblerDivergence(new Exponential(0.5)), 1e-6);
        Assert.Equal(ContinuousKl(new Gamma(3, 1), new Gamma(2, 1.5), 1e-9, 60), new Gamma(3, 1).KullbackLeiblerDivergence(new Gamma(2, 1.5)), 1e-6);
        Assert.Equal(ContinuousKl(new Beta(2, 3), new Beta(1.5, 1.2), 1e-9, 1 - 1e-9), new Beta(2, 3).KullbackLeiblerDivergence(new Beta(1.5, 1.2)), 1e-6);
        Assert.Equal(ContinuousKl(new LogNormal(0, 0.5), new LogNormal(0.3, 0.8), 1e-9, 30), new LogNormal(0, 0.5).KullbackLeiblerDivergence(new LogNormal(0.3, 0.8)), 1e-6);
    }

    [Fact]
    public void KullbackLeiblerDivergence_DiscreteFamilies_MatchesSumOverSupport()
    {
        Assert.Equal(DiscreteKl(new Poisson(3), new Poisson(5), 200), new Poisson(3).KullbackLeiblerDivergence(new Poisson(5)), 1e-12);
        Assert.Equal(DiscreteKl(new Binomial(30, 0.2), new Binomial(30, 0.5), 30), new Binomial(30, 0.2).KullbackLeiblerDivergence(new Binomial(30, 0.5)), 1e-12);
        Assert.Equal(DiscreteKl(new Geometric(0.3), new Geometric(0.6), 2000), new Geometric(0.3).KullbackLeiblerDivergence(new Geometric(0.6)), 1e-12);
        Assert.Equal(DiscreteKl(new Bernoulli(0.2), new Bernoulli(0.9), 1), new Bernoulli(0.2).KullbackLeiblerDivergence(new Bernoulli(0.9)), 1e-15);
        Assert.Equal(DiscreteKl(new Categorical([0.2, 0.5, 0.3]), new Categorical([0.4, 0.4, 0.2]), 2), new Categorical([0.2, 0.5, 0.3]).KullbackLeiblerDivergence(new Categorical([0.4, 0.4, 0.2])), 1e-15);
    }

    [Fact]
    public void KullbackLeiblerDivergence_ZeroWhereModelIsPositive_IsInfinity()
    {
        // q puts probability 0 on class 1 where p does not: D(p‖q) = +∞ by definition, not NaN and not an exception.
        Assert.Equal(double.PositiveInfinity, new Categorical([0.5, 0.5]).KullbackLeiblerDivergence(new Categorical([1, 0])));
        Assert.Equal(0, new Categorical([1, 0]).KullbackLeiblerDivergence(new Categorical([1, 0])));
        Assert.Equal(double.PositiveInfinity, new Geometric(0.5).KullbackLeiblerDivergence(new Geometric(1)));
    }

    [Fact]
    public void KullbackLeiblerDivergence_SameDistribution_IsZero()
    {
        Assert.Equal(0, new Normal(2, 3).KullbackLeiblerDivergence(new Normal(2, 3)), 1e-15);
        Assert.Equal(0, new Gamma(2.5, 0.3).KullbackLeiblerDivergence(new Gamma(2.5, 0.3)), 1e-14);
        Assert.Equal(0, new Beta(0.5, 4).KullbackLeiblerDivergence(new Beta(0.5, 4)), 1e-14);
    }

    [Fact]
    public void Entropy_CategoricalWithZeroProbability_IsFiniteShannonEntropy()
    {
        // −(½ ln ½ + ½ ln ½) = ln 2; the zero probability contributes 0·ln 0 = 0.
        Assert.Equal(Math.Log(2), new Categorical([0.5, 0, 0.5]).Entropy, 1e-15);
    }

    [Fact]
    public void Entropy_StudentT_MatchesNumericalIntegral()
    {
        var t = new StudentT(4, 1, 2);
        double integral = Integrate(x => { double lp = t.LogDensity(x); return -Math.Exp(lp) * lp; }, -400, 400, 400_000);
        Assert.Equal(integral, t.Entropy, 1e-5);
    }
}
