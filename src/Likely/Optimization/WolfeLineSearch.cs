namespace Likely.Optimization;

/// <summary>The result of one line search: whether a step was accepted, f there, and how many evaluations it took.</summary>
internal readonly record struct LineSearchOutcome(bool Found, double Value, int Evaluations);

/// <summary>
/// A line search for the strong Wolfe conditions (Nocedal &amp; Wright, Algorithms 3.5 and 3.6): expand the step
/// until the minimum along the line is bracketed, then shrink the bracket by safeguarded cubic interpolation.
/// </summary>
/// <remarks>φ(α) = f(x + α·d), φ′(α) = ∇f(x + α·d)ᵀd. A non-finite φ counts as "too far": the bracket closes on it.</remarks>
internal sealed class WolfeLineSearch(Objective objective, int n, int maxEvaluations)
{
    private const double SufficientDecrease = 1e-4; // c₁
    private const double Curvature = 0.9;           // c₂, the usual choice for quasi-Newton methods

    private readonly double[] _trialPoint = new double[n];
    private readonly double[] _trialGradient = new double[n];
    private double[] _x = [];
    private double[] _direction = [];
    private int _evaluations;
    private double _flatTolerance;

    /// <summary>The accepted point x + α·d after a successful <see cref="Run"/>.</summary>
    public double[] Point { get; } = new double[n];

    /// <summary>∇f at <see cref="Point"/>.</summary>
    public double[] Gradient { get; } = new double[n];

    /// <summary>Searches along <paramref name="direction"/> from <paramref name="x"/>, where f = <paramref name="value"/> and φ′(0) = <paramref name="slope"/> &lt; 0.</summary>
    public LineSearchOutcome Run(double[] x, double value, double[] direction, double slope, double initialStep)
    {
        _x = x;
        _direction = direction;
        _evaluations = 0;
        // Near a minimum f stops changing in floating point; within this band a step counts as "no worse" and the
        // slope conditions decide alone (Hager & Zhang's approximate Wolfe conditions), so the search can still progress.
        _flatTolerance = 1e-12 * Math.Abs(value);
        double previousStep = 0, previousValue = value, previousSlope = slope;
        double step = initialStep;
        while (_evaluations < maxEvaluations)
        {
            (double trialValue, double trialSlope) = Evaluate(step);
            if (!LowersEnough(value, slope, step, trialValue) || (_evaluations > 1 && trialValue > previousValue + _flatTolerance))
            {
                return Zoom(value, slope, previousStep, previousValue, previousSlope, step, trialValue, trialSlope);
            }

            if (Math.Abs(trialSlope) <= -Curvature * slope)
            {
                return Accept(trialValue);
            }

            if (trialSlope >= 0)
            {
                return Zoom(value, slope, step, trialValue, trialSlope, previousStep, previousValue, previousSlope);
            }

            previousStep = step;
            previousValue = trialValue;
            previousSlope = trialSlope;
            step *= 2;
        }

        return new LineSearchOutcome(false, value, _evaluations);
    }

    /// <summary>Shrinks the bracket [lo, hi] (lo: the lower of the two ends that satisfies sufficient decrease) until a Wolfe step is found.</summary>
    private LineSearchOutcome Zoom(double value, double slope,
        double lo, double loValue, double loSlope, double hi, double hiValue, double hiSlope)
    {
        while (_evaluations < maxEvaluations)
        {
            double step = Interpolate(lo, loValue, loSlope, hi, hiValue, hiSlope);
            (double trialValue, double trialSlope) = Evaluate(step);
            if (!LowersEnough(value, slope, step, trialValue) || trialValue > loValue + _flatTolerance)
            {
                (hi, hiValue, hiSlope) = (step, trialValue, trialSlope);
                continue;
            }

            if (Math.Abs(trialSlope) <= -Curvature * slope)
            {
                return Accept(trialValue);
            }

            if (trialSlope * (hi - lo) >= 0)
            {
                (hi, hiValue, hiSlope) = (lo, loValue, loSlope);
            }

            (lo, loValue, loSlope) = (step, trialValue, trialSlope);
        }

        // Out of evaluations: a step that lowers f sufficiently is still progress, so take the best end of the bracket.
        if (lo > 0 && loValue < value)
        {
            (double finalValue, _) = Evaluate(lo);
            return Accept(finalValue);
        }

        return new LineSearchOutcome(false, value, _evaluations);
    }

    /// <summary>The Armijo condition f(x + αd) ≤ f(x) + c₁·α·gᵀd, or, where f is flat to rounding, no increase beyond rounding.</summary>
    private bool LowersEnough(double value, double slope, double step, double trialValue) =>
        double.IsFinite(trialValue)
        && (trialValue <= value + SufficientDecrease * step * slope || trialValue <= value + _flatTolerance);

    /// <summary>The minimizer of the cubic through both ends' values and slopes, kept inside the middle 80% of the bracket; bisection when the cubic is unusable.</summary>
    private static double Interpolate(double a, double fa, double da, double b, double fb, double db)
    {
        double low = Math.Min(a, b), high = Math.Max(a, b), margin = 0.1 * (high - low);
        double candidate = double.NaN;
        if (double.IsFinite(fa) && double.IsFinite(fb) && double.IsFinite(da) && double.IsFinite(db))
        {
            double d1 = da + db - 3 * (fa - fb) / (a - b);
            double radicand = d1 * d1 - da * db;
            if (radicand >= 0)
            {
                double d2 = Math.Sign(b - a) * Math.Sqrt(radicand);
                candidate = b - (b - a) * (db + d2 - d1) / (db - da + 2 * d2);
            }
        }

        return double.IsFinite(candidate) && candidate >= low + margin && candidate <= high - margin
            ? candidate
            : 0.5 * (a + b);
    }

    private (double Value, double Slope) Evaluate(double step)
    {
        for (int i = 0; i < n; i++)
        {
            _trialPoint[i] = _x[i] + step * _direction[i];
        }

        _evaluations++;
        double value = objective(_trialPoint, _trialGradient);
        return (value, Lbfgs.Dot(_trialGradient, _direction));
    }

    private LineSearchOutcome Accept(double value)
    {
        Array.Copy(_trialPoint, Point, n);
        Array.Copy(_trialGradient, Gradient, n);
        return new LineSearchOutcome(true, value, _evaluations);
    }
}
