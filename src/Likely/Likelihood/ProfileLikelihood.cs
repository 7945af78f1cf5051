namespace Likely.Likelihood;

/// <summary>
/// The profile log-likelihood ℓₚ(v) = max ln L(θ) over θ with θⱼ = v, and the likelihood-ratio (profile) confidence
/// interval {v : 2[ln L(θ̂) − ℓₚ(v)] ≤ χ²₁(level)} it gives for each parameter.
/// </summary>
/// <remarks>
/// <para>
/// ℓₚ(v) is the family's own fit with θⱼ held at v (<see cref="DistributionFamily.Fit"/>), so it works for every
/// registered family whose parameters can be held one by one. Each end is found by stepping out from θ̂ⱼ in a coordinate
/// that maps the parameter's range onto ℝ (ln(v − a) for a range (a, ∞), logit for (a, b), v itself for ℝ), first
/// by about one standard error and then doubling, until the deviance 2[ln L(θ̂) − ℓₚ] passes the cut-off; Brent's
/// method then finds the crossing to about 1e-10 in that coordinate.
/// </para>
/// <para>
/// Unlike θ̂ ± z·SE the interval follows the likelihood's skew and stays in the range. When the deviance stays under
/// the cut-off all the way to a bound of the range (ν of a Student-t towards ∞), that end does not exist: the bound is
/// reported and marked <see cref="IntervalEnd.RangeBound"/>.
/// </para>
/// </remarks>
public static class ProfileLikelihood
{
    /// <summary>
    /// How far the search steps out, in the log or logit coordinate of a bounded range, before it concludes that the end
    /// is the range's bound: e²⁰ ≈ 5·10⁸ times (or 1/…) the estimate. Beyond that a family's own arithmetic no longer
    /// resolves the likelihood (ln Γ(r + x) − ln Γ(r) of a negative binomial at r ≈ 10¹², ln Γ(ν/2) of a Student-t): the
    /// rounding of ln L grows like N·θ·ε and would make a flat profile cross the cut-off by accident. On ℝ the search
    /// goes on while the value is finite.
    /// </summary>
    private const double SearchLimit = 20;

    /// <summary>ℓₚ(v) = max ln L(θ) over θ with the parameter <paramref name="parameter"/> held at <paramref name="value"/>.</summary>
    /// <param name="family">The family.</param>
    /// <param name="sample">The observations.</param>
    /// <param name="parameter">The parameter's name (or alias).</param>
    /// <param name="value">v, in the parameter's range.</param>
    /// <param name="held">Other parameters held throughout; null for none.</param>
    /// <exception cref="ArgumentException">As <see cref="DistributionFamily.Fit"/>: unknown name, value out of range, bad sample.</exception>
    /// <exception cref="InvalidOperationException">The fit with the parameter held did not converge.</exception>
    public static double LogLikelihood(DistributionFamily family, ReadOnlySpan<double> sample, string parameter, double value, IReadOnlyDictionary<string, double>? held = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        ArgumentNullException.ThrowIfNull(parameter);
        var with = new Dictionary<string, double>(held ?? new Dictionary<string, double>(), StringComparer.Ordinal) { [parameter] = value };
        return family.Fit(sample, with).LogLikelihood;
    }

    /// <summary>The profile-likelihood interval of every parameter the fit estimates (those not in <paramref name="held"/>).</summary>
    /// <param name="family">The family.</param>
    /// <param name="sample">The observations.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1. Default 0.95 (cut-off χ²₁(0.95) = 3.8415).</param>
    /// <param name="held">Parameters held throughout (not given intervals); null for none.</param>
    /// <returns>One interval per estimated parameter, in the family's order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    /// <exception cref="ArgumentException">The family's parameters cannot be held one by one (categorical), or the fit's own argument errors.</exception>
    /// <exception cref="InvalidOperationException">A fit with a parameter held did not converge.</exception>
    public static ConfidenceIntervals Intervals(DistributionFamily family, ReadOnlySpan<double> sample, double level = 0.95, IReadOnlyDictionary<string, double>? held = null)
    {
        ConfidenceIntervals.RequireNamedParameters(family);
        ConfidenceIntervals.RequireLevel(level);
        double[] x = sample.ToArray();
        return Intervals(family, with => family.Fit(x, with), level, held);
    }

