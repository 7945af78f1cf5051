namespace Likely.Optimization;

/// <summary>
/// A differentiable function to minimize: returns f(x) and writes the gradient ∇f(x) into <paramref name="gradient"/>
/// (same length as <paramref name="x"/>). May return +∞ or NaN where f is undefined; the line search then steps back.
/// </summary>
/// <param name="x">The point at which to evaluate.</param>
/// <param name="gradient">Receives ∇f(x).</param>
/// <returns>f(x).</returns>
public delegate double Objective(ReadOnlySpan<double> x, Span<double> gradient);
