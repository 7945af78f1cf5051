using Likely.Data;

namespace Likely.Training;

/// <summary>
/// Temperature scaling (Guo et al., 2017): the one-parameter maximum-likelihood fit of T &gt; 0 in
/// q(c|x) = softmax(z/T)_c on held-out labelled rows, which minimizes their cross-entropy
/// H(T) = −(1/N)·Σ_i ln softmax(z_i/T)_{y_i} = (1/N)·Σ_i [logsumexp(z_i/T) − z_{i,y_i}/T].
/// Shapes: N = rows, C = classes; logits z are N×C row-major.
/// </summary>
/// <remarks>
/// <para>
/// In β = 1/T the cross-entropy is convex: H'(β) = (1/N)·Σ_i (E_{q_β}[z_i] − z_{i,y_i}) and
/// H''(β) = (1/N)·Σ_i Var_{q_β}[z_i] ≥ 0 (the mean and variance of row i's logits under its own probabilities).
/// It is not convex in T, but T ↦ 1/T is monotone, so the minimum over T is the one over β. The fit brackets the
/// root of H'(β) by doubling or halving from β = 1, then takes Newton steps with the analytic H'' (bisecting whenever
/// a step would leave the bracket), until a step is below 1e-12 relative: quadratic convergence, a few iterations.
/// Sums run in double.
/// </para>
/// <para>
/// A minimum with T̂ finite and above 0 exists exactly when H'(0⁺) &lt; 0 &lt; H'(∞), that is when the logits are
/// better than chance on these labels on average (the mean over rows of z_y − mean_c z is above 0) and at least one
/// row's label does not have the row's largest logit (otherwise the likelihood rises without bound as T → 0). Either
/// failure is an <see cref="ArgumentException"/> saying which.
/// </para>
/// <para>The most probable class does not depend on T &gt; 0, so calibration leaves accuracy unchanged.</para>
/// </remarks>
/// <example>
/// <code>
/// TemperatureFit fit = TemperatureScaling.Fit(model, validation);
/// ClassifierModel calibrated = model.WithCalibration(fit.Calibration); // or model.WithTemperature(fit.Temperature)
/// </code>
/// </example>
public static class TemperatureScaling
{
    private const int MaxIterations = 200;
    private const double RelativeStep = 1e-12;
    private const int MaxBracketDoublings = 60;

    /// <summary>Fits T̂ for <paramref name="model"/> on labelled validation rows (never the test rows): the model's
    /// network logits z are computed once and T̂ minimizes the cross-entropy of softmax(z/T). The model is not changed;
    /// <see cref="ClassifierModel.WithTemperature"/> makes the calibrated one.</summary>
    /// <param name="model">The fitted model; its current calibration is where <see cref="TemperatureFit.CrossEntropyBefore"/> is measured, and T̂ replaces it (it is not multiplied in).</param>
    /// <param name="validation">Labelled rows with the model's features and classes, held out from training.</param>
    /// <param name="threads">Threads for the forward pass (0 for all cores); the result does not depend on it.</param>
    /// <exception cref="ArgumentException">The data have other features or classes than the model, have no row, or admit no finite T̂ &gt; 0 (see the remarks).</exception>
    public static TemperatureFit Fit(ClassifierModel model, Dataset validation, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(validation);
        model.CheckFeaturesAndClasses(validation);
        float[] logits = model.NetworkLogits(validation.Features, validation.RowCount, threads);
        return Fit(logits, validation.Labels, model.ClassCount, model.Calibration, nameof(validation));
    }

    /// <summary>Fits T̂ to N×C logits and N labels; <see cref="TemperatureFit.CrossEntropyBefore"/> is at T = 1.</summary>
    /// <param name="logits">N×C finite logits z, row-major.</param>
    /// <param name="labels">N labels in [0, C).</param>
    /// <param name="classes">C ≥ 2.</param>
    /// <exception cref="ArgumentException">No row, a shape mismatch, a label out of range, a non-finite logit, or no finite T̂ &gt; 0 (see the remarks).</exception>
    public static TemperatureFit Fit(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes) =>
        Fit(logits, labels, classes, LogitCalibration.None, nameof(labels));

    private static TemperatureFit Fit(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, LogitCalibration current, string dataName)
    {
        CalibrationRows.Check(logits, labels, classes, "temperature scaling", dataName);
        int n = labels.Length;
        double chanceMargin = 0; // Σ_i (z_y − mean_c z): −N·H'(0⁺)
        int rowsNotTop = 0;      // rows whose label's logit is below the row's largest: H'(∞) > 0 iff any
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> z = logits.Slice(i * classes, classes);
            int y = labels[i];

            double sum = 0;
            float max = float.NegativeInfinity;
            foreach (float value in z)
            {
                sum += value;
                max = Math.Max(max, value);
            }

            chanceMargin += z[y] - sum / classes;
            if (z[y] < max) rowsNotTop++;
        }

