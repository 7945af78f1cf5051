using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// Each family's sampler and fit together: draw N = 20,000 values from known parameters with a fixed seed, fit, and
/// require every estimate within 4 standard errors of the truth. Why 4: the MLE is asymptotically normal, so a
/// deviation beyond 4 SE has probability 6e-5 per parameter; over the ~30 parameters here a correct implementation
/// fails for fewer than 1 seed in 500, while a wrong estimator, SE, or sampler is off by many SE at this N.
/// N = 20,000 keeps the whole class well under a second.
/// </summary>
public class RecoveryTests
{
    private const int N = 20_000;
    private const double Tolerance = 4;

    public static TheoryData<string> CaseNames() => new(FamilyCases.All.Select(c => c.Name));

    [Fact]
    public void Families_EachHasARecoveryCase()
    {
        string[] missing = Families.All.Select(f => f.Name).Where(name => !FamilyCases.All.Any(c => c.Truth.FamilyName == name)).ToArray();

        Assert.True(missing.Length == 0, $"No recovery case for {string.Join(", ", missing)}: add its truth to FamilyCases.All.");
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Fit_LargeSeededSample_RecoversParametersWithinFourStandardErrors(string name)
    {
        FamilyCase recovery = FamilyCases.All.Single(c => c.Name == name);
        IUnivariateDistribution truth = recovery.Truth;
        double[] sample = new double[N];
        truth.Sample(new Random(12345), sample);

        MaximumLikelihoodFit result = Families.Find(truth.FamilyName).Fit(sample, recovery.Held);

        double[] expected = truth.GetParameters();
        Assert.Equal(truth.ParameterNames, result.Parameters.Select(p => p.Name)); // one name per parameter, member and fit alike
        for (int j = 0; j < expected.Length; j++)
        {
            FittedParameter parameter = result.Parameters[j];
            if (parameter.IsFixed)
            {
                Assert.Equal(expected[j], parameter.Estimate);
                continue;
            }

            double standardError = parameter.StandardError!.Value;
            Assert.True(standardError > 0);
            double distance = Math.Abs(parameter.Estimate - expected[j]) / standardError;
            Assert.True(distance <= Tolerance, $"{name}.{parameter.Name}: estimate {parameter.Estimate}, truth {expected[j]}, {distance:F2} SE away");
        }
    }

    [Fact]
    public void Fit_Categorical_CountsKMinusOneFreeParameters()
    {
        double[] draws = new double[N];
        new Categorical([0.5, 0.3, 0.15, 0.05]).Sample(new Random(12345), draws);

        DistributionFit<Categorical> fit = Categorical.Fit(draws.Select(d => (int)d).ToArray());

        Assert.Equal(3, fit.FreeParameterCount); // K − 1: the probabilities sum to 1
    }

    [Theory]
    [InlineData("binomial-mode", 1000, 800)]     // n = 5000, p = 0.2: mean np = 1000, variance np(1 − p) = 800 (mode-search sampler)
    [InlineData("binomial-flip", 45, 4.5)]       // n = 50, p = 0.9: mean 45, variance 4.5 (sampled as n − Binomial(n, 0.1))
    [InlineData("poisson-large", 400, 400)]      // λ = 400: mean and variance λ (sum of Poisson(≤ 30) pieces)
    [InlineData("gamma-small", 0.6, 1.2)]        // k = 0.3, θ = 2: mean kθ, variance kθ² (boosted Marsaglia–Tsang)
    [InlineData("student-t", 10, 12)]            // ν = 3, σ = 2: variance σ²ν/(ν − 2) = 12 (heavy tails: wide tolerance below)
    public void Sample_LargeSeededSample_MatchesMeanAndVariance(string name, double mean, double variance)
    {
        IUnivariateDistribution distribution = name switch
        {
            "binomial-mode" => new Binomial(5000, 0.2),
            "binomial-flip" => new Binomial(50, 0.9),
            "poisson-large" => new Poisson(400),
            "gamma-small" => new Gamma(0.3, 2),
            _ => new StudentT(3, 10, 2),
        };
        double[] x = new double[N];
        distribution.Sample(new Random(99), x);

        double sampleMean = x.Average(), sampleVariance = x.Sum(v => (v - sampleMean) * (v - sampleMean)) / N;

        // Mean within 4 standard errors √(σ²/N); variance within 10% (its relative SE is about √(2/N) ≈ 1% for light
        // tails, larger for the gamma's skew; the t with ν = 3 has infinite fourth moment, so it gets 30%).
        Assert.True(Math.Abs(sampleMean - mean) <= 4 * Math.Sqrt(variance / N), $"{name}: mean {sampleMean} vs {mean}");
        double relative = name == "student-t" ? 0.3 : 0.1;
        Assert.True(Math.Abs(sampleVariance - variance) <= relative * variance, $"{name}: variance {sampleVariance} vs {variance}");
    }
}
