using System.Text.Json;
using Likely.Data;
using Likely.Models;
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

        // Same objective Σ CE + ‖W‖²/2C: float32 logits limit agreement to about 1e-6 relative.
        Assert.Equal(reference.Objective_sum, fit.Value, reference.Objective_sum * 1e-6);
        ReadOnlySpan<float> weights = model.Layers[0].Weights;
        double worst = 0;
        for (int i = 0; i < reference.Coef.Length; i++) worst = Math.Max(worst, Math.Abs(weights[i] - reference.Coef[i]));
        // Coefficients span about ±2; tolerance 5e-3 absolute: the objective is flat near the optimum and the
        // float32 logits and gradient stop L-BFGS about 2e-3 from scikit-learn's double-precision answer.
        Assert.True(worst < 5e-3, $"largest coefficient difference {worst}");
        // The intercepts are defined up to a common shift (softmax is shift-invariant and b is unpenalized): compare centred.
        ReadOnlySpan<float> bias = model.Layers[0].Bias;
        double meanOurs = 0, meanTheirs = reference.Intercept.Average();
        foreach (float b in bias) meanOurs += b / bias.Length;
        for (int k = 0; k < bias.Length; k++)
        {
            Assert.Equal(reference.Intercept[k] - meanTheirs, bias[k] - meanOurs, 5e-3);
        }
    }

    [Fact]
    public void FitLbfgs_NonPositiveC_ThrowsNamingIt()
    {
        Dataset digits = DatasetCatalog.Load("digits:test");
        var exception = Assert.Throws<ArgumentOutOfRangeException>(() => SoftmaxRegression.FitLbfgs(digits, inverseRegularization: 0));
        Assert.Equal("inverseRegularization", exception.ParamName);
    }
}
