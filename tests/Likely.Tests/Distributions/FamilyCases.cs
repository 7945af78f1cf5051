using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// The test side of the family registry: known members of every family, to draw seeded samples from. The recovery
/// tests fit each case; the registry tests use each family's first case as "some valid member". A family in
/// <see cref="Families.All"/> without a case here fails <c>RecoveryTests.Families_EachHasARecoveryCase</c>.
/// </summary>
internal static class FamilyCases
{
    /// <summary>Every case, named; binomial cases hold n, the number of trials.</summary>
    public static readonly FamilyCase[] All =
    [
        new("normal", new Normal(-2, 3)),
        new("exponential", new Exponential(0.25)),
        new("laplace", new Laplace(5, 0.5)),
        new("lognormal", new LogNormal(1, 0.4)),
        new("gamma", new Gamma(4.5, 0.8)),
        new("gamma-small", new Gamma(0.3, 2)),
        new("beta", new Beta(0.7, 3)),
        new("student-t", new StudentT(3, 10, 2)),
        new("weibull", new Weibull(1.7, 2.0)),
        new("weibull-falling-hazard", new Weibull(0.6, 0.5)),
        new("poisson", new Poisson(2.5)),
        new("poisson-large", new Poisson(400)),
        new("binomial", new Binomial(20, 0.3), "n", 20),
        new("binomial-large", new Binomial(5000, 0.2), "n", 5000),
        new("geometric", new Geometric(0.2)),
        new("negative-binomial", new NegativeBinomial(3, 0.4)),
        new("negative-binomial-dispersed", new NegativeBinomial(0.5, 0.05)),
        new("bernoulli", new Bernoulli(0.1)),
        new("categorical", new Categorical([0.5, 0.3, 0.15, 0.05])),
    ];

    /// <summary>The first case of the family named <paramref name="family"/>.</summary>
    public static FamilyCase Of(string family) => All.First(c => c.Truth.FamilyName == family);
}

/// <summary>One known member of a family, and the parameter a fit of its draws must hold (the binomial's n), if any.</summary>
/// <param name="Name">The case's name in test output.</param>
/// <param name="Truth">The member the draws come from.</param>
/// <param name="HeldName">The parameter to hold, or null.</param>
/// <param name="HeldValue">Its value.</param>
internal sealed record FamilyCase(string Name, IUnivariateDistribution Truth, string? HeldName = null, double HeldValue = 0)
{
    /// <summary>What a fit of the draws holds.</summary>
    public Dictionary<string, double> Held => HeldName is null ? [] : new() { [HeldName] = HeldValue };

    /// <summary>N seeded draws from <see cref="Truth"/>.</summary>
    public double[] Draw(int n, int seed)
    {
        double[] x = new double[n];
        Truth.Sample(new Random(seed), x);
        return x;
    }
}
