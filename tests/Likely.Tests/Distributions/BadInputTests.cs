using Likely.Distributions;

namespace Likely.Tests.Distributions;

/// <summary>Bad samples and parameters give an ArgumentException whose message says what is wrong — never NaN.</summary>
public class BadInputTests
{
    [Fact]
    public void Fit_EmptySample_ThrowsSayingEmpty()
    {
        var error = Assert.Throws<ArgumentException>(() => Normal.Fit([]));
        Assert.Contains("empty", error.Message);
    }

    [Fact]
    public void Fit_NaN_ThrowsGivingIndex()
    {
        var error = Assert.Throws<ArgumentException>(() => Exponential.Fit([1, double.NaN]));
        Assert.Contains("sample[1] is NaN", error.Message);
    }

    [Fact]
    public void Fit_NegativeCountForPoisson_ThrowsNamingSupport()
    {
        var error = Assert.Throws<ArgumentException>(() => Poisson.Fit([2, -1, 3]));
        Assert.Contains("sample[1] = -1 is outside the support of poisson", error.Message);
    }

    [Fact]
    public void Fit_ZeroForLogNormal_ThrowsNamingSupport()
    {
        var error = Assert.Throws<ArgumentException>(() => LogNormal.Fit([1.5, 0]));
        Assert.Contains("sample[1] = 0 is outside the support of lognormal", error.Message);
    }

    [Theory]
    [InlineData("normal")]
    [InlineData("lognormal")]
    [InlineData("laplace")]
    [InlineData("gamma")]
    [InlineData("beta")]
    [InlineData("student-t")]
    public void Fit_ConstantSample_ThrowsMleDoesNotExist(string family)
    {
        double[] x = [0.25, 0.25, 0.25, 0.25];
        Action fit = family switch
        {
            "normal" => () => Normal.Fit(x),
            "lognormal" => () => LogNormal.Fit(x),
            "laplace" => () => Laplace.Fit(x),
            "gamma" => () => Gamma.Fit(x),
            "beta" => () => Beta.Fit(x),
            _ => () => StudentT.Fit(x),
        };
        var error = Assert.Throws<ArgumentException>(fit);
        Assert.Contains("All 4 observations equal 0.25", error.Message);
    }

    [Fact]
    public void Fit_AllZeroCounts_ThrowsForPoissonAndExponential()
    {
        Assert.Contains("λ̂ = 0", Assert.Throws<ArgumentException>(() => Poisson.Fit([0, 0, 0])).Message);
        Assert.Contains("infinite", Assert.Throws<ArgumentException>(() => Exponential.Fit([0, 0])).Message);
    }

    [Fact]
    public void Fit_FractionalCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => Geometric.Fit([1, 2.5]));
        Assert.Throws<ArgumentException>(() => Binomial.Fit([1, 11], n: 10));
        Assert.Throws<ArgumentException>(() => Bernoulli.Fit([0, 1, 2]));
        Assert.Throws<ArgumentException>(() => Beta.Fit([0.5, 1]));
    }

    [Fact]
    public void Constructor_OutOfRangeParameter_MessageNamesParameterValueAndRange()
    {
        var error = Assert.Throws<ArgumentException>(() => new Normal(0, -2));
        Assert.Equal("sigma", error.ParamName);
        Assert.Contains("sigma = -2 is out of range; it must be finite and > 0", error.Message);

        var probability = Assert.Throws<ArgumentException>(() => new Bernoulli(1.5));
        Assert.Contains("p = 1.5 is out of range; it must be in [0, 1]", probability.Message);

        Assert.Throws<ArgumentException>(() => new StudentT(double.NaN, 0, 1));
        Assert.Throws<ArgumentException>(() => new Categorical([0.5, 0.4]));
        Assert.Throws<ArgumentException>(() => new Binomial(0, 0.5));
        Assert.Throws<ArgumentException>(() => new Geometric(0));
    }

    [Fact]
    public void Fit_CategoricalLabelOutOfRange_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => Categorical.Fit([0, 1, 3], categoryCount: 3));
        Assert.Contains("sample[2] = 3 is outside the classes 0…2", error.Message);
    }

    [Fact]
    public void Fit_BernoulliAllOnes_GivesBoundaryEstimateNotNaN()
    {
        // p̂ = 1 is a valid MLE on the boundary: ln L = 0, standard error 0.
        var fit = Bernoulli.Fit([1, 1, 1]);
        Assert.Equal(1, fit["p"].Estimate);
        Assert.Equal(0, fit.LogLikelihood);
        Assert.Equal(0, fit["p"].StandardError);
    }
}
