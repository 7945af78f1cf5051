namespace Likely.Optimization;

/// <summary>
/// Limited-memory BFGS (Nocedal &amp; Wright, Algorithm 7.4/7.5) with a strong-Wolfe line search:
/// minimizes a smooth function of n variables from its values and gradients, storing only m correction pairs.
/// </summary>
/// <remarks>
/// Each iteration takes the quasi-Newton direction d = −H·g, where H is the inverse-Hessian approximation built by the
/// two-loop recursion from the last m pairs s = x₊ − x, y = g₊ − g (pairs with sᵀy ≤ 0 are skipped so H stays
/// positive definite), and a step α satisfying the strong Wolfe conditions
/// f(x + αd) ≤ f(x) + c₁·α·gᵀd and |∇f(x + αd)ᵀd| ≤ c₂·|gᵀd| with c₁ = 1e-4, c₂ = 0.9.
/// Deterministic: the same objective and start give the same iterates.
/// </remarks>
public static class Lbfgs
{
    /// <summary>Minimizes <paramref name="objective"/> starting from <paramref name="start"/>.</summary>
    /// <param name="objective">f and its gradient.</param>
    /// <param name="start">The starting point x₀ (not modified); f(x₀) must be finite.</param>
    /// <param name="options">Tolerances and limits; null for <see cref="LbfgsOptions.Default"/>.</param>
    /// <returns>The best point, its value and gradient, counts, and whether a convergence test passed.</returns>
    /// <exception cref="ArgumentException">The start is empty, or f or ∇f is not finite there, or the options are out of range.</exception>
    public static LbfgsResult Minimize(Objective objective, ReadOnlySpan<double> start, LbfgsOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(objective);
        options ??= LbfgsOptions.Default;
        ValidateOptions(options);
        if (start.IsEmpty)
        {
            throw new ArgumentException("The starting point is empty; pass one value per parameter.", nameof(start));
        }

        int n = start.Length;
        double[] x = start.ToArray();
        double[] gradient = new double[n];
        double value = objective(x, gradient);
        int evaluations = 1;
        if (!double.IsFinite(value) || !AllFinite(gradient))
        {
            throw new ArgumentException($"The objective is not finite at the starting point (f = {value}); start where f and its gradient are defined.", nameof(start));
        }

        var history = new CorrectionHistory(n, options.Memory);
        var search = new WolfeLineSearch(objective, n, options.MaxLineSearchEvaluations);
        double[] direction = new double[n];
        for (int iteration = 0; ; iteration++)
        {
            if (MaxAbs(gradient) <= options.GradientTolerance * Math.Max(1, Math.Abs(value)))
            {
                return new LbfgsResult(x, value, gradient, iteration, evaluations, true, "gradient below tolerance");
            }

            if (iteration == options.MaxIterations)
            {
                return new LbfgsResult(x, value, gradient, iteration, evaluations, false, $"stopped after {iteration} iterations without converging; raise MaxIterations or loosen the tolerances");
            }

            history.SearchDirection(gradient, direction);
            double slope = Dot(gradient, direction);
            if (!(slope < 0))
            {
                // The curvature pairs have gone stale (rounding); restart from steepest descent.
                history.Clear();
                history.SearchDirection(gradient, direction);
                slope = Dot(gradient, direction);
            }

            // The first step has no curvature information: scale it so that it moves x by about one unit.
            double initialStep = history.Count == 0 ? Math.Min(1, 1 / Math.Sqrt(Dot(gradient, gradient))) : 1;
            LineSearchOutcome outcome = search.Run(x, value, direction, slope, initialStep);
            evaluations += outcome.Evaluations;
            if (!outcome.Found)
            {
                return new LbfgsResult(x, value, gradient, iteration, evaluations, false, "the line search found no step that lowers f enough; the objective or its gradient may be inaccurate");
            }

            double previousValue = value;
            history.Add(x, gradient, search.Point, search.Gradient);
            Array.Copy(search.Point, x, n);
            Array.Copy(search.Gradient, gradient, n);
            value = outcome.Value;
            if (previousValue - value <= options.RelativeFunctionTolerance * Math.Max(1, Math.Abs(value)))
            {
                return new LbfgsResult(x, value, gradient, iteration + 1, evaluations, true, "relative reduction of f below tolerance");
            }
        }
    }

    internal static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static double MaxAbs(ReadOnlySpan<double> values)
    {
        double max = 0;
        foreach (double v in values)
        {
            max = Math.Max(max, Math.Abs(v));
        }

        return max;
    }

    private static bool AllFinite(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v))
            {
                return false;
            }
        }

        return true;
    }

    private static void ValidateOptions(LbfgsOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Memory, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxIterations, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxLineSearchEvaluations, 1, nameof(options));
        if (!(options.GradientTolerance >= 0) || !(options.RelativeFunctionTolerance >= 0))
        {
            throw new ArgumentOutOfRangeException(nameof(options), "GradientTolerance and RelativeFunctionTolerance must be ≥ 0.");
        }
    }
}
