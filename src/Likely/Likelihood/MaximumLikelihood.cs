using Likely.Optimization;

namespace Likely.Likelihood;

/// <summary>
/// The generic maximum-likelihood estimator: θ̂ = argmax ln L(θ) for any log-likelihood the caller supplies,
/// found by L-BFGS on −ln L(θ)/N over unconstrained coordinates (see <see cref="ParameterDomain"/>).
/// </summary>
/// <remarks>
/// Without a gradient, ∇ ln L is approximated by central differences
/// (step 6e-6 relative to θ, about ∛ε, balancing truncation against rounding). Standard errors come from the observed
/// information −∇² ln L(θ̂) in the natural parameters, by central differences (of the gradient when given, else of
/// ln L). Convergence is checked: a run that stops without meeting the tolerance throws.
/// </remarks>
public static class MaximumLikelihood
{
    /// <summary>Maximizes a log-likelihood given by its values only (the gradient is approximated numerically).</summary>
    /// <param name="logLikelihood">ln L(θ).</param>
    /// <param name="parameters">One specification per parameter: name, domain, start (or held value).</param>
    /// <param name="observationCount">N, the number of observations behind ln L (for the mean, AIC and BIC).</param>
    /// <returns>θ̂, ln L(θ̂), standard errors, AIC, BIC.</returns>
    /// <exception cref="ArgumentException">No parameters, a start outside its domain, N &lt; 1, or ln L not finite at the start.</exception>
    /// <exception cref="InvalidOperationException">The optimizer did not converge, or the information is not positive definite at θ̂.</exception>
    public static MaximumLikelihoodFit Fit(LogLikelihoodFunction logLikelihood, IReadOnlyList<ParameterSpecification> parameters, long observationCount)
    {
        ArgumentNullException.ThrowIfNull(logLikelihood);
        ArgumentNullException.ThrowIfNull(parameters);
        LogLikelihoodGradientFunction numeric = (theta, gradient) => NumericalGradient(logLikelihood, parameters, theta, gradient);
        (double[] estimate, double value, int iterations) = Maximize(numeric, parameters, observationCount);
        double[] information = ObservedInformation(logLikelihood, null, estimate, parameters);
        return Result(parameters, estimate, value, observationCount, iterations, information);
    }

    /// <summary>Maximizes a log-likelihood given with its analytic gradient.</summary>
    /// <param name="logLikelihood">ln L(θ) and ∇ ln L(θ).</param>
    /// <param name="parameters">One specification per parameter.</param>
    /// <param name="observationCount">N.</param>
    /// <returns>θ̂, ln L(θ̂), standard errors, AIC, BIC.</returns>
    /// <exception cref="ArgumentException">No parameters, a start outside its domain, N &lt; 1, or ln L not finite at the start.</exception>
    /// <exception cref="InvalidOperationException">The optimizer did not converge, or the information is not positive definite at θ̂.</exception>
    public static MaximumLikelihoodFit Fit(LogLikelihoodGradientFunction logLikelihood, IReadOnlyList<ParameterSpecification> parameters, long observationCount)
    {
        ArgumentNullException.ThrowIfNull(logLikelihood);
        (double[] estimate, double value, int iterations) = Maximize(logLikelihood, parameters, observationCount);
        double[] information = ObservedInformation(null, logLikelihood, estimate, parameters);
        return Result(parameters, estimate, value, observationCount, iterations, information);
    }

    /// <summary>Runs L-BFGS and returns θ̂ (natural coordinates), ln L(θ̂) and the iteration count.</summary>
    /// <param name="logLikelihood">ln L(θ) and its gradient.</param>
    /// <param name="parameters">One specification per parameter.</param>
    /// <param name="observationCount">N; the optimizer minimizes −ln L/N, so its tolerances are per observation.</param>
    /// <param name="model">The model's name, to start the message when the run does not converge (e.g. "beta"); null for none.</param>
    /// <exception cref="InvalidOperationException">The optimizer did not converge.</exception>
    internal static (double[] Estimate, double LogLikelihood, int Iterations) Maximize(
        LogLikelihoodGradientFunction logLikelihood, IReadOnlyList<ParameterSpecification> parameters, long observationCount, string? model = null)
    {
        MaximizationResult result = TryMaximize(logLikelihood, parameters, observationCount);
        if (!result.Converged)
        {
            string failure = result.Failure!;
            throw new InvalidOperationException(model is null ? char.ToUpperInvariant(failure[0]) + failure[1..] : $"{model}: {failure}");
        }

        return (result.Estimate, result.LogLikelihood, result.Iterations);
    }

