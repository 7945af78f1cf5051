using System.Runtime.CompilerServices;
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

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TLanes, TVector>(TVector p, TVector q)
            where TLanes : struct, IDoubleLanes<TVector>
            where TVector : struct
        {
            TVector half = TLanes.Broadcast(0.5);
            TVector m = TLanes.Multiply(half, TLanes.Add(p, q));
            TVector fromP = VectorLog.WeightedLog<TLanes, TVector>(p, TLanes.Divide(p, m));
            TVector fromQ = VectorLog.WeightedLog<TLanes, TVector>(q, TLanes.Divide(q, m));
            return TLanes.Multiply(half, TLanes.Add(fromP, fromQ));
        }

        // Ordinary: p and q valid, and each ratio to m normal or its weight 0 (then the ratio is replaced by 1, whose log
        // is exactly 0); p = q = 0 gives 0 on both halves.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryApplyOrdinary<TLanes, TVector>(TVector p, TVector q, out TVector value)
            where TLanes : struct, IDoubleLanes<TVector>
            where TVector : struct
        {
            TVector half = TLanes.Broadcast(0.5);
            TVector m = TLanes.Multiply(half, TLanes.Add(p, q));
            TVector ratioP = VectorLog.RatioOrOne<TLanes, TVector>(p, m);
            TVector ratioQ = VectorLog.RatioOrOne<TLanes, TVector>(q, m);
            TVector fromP = TLanes.Multiply(p, VectorLog.LogOfNormal<TLanes, TVector>(ratioP));
            TVector fromQ = TLanes.Multiply(q, VectorLog.LogOfNormal<TLanes, TVector>(ratioQ));
            value = TLanes.Multiply(half, TLanes.Add(fromP, fromQ));
            return VectorLog.IsNormal<TLanes, TVector>(ratioP) && VectorLog.IsNormal<TLanes, TVector>(ratioQ)
                && TLanes.AllValid(p) && TLanes.AllValid(q);
        }
    }
}
