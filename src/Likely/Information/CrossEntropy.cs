using System.Runtime.CompilerServices;
using Likely.Numerics;

namespace Likely.Information;

/// <summary>
/// Cross-entropy H(p, q) = −Σᵢ pᵢ log qᵢ: the average surprise of outcomes drawn from p when they are coded or predicted
/// with the model q. Training a classifier by minimizing it is maximum-likelihood estimation.
/// </summary>
/// <remarks>
/// H(p, q) = H(p) + D(p‖q) ≥ H(p), with equality when q = p. Special values: terms with pᵢ = 0 contribute 0 whatever qᵢ
/// (0 log 0 = 0); H(p, q) = +∞ when some qᵢ = 0 &lt; pᵢ (the model calls an observed outcome impossible).
/// For cross-entropy losses over logits and class labels see <c>Likely.Losses</c>.
/// </remarks>
public static class CrossEntropy
{
    /// <summary>H(p, q) = −Σᵢ pᵢ log qᵢ, +∞ where some qᵢ = 0 &lt; pᵢ.</summary>
    /// <param name="p">The true or empirical distribution (n ≥ 1 entries, finite, ≥ 0, summing to 1 within 1e-9).</param>
    /// <param name="q">The model distribution over the same n outcomes, in the same order.</param>
    /// <param name="logBase">The unit: nats (default), bits, hartleys or any base.</param>
    /// <param name="normalize">Rescale p and q to sum to 1 first (SciPy's convention) instead of requiring it.</param>
    /// <returns>H(p, q) in the chosen unit, in [H(p), +∞].</returns>
    /// <exception cref="ArgumentException">An empty vector, a length mismatch, a negative, NaN or infinite entry,
    /// or (without normalize) a vector that does not sum to 1.</exception>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q, LogBase logBase = default, bool normalize = false) =>
        logBase.FromNats(0 - ProbabilityKernel.Binary<Term>(p, q, normalize));

    /// <summary>H(p, q) = −Σᵢ pᵢ log qᵢ for float32 vectors, computed and returned in float64 (sums 1 within 1e-6).</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, ReadOnlySpan{double}, LogBase, bool)"/>
    public static double Compute(ReadOnlySpan<float> p, ReadOnlySpan<float> q, LogBase logBase = default, bool normalize = false) =>
        logBase.FromNats(0 - ProbabilityKernel.Binary<Term>(p, q, normalize));

    /// <summary>The scalar reference in nats, with no validation: the oracle for the vector kernel.</summary>
    internal static double ComputeScalar(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sum += Term.Apply(p[i], q[i]);
        }

        return 0 - sum;
    }

    /// <summary>f(p, q) = p log q, 0 when p = 0, −∞ when q = 0 &lt; p.</summary>
    internal readonly struct Term : IBinaryReductionTerm<Term>
    {
        public static double Apply(double p, double q) => p > 0 ? p * Math.Log(q) : 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TLanes, TVector>(TVector p, TVector q)
            where TLanes : struct, IDoubleLanes<TVector>
            where TVector : struct =>
            VectorLog.WeightedLog<TLanes, TVector>(p, q);

        // Ordinary: q normal and p valid (+0 or positive, finite); p = 0 gives 0·log q = 0 with no select.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryApplyOrdinary<TLanes, TVector>(TVector p, TVector q, out TVector value)
            where TLanes : struct, IDoubleLanes<TVector>
            where TVector : struct
        {
            value = TLanes.Multiply(p, VectorLog.LogOfNormal<TLanes, TVector>(q));
            return VectorLog.IsNormal<TLanes, TVector>(q) && TLanes.AllValid(p);
        }
    }
}
