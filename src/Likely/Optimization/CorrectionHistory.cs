namespace Likely.Optimization;

/// <summary>
/// The last m correction pairs (s, y) of L-BFGS in a ring buffer, and the two-loop recursion that applies the
/// implied inverse-Hessian approximation to a gradient.
/// </summary>
internal sealed class CorrectionHistory(int n, int memory)
{
    private readonly double[][] _s = NewRows(memory, n);
    private readonly double[][] _y = NewRows(memory, n);
    private readonly double[] _rho = new double[memory];
    private readonly double[] _alpha = new double[memory];
    private int _newest = -1;

    /// <summary>Number of pairs stored.</summary>
    public int Count { get; private set; }

    /// <summary>Forgets every pair, so that the next direction is steepest descent.</summary>
    public void Clear()
    {
        Count = 0;
        _newest = -1;
    }

    /// <summary>Stores s = x₊ − x and y = g₊ − g, unless sᵀy is not safely positive (then H would lose positive definiteness).</summary>
    public void Add(ReadOnlySpan<double> x, ReadOnlySpan<double> g, ReadOnlySpan<double> xNext, ReadOnlySpan<double> gNext)
    {
        int slot = (_newest + 1) % memory;
        double[] s = _s[slot], y = _y[slot];
        for (int i = 0; i < n; i++)
        {
            s[i] = xNext[i] - x[i];
            y[i] = gNext[i] - g[i];
        }

        double sy = Lbfgs.Dot(s, y), yy = Lbfgs.Dot(y, y);
        if (!(sy > 1e-12 * yy) || yy == 0)
        {
            return;
        }

        _rho[slot] = 1 / sy;
        _newest = slot;
        Count = Math.Min(Count + 1, memory);
    }

    /// <summary>Writes d = −H·g by the two-loop recursion, with H₀ = (sᵀy / yᵀy)·I from the newest pair.</summary>
    public void SearchDirection(ReadOnlySpan<double> gradient, Span<double> direction)
    {
        for (int i = 0; i < n; i++)
        {
            direction[i] = -gradient[i];
        }

        for (int k = 0; k < Count; k++)
        {
            int slot = Slot(k);
            _alpha[slot] = _rho[slot] * Lbfgs.Dot(_s[slot], direction);
            Axpy(-_alpha[slot], _y[slot], direction);
        }

        if (Count > 0)
        {
            double[] y = _y[_newest];
            double gamma = 1 / (_rho[_newest] * Lbfgs.Dot(y, y));
            for (int i = 0; i < n; i++)
            {
                direction[i] *= gamma;
            }
        }

        for (int k = Count - 1; k >= 0; k--)
        {
            int slot = Slot(k);
            double beta = _rho[slot] * Lbfgs.Dot(_y[slot], direction);
            Axpy(_alpha[slot] - beta, _s[slot], direction);
        }
    }

    /// <summary>The ring slot of the k-th newest pair (k = 0 is the newest).</summary>
    private int Slot(int k) => ((_newest - k) % memory + memory) % memory;

    private static void Axpy(double a, ReadOnlySpan<double> x, Span<double> y)
    {
        for (int i = 0; i < y.Length; i++)
        {
            y[i] += a * x[i];
        }
    }

    private static double[][] NewRows(int rows, int columns)
    {
        var result = new double[rows][];
        for (int i = 0; i < rows; i++)
        {
            result[i] = new double[columns];
        }

        return result;
    }
}
