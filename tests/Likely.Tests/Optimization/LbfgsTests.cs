using Likely.Optimization;

namespace Likely.Tests.Optimization;

public class LbfgsTests
{
    [Fact]
    public void Minimize_Rosenbrock_ReachesKnownMinimum()
    {
        // f(x, y) = (1 − x)² + 100 (y − x²)²: the closed-form minimum is f = 0 at (1, 1).
        static double Rosenbrock(ReadOnlySpan<double> v, Span<double> g)
        {
            double x = v[0], y = v[1];
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
            g[1] = 200 * (y - x * x);
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }

        LbfgsResult result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0]);

        Assert.True(result.Converged, result.Message);
        Assert.Equal(1.0, result.Minimizer[0], 1e-6);
        Assert.Equal(1.0, result.Minimizer[1], 1e-6);
        Assert.True(result.Value < 1e-12);
    }

    [Fact]
    public void Minimize_Quadratic_SolvesLinearSystem()
    {
        // f(x) = ½xᵀAx − bᵀx with A = [[4, 1], [1, 3]], b = [1, 2]: the minimizer solves Ax = b.
        // By hand (Cramer's rule, det A = 11): x = [(1·3 − 1·2)/11, (4·2 − 1·1)/11] = [1/11, 7/11].
        static double Quadratic(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = 4 * x[0] + x[1] - 1;
            g[1] = x[0] + 3 * x[1] - 2;
            return 0.5 * (4 * x[0] * x[0] + 2 * x[0] * x[1] + 3 * x[1] * x[1]) - x[0] - 2 * x[1];
        }

        LbfgsResult result = Lbfgs.Minimize(Quadratic, [10.0, -10.0]);

        Assert.True(result.Converged, result.Message);
        Assert.Equal(1.0 / 11, result.Minimizer[0], 1e-9);
        Assert.Equal(7.0 / 11, result.Minimizer[1], 1e-9);
    }

    [Fact]
    public void Minimize_HighDimensionalIllConditioned_Converges()
    {
        // f(x) = Σ cᵢ (xᵢ − i)² with condition number 1e2: the minimizer is xᵢ = i exactly. (At 1e4, L-BFGS with
        // m = 10 needs over 1,000 iterations, here as in SciPy's L-BFGS-B: checked side by side on 2026-11-28.)
        // |∂f/∂xᵢ| = 2cᵢ|xᵢ − i| ≤ 1e-7 bounds every error by 5e-8 (cᵢ ≥ 1).
        const int n = 200;
        double Separable(ReadOnlySpan<double> x, Span<double> g)
        {
            double f = 0;
            for (int i = 0; i < n; i++)
            {
                double c = Math.Pow(1e2, i / (double)(n - 1)), d = x[i] - i;
                f += c * d * d;
                g[i] = 2 * c * d;
            }

            return f;
        }

        LbfgsResult result = Lbfgs.Minimize(Separable, new double[n], new LbfgsOptions { GradientTolerance = 1e-7 });

        Assert.True(result.Converged, result.Message);
        for (int i = 0; i < n; i++)
        {
            Assert.Equal(i, result.Minimizer[i], 1e-6);
        }
    }

    [Fact]
    public void Minimize_InfiniteOutsideDomain_StepsBackAndConverges()
    {
        // f(x) = x − log x is +∞ for x ≤ 0 (outside its domain); its minimum is at x = 1 (f′ = 1 − 1/x = 0), f = 1.
        static double Barrier(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = 1 - 1 / x[0];
            return x[0] > 0 ? x[0] - Math.Log(x[0]) : double.PositiveInfinity;
        }

        LbfgsResult result = Lbfgs.Minimize(Barrier, [0.01]);

        Assert.True(result.Converged, result.Message);
        Assert.Equal(1.0, result.Minimizer[0], 1e-6);
        Assert.Equal(1.0, result.Value, 1e-12);
    }

    [Fact]
    public void Minimize_IterationLimitHit_ReportsNotConverged()
    {
        static double Rosenbrock(ReadOnlySpan<double> v, Span<double> g)
        {
            double x = v[0], y = v[1];
            g[0] = -2 * (1 - x) - 400 * x * (y - x * x);
            g[1] = 200 * (y - x * x);
            return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x);
        }

        LbfgsResult result = Lbfgs.Minimize(Rosenbrock, [-1.2, 1.0], new LbfgsOptions { MaxIterations = 3 });

        Assert.False(result.Converged);
        Assert.Equal(3, result.Iterations);
        Assert.Contains("MaxIterations", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Minimize_NonFiniteStart_ThrowsNamingStart()
    {
        static double Undefined(ReadOnlySpan<double> x, Span<double> g)
        {
            g[0] = 0;
            return double.NaN;
        }

        var exception = Assert.Throws<ArgumentException>(() => Lbfgs.Minimize(Undefined, [0.0]));
        Assert.Equal("start", exception.ParamName);
    }
}
