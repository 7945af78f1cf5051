namespace Likely.Distributions;

/// <summary>
/// The regularized incomplete gamma and beta functions, returned as the logarithms of both tails so that a CDF and a
/// log-survival function are each accurate where they are small (no ln(1 − CDF) in the far tail). Also ln(1 + x) and
/// eˣ − 1 for small x, which .NET does not compute accurately (<c>double.LogP1</c> is ln(x + 1)).
/// </summary>
internal static partial class SpecialFunctions
{
    private const int MaxTerms = 100_000;
    private const double Epsilon = 1e-16;
    private const double Tiny = 1e-300;

    /// <summary>ln(1 + x), accurate for small |x| (Goldberg's correction: ln(u)·x/(u − 1) with u = 1 + x rounded).</summary>
    public static double Log1P(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : double.IsInfinity(u) ? u : Math.Log(u) * x / (u - 1);
    }

    /// <summary>eˣ − 1, accurate for small |x| (Kahan's correction: (u − 1)·x/ln u with u = eˣ rounded).</summary>
    public static double ExpM1(double x)
    {
        double u = Math.Exp(x);
        if (u == 1)
        {
            return x;
        }

        double um1 = u - 1;
        return um1 == -1 || double.IsInfinity(u) ? um1 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 − eˣ) for x ≤ 0, accurate at both ends (Mächler's switch at x = −ln 2).</summary>
    public static double Log1MExp(double x) => x > -0.6931471805599453 ? Math.Log(-ExpM1(x)) : Log1P(-Math.Exp(x));

    /// <summary>
    /// The logs of both tails of the regularized incomplete gamma function for a &gt; 0, x ≥ 0:
    /// P(a, x) = γ(a, x)/Γ(a) = (1/Γ(a)) ∫₀ˣ t^(a−1) e^(−t) dt and Q(a, x) = 1 − P(a, x).
    /// </summary>
    /// <remarks>
    /// For x &lt; a + 1 the series P = xᵃe^(−x)/Γ(a) · Σₙ xⁿ/(a(a+1)…(a+n)) gives P, else the continued fraction
    /// Q = xᵃe^(−x)/Γ(a) · 1/(x + 1 − a − 1·(1 − a)/(x + 3 − a − …)) (modified Lentz) gives Q; the other tail is
    /// ln(1 − e^(ln tail)) (Numerical Recipes' gser/gcf, in logs). x = 0 gives (−∞, 0), x = +∞ gives (0, −∞).
    /// Relative accuracy about 1e-13 (the prefactor a ln x − x − ln Γ(a) loses digits to cancellation for large a).
    /// </remarks>
    public static (double LogLower, double LogUpper) IncompleteGamma(double a, double x)
    {
        if (x <= 0)
        {
            return (double.NegativeInfinity, 0);
        }

        if (double.IsPositiveInfinity(x))
        {
            return (0, double.NegativeInfinity);
        }

        double logPrefactor = a * Math.Log(x) - x - LogGamma(a);
        if (x < a + 1)
        {
            double logLower = logPrefactor + Math.Log(GammaSeries(a, x));
            return (logLower, Log1MExp(logLower));
        }

        double logUpper = logPrefactor + Math.Log(GammaContinuedFraction(a, x));
        return (Log1MExp(logUpper), logUpper);
    }

    /// <summary>
    /// The logs of both tails of the regularized incomplete beta function for a, b &gt; 0 and x ∈ [0, 1] with
    /// y = 1 − x passed separately (so a caller that knows 1 − x exactly keeps its digits):
    /// I_x(a, b) = (1/B(a, b)) ∫₀ˣ t^(a−1)(1 − t)^(b−1) dt and 1 − I_x(a, b) = I_y(b, a).
    /// </summary>
    /// <remarks>
    /// The continued fraction I_x(a, b) = xᵃ yᵇ/(a B(a, b)) · 1/(1 + d₁/(1 + d₂/(1 + …))) with
    /// d₂ₘ₊₁ = −(a + m)(a + b + m)x/((a + 2m)(a + 2m + 1)), d₂ₘ = m(b − m)x/((a + 2m − 1)(a + 2m)) converges fast for
    /// x &lt; (a + 1)/(a + b + 2); otherwise it is applied to I_y(b, a) (Numerical Recipes' betacf, modified Lentz).
    /// Relative accuracy about 1e-13 for moderate a, b; the prefactor loses digits when a or b is in the thousands.
    /// </remarks>
    public static (double LogLower, double LogUpper) IncompleteBeta(double a, double b, double x, double y)
    {
        if (x <= 0)
        {
            return (double.NegativeInfinity, 0);
        }

        if (y <= 0)
        {
            return (0, double.NegativeInfinity);
        }

        double logPrefactor = a * Math.Log(x) + b * Math.Log(y) - LogBeta(a, b);
        if (x < (a + 1) / (a + b + 2))
        {
            double logLower = logPrefactor - Math.Log(a) + Math.Log(BetaContinuedFraction(a, b, x));
            return (logLower, Log1MExp(logLower));
        }

        double logUpper = logPrefactor - Math.Log(b) + Math.Log(BetaContinuedFraction(b, a, y));
        return (Log1MExp(logUpper), logUpper);
    }

    /// <summary>Σₙ xⁿ Γ(a)/Γ(a + n + 1), the series of P(a, x) without its prefactor.</summary>
    private static double GammaSeries(double a, double x)
    {
        double term = 1 / a, sum = term;
        for (int n = 1; n < MaxTerms; n++)
        {
            term *= x / (a + n);
            sum += term;
            if (Math.Abs(term) < Math.Abs(sum) * Epsilon)
            {
                return sum;
            }
        }

        throw NotConverged("incomplete gamma series", a, x);
    }

    /// <summary>The continued fraction of Q(a, x) without its prefactor, by the modified Lentz method.</summary>
    private static double GammaContinuedFraction(double a, double x)
    {
        double b = x + 1 - a, c = 1 / Tiny, d = 1 / b, h = d;
        for (int i = 1; i < MaxTerms; i++)
        {
            b += 2;
            double delta = LentzStep(-i * (i - a), b, ref c, ref d);
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return h;
            }
        }

        throw NotConverged("incomplete gamma continued fraction", a, x);
    }