    /// <summary>
    /// The profile-likelihood interval of every estimated parameter from right-censored data: the same construction on
    /// the censored log-likelihood ln L(θ) = Σ_exact ln f(xᵢ) + Σ_censored ln S(xᵢ) (see <see cref="CensoredMaximumLikelihood"/>).
    /// </summary>
    /// <param name="family">A continuous family.</param>
    /// <param name="values">Every row's time: the event's, or the last time a censored row was seen.</param>
    /// <param name="censored">True where the row is right-censored; the same length as <paramref name="values"/>.</param>
    /// <param name="level">The confidence level. Range: 0 &lt; level &lt; 1. Default 0.95.</param>
    /// <param name="held">Parameters held throughout (not given intervals); null for none.</param>
    /// <returns>One interval per estimated parameter, in the family's order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The level is not strictly between 0 and 1.</exception>
    /// <exception cref="ArgumentException">As <see cref="CensoredMaximumLikelihood.Fit"/>: a discrete family, lengths that differ, every row censored.</exception>
    /// <exception cref="InvalidOperationException">A fit with a parameter held did not converge.</exception>
    public static ConfidenceIntervals Intervals(DistributionFamily family, ReadOnlySpan<double> values, ReadOnlySpan<bool> censored,
        double level = 0.95, IReadOnlyDictionary<string, double>? held = null)
    {
        ConfidenceIntervals.RequireNamedParameters(family);
        ConfidenceIntervals.RequireLevel(level);
        double[] x = values.ToArray();
        bool[] flags = censored.ToArray();
        return Intervals(family, with => CensoredMaximumLikelihood.Fit(family, x, flags, with), level, held);
    }

    /// <summary>The intervals, with ℓₚ(v) from <paramref name="fit"/> called with the parameter held at v (and <paramref name="held"/>).</summary>
    private static ConfidenceIntervals Intervals(DistributionFamily family, Func<IReadOnlyDictionary<string, double>?, DistributionFit> fit,
        double level, IReadOnlyDictionary<string, double>? held)
    {
        DistributionFit best = fit(held);
        double cutoff = TailProbabilities.ChiSquareOneQuantile(level);
        var intervals = new List<ParameterInterval>();
        for (int j = 0; j < family.Parameters.Count; j++)
        {
            FittedParameter estimate = best.Parameters[j];
            if (estimate.IsFixed)
            {
                continue;
            }

            FamilyParameter parameter = family.Parameters[j];
            double Deviance(double v)
            {
                var with = new Dictionary<string, double>(held ?? new Dictionary<string, double>(), StringComparer.Ordinal) { [parameter.Name] = v };
                try
                {
                    return 2 * (best.LogLikelihood - fit(with).LogLikelihood);
                }
                catch (InvalidOperationException exception)
                {
                    throw new InvalidOperationException($"The profile of {family.Name}'s {parameter.Name} needs a fit with {parameter.Name} held at {v:G6}, which failed: {exception.Message}", exception);
                }
            }

            (double lower, IntervalEnd lowerEnd) = End(parameter.Range, estimate, Deviance, cutoff, -1);
            (double upper, IntervalEnd upperEnd) = End(parameter.Range, estimate, Deviance, cutoff, +1);
            intervals.Add(new ParameterInterval(parameter.Name, estimate.Estimate, lower, upper, lowerEnd, upperEnd));
        }

        return new ConfidenceIntervals(IntervalMethod.Profile, level, intervals);
    }

    /// <summary>One end: step out from θ̂ in the unbounded coordinate u until the deviance passes the cut-off, then Brent.</summary>
    private static (double Value, IntervalEnd End) End(ParameterRange range, FittedParameter estimate, Func<double, double> deviance, double cutoff, int direction)
    {
        double bound = direction < 0 ? range.Lower : range.Upper;
        double center = ToUnbounded(estimate.Estimate, range);
        double limit = double.IsFinite(range.Lower) || double.IsFinite(range.Upper) ? SearchLimit : double.PositiveInfinity;
        if (double.IsInfinity(center))
        {
            if (Math.Sign(center) == direction)
            {
                return (bound, IntervalEnd.RangeBound); // θ̂ is on this bound already
            }

            center = -direction * SearchLimit; // θ̂ on the other bound (p̂ = 1): search inwards from just inside it, across
            limit = 2 * SearchLimit;           // to as far from the other bound
        }

        double step = InitialStep(estimate, range, center);
        double inner = center;
        while (true)
        {
            bool last = step >= limit;
            double outer = center + direction * Math.Min(step, limit);
            double v = FromUnbounded(outer, range);
            if (!double.IsFinite(v) || v == range.Lower || v == range.Upper)
            {
                return (bound, IntervalEnd.RangeBound);
            }

            double excess = deviance(v) - cutoff;
            if (excess >= 0)
            {
                double root = Brent(u => deviance(FromUnbounded(u, range)) - cutoff, inner, outer, excess);
                return (FromUnbounded(root, range), IntervalEnd.Inside);
            }

            if (last)
            {
                return (bound, IntervalEnd.RangeBound);
            }

            inner = outer;
            step *= 2;
        }
    }