    /// <summary>
    /// Runs L-BFGS and returns where it stopped, converged or not, so a caller that knows its model can explain a
    /// stall (the Student-t's ν running off towards ∞) instead of reporting the optimizer's words.
    /// </summary>
    internal static MaximizationResult TryMaximize(
        LogLikelihoodGradientFunction logLikelihood, IReadOnlyList<ParameterSpecification> parameters, long observationCount)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationCount, 1);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("No parameters were given; pass one ParameterSpecification per parameter.", nameof(parameters));
        }

        int n = parameters.Count;
        var free = new List<int>();
        double[] theta = new double[n];
        for (int j = 0; j < n; j++)
        {
            ParameterSpecification p = parameters[j];
            if (!InDomain(p.Start, p.Domain))
            {
                throw new ArgumentException($"Parameter {p.Name} starts at {p.Start}, outside its domain ({p.Domain}); start strictly inside it.", nameof(parameters));
            }

            theta[j] = p.Start;
            if (!p.IsFixed)
            {
                free.Add(j);
            }
        }

        if (free.Count == 0)
        {
            return new MaximizationResult(theta, logLikelihood(theta, new double[n]), 0, true, null);
        }

        double scale = 1.0 / observationCount;
        double[] start = new double[free.Count];
        for (int a = 0; a < free.Count; a++)
        {
            start[a] = ToUnconstrained(theta[free[a]], parameters[free[a]].Domain);
        }

        double[] work = (double[])theta.Clone();
        double[] fullGradient = new double[n];
        double Objective(ReadOnlySpan<double> u, Span<double> gradient)
        {
            for (int a = 0; a < free.Count; a++)
            {
                work[free[a]] = FromUnconstrained(u[a], parameters[free[a]].Domain);
            }

            Array.Clear(fullGradient);
            double value = logLikelihood(work, fullGradient);
            if (double.IsNaN(value))
            {
                value = double.NegativeInfinity;
            }

            for (int a = 0; a < free.Count; a++)
            {
                int j = free[a];
                gradient[a] = -scale * fullGradient[j] * Derivative(work[j], parameters[j].Domain);
            }

            return -scale * value;
        }

        LbfgsResult result = Lbfgs.Minimize(Objective, start);
        double gradientSize = result.Gradient.Max(Math.Abs);
        // The line search can stall at the rounding floor right at the optimum; accept that when ∇ is already tiny.
        bool converged = result.Converged || gradientSize <= 1e-6 * Math.Max(1, Math.Abs(result.Value));
        for (int a = 0; a < free.Count; a++)
        {
            theta[free[a]] = FromUnconstrained(result.Minimizer[a], parameters[free[a]].Domain);
        }

        string? failure = converged ? null
            : $"maximum likelihood did not converge after {result.Iterations} iterations ({result.Message}); the largest gradient entry is {gradientSize:G3}. Try another starting point, or hold a parameter fixed.";
        return new MaximizationResult(theta, -result.Value * observationCount, result.Iterations, converged, failure);
    }

    /// <summary>
    /// The observed information −∇² ln L(θ̂) over the free parameters (row-major k×k), by central differences in the
    /// natural parameters: of the gradient when given (error O(h²)), else second differences of ln L.
    /// </summary>
    internal static double[] ObservedInformation(LogLikelihoodFunction? values, LogLikelihoodGradientFunction? gradients,
        double[] estimate, IReadOnlyList<ParameterSpecification> parameters)
    {
        int n = estimate.Length;
        int[] free = Enumerable.Range(0, n).Where(j => !parameters[j].IsFixed).ToArray();
        int k = free.Length;
        double[] steps = free.Select(j => Step(estimate[j], parameters[j].Domain, gradients is null ? 1e-4 : 1e-5)).ToArray();
        var hessian = new double[k * k];
        double[] point = (double[])estimate.Clone();
        if (gradients is not null)
        {
            double[] plus = new double[n], minus = new double[n];
            for (int a = 0; a < k; a++)
            {
                int j = free[a];
                point[j] = estimate[j] + steps[a];
                Array.Clear(plus);
                gradients(point, plus);
                point[j] = estimate[j] - steps[a];
                Array.Clear(minus);
                gradients(point, minus);
                point[j] = estimate[j];
                for (int b = 0; b < k; b++)
                {
                    hessian[a * k + b] = (plus[free[b]] - minus[free[b]]) / (2 * steps[a]);
                }
            }
        }
        else
        {
            double center = values!(point);
            for (int a = 0; a < k; a++)
            {
                for (int b = a; b < k; b++)
                {
                    double Shifted(double da, double db)
                    {
                        point[free[a]] += da;
                        point[free[b]] += db;
                        double value = values(point);
                        point[free[a]] = estimate[free[a]];
                        point[free[b]] = estimate[free[b]];
                        return value;
                    }

                    double ha = steps[a], hb = steps[b];
                    hessian[a * k + b] = a == b
                        ? (Shifted(ha, 0) - 2 * center + Shifted(-ha, 0)) / (ha * ha)
                        : (Shifted(ha, hb) - Shifted(ha, -hb) - Shifted(-ha, hb) + Shifted(-ha, -hb)) / (4 * ha * hb);
                }
            }
        }

        var information = new double[k * k];
        for (int a = 0; a < k; a++)
        {
            for (int b = 0; b < k; b++)
            {
                information[a * k + b] = -0.5 * (hessian[a * k + b] + hessian[b * k + a]); // symmetrize
            }
        }

        return gradients is null ? Mirror(information, k) : information;
    }

    private static double[] Mirror(double[] information, int k)
    {
        // Only the upper triangle was computed from values; the symmetrization above halved the off-diagonals.
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                information[a * k + b] *= 2;
                information[b * k + a] = information[a * k + b];
            }
        }

        return information;
    }

    private static MaximumLikelihoodFit Result(IReadOnlyList<ParameterSpecification> parameters, double[] estimate, double value,
        long observationCount, int iterations, double[] information)
    {
        bool[] isFixed = parameters.Select(p => p.IsFixed).ToArray();
        FittedParameter[] fitted = FitSupport.Parameters(parameters.Select(p => p.Name).ToArray(), estimate, isFixed, information);
        return new MaximumLikelihoodFit(fitted, value, observationCount, iterations);
    }

    private static double NumericalGradient(LogLikelihoodFunction logLikelihood, IReadOnlyList<ParameterSpecification> parameters, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double[] point = theta.ToArray();
        double value = logLikelihood(point);
        for (int j = 0; j < point.Length; j++)
        {
            double original = point[j];
            double h = Step(original, parameters[j].Domain, 6e-6);
            point[j] = original + h;
            double up = logLikelihood(point);
            point[j] = original - h;
            double down = logLikelihood(point);
            point[j] = original;
            gradient[j] = (up - down) / (2 * h);
        }

        return value;
    }

    private static double Step(double value, ParameterDomain domain, double relative) => domain switch
    {
        ParameterDomain.Positive => relative * value,
        ParameterDomain.UnitInterval => relative * Math.Min(value, 1 - value),
        _ => relative * Math.Max(1, Math.Abs(value)),
    };

    private static bool InDomain(double value, ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => value > 0 && double.IsFinite(value),
        ParameterDomain.UnitInterval => value > 0 && value < 1,
        _ => double.IsFinite(value),
    };

    private static double ToUnconstrained(double theta, ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => Math.Log(theta),
        ParameterDomain.UnitInterval => Math.Log(theta / (1 - theta)),
        _ => theta,
    };

    private static double FromUnconstrained(double u, ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => Math.Exp(u),
        ParameterDomain.UnitInterval => 1 / (1 + Math.Exp(-u)),
        _ => u,
    };

    /// <summary>dθ/du at θ.</summary>
    private static double Derivative(double theta, ParameterDomain domain) => domain switch
    {
        ParameterDomain.Positive => theta,
        ParameterDomain.UnitInterval => theta * (1 - theta),
        _ => 1,
    };
}

/// <summary>Where L-BFGS stopped: θ̂ in natural coordinates, ln L there, the iterations, and whether it converged.</summary>
/// <param name="Estimate">θ at the stop, every parameter (held ones at their values).</param>
/// <param name="LogLikelihood">ln L at <paramref name="Estimate"/>.</param>
/// <param name="Iterations">L-BFGS iterations taken.</param>
/// <param name="Converged">True when a convergence test passed (or the gradient was already negligible at a stall).</param>
/// <param name="Failure">Why it did not converge, starting in lower case ("maximum likelihood did not converge …"); null when it did.</param>
internal sealed record MaximizationResult(double[] Estimate, double LogLikelihood, int Iterations, bool Converged, string? Failure);