    /// <summary>The continued fraction of I_x(a, b) without its prefactor xᵃ yᵇ/(a B(a, b)), by the modified Lentz method.</summary>
    private static double BetaContinuedFraction(double a, double b, double x)
    {
        double qab = a + b, qap = a + 1, qam = a - 1;
        double c = 1, d = 1 - qab * x / qap;
        d = Math.Abs(d) < Tiny ? Tiny : d;
        d = 1 / d;
        double h = d;
        for (int m = 1; m < MaxTerms; m++)
        {
            int m2 = 2 * m;
            h *= LentzStep(m * (b - m) * x / ((qam + m2) * (a + m2)), 1, ref c, ref d);
            double delta = LentzStep(-(a + m) * (qab + m) * x / ((a + m2) * (qap + m2)), 1, ref c, ref d);
            h *= delta;
            if (Math.Abs(delta - 1) < Epsilon)
            {
                return h;
            }
        }

        throw NotConverged("incomplete beta continued fraction", a, x);
    }

    /// <summary>
    /// One step of the modified Lentz method for a continued fraction … + aₙ/(bₙ + …): D ← 1/(bₙ + aₙD),
    /// C ← bₙ + aₙ/C, each kept away from 0 by <see cref="Tiny"/>; returns Δ = C·D, the factor of the running value.
    /// </summary>
    private static double LentzStep(double an, double bn, ref double c, ref double d)
    {
        d = bn + an * d;
        d = Math.Abs(d) < Tiny ? Tiny : d;
        c = bn + an / c;
        c = Math.Abs(c) < Tiny ? Tiny : c;
        d = 1 / d;
        return d * c;
    }

    private static InvalidOperationException NotConverged(string what, double a, double x) =>
        new($"The {what} did not converge in {MaxTerms} terms (a = {a:G6}, x = {x:G6}).");
}
