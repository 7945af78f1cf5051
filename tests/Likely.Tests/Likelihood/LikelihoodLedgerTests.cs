using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// The ledger's numbers against independent computations: closed forms, hand sums over counts, and the observed
/// under- and overflow of a running product. Each expected value says where it comes from.
/// </summary>
public class LikelihoodLedgerTests
{
    [Fact]
    public void Compute_NormalSample_ProductUnderflowsWhileLogSumStaysFinite()
    {
        double[] x = new double[2000];
        new Normal(0, 1).Sample(new Random(7), x);
        var fit = Normal.Fit(x);

        LikelihoodLedger ledger = LikelihoodLedger.Compute(fit.Distribution, fit, x);

        // Each N(0,1) density is about e^(−1.42) on average and double underflows below ~4.9e-324 = e^(−744.4), so the
        // product reaches 0 after roughly 744/1.42 ≈ 520 observations: somewhere in the hundreds, never at the end.
        Assert.Equal(0, ledger.NaiveProduct);
        Assert.InRange(ledger.UnderflowIndex!.Value, 300, 900);
        Assert.True(double.IsFinite(ledger.LogLikelihood));
        Assert.Equal(fit.LogLikelihood, ledger.LogLikelihood, 1e-9 * Math.Abs(fit.LogLikelihood));
        // Closed form, independent of the ledger's sum: at the normal MLE the mean of ((x − μ̂)/σ̂)² is 1, so
        // H(p̂, N(μ̂, σ̂²)) = ½ ln(2πσ̂²) + ½, with μ̂ and the N-divisor σ̂ computed here in two passes.
        double mean = x.Average(), sigma = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
        Assert.Equal(0.5 * Math.Log(2 * Math.PI * sigma * sigma) + 0.5, ledger.CrossEntropy, 1e-12);
        Assert.Null(ledger.Decomposition); // continuous: no H(p̂)
    }

    [Fact]
    public void Compute_TinyPoissonSample_CrossEntropyMatchesHandSumOverCounts()
    {
        // x = 0, 1, 1, 4: λ̂ = 6/4 = 1.5, and p̂ puts ¼ on 0, ½ on 1, ¼ on 4. By hand over the counts,
        // H(p̂, q) = −Σₓ p̂(x) ln(λˣ e^(−λ)/x!) = λ − x̄ ln λ + ¼ ln 4! = 1.5 − 1.5 ln 1.5 + ¼ ln 24 = 1.6863157954247399,
        // H(p̂) = −(¼ ln ¼ + ½ ln ½ + ¼ ln ¼) = 1.0397207708399179, and D(p̂‖q) is their difference, 0.646595024584822.
        double[] x = [0, 1, 1, 4];
        var fit = Poisson.Fit(x);

        LikelihoodLedger ledger = LikelihoodLedger.Compute(fit.Distribution, fit, x);

        Assert.Equal(1.6863157954247399, ledger.CrossEntropy, 1e-15);
        Assert.Equal(1.6863157954247399, ledger.Decomposition!.CrossEntropy, 1e-15);
        Assert.Equal(1.0397207708399179, ledger.Decomposition.EmpiricalEntropy, 1e-15);
        Assert.Equal(0.646595024584822, ledger.Decomposition.KullbackLeiblerDivergence, 1e-15);
        Assert.Equal(-4 * 1.6863157954247399, ledger.LogLikelihood, 1e-14);
    }

    [Fact]
    public void Compute_DensitiesAboveOne_ReportsOverflow()
    {
        // σ = 0.01: densities near 40, so the running product overflows to +∞ instead (≈ e^(709.8) at m ≈ 270).
        double[] x = new double[1000];
        new Normal(0, 0.01).Sample(new Random(8), x);
        var fit = Normal.Fit(x);

        LikelihoodLedger ledger = LikelihoodLedger.Compute(fit.Distribution, fit, x);

        Assert.Equal(double.PositiveInfinity, ledger.NaiveProduct);
        Assert.NotNull(ledger.OverflowIndex);
        Assert.Null(ledger.UnderflowIndex);
    }

    [Fact]
    public void Compute_HandWorkedBernoulli_DecompositionMatches()
    {
        // Sample 1, 1, 0, 1: p̂ = ¾. Worked by hand: H(p̂) = −(¾ ln ¾ + ¼ ln ¼) = 0.5623351446188083;
        // the fitted model equals p̂, so D(p̂‖q) = 0 and H(p̂, q) = H(p̂).
        double[] x = [1, 1, 0, 1];
        var fit = Bernoulli.Fit(x);

        LikelihoodLedger ledger = LikelihoodLedger.Compute(fit.Distribution, fit, x);

        Assert.NotNull(ledger.Decomposition);
        Assert.Equal(0.5623351446188083, ledger.Decomposition!.EmpiricalEntropy, 1e-15);
        Assert.Equal(0, ledger.Decomposition.KullbackLeiblerDivergence, 1e-15);
        Assert.Equal(0.5623351446188083, ledger.CrossEntropy, 1e-15);
        Assert.True(ledger.Decomposition.Holds);
        Assert.True(ledger.EveryPerturbationIsWorse);
    }

