using System.Runtime.CompilerServices;
using Likely.Numerics;

namespace Likely.Information;

/// <summary>
/// Kullback–Leibler divergence (KL, relative entropy) D(p‖q) = Σᵢ pᵢ log(pᵢ / qᵢ): the extra surprise, on average over
/// outcomes drawn from p, of predicting them with q instead of p.
/// </summary>
/// <remarks>
/// D(p‖q) = H(p, q) − H(p) ≥ 0 (Gibbs' inequality), with equality exactly when q = p; it is not symmetric.
/// Special values: terms with pᵢ = 0 contribute 0; D(p‖q) = +∞ when some qᵢ = 0 &lt; pᵢ (documented, not an exception).
/// Each term is computed as pᵢ log(pᵢ / qᵢ) (as SciPy's <c>rel_entr</c>), which stays accurate when pᵢ ≈ qᵢ.
/// The argument order follows the notation: <c>Compute(p, q)</c> is D(p‖q).
/// </remarks>
public static class KullbackLeiblerDivergence
{
    /// <summary>D(p‖q) = Σᵢ pᵢ log(pᵢ / qᵢ), +∞ where some qᵢ = 0 &lt; pᵢ.</summary>
    /// <param name="p">The true or empirical distribution (n ≥ 1 entries, finite, ≥ 0, summing to 1 within 1e-9).</param>
    /// <param name="q">The model distribution over the same n outcomes, in the same order.</param>
    /// <param name="logBase">The unit: nats (default), bits, hartleys or any base.</param>
    /// <param name="normalize">Rescale p and q to sum to 1 first (SciPy's convention) instead of requiring it.</param>
    /// <returns>D(p‖q) in the chosen unit, in [0, +∞].</returns>
    /// <exception cref="ArgumentException">An empty vector, a length mismatch, a negative, NaN or infinite entry,
    /// or (without normalize) a vector that does not sum to 1.</exception>
    public static double Compute(ReadOnlySpan<double> p, ReadOnlySpan<double> q, LogBase logBase = default, bool normalize = false) =>
        logBase.FromNats(ProbabilityKernel.Binary<Term>(p, q, normalize));

    /// <summary>D(p‖q) = Σᵢ pᵢ log(pᵢ / qᵢ) for float32 vectors, computed and returned in float64 (sums 1 within 1e-6).</summary>
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

    /// <summary>f(p, q) = p log(p / q), 0 when p = 0, +∞ when q = 0 &lt; p.</summary>
    internal readonly struct Term : IBinaryReductionTerm<Term>
    {
        public static double Apply(double p, double q) => p > 0 ? p * Math.Log(p / q) : 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TLanes, TVector>(TVector p, TVector q)
            where TLanes : struct, IDoubleLanes<TVector>
            where TVector : struct =>
            VectorLog.WeightedLog<TLanes, TVector>(p, TLanes.Divide(p, q));

        // Ordinary: p and q valid, and p / q normal or p = 0 (then the ratio is replaced by 1, whose log is exactly 0,
        // so 0·log(0/q) = 0 needs no select, whatever q).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryApplyOrdinary<TLanes, TVector>(TVector p, TVector q, out TVector value)
            where TLanes : struct, IDoubleLanes<TVector>
            where TVector : struct
        {
            TVector ratio = VectorLog.RatioOrOne<TLanes, TVector>(p, q);
            value = TLanes.Multiply(p, VectorLog.LogOfNormal<TLanes, TVector>(ratio));
            return VectorLog.IsNormal<TLanes, TVector>(ratio) && TLanes.AllValid(p) && TLanes.AllValid(q);
        }
    }
}