    /// <summary>About one standard error in u (the delta method: SE·du/dv), or 0.1 when there is none.</summary>
    private static double InitialStep(FittedParameter estimate, ParameterRange range, double center)
    {
        double v = estimate.Estimate;
        if (estimate.StandardError is { } se && se > 0 && double.IsFinite(se))
        {
            double h = 1e-6 * Math.Max(Math.Abs(v), 1e-300);
            double slope = (center - ToUnbounded(v - h, range)) / h;
            if (!double.IsFinite(slope) || slope <= 0)
            {
                slope = (ToUnbounded(v + h, range) - center) / h;
            }

            double step = se * slope;
            if (double.IsFinite(step) && step > 1e-8 * Math.Max(1, Math.Abs(center)))
            {
                return step;
            }
        }

        return 0.1 * Math.Max(1, Math.Abs(center) * 0.01);
    }

    /// <summary>u(v): ln(v − a) on (a, ∞), −ln(b − v) on (−∞, b), logit((v − a)/(b − a)) on (a, b), v on ℝ.</summary>
    internal static double ToUnbounded(double v, ParameterRange range)
    {
        bool lower = double.IsFinite(range.Lower), upper = double.IsFinite(range.Upper);
        if (lower && upper)
        {
            double t = (v - range.Lower) / (range.Upper - range.Lower);
            return Math.Log(t) - Math.Log(1 - t);
        }

        return lower ? Math.Log(v - range.Lower) : upper ? -Math.Log(range.Upper - v) : v;
    }

    /// <summary>v(u), the inverse of <see cref="ToUnbounded"/>.</summary>
    internal static double FromUnbounded(double u, ParameterRange range)
    {
        bool lower = double.IsFinite(range.Lower), upper = double.IsFinite(range.Upper);
        if (lower && upper)
        {
            double t = u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));
            return range.Lower + (range.Upper - range.Lower) * t;
        }

        return lower ? range.Lower + Math.Exp(u) : upper ? range.Upper - Math.Exp(-u) : u;
    }

    /// <summary>Brent's root finder on [a, b], f(a) &lt; 0 ≤ f(b) (the value at b given), to 1e-10·max(1, |u|).</summary>
    private static double Brent(Func<double, double> f, double a, double b, double fb)
    {
        double fa = f(a);
        if (fa >= 0)
        {
            return a;
        }

        double c = a, fc = fa, d = b - a, e = d;
        for (int iteration = 0; iteration < 200; iteration++)
        {
            if ((fb > 0 && fc > 0) || (fb < 0 && fc < 0))
            {
                c = a;
                fc = fa;
                d = e = b - a;
            }

            if (Math.Abs(fc) < Math.Abs(fb))
            {
                a = b; b = c; c = a;
                fa = fb; fb = fc; fc = fa;
            }

            double tolerance = 1e-10 * Math.Max(1, Math.Abs(b)), middle = 0.5 * (c - b);
            if (Math.Abs(middle) <= tolerance || fb == 0)
            {
                return b;
            }

            if (Math.Abs(e) >= tolerance && Math.Abs(fa) > Math.Abs(fb))
            {
                double s = fb / fa, p, q;
                if (a == c)
                {
                    p = 2 * middle * s;
                    q = 1 - s;
                }
                else
                {
                    double r = fb / fc;
                    q = fa / fc;
                    p = s * (2 * middle * q * (q - r) - (b - a) * (r - 1));
                    q = (q - 1) * (r - 1) * (s - 1);
                }

                if (p > 0) q = -q; else p = -p;
                if (2 * p < Math.Min(3 * middle * q - Math.Abs(tolerance * q), Math.Abs(e * q)))
                {
                    e = d;
                    d = p / q;
                }
                else
                {
                    d = middle;
                    e = d;
                }
            }
            else
            {
                d = middle;
                e = d;
            }

            a = b;
            fa = fb;
            b += Math.Abs(d) > tolerance ? d : Math.Sign(middle) * tolerance;
            fb = f(b);
        }

        return b;
    }
}
