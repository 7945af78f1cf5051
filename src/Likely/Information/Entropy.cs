using System.Runtime.CompilerServices;
using Likely.Numerics;

namespace Likely.Information;

/// <summary>
/// Shannon entropy H(p) = −Σᵢ pᵢ log pᵢ of a probability vector p: the average surprise −log pᵢ of an outcome drawn from p.
/// </summary>
/// <remarks>
/// Special values: 0 log 0 = 0 (the limit of x log x as x → 0⁺), so zero entries add nothing; a one-hot p has H = 0;
/// the uniform p over n outcomes has H = log n, the maximum, so 0 ≤ H(p) ≤ log n. Units follow the base:
/// nats by default, bits with <see cref="LogBase.Bits"/>. For entropy estimated from counts see <see cref="CountEntropy"/>.
/// </remarks>
public static class Entropy
{
    /// <summary>H(p) = −Σᵢ pᵢ log pᵢ, with 0 log 0 = 0.</summary>
    /// <param name="p">A probability vector (n ≥ 1 entries, each finite and ≥ 0, summing to 1 within 1e-9), or any
    /// non-negative weights when <paramref name="normalize"/> is true.</param>
    /// <param name="logBase">The unit: nats (default), bits, hartleys or any base.</param>
    /// <param name="normalize">Rescale p to p / Σ p first (SciPy's convention) instead of requiring Σ p = 1.</param>
    /// <returns>H(p) in the chosen unit, in [0, log n].</returns>
    /// <exception cref="ArgumentException">p is empty, has a negative, NaN or infinite entry, or (without normalize) does not sum to 1.</exception>
    public static double Compute(ReadOnlySpan<double> p, LogBase logBase = default, bool normalize = false) =>
        logBase.FromNats(0 - ProbabilityKernel.Unary<Term>(p, normalize));

    /// <summary>H(p) = −Σᵢ pᵢ log pᵢ for float32 probabilities, computed and returned in float64 (Σ p = 1 within 1e-6).</summary>
    /// <inheritdoc cref="Compute(ReadOnlySpan{double}, LogBase, bool)"/>
    public static double Compute(ReadOnlySpan<float> p, LogBase logBase = default, bool normalize = false) =>
        logBase.FromNats(0 - ProbabilityKernel.Unary<Term>(p, normalize));

    /// <summary>The scalar reference in nats, with no validation: the oracle for the vector kernel.</summary>
    internal static double ComputeScalar(ReadOnlySpan<double> p)
    {
        double sum = 0;
        foreach (double x in p)
        {
            sum += Term.Apply(x);
        }

        return 0 - sum;
    }

    /// <summary>f(x) = x log x, with 0 log 0 = 0.</summary>
    internal readonly struct Term : IUnaryReductionTerm<Term>
    {
        public static double Apply(double x) => x > 0 ? x * Math.Log(x) : 0;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static TVector Apply<TLanes, TVector>(TVector x)
            where TLanes : struct, IDoubleLanes<TVector>
            where TVector : struct =>
            VectorLog.WeightedLog<TLanes, TVector>(x, x);

        // Ordinary: x normal, or +0. The log of +0 on the fast path is finite (−1023·ln 2), so 0·log 0 = 0 needs no select.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryApplyOrdinary<TLanes, TVector>(TVector x, out TVector value)
            where TLanes : struct, IDoubleLanes<TVector>
            where TVector : struct
        {
            value = TLanes.Multiply(x, VectorLog.LogOfNormal<TLanes, TVector>(x));
            return TLanes.AllZeroOrNormal(x);
        }
    }
}
