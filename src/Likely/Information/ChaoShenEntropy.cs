namespace Likely.Information;

/// <summary>
/// The Chao–Shen coverage-adjusted entropy (Chao &amp; Shen 2003, Environ. Ecol. Stat. 10:429–443), in nats:
/// Ĉ = 1 − f₁/N, p̃ᵢ = Ĉ·nᵢ/N, Ĥ_CS = −Σᵢ p̃ᵢ ln p̃ᵢ / (1 − (1 − p̃ᵢ)^N), over the non-zero counts.
/// </summary>
/// <remarks>
/// f₁ is the number of singletons (categories seen once). When every observation is a singleton (f₁ = N) the coverage
/// would be 0 and every p̃ᵢ = 0, so f₁ is taken as N − 1, as the R package <c>entropy</c> (entropy.ChaoShen) does.
/// One observed category gives 0 (p̃ = 1, weight 1).
/// </remarks>
internal static class ChaoShenEntropy
{
    /// <summary>Ĥ_CS in nats, given the counts, their total N &gt; 0 and the number of singletons f₁.</summary>
    public static double Nats(ReadOnlySpan<long> counts, double total, long singletons)
    {
        double f1 = singletons == (long)total ? total - 1 : singletons;
        double coverage = 1 - f1 / total;
        double sum = 0;
        foreach (long n in counts)
        {
            if (n == 0) continue;
            double p = coverage * n / total;
            // 1 − (1 − p)^N as −expm1(N·log1p(−p)): the direct form loses every digit when p·N is small, and
            // (1 − p)^N with p = 1 is 0, which log1p(−1) = −∞ and exp(−∞) = 0 reproduce.
            double seen = -ExpMinusOne(total * LogOnePlus(-p));
            sum -= p * Math.Log(p) / seen;
        }

        return Math.Max(0, sum);
    }

    /// <summary>
    /// eˣ − 1 without cancellation near 0 (Kahan's trick: (u − 1)·x / ln u with u = eˣ cancels the rounding of u;
    /// .NET's double.ExpM1 is Exp(x) − 1).
    /// </summary>
    internal static double ExpMinusOne(double x)
    {
        double u = Math.Exp(x);
        if (u == 1) return x;
        double um1 = u - 1;
        return um1 == -1 ? -1 : um1 * x / Math.Log(u);
    }

    /// <summary>ln(1 + x) without cancellation near 0 (Goldberg's trick: ln u · x / (u − 1) with u = 1 + x), −∞ at x = −1.</summary>
    internal static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
