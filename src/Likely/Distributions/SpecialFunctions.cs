namespace Likely.Distributions;

/// <summary>
/// Log-gamma, digamma and trigamma for positive arguments, as the distributions need them
/// (.NET has no lgamma). Accuracy about 1e-14 relative over x &gt; 0 (checked against SciPy in the tests).
/// </summary>
internal static partial class SpecialFunctions
{
    private const double HalfLogTwoPi = 0.91893853320467274178;

    // Lanczos approximation, g = 7, n = 9 (Numerical Recipes / Godfrey coefficients).
    private static readonly double[] Lanczos =
    [
        0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
        -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
        1.5056327351493116e-7,
    ];

    /// <summary>ln Γ(x) for x &gt; 0.</summary>
    public static double LogGamma(double x)
    {
        if (x >= 10)
        {
            // Stirling series: (x − ½) ln x − x + ½ ln 2π + 1/(12x) − 1/(360x³) + 1/(1260x⁵) − 1/(1680x⁷) + 1/(1188x⁹).
            double inverse = 1 / x, inverse2 = inverse * inverse;
            double series = inverse * (1.0 / 12 - inverse2 * (1.0 / 360 - inverse2 * (1.0 / 1260 - inverse2 * (1.0 / 1680 - inverse2 / 1188))));
            return (x - 0.5) * Math.Log(x) - x + HalfLogTwoPi + series;
        }

        if (x < 0.5)
        {
            // ln Γ(x) = ln Γ(x + 1) − ln x keeps the Lanczos sum in its accurate range.
            return LogGamma(x + 1) - Math.Log(x);
        }

        double z = x - 1;
        double sum = Lanczos[0];
        for (int i = 1; i < Lanczos.Length; i++)
        {
            sum += Lanczos[i] / (z + i);
        }

        double t = z + 7.5;
        return HalfLogTwoPi + (z + 0.5) * Math.Log(t) - t + Math.Log(sum);
    }

    /// <summary>ψ(x) = d ln Γ(x)/dx for x &gt; 0.</summary>
    public static double Digamma(double x)
    {
        double result = 0;
        while (x < 10)
        {
            result -= 1 / x; // ψ(x) = ψ(x + 1) − 1/x
            x += 1;
        }

        double inverse = 1 / x, inverse2 = inverse * inverse;
        // ψ(x) ~ ln x − 1/(2x) − Σ B₂ₖ/(2k x²ᵏ), k = 1…6; from x ≥ 10 the first omitted term is below 1e-15.
        double series = inverse2 * (1.0 / 12 - inverse2 * (1.0 / 120 - inverse2 * (1.0 / 252 - inverse2 * (1.0 / 240 - inverse2 * (1.0 / 132 - inverse2 * 691.0 / 32760)))));
        return result + Math.Log(x) - 0.5 * inverse - series;
    }

    /// <summary>ψ′(x) = d² ln Γ(x)/dx² for x &gt; 0.</summary>
    public static double Trigamma(double x)
    {
        double result = 0;
        while (x < 15)
        {
            result += 1 / (x * x); // ψ′(x) = ψ′(x + 1) + 1/x²
            x += 1;
        }

        double inverse = 1 / x, inverse2 = inverse * inverse;
        // ψ′(x) ~ 1/x + 1/(2x²) + Σ B₂ₖ/x²ᵏ⁺¹, k = 1…6; from x ≥ 15 the first omitted term is below 1e-17.
        double series = inverse * (1 + inverse * (0.5 + inverse * (1.0 / 6 - inverse2 * (1.0 / 30 - inverse2 * (1.0 / 42 - inverse2 * (1.0 / 30 - inverse2 * (5.0 / 66 - inverse2 * 691.0 / 2730)))))));
        return result + series;
    }

    /// <summary>ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b) for a, b &gt; 0.</summary>
    public static double LogBeta(double a, double b) => LogGamma(a) + LogGamma(b) - LogGamma(a + b);

    /// <summary>ln k! for k ≥ 0.</summary>
    public static double LogFactorial(double k) => LogGamma(k + 1);
}
