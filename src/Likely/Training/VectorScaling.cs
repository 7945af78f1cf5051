using Likely.Data;
using Likely.Optimization;

namespace Likely.Training;

/// <summary>
/// Vector scaling (Guo et al., 2017): the maximum-likelihood fit of a scale w and a bias b per class in
/// q(c|x) = softmax(w ⊙ z + b)_c on held-out labelled rows, which minimizes their cross-entropy
/// H(w, b) = (1/N)·Σ_i [logsumexp_c(w_c·z_ic + b_c) − w_{y_i}·z_{i,y_i} − b_{y_i}], 2C parameters.
/// Shapes: N = rows, C = classes; logits z are N×C row-major.
/// </summary>
/// <remarks>
/// <para>
/// H is convex in (w, b): each row's term is a log-sum-exp of functions linear in (w, b), minus a linear one. Its
/// gradient is ∂H/∂w_c = (1/N)·Σ_i (p_ic − [c = y_i])·z_ic and ∂H/∂b_c = (1/N)·Σ_i (p_ic − [c = y_i]), with
/// p_i = softmax(w ⊙ z_i + b) (the fused softmax-cross-entropy gradient p − onehot, times the input). The fit runs
/// <see cref="Lbfgs"/> from w = 1, b = 0 (the network's own probabilities) with this gradient; sums run in double.
/// </para>
/// <para>
/// Adding one constant to every b_c changes nothing, so b is determined only up to that constant: the gradient in b sums
/// to 0, L-BFGS keeps Σ b_c = 0 from the start, and the result is centred to Σ b_c = 0 exactly. w and b are then rounded
/// to float32, as the model file stores them, and <see cref="VectorScalingFit.CrossEntropyAfter"/> is measured there.
/// </para>
/// <para>
/// A finite minimum need not exist: a class with no validation row drives its b_c to −∞, and a class whose rows the map
/// can separate from the others drives its scale to ∞ (the likelihood rises without bound). The first is checked
/// before the fit; the second shows at its end as a class c whose rows all have q(c|x) &gt; 1 − 10⁻⁶ while every other
/// row has q(c|x) &lt; 10⁻⁶ (L-BFGS stops where the gradient, which decays like those tails, falls below its
/// tolerance). Either is an <see cref="ArgumentException"/>; temperature scaling, one parameter, needs much less.
/// Unlike a temperature, vector scaling can change the most probable class, and so the accuracy.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// VectorScalingFit fit = VectorScaling.Fit(model, validation);
/// ClassifierModel calibrated = model.WithCalibration(fit.Calibration);
/// </code>
/// </example>
public static class VectorScaling
{
    /// <summary>Largest |∂H/∂θ| accepted as a minimum when L-BFGS stops on its function tolerance (H is a mean: O(1) scale).</summary>
    private const double AcceptedGradient = 1e-6;

    /// <summary>A class is taken as separated when its rows all have q(c|x) above 1 − this and the others below it.</summary>
    private const double SeparatedTail = 1e-6;

    /// <summary>Fits ŵ, b̂ for <paramref name="model"/> on labelled validation rows (never the test rows): the model's network
    /// logits z are computed once. The model is not changed; <see cref="ClassifierModel.WithCalibration"/> makes the calibrated one.</summary>
    /// <param name="model">The fitted model; its current calibration is where <see cref="VectorScalingFit.CrossEntropyBefore"/> is measured, and ŵ, b̂ replace it.</param>
    /// <param name="validation">Labelled rows with the model's features and classes, held out from training.</param>
    /// <param name="threads">Threads for the forward pass (0 for all cores); the result does not depend on it.</param>
    /// <exception cref="ArgumentException">The data have other features or classes than the model, have no row, or admit no finite maximum (see the remarks).</exception>
    public static VectorScalingFit Fit(ClassifierModel model, Dataset validation, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(validation);
        model.CheckFeaturesAndClasses(validation);
        float[] logits = model.NetworkLogits(validation.Features, validation.RowCount, threads);
        return Fit(logits, validation.Labels, model.ClassCount, model.Calibration, nameof(validation));
    }

    /// <summary>Fits ŵ, b̂ to N×C logits and N labels; <see cref="VectorScalingFit.CrossEntropyBefore"/> is at w = 1, b = 0.</summary>
    /// <param name="logits">N×C finite logits z, row-major.</param>
    /// <param name="labels">N labels in [0, C).</param>
    /// <param name="classes">C ≥ 2.</param>
    /// <exception cref="ArgumentException">No row, a shape mismatch, a label out of range, a non-finite logit, or no finite maximum (see the remarks).</exception>
    public static VectorScalingFit Fit(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes) =>
        Fit(logits, labels, classes, LogitCalibration.None, nameof(labels));

