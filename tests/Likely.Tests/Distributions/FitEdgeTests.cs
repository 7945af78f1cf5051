using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// Fits at the edges: a Student-t whose ν̂ runs off to ∞ at any sample size, and data near ±1e308 whose sums
/// overflow.
/// </summary>
public class FitEdgeTests
{
    private static double[] NormalSample(int n, int seed)
    {
        double[] x = new double[n];
        new Normal(0, 1).Sample(new Random(seed), x);
        return x;
    }

    /// <summary>The sample kurtosis κ̂ = mean z⁴ with z standardized by the mean and the N-divisor standard deviation, computed here.</summary>
    private static double Kurtosis(double[] x)
    {
        double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / x.Length;
        return x.Sum(v => Math.Pow(v - mean, 4)) / x.Length / (variance * variance);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(200_000)]
    public void StudentTFit_NormalSampleAtAnySize_SaysNuRunsOffAndToFitNormal(int n)
    {
        // A normal sample whose kurtosis is below 3 (checked here, independently of the fit): its tails are lighter than
        // any t's, so the t likelihood rises all the way to ν = ∞ and no finite MLE exists. At 200,000 rows the
        // optimizer used to stall on the flat ln L with "line search found no step …"; the message must not depend on N.
        double[] x = NormalSample(n, 6);
        Assert.True(Kurtosis(x) < 3, $"the seed no longer gives a light-tailed sample: kurtosis {Kurtosis(x)}");

        var error = Assert.Throws<InvalidOperationException>(() => StudentT.Fit(x));

        Assert.StartsWith("The student-t degrees of freedom ν̂ runs off towards ∞: the tails are no heavier than a normal's", error.Message);
        Assert.EndsWith("fit normal instead, or hold nu fixed.", error.Message);
        Assert.DoesNotContain("line search", error.Message);
    }

    [Fact]
    public void StudentTFit_NormalSampleWithNuHeld_FitsTheOthers()
    {
        // Holding ν is the other way out the message offers; with ν = 10⁶ the t is the normal to ~1e-6, so μ̂ and σ̂
        // match the normal MLE (mean, N-divisor standard deviation computed here) to that order.
        double[] x = NormalSample(500, 6);
        double mean = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);

        DistributionFit<StudentT> fit = StudentT.Fit(x, nu: 1e6);

