namespace Likely.Optimization;

/// <summary>The outcome of <see cref="Lbfgs.Minimize"/>.</summary>
/// <param name="Minimizer">The best point found (the minimizer when <paramref name="Converged"/>).</param>
/// <param name="Value">f at <paramref name="Minimizer"/>.</param>
/// <param name="Gradient">∇f at <paramref name="Minimizer"/>.</param>
/// <param name="Iterations">Accepted steps taken.</param>
/// <param name="Evaluations">Calls of the objective, line searches included.</param>
/// <param name="Converged">True when a convergence test passed; false when the iteration limit was hit or the line search failed.</param>
/// <param name="Message">Which test stopped the run, in words.</param>
public sealed record LbfgsResult(
    double[] Minimizer, double Value, double[] Gradient, int Iterations, int Evaluations, bool Converged, string Message);
