namespace Likely.Numerics;

/// <summary>
/// The one implementation of the error function's tails and the standard normal's: erfc(x) = 1 − erf(x) =
/// (2/√π)∫ₓ^∞ e^(−t²) dt, erf, Φ(z) = ½ erfc(−z/√2), and ln Φ(z), ln(1 − Φ(z)) that stay finite however far out.
/// The likelihood code (intervals, χ² tails), the families (normal, log-normal) and the GELU's double reference all
/// take them from here.
/// </summary>
/// <remarks>
/// <para>For x ≥ 0: the Maclaurin series of erf while x² &lt; 1.5 (erfc ≥ 0.08 there, so 1 − erf loses at most one
/// digit), else erfc(x) = e^(−x²)·x/√π·h with h the continued fraction of the upper incomplete gamma function Q(½, x²)
/// (modified Lentz, to 1e-16). e^(−x²) is formed as e^(−h²)·e^(−(x − h)(x + h)) with h = x rounded down to 1/128, whose
/// square is exact, so the argument's rounding (x²·ε, 1e-13 at x = 27) does not enter; the log form adds the two
/// exponents instead and never underflows. For x &lt; 0, erfc(x) = 2 − erfc(−x).</para>
/// <para>Relative accuracy about 1e-15 over the whole range (checked against SciPy's erfc, ndtr and log_ndtr down to
/// erfc ≈ 1e-300 and ln Φ ≈ −8e8). Special values: NaN gives NaN; erfc(+∞) = 0, erfc(−∞) = 2.</para>
/// </remarks>
internal static class NormalTails
{
    private const double InverseSqrtPi = 0.56418958354775628695;
    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double LogInverseSqrtPi = -0.57236494292470008707;
    private const double Ln2 = 0.69314718055994530942;

    /// <summary>erfc(x) = 1 − erf(x), relative accuracy in the upper tail (0 only where it underflows, x &gt; 26.5).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return 2 - Erfc(-x);
        if (x * x < 1.5) return 1 - ErfSeries(x);
        if (x > 27) return 0; // below the smallest subnormal
        (double exponent, double factor) = UpperTail(x);
        return Math.Exp(exponent) * factor;
    }

    /// <summary>ln erfc(x) for x ≥ 0, finite for every finite x (≈ −x² − ln(x√π) far out); for x &lt; 0, ln(2 − erfc(−x)).</summary>
    public static double LogErfc(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x < 0) return Math.Log(2 - Erfc(-x));
        if (x * x < 1.5) return Math.Log(1 - ErfSeries(x));
        if (double.IsPositiveInfinity(x)) return double.NegativeInfinity;
        (double exponent, double factor) = UpperTail(x);
        return exponent + Math.Log(factor);
    }

    /// <summary>erf(x), relative accuracy near 0 too (the series, not 1 − erfc, while x² &lt; 1.5).</summary>
    public static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        if (x * x < 1.5) return ErfSeries(x);
        return Math.Sign(x) * (1 - Erfc(Math.Abs(x)));
    }

    /// <summary>Φ(z) = ½ erfc(−z/√2), the standard normal distribution function, accurate in the lower tail.</summary>
    public static double NormalCdf(double z) => 0.5 * Erfc(-z * InverseSqrt2);

    /// <summary>
    /// (ln Φ(z), ln(1 − Φ(z))): the far tail as ln(½ erfc(|z|/√2)) from <see cref="LogErfc"/>, the near one as
    /// log1mexp of it, so both stay accurate and finite for any finite z; NaN gives (NaN, NaN).
    /// </summary>
    public static (double LogLower, double LogUpper) LogNormalTails(double z)
    {
        if (double.IsNaN(z)) return (double.NaN, double.NaN);
        double logFar = LogErfc(Math.Abs(z) * InverseSqrt2) - Ln2;
        double logNear = Log1P(-Math.Exp(logFar)); // the far tail is at most ½, so this is log1mexp's accurate branch
        return z < 0 ? (logFar, logNear) : (logNear, logFar);
    }

    /// <summary>ln(1 + u) for u ≥ −½, to a few ulps: ln(w)·u/(w − 1) with w = 1 + u (Goldberg's correction of the rounding in w).</summary>
    private static double Log1P(double u)
    {
        double w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }

    /// <summary>erf(x) = (2/√π) Σₙ (−1)ⁿ x^(2n+1) / (n!(2n + 1)), for x² &lt; 1.5.</summary>
    private static double ErfSeries(double x)
    {
        double x2 = x * x, term = x, sum = x;
        for (int n = 1; n < 100; n++)
        {
            term *= -x2 / n;
            double next = term / (2 * n + 1);
            sum += next;
            if (Math.Abs(next) < 1e-17 * Math.Abs(sum)) break;
        }

        return 2 * InverseSqrtPi * sum;
    }

    /// <summary>
    /// erfc(x) for x² ≥ 1.5 as e^exponent · factor, exponent = −x² (formed exactly, see the remarks) and factor =
    /// x/√π · 1/(x² + 1 − a − 1·(1 − a)/(x² + 3 − a − 2·(2 − a)/(x² + 5 − a − …))), a = ½ (Lentz).
    /// </summary>
    private static (double Exponent, double Factor) UpperTail(double x)
    {
        double x2 = x * x;
        const double a = 0.5, tiny = 1e-300;
        double b = x2 + 1 - a, c = 1 / tiny, d = 1 / b, h = d;
        for (int i = 1; i < 300; i++)
        {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            if (Math.Abs(d) < tiny) d = tiny;
            c = b + an / c;
            if (Math.Abs(c) < tiny) c = tiny;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.Abs(delta - 1) < 1e-16) break;
        }

        // −x² = −hi² − (x − hi)(x + hi): hi has 7 fraction bits, so hi² is exact for x below 2²³, and x − hi is exact.
        double hi = x < 8388608 ? Math.Floor(x * 128) / 128 : x;
        double exponent = -(hi * hi) - (x - hi) * (x + hi);
        return (exponent, x * InverseSqrtPi * h);
    }
}