        if (!(chanceMargin > 0))
        {
            throw new ArgumentException(
                $"The logits are no better than chance on these {n} labels (the mean of z_y − mean_c z is {chanceMargin / n:G4} ≤ 0), so the likelihood is largest as T → ∞ and no finite temperature maximizes it; check that the labels are the model's classes in its order.",
                dataName);
        }

        if (rowsNotTop == 0)
        {
            throw new ArgumentException(
                $"Every one of the {n} rows has its label as the most probable class, so the likelihood rises without bound as T → 0 and no temperature above 0 maximizes it; calibrate on more validation rows, some of which the model gets wrong.",
                dataName);
        }

        // Bracket the root of H'(β): H' is increasing (H is convex in β), negative at 0⁺ and positive at ∞.
        double beta = 1, low = 0, high = double.PositiveInfinity;
        (double _, double slope, double curvature) = Evaluate(logits, labels, classes, beta);
        if (slope < 0) low = beta; else high = beta;
        for (int k = 0; slope != 0 && double.IsPositiveInfinity(high) && k < MaxBracketDoublings; k++)
        {
            beta *= 2;
            (_, slope, curvature) = Evaluate(logits, labels, classes, beta);
            if (slope < 0) low = beta; else high = beta;
        }

        for (int k = 0; slope > 0 && low == 0 && k < MaxBracketDoublings; k++)
        {
            beta /= 2;
            (_, slope, curvature) = Evaluate(logits, labels, classes, beta);
            if (slope < 0) low = beta; else high = beta;
        }

        if (slope != 0 && (double.IsPositiveInfinity(high) || low == 0))
        {
            throw new ArgumentException(
                $"The maximum-likelihood temperature is outside [2^-{MaxBracketDoublings}, 2^{MaxBracketDoublings}]: the validation labels are almost all the model's most probable class, or almost none are; calibrate on other validation rows.",
                dataName);
        }

        // Safeguarded Newton on β within [low, high], starting from the bracket's last point and its H', H'' (already
        // evaluated there): one evaluation per step, at the point the step reaches, and none after the last step.
        int iterations = 0;
        bool converged = slope == 0;
        while (!converged && iterations < MaxIterations)
        {
            iterations++;
            double next = beta - slope / curvature;
            if (!(curvature > 0) || !(next > low && next < high))
            {
                next = 0.5 * (low + high);
            }

            converged = Math.Abs(next - beta) <= RelativeStep * beta || high - low <= RelativeStep * beta;
            beta = next;
            if (!converged)
            {
                (_, slope, curvature) = Evaluate(logits, labels, classes, beta);
                if (slope < 0) low = beta; else high = beta;
                converged = slope == 0;
            }
        }

        if (!converged && slope != 0)
        {
            throw new InvalidOperationException($"Temperature scaling did not converge in {MaxIterations} iterations (1/T in [{low}, {high}]); this is a bug, please report it.");
        }

        double before = current.Method == CalibrationMethod.Temperature
            ? Evaluate(logits, labels, classes, 1 / current.Temperature).CrossEntropy
            : VectorScaling.Evaluate(logits.ToArray(), labels.ToArray(), classes, [.. current.Scale, .. current.Bias], gradient: []);
        double after = Evaluate(logits, labels, classes, beta).CrossEntropy;
        return new TemperatureFit(1 / beta, before, after, n, iterations);
    }

    /// <summary>
    /// H(β), H'(β) and H''(β) in one pass: per row, with s = βz and m = max s, w_c = e^(s_c − m), Z = Σ w, the row's
    /// cross-entropy m + ln Z − βz_y, mean E = Σ w z / Z and variance Σ w (z − E)² / Z. In double.
    /// </summary>
    internal static (double CrossEntropy, double Slope, double Curvature) Evaluate(ReadOnlySpan<float> logits, ReadOnlySpan<int> labels, int classes, double beta)
    {
        int n = labels.Length;
        Span<double> w = classes <= 256 ? stackalloc double[classes] : new double[classes];
        double loss = 0, slope = 0, curvature = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> z = logits.Slice(i * classes, classes);
            double max = double.NegativeInfinity;
            for (int c = 0; c < classes; c++) max = Math.Max(max, beta * z[c]);
            double partition = 0, mean = 0;
            for (int c = 0; c < classes; c++)
            {
                w[c] = Math.Exp(beta * z[c] - max);
                partition += w[c];
                mean += w[c] * z[c];
            }

            mean /= partition;
            double variance = 0;
            for (int c = 0; c < classes; c++)
            {
                double d = z[c] - mean;
                variance += w[c] * d * d;
            }

            double zy = z[labels[i]];
            loss += max + Math.Log(partition) - beta * zy;
            slope += mean - zy;
            curvature += variance / partition;
        }

        return (loss / n, slope / n, curvature / n);
    }
}
