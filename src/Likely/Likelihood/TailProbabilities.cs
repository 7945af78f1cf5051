using Likely.Numerics;

namespace Likely.Likelihood;

/// <summary>
/// The standard normal and χ² probabilities the interval and test code needs: Φ, its upper tail, its quantile, and the
/// χ² survival function for whole degrees of freedom (erfc and Φ themselves are <see cref="NormalTails"/>'s, the one
/// implementation). Kept here (not in <c>Distributions.SpecialFunctions</c>) so the
/// likelihood layer does not reach up into the families.
/// </summary>
internal static class TailProbabilities
{
    private const double Sqrt2 = 1.4142135623730950488;

    /// <summary>Φ(x), the standard normal distribution function, as ½ erfc(−x/√2) (accurate in the lower tail).</summary>
    public static double NormalCdf(double x) => NormalTails.NormalCdf(x);

    /// <summary>Φ⁻¹(p) for 0 &lt; p &lt; 1 (−∞ at 0, +∞ at 1): Acklam's rational approximation, then one Halley step on Φ.</summary>
    public static double NormalQuantile(double p)
    {
        if (double.IsNaN(p) || p < 0 || p > 1) return double.NaN;
        if (p == 0) return double.NegativeInfinity;
        if (p == 1) return double.PositiveInfinity;
        double[] a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00];
        double[] b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01, -1.328068155288572e+01];
        double[] c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00];
        double[] d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00];
        const double low = 0.02425;
        double x;
        if (p < low)
        {
            double q = Math.Sqrt(-2 * Math.Log(p));
            x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }
        else if (p <= 1 - low)
        {
            double q = p - 0.5, r = q * q;
            x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
        }
        else
        {
            double q = Math.Sqrt(-2 * Math.Log(1 - p));
            x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
        }

        // Halley's step on f(x) = Φ(x) − p (Acklam's refinement) takes the 1e-9 approximation to full precision.
        double error = p < 0.5 ? NormalCdf(x) - p : -(0.5 * NormalTails.Erfc(x / Sqrt2) - (1 - p));
        double u = error * Math.Sqrt(2 * Math.PI) * Math.Exp(0.5 * x * x);
        return x - u / (1 + 0.5 * x * u);
    }

    /// <summary>
    /// P(χ²ₖ ≥ x) for whole k ≥ 1, in closed form (Abramowitz and Stegun 26.4.4–5): for even k, e^(−x/2) Σ_{j&lt;k/2} (x/2)ʲ/j!;
    /// for odd k, erfc(√(x/2)) + e^(−x/2) Σ_{j=0}^{(k−3)/2} (x/2)^(j+½)/Γ(j + 3/2). 1 for x ≤ 0.
    /// </summary>
    public static double ChiSquareSurvival(double x, int degreesOfFreedom)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        if (double.IsNaN(x)) return double.NaN;
        if (x <= 0) return 1;
        if (double.IsPositiveInfinity(x)) return 0;
        double half = x / 2;
        if (degreesOfFreedom % 2 == 0)
        {
            double term = Math.Exp(-half), sum = term;
            for (int j = 1; j < degreesOfFreedom / 2; j++)
            {
                term *= half / j;
                sum += term;
            }

            return Math.Min(1, sum);
        }

        double result = NormalTails.Erfc(Math.Sqrt(half));
        if (degreesOfFreedom > 1)
        {
            double t = Math.Exp(-half) * Math.Sqrt(half) / (0.5 * Math.Sqrt(Math.PI)); // j = 0: (x/2)^½ / Γ(3/2)
            result += t;
            for (int j = 1; j <= (degreesOfFreedom - 3) / 2; j++)
            {
                t *= half / (j + 0.5);
                result += t;
            }
        }

        return Math.Min(1, result);
    }

    /// <summary>The level-quantile of χ²₁: (Φ⁻¹((1 + level)/2))², the cut-off of a likelihood-ratio interval for one parameter.</summary>
    public static double ChiSquareOneQuantile(double level)
    {
        double z = NormalQuantile(0.5 + 0.5 * level);
        return z * z;
    }
}
