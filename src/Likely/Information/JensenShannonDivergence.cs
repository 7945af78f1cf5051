using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Information;

/// <summary>
/// Jensen–Shannon divergence JS(p, q) = ½ D(p‖m) + ½ D(q‖m) with the mixture m = ½(p + q): a symmetric, always finite
/// smoothing of the Kullback–Leibler divergence.
/// </summary>
/// <remarks>
/// 0 ≤ JS(p, q) ≤ log 2 (1 bit), JS(p, q) = JS(q, p), and JS = 0 exactly when p = q; it reaches log 2 when p and q have
/// disjoint supports. Terms with pᵢ = 0 (or qᵢ = 0) contribute 0 to their half. This is the divergence itself;
/// SciPy's <c>scipy.spatial.distance.jensenshannon</c> returns its square root, the Jensen–Shannon distance.
/// </remarks>
public static class JensenShannonDivergence
{
    /// <summary>JS(p, q) = ½ Σᵢ [pᵢ log(2pᵢ / (pᵢ + qᵢ)) + qᵢ log(2qᵢ / (pᵢ + qᵢ))].</summary>
    /// <param name="p">A probability vector (n ≥ 1 entries, finite, ≥ 0, summing to 1 within 1e-9).</param>
    /// <param name="q">A probability vector over the same n outcomes, in the same order.</param>
    /// <param name="logBase">The unit: nats (default), bits, hartleys or any base.</param>
    /// <param name="normalize">Rescale p and q to sum to 1 first (SciPy's convention) instead of requiring it.</param>
    /// <returns>JS(p, q) in the chosen unit, in [0, log 2].</returns>
    /// <exception cref="ArgumentException">An empty vector, a length mismatch, a negative, NaN or infinite entry,
    /// or (without normalize) a vector that does not sum to 1.</exception>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q, LogBase logBase = default, bool normalize = false) =>
        logBase.FromNats(ProbabilityKernel.Binary<Term>(p, q, normalize));

    /// <summary>JS(p, q) for float32 vectors, computed and returned in float64 (sums 1 within 1e-6).</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, LogBase, bool)"/>
    public static double Compute(ReadOnlySpan<float> p, ReadOnlySpan<float> q, LogBase logBase = default, bool normalize = false) =>
        logBase.FromNats(ProbabilityKernel.Binary<Term>(p, q, normalize));

    /// <summary>The scalar reference in nats, with no validation: the oracle for the vector kernel.</summary>
    internal static double ComputeScalar(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sum += Term.Apply(p[i], q[i]);
        }

        return sum;
    }

    /// <summary>f(p, q) = ½[p log(p / m) + q log(q / m)] with m = ½(p + q), each half 0 when its weight is 0.</summary>
    internal readonly struct Term : IBinaryReductionTerm<Term>
    {
        public static double Apply(double p, double q)
        {
            double m = 0.5 * (p + q);
            return 0.5 * ((p > 0 ? p * Math.Log(p / m) : 0) + (q > 0 ? q * Math.Log(q / m) : 0));
        }

        public static Vector256<double> Apply(Vector256<double> p, Vector256<double> q)
        {
            Vector256<double> half = Vector256.Create(0.5), zero = Vector256<double>.Zero;
            Vector256<double> m = half * (p + q);
            // The two logs are independent: compute them interleaved.
            VectorLog.Log(p / m, q / m, out Vector256<double> logP, out Vector256<double> logQ);
            Vector256<double> fromP = Vector256.ConditionalSelect(Vector256.GreaterThan(p, zero), p * logP, zero);
            Vector256<double> fromQ = Vector256.ConditionalSelect(Vector256.GreaterThan(q, zero), q * logQ, zero);
            return half * (fromP + fromQ);
        }
    }
}
