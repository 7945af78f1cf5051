using System.Text.Json;
using Likely.Data;
using Likely.Models;
using Likely.Numerics;
using Likely.Optimization;

namespace Likely.Tests.Models;

public class SoftmaxRegressionTests
{
    private sealed record SklearnReference(double C, int Rows, double Objective_sum, double[] Coef, double[] Intercept);

    private static SklearnReference LoadReference()
    {
        // The oracle: scikit-learn 1.2.1 LogisticRegression(lbfgs, multinomial, C=1, tol=1e-12) on all 1,797 digits,
        // written by bench/sklearn_logistic.py reference.
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "tests", "Likely.Tests", "Data", "sklearn_logistic_digits.json")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        Assert.NotNull(folder);
        string json = File.ReadAllText(Path.Combine(folder, "tests", "Likely.Tests", "Data", "sklearn_logistic_digits.json"));
        return JsonSerializer.Deserialize<SklearnReference>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })!;
    }

    [Fact]
    public void FitLbfgs_DigitsC1_MatchesScikitLearn()
    {
        SklearnReference reference = LoadReference();
        Dataset digits = DatasetCatalog.Load("digits:all");
        Assert.Equal(reference.Rows, digits.RowCount);
        var options = new LbfgsOptions { MaxIterations = 2000, GradientTolerance = 1e-6, RelativeFunctionTolerance = 1e-13 };
        (MultilayerPerceptron model, LbfgsResult fit) = SoftmaxRegression.FitLbfgs(digits, inverseRegularization: 1.0, options, threads: 2);

        // Same objective Σ CE + ‖W‖²/2C, computed in double for a problem this small: within 1e-7 relative, and not above
        // scikit-learn's (its lbfgs stops about 3e-5 higher, at 358.548981).
        Assert.Equal(reference.Objective_sum, fit.Value, reference.Objective_sum * 1e-7);
        Assert.True(fit.Value <= reference.Objective_sum * (1 + 1e-12), $"objective {fit.Value} above scikit-learn's {reference.Objective_sum}");
        ReadOnlySpan<float> weights = model.Layers[0].Weights;
        double worst = 0;
        for (int i = 0; i < reference.Coef.Length; i++) worst = Math.Max(worst, Math.Abs(weights[i] - reference.Coef[i]));
        // Coefficients span about ±2; both fits stop at gradient norms near 1e-6, so they agree to about 1e-4.
        Assert.True(worst < 1e-3, $"largest coefficient difference {worst}");
        // The intercepts are defined up to a common shift (softmax is shift-invariant and b is unpenalized): compare centred.
        // They are unpenalized and correlated with the weights of the always-positive pixels, a flat direction along which
        // scikit-learn stops early (its objective is 3e-5 higher): 1e-2 absolute on values near ±4.
        ReadOnlySpan<float> bias = model.Layers[0].Bias;
        double meanOurs = 0, meanTheirs = reference.Intercept.Average();
        foreach (float b in bias) meanOurs += b / bias.Length;
        for (int k = 0; k < bias.Length; k++)
        {
            Assert.Equal(reference.Intercept[k] - meanTheirs, bias[k] - meanOurs, 1e-2);
        }
    }

    [Fact]
    public void FitLbfgs_FloatPath_AgreesWithDoublePathAndIsThreadIndependent()
    {
        // The float32 blocked path (used for large data) against the double path run to convergence on the same problem
        // (the oracle, itself checked against scikit-learn above).
        Dataset digits = DatasetCatalog.Load("digits:all");
        var options = new LbfgsOptions { MaxIterations = 300, GradientTolerance = 1e-7, RelativeFunctionTolerance = 1e-12 };
        (MultilayerPerceptron exact, LbfgsResult exactFit) = SoftmaxRegression.FitLbfgs(digits, 1.0, options, threads: 1, doublePrecisionLimit: long.MaxValue, VectorPaths.Current);
        (MultilayerPerceptron one, LbfgsResult oneFit) = SoftmaxRegression.FitLbfgs(digits, 1.0, options, threads: 1, doublePrecisionLimit: 0, VectorPaths.Current);
        (MultilayerPerceptron two, _) = SoftmaxRegression.FitLbfgs(digits, 1.0, options, threads: 2, doublePrecisionLimit: 0, VectorPaths.Current);

        // float32 logits: the float path stops within 1e-5 relative of the exact minimum (the start is 1797·ln 10 = 4138).
        Assert.Equal(exactFit.Value, oneFit.Value, exactFit.Value * 1e-5);
        Assert.True(one.Layers[0].Weights.SequenceEqual(two.Layers[0].Weights), "the float path must not depend on the thread count");
        Assert.True(one.Layers[0].Bias.SequenceEqual(two.Layers[0].Bias));
    }

    [Fact]
    public void FitLbfgs_FloatPathOnTheScalarPath_AgreesWithDoublePath()
    {
        // LIKELY_VECTOR_PATH=scalar used to fail here: the pre-packed panels are a vector layout. The oracle is the double
        // path, as above; the scalar multiply sums in double, so the same 1e-5 bound holds.
        Dataset digits = DatasetCatalog.Load("digits:all");
        var options = new LbfgsOptions { MaxIterations = 300, GradientTolerance = 1e-7, RelativeFunctionTolerance = 1e-12 };
        (_, LbfgsResult exactFit) = SoftmaxRegression.FitLbfgs(digits, 1.0, options, threads: 1, doublePrecisionLimit: long.MaxValue, VectorPaths.Current);
        (_, LbfgsResult scalarFit) = SoftmaxRegression.FitLbfgs(digits, 1.0, options, threads: 2, doublePrecisionLimit: 0, VectorPath.Scalar);
        Assert.Equal(exactFit.Value, scalarFit.Value, exactFit.Value * 1e-5);
    }

    [Fact]
    public void FitLbfgs_NonPositiveC_ThrowsNamingIt()
    {
        Dataset digits = DatasetCatalog.Load("digits:test");
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxRegression.FitLbfgs(digits, inverseRegularization: 0));
        Assert.Equal("inverseRegularization", exception.ParamName);
    }
}
