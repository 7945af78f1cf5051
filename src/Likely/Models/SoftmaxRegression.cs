using Likely.Data;
using Likely.Losses;
using Likely.Numerics;
using Likely.Optimization;

namespace Likely.Models;

/// <summary>
/// Full-batch maximum-likelihood fit of softmax (multinomial logistic) regression, q(c|x) = softmax(W·x + b)_c,
/// by L-BFGS. The objective is convex, so the fit reaches the (penalized) maximum-likelihood estimate itself.
/// Shapes: N = rows, D = features, C = classes; W is C×D, b has C entries.
/// </summary>
/// <remarks>
/// Minimizes F(W, b) = Σ_i −ln q(y_i|x_i) + ‖W‖²/(2·C_reg), scikit-learn's <c>LogisticRegression</c> objective with
/// inverse regularization strength C_reg (its <c>C</c>) up to the constant factor 1/N it divides by; the intercept b is
/// not penalized. Gradient: ∂F/∂W = (P − Y)ᵀ·X + W/C_reg, ∂F/∂b = Σ_i (p_i − y_i), with P the N×C probabilities and
/// Y the one-hot labels. Small problems (N·D·C ≤ <see cref="DoublePrecisionLimit"/>) are computed wholly in double, so the
/// fit agrees with double-precision references to the optimizer's tolerance; larger ones run the logits and the gradient's
/// matrix products in float32 through the fast matrix multiply, with the loss, the penalty and the bias gradient in double.
/// </remarks>
public static class SoftmaxRegression
{
    /// <summary>Largest N·D·C computed wholly in double precision.</summary>
    public const long DoublePrecisionLimit = 20_000_000;

    /// <summary>Fits W and b on <paramref name="training"/> by L-BFGS, starting from zero.</summary>
    /// <param name="training">The rows (standardized already if wanted).</param>
    /// <param name="inverseRegularization">C_reg &gt; 0 (scikit-learn's C); +∞ for no penalty.</param>
    /// <param name="options">L-BFGS settings; null for 100 iterations (scikit-learn's default max_iter) and a gradient tolerance of 1e-4·N.</param>
    /// <param name="threads">Threads for the matrix multiplies; the result does not depend on it.</param>
    /// <returns>The fitted model (a network with no hidden layer) and the L-BFGS outcome (its Value is F, summed over rows).</returns>
    /// <exception cref="ArgumentException">The data set has no row or fewer than 2 classes, or C_reg ≤ 0.</exception>
    public static (MultilayerPerceptron Model, LbfgsResult Fit) FitLbfgs(Dataset training, double inverseRegularization = 1.0, LbfgsOptions? options = null, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (!(inverseRegularization > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(inverseRegularization), inverseRegularization, "The inverse regularization C must be > 0 (use +∞ for no penalty).");
        }

        if (training.RowCount == 0 || training.ClassCount < 2)
        {
            throw new ArgumentException($"Softmax regression needs at least one row and two classes; the data have {training.RowCount} rows and {training.ClassCount} classes.", nameof(training));
        }

        int n = training.RowCount, d = training.FeatureCount, c = training.ClassCount;
        options ??= new LbfgsOptions { MaxIterations = 100, GradientTolerance = 1e-4 * n, RelativeFunctionTolerance = 1e-10 };
        var weights = new float[c * d];
        var bias = new float[c];
        var logits = new float[n * c];
        var logitGradient = new float[n * c];
        var weightGradient = new float[c * d];
        var lossOptions = new CrossEntropyOptions { Reduction = Reduction.Sum };
        double penalty = double.IsPositiveInfinity(inverseRegularization) ? 0 : 1 / inverseRegularization;
        float[] features = training.Features;
        int[] labels = training.Labels;

        double Objective(ReadOnlySpan<double> x, Span<double> gradient)
        {
            if ((long)n * d * c <= DoublePrecisionLimit)
            {
                return ObjectiveDouble(x, gradient, features, labels, n, d, c, penalty);
            }

            for (int i = 0; i < c * d; i++) weights[i] = (float)x[i];
            for (int k = 0; k < c; k++) bias[k] = (float)x[c * d + k];
            DenseLayer.Forward(weights, bias, d, c, features, n, logits, threads);
            double loss = SoftmaxCrossEntropy.Compute(logits, c, labels, logitGradient, lossOptions);
            MatrixMultiply.Multiply(logitGradient, true, features, false, weightGradient, c, d, n, accumulate: false, threads);
            double squares = 0;
            for (int i = 0; i < c * d; i++)
            {
                squares += x[i] * x[i];
                gradient[i] = weightGradient[i] + penalty * x[i];
            }

            for (int k = 0; k < c; k++)
            {
                double sum = 0;
                for (int i = 0; i < n; i++) sum += logitGradient[i * c + k];
                gradient[c * d + k] = sum;
            }

            return loss + 0.5 * penalty * squares;
        }

        LbfgsResult result = Lbfgs.Minimize(Objective, new double[c * d + c], options);
        float[] w = result.Minimizer.Take(c * d).Select(v => (float)v).ToArray();
        float[] b = result.Minimizer.Skip(c * d).Select(v => (float)v).ToArray();
        return (new MultilayerPerceptron([new DenseLayer(d, c, w, b)], Activation.Relu), result);
    }

    /// <summary>F and ∇F in double: logits z_i = W·x_i + b, log-sum-exp, then (p_i − y_i) ⊗ x_i.</summary>
    private static double ObjectiveDouble(ReadOnlySpan<double> x, Span<double> gradient, float[] features, int[] labels, int n, int d, int c, double penalty)
    {
        gradient.Clear();
        Span<double> z = stackalloc double[c];
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = features.AsSpan(i * d, d);
            double max = double.NegativeInfinity;
            for (int k = 0; k < c; k++)
            {
                double sum = x[c * d + k];
                ReadOnlySpan<double> w = x.Slice(k * d, d);
                for (int j = 0; j < d; j++) sum += w[j] * row[j];
                z[k] = sum;
                max = Math.Max(max, sum);
            }

            double sumExp = 0;
            for (int k = 0; k < c; k++) sumExp += Math.Exp(z[k] - max);
            double logSumExp = max + Math.Log(sumExp);
            loss += logSumExp - z[labels[i]];
            for (int k = 0; k < c; k++)
            {
                double g = Math.Exp(z[k] - logSumExp) - (k == labels[i] ? 1 : 0);
                Span<double> gw = gradient.Slice(k * d, d);
                for (int j = 0; j < d; j++) gw[j] += g * row[j];
                gradient[c * d + k] += g;
            }
        }

        double squares = 0;
        for (int i = 0; i < c * d; i++)
        {
            squares += x[i] * x[i];
            gradient[i] += penalty * x[i];
        }

        return loss + 0.5 * penalty * squares;
    }
}