    [Fact]
    public void Compute_PoissonSample_IdentityHoldsTo1e12AndPerturbationsAreWorse()
    {
        double[] x = new double[3000];
        new Poisson(4).Sample(new Random(9), x);
        var fit = Poisson.Fit(x);

        LikelihoodLedger ledger = LikelihoodLedger.Compute(fit.Distribution, fit, x);

        CrossEntropyDecomposition decomposition = ledger.Decomposition!;
        Assert.True(decomposition.Discrepancy <= 1e-12);
        Assert.True(decomposition.KullbackLeiblerDivergence > 0); // a Poisson cannot match p̂ exactly
        // Σ over the empirical distribution, computed here from the counts with the Poisson pmf written out:
        // H(p̂, q) = −Σₖ (nₖ/m) (k ln λ̂ − λ̂ − ln k!).
        double lambda = x.Average();
        double expected = -x.GroupBy(k => k).Sum(g => g.Count() / (double)x.Length * (g.Key * Math.Log(lambda) - lambda - LogFactorial((int)g.Key)));
        Assert.Equal(expected, ledger.CrossEntropy, 1e-12);
        Assert.Equal(expected, decomposition.CrossEntropy, 1e-12);
        Assert.Equal(2, ledger.Perturbations.Count);
        Assert.True(ledger.EveryPerturbationIsWorse);
    }

    [Theory]
    [InlineData("gamma")]
    [InlineData("student-t")]
    [InlineData("laplace")]
    [InlineData("categorical")]
    public void Compute_AnyFamily_EveryPerturbationRaisesCrossEntropy(string family)
    {
        var random = new Random(10);
        double[] x = new double[1500];
        (IUnivariateDistribution model, Likely.Likelihood.MaximumLikelihoodFit fit) = family switch
        {
            "gamma" => Fitted(new Gamma(2, 3), x, random, s => Gamma.Fit(s)),
            "student-t" => Fitted(new StudentT(5, 0, 1), x, random, s => StudentT.Fit(s)),
            "laplace" => Fitted(new Laplace(0, 1), x, random, s => Laplace.Fit(s)),
            _ => Fitted(new Categorical([0.6, 0.3, 0.1]), x, random, s => Categorical.Fit(s.Select(v => (int)v).ToArray())),
        };

        LikelihoodLedger ledger = LikelihoodLedger.Compute(model, fit, x);

        Assert.Equal(2 * model.GetParameters().Length, ledger.Perturbations.Count);
        Assert.True(ledger.EveryPerturbationIsWorse, string.Join("; ", ledger.Perturbations));
    }

    [Fact]
    public void CrossEntropyProfile_NormalMean_MinimumAtEstimate()
    {
        double[] x = new double[500];
        new Normal(3, 1).Sample(new Random(11), x);
        var fit = Normal.Fit(x);
        double mu = fit["mu"].Estimate;
        double[] grid = Enumerable.Range(-10, 21).Select(i => mu + 0.01 * i).ToArray();

        double[] profile = LikelihoodLedger.CrossEntropyProfile(fit.Distribution, x, 0, grid);

        Assert.Equal(10, Array.IndexOf(profile, profile.Min()));
        // H(p̂, N(μ, σ̂²)) = H(p̂, N(μ̂, σ̂²)) + (μ − μ̂)²/(2σ̂²): a parabola, worked from the normal log-density.
        double sigma = fit["sigma"].Estimate;
        Assert.Equal(profile[10] + 0.01 / (2 * sigma * sigma), profile[0], 1e-10);
    }

    private static (IUnivariateDistribution, Likely.Likelihood.MaximumLikelihoodFit) Fitted<T>(
        IUnivariateDistribution truth, double[] x, Random random, Func<double[], DistributionFit<T>> fit)
        where T : IUnivariateDistribution
    {
        truth.Sample(random, x);
        DistributionFit<T> result = fit(x);
        return (result.Distribution, result);
    }

    /// <summary>ln k! as a plain sum of logs (the test's own, not the library's log-gamma).</summary>
    private static double LogFactorial(int k)
    {
        double sum = 0;
        for (int i = 2; i <= k; i++)
        {
            sum += Math.Log(i);
        }

        return sum;
    }

    [Fact]
    public void Compute_Censored_SplitsTheSumsAndPerturbsTheCensoredCrossEntropy()
    {
        // Exponential(λ = 0.5) at events 1, 3 and a row censored at 2: ln f = ln 0.5 − 0.5x, ln S = −0.5x (by hand).
        double[] x = [1, 2, 3];
        bool[] censored = [false, true, false];
        DistributionFit fit = CensoredMaximumLikelihood.Fit(Likely.Distributions.Exponential.Family, x, censored); // λ̂ = 2/6
        LikelihoodLedger ledger = LikelihoodLedger.Compute(fit.Distribution, fit, x, censored);

        double rate = 2.0 / 6;
        Assert.Equal(2, ledger.Censoring!.ExactCount);
        Assert.Equal(1, ledger.Censoring.CensoredCount);
        Assert.Equal(2 * Math.Log(rate) - rate * 4, ledger.Censoring.ExactLogDensity, 1e-8);
        Assert.Equal(-rate * 2, ledger.Censoring.CensoredLogSurvival, 1e-8);
        Assert.Equal(ledger.Censoring.ExactLogDensity + ledger.Censoring.CensoredLogSurvival, ledger.LogLikelihood, 1e-12);
        Assert.Equal(Math.Exp(2 * Math.Log(rate) - rate * 6), ledger.NaiveProduct, 1e-8);
        Assert.Null(ledger.Decomposition);
        // Step 4 on the censored cross-entropy: at λ̂ ± SE it is −(2 ln λ − 6λ)/3, larger on both sides.
        Assert.All(ledger.Perturbations, p => Assert.Equal(-(2 * Math.Log(p.Value) - 6 * p.Value) / 3, p.CrossEntropy, 1e-12));
        Assert.True(ledger.EveryPerturbationIsWorse);
    }
}