        Assert.Equal(mean, fit["mu"].Estimate, 1e-4);
        Assert.Equal(sd, fit["sigma"].Estimate, 1e-4 * sd);
    }

    [Fact]
    public void StudentTFit_SlightlyHeavyTails_ReturnsFiniteNuAboveTheNormalLikelihood()
    {
        // This seed's normal sample has kurtosis a little above 3 (checked here), so a finite ν̂ exists, large but
        // below the 10⁶ cut; being a maximum, its ln L is at least the normal limit's (the normal MLE's, by hand).
        double[] x = NormalSample(500, 5);
        Assert.True(Kurtosis(x) > 3);
        double mean = x.Average(), sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        double normalLogLikelihood = x.Sum(v => -0.5 * Math.Pow((v - mean) / sd, 2) - Math.Log(sd) - 0.5 * Math.Log(2 * Math.PI));

        DistributionFit<StudentT> fit = StudentT.Fit(x);

        Assert.InRange(fit["nu"].Estimate, 100, 1e6);
        Assert.True(fit.LogLikelihood >= normalLogLikelihood, $"{fit.LogLikelihood} < normal {normalLogLikelihood}");
    }

    [Fact]
    public void NormalFit_ValuesNearPlusMinus1e308_GivesFiniteSigma()
    {
        // x = 1e308·y with y = (1, −1, 1.5, −1.7, 0.5): Σx and (x − μ)² overflow. By hand (exact fractions),
        // mean y = 3/50 and the N-divisor variance of y = 1843/1250, so μ̂ = 6e306 and σ̂ = √(1843/1250)·1e308.
        double[] x = [1e308, -1e308, 1.5e308, -1.7e308, 0.5e308];

        DistributionFit<Normal> fit = Normal.Fit(x);

        Assert.Equal(6e306, fit["mu"].Estimate, 1e-12 * 6e306);
        Assert.Equal(Math.Sqrt(1843.0 / 1250) * 1e308, fit["sigma"].Estimate, 1e-12 * 1.3e308);
        Assert.Equal(fit["sigma"].Estimate / Math.Sqrt(5), fit["mu"].StandardError!.Value, 1e-12 * 1e308);
        // ln L = −N(½ + ln σ̂ + ½ ln 2π) at the MLE (mean z² = 1), here with ln σ̂ = ln √(1843/1250) + 308 ln 10.
        double logSigma = 0.5 * Math.Log(1843.0 / 1250) + 308 * Math.Log(10);
        Assert.Equal(-5 * (0.5 + logSigma + 0.5 * Math.Log(2 * Math.PI)), fit.LogLikelihood, 1e-9);
    }

    [Fact]
    public void LaplaceFit_ValuesNearPlusMinus1e308_MatchesHandValues()
    {
        // The same y: sorted (−1.7, −1, 0.5, 1, 1.5), median 0.5, mean |y − 0.5| = (2.2 + 1.5 + 0 + 0.5 + 1)/5 = 1.04.
        double[] x = [1e308, -1e308, 1.5e308, -1.7e308, 0.5e308];

        DistributionFit<Laplace> fit = Laplace.Fit(x);

        Assert.Equal(0.5e308, fit["mu"].Estimate);
        Assert.Equal(1.04e308, fit["b"].Estimate, 1e-12 * 1.04e308);
        Assert.True(double.IsFinite(fit.LogLikelihood));
    }

    [Fact]
    public void LaplaceFit_EvenCountNearMaxDouble_MedianDoesNotOverflow()
    {
        // The two middle values 1.5e308 and 1.7e308 sum past the largest double; their midpoint is 1.6e308.
        DistributionFit<Laplace> fit = Laplace.Fit([1.5e308, 1.7e308, -1e308, 1.75e308]);

        Assert.Equal(1.6e308, fit["mu"].Estimate, 1e-12 * 1.6e308);
    }

    public static TheoryData<string> ContinuousFamilies() =>
        new(Families.All.Where(f => !f.IsDiscrete && f.Name != "beta").Select(f => f.Name));

    [Theory]
    [MemberData(nameof(ContinuousFamilies))]
    public void Fit_SampleScaledTowards1e308_IsTheScaledFit(string name)
    {
        // Scale equivariance as the oracle: for c = 1e306, the fit of c·x has the same shape parameters and c times the
        // location and scale parameters of the fit of x (itself checked against SciPy elsewhere); the log-likelihood
        // drops by N ln c. Σ c·xᵢ over 400 draws passes 1e308, so every sum has to be rescaled. The continuous families with a scale (beta lives on (0, 1) and has none).
        DistributionFamily family = Families.Find(name);
        double[] x = FamilyCases.Of(name).Draw(400, 3);
        const double C = 1e306;
        double[] scaled = x.Select(v => v * C).ToArray();

        DistributionFit small = family.Fit(x), large = family.Fit(scaled);

        for (int j = 0; j < small.Parameters.Count; j++)
        {
            FittedParameter s = small.Parameters[j], l = large.Parameters[j];
            // How each parameter moves when the data are scaled by c (a new family with a shape parameter adds it here).
            (double factor, double shift) = (name, s.Name) switch
            {
                ("exponential", _) => (1 / C, 0.0), // λ is a rate: 1/scale
                ("lognormal", "mu") => (1, Math.Log(C)), // μ is the mean of ln x
                ("lognormal", _) or ("gamma", "shape") or ("student-t", "nu") or ("weibull", "k") => (1, 0),
                _ => (C, 0),
            };
            double expected = s.Estimate * factor + shift;
            Assert.True(Math.Abs(l.Estimate - expected) <= 1e-6 * Math.Abs(expected), $"{name}.{s.Name}: {l.Estimate} vs {expected}");
            Assert.True(double.IsFinite(l.StandardError!.Value), $"{name}.{s.Name}: standard error {l.StandardError}");
        }

        Assert.Equal(small.LogLikelihood - x.Length * Math.Log(C), large.LogLikelihood, 1e-6 * Math.Abs(large.LogLikelihood));
    }
}
