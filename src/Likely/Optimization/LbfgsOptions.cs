namespace Likely.Optimization;

/// <summary>Settings of <see cref="Lbfgs.Minimize"/>.</summary>
public sealed record LbfgsOptions
{
    /// <summary>The default settings.</summary>
    public static LbfgsOptions Default { get; } = new();

    /// <summary>Number of correction pairs (s, y) kept to approximate the inverse Hessian. Range: ≥ 1. Default 10.</summary>
    public int Memory { get; init; } = 10;

    /// <summary>Most iterations (accepted steps) before giving up with <see cref="LbfgsResult.Converged"/> false. Range: ≥ 1. Default 1000.</summary>
    public int MaxIterations { get; init; } = 1000;

    /// <summary>
    /// Converged when max_i |∂f/∂x_i| ≤ GradientTolerance · max(1, |f|): a scale-aware first-order optimality test.
    /// Range: ≥ 0. Default 1e-9.
    /// </summary>
    public double GradientTolerance { get; init; } = 1e-9;

    /// <summary>
    /// Converged when an accepted step lowers f by less than RelativeFunctionTolerance · max(1, |f|)
    /// (SciPy's <c>ftol</c> rule: no further progress is possible in floating point). Range: ≥ 0. Default 1e-14.
    /// </summary>
    public double RelativeFunctionTolerance { get; init; } = 1e-14;

    /// <summary>Most function evaluations in one line search. Range: ≥ 1. Default 40.</summary>
    public int MaxLineSearchEvaluations { get; init; } = 40;
}