    private static VectorScalingFit Fit(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, LogitCalibration current, string dataName)
    {
        CalibrationRows.Check(logits, labels, classes, "vector scaling", dataName);
        int n = labels.Length;
        var rowsOfClass = new int[classes];
        foreach (int label in labels)
        {
            rowsOfClass[label]++;
        }

        int missing = Array.IndexOf(rowsOfClass, 0);
        if (missing >= 0)
        {
            throw new ArgumentException(
                $"Class {missing} has no row among the {n} validation rows, so its bias would go to −∞ and vector scaling has no maximum; calibrate on validation rows of every class, or use temperature scaling.",
                dataName);
        }

        float[] z = logits.ToArray();
        int[] y = labels.ToArray();
        var parameters = new double[2 * classes];
        for (int c = 0; c < classes; c++)
        {
            parameters[c] = current.ScaleOf(c);
            parameters[classes + c] = current.BiasOf(c);
        }

        double before = Evaluate(z, y, classes, parameters, gradient: []);
        Array.Fill(parameters, 1, 0, classes);
        Array.Fill(parameters, 0, classes, classes);
        LbfgsResult result = Lbfgs.Minimize((x, gradient) => Evaluate(z, y, classes, x, gradient), parameters);
        double largest = result.Gradient.Max(Math.Abs);
        if (!result.Converged && !(largest <= AcceptedGradient) || !result.Minimizer.All(double.IsFinite))
        {
            throw new ArgumentException(
                $"Vector scaling found no maximum of the likelihood on these {n} rows ({result.Message}; largest gradient {largest:G3}): the labels of some class are separated by its logit, so a scale grows without bound; calibrate on more validation rows, or use temperature scaling.",
                dataName);
        }

        double[] minimizer = result.Minimizer;
        double meanBias = minimizer.AsSpan(classes).ToArray().Average();
        var scale = new double[classes];
        var bias = new double[classes];
        for (int c = 0; c < classes; c++)
        {
            scale[c] = (float)minimizer[c];
            bias[c] = (float)(minimizer[classes + c] - meanBias);
            parameters[c] = scale[c];
            parameters[classes + c] = bias[c];
        }

        int separated = SeparatedClass(z, y, classes, parameters);
        if (separated >= 0)
        {
            throw new ArgumentException(
                $"Vector scaling found no maximum of the likelihood on these {n} rows: class {separated} is separated from the others by its scaled logit (q > 1 − 1e-6 on its rows, < 1e-6 on the rest), so its scale grows without bound; calibrate on more validation rows, or use temperature scaling.",
                dataName);
        }

        double after = Evaluate(z, y, classes, parameters, gradient: []);
        return new VectorScalingFit(scale, bias, before, after, n, result.Iterations);
    }

    /// <summary>The first class whose rows all have q(c|x) &gt; 1 − <see cref="SeparatedTail"/> and every other row
    /// q(c|x) &lt; <see cref="SeparatedTail"/> under the fitted map, or −1 when none is.</summary>
    private static int SeparatedClass(float[] logits, int[] labels, int classes, double[] parameters)
    {
        var separated = Enumerable.Repeat(true, classes).ToArray();
        Span<double> s = classes <= 256 ? stackalloc double[classes] : new double[classes];
        for (int i = 0; i < labels.Length; i++)
        {
            double max = double.NegativeInfinity, partition = 0;
            for (int c = 0; c < classes; c++)
            {
                s[c] = parameters[c] * logits[i * classes + c] + parameters[classes + c];
                max = Math.Max(max, s[c]);
            }

            for (int c = 0; c < classes; c++) partition += Math.Exp(s[c] - max);
            for (int c = 0; c < classes; c++)
            {
                double q = Math.Exp(s[c] - max) / partition;
                separated[c] &= c == labels[i] ? q > 1 - SeparatedTail : q < SeparatedTail;
            }
        }

        return Array.IndexOf(separated, true);
    }

    /// <summary>
    /// H(w, b) and, when <paramref name="gradient"/> is not empty, ∇H into it (w first, then b), in one pass: per row,
    /// s_c = w_c·z_c + b_c, m = max s, e_c = exp(s_c − m), Z = Σ e; the row's cross-entropy m + ln Z − s_y and
    /// p_c − [c = y] with p_c = e_c/Z. In double.
    /// </summary>
    internal static double Evaluate(float[] logits, int[] labels, int classes, ReadOnlySpan<double> parameters, Span<double> gradient)
    {
        int n = labels.Length;
        ReadOnlySpan<double> w = parameters[..classes], b = parameters[classes..];
        Span<double> s = classes <= 256 ? stackalloc double[classes] : new double[classes];
        gradient.Clear();
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> z = logits.AsSpan(i * classes, classes);
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++)
            {
                s[c] = w[c] * z[c] + b[c];
                max = Math.Max(max, s[c]);
            }

            double partition = 0;
            for (int c = 0; c < classes; c++)
            {
                s[c] = Math.Exp(s[c] - max);
                partition += s[c];
            }

            int y = labels[i];
            loss += max + Math.Log(partition) - (w[y] * z[y] + b[y]);
            if (gradient.IsEmpty)
            {
                continue;
            }

            for (int c = 0; c < classes; c++)
            {
                double residual = s[c] / partition - (c == y ? 1 : 0);
                gradient[c] += residual * z[c];
                gradient[classes + c] += residual;
            }
        }

        for (int k = 0; k < gradient.Length; k++)
        {
            gradient[k] /= n;
        }

        return loss / n;
    }
}
