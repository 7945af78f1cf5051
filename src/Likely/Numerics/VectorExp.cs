using System.Runtime.CompilerServices;

namespace Likely.Numerics;

/// <summary>
/// A fast float32 e^x for x ≤ 0, the only range a max-shifted softmax needs: e^(z − max z) ∈ [0, 1].
/// </summary>
/// <remarks>
/// e^x = 2^y with y = x·log₂e = n + f, n = round(y), f ∈ [−½, ½]; 2^f by a degree-6 polynomial fitted for minimum
/// relative error (&lt; 1 ulp on [−½, ½]; coefficients from bench/fit_exp2_polynomial.py), and 2^n
/// by adding n to the exponent bits. f comes from one fused multiply-add, so the only error beyond the polynomial's is
/// log₂e rounded to float: relative error ≤ 2e−6 at x = −87, ≤ 3e−8·|x| + 1 ulp in general — far below what a float
/// softmax or its gradient resolves. On the 128-bit path of a CPU without FMA (x86-64 below AVX2) the multiply-adds
/// round twice, so x·log₂e is rounded before n is taken off: ≤ 9e−8·|x| + 2 ulp (tested on that path in CI).
/// Written once for every width (<see cref="IFloatLanes{TVector}"/>). About 17 vector operations per vector, against about 23 for Cody–Waite reduction
/// with Cephes' polynomial, which this replaced: 15.5 µs against 20.9 µs per 16 384 values in a one-off Stopwatch
/// harness on the project machine; ExpBenchmarks compares it with TensorPrimitives.Exp on every path.
/// Inputs below −87 (e^x &lt; 1.7e−38, the edge of the normal floats), including −∞, give exactly 0: a masked class
/// must get probability 0. Inputs must not be NaN (the result is then undefined; callers that can see NaN select it back)
/// and should not be positive: the softmax callers subtract a finite row maximum; small positive rounding residues
/// (the activations' e^(P(t) − z²) at z = 0) are exact to the same bound.
/// </remarks>
internal static class VectorExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float RoundingShift = 12582912f; // 1.5·2^23: adding it rounds a float in (−2^22, 2^22) to an integer.
    private const float Lowest = -87f;

    // 2^f ≈ 1 + f·(C1 + f·(C2 + f·(C3 + f·(C4 + f·(C5 + f·C6))))) on [−½, ½].
    private const float C1 = 0.6931471824645996f;
    private const float C2 = 0.24022647738456726f;
    private const float C3 = 0.055503323674201965f;
    private const float C4 = 0.00961843691766262f;
    private const float C5 = 0.0013398875016719103f;
    private const float C6 = 0.00015353360504377633f;

    /// <summary>e^x lane by lane for x ≤ 0 (x may be −∞; not NaN), at the width of <typeparamref name="TLanes"/>.</summary>
    /// <remarks>On the 256- and 512-bit paths every step is a fused multiply-add, so each lane equals
    /// <see cref="NonPositive(float)"/> bit for bit; on the 128-bit path a CPU without FMA rounds the products
    /// separately (about 1 ulp more, within the documented bound).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector NonPositive<TLanes, TVector>(TVector x)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        TVector underflow = TLanes.LessThan(x, TLanes.Broadcast(Lowest));
        TVector shifted = TLanes.MultiplyAdd(x, TLanes.Broadcast(Log2E), TLanes.Broadcast(RoundingShift));
        TVector n = TLanes.Subtract(shifted, TLanes.Broadcast(RoundingShift));
        TVector f = TLanes.MultiplyAdd(x, TLanes.Broadcast(Log2E), TLanes.Subtract(TLanes.Zero, n));

        TVector p = TLanes.MultiplyAdd(TLanes.Broadcast(C6), f, TLanes.Broadcast(C5));
        p = TLanes.MultiplyAdd(p, f, TLanes.Broadcast(C4));
        p = TLanes.MultiplyAdd(p, f, TLanes.Broadcast(C3));
        p = TLanes.MultiplyAdd(p, f, TLanes.Broadcast(C2));
        p = TLanes.MultiplyAdd(p, f, TLanes.Broadcast(C1));
        p = TLanes.MultiplyAdd(p, f, TLanes.Broadcast(1f));

        // The low bits of 'shifted' hold n in two's complement; shifting left by 23 drops the rest and places n in
        // the exponent field. Lanes below −87 (where n would leave the normal range, or x = −∞ made f NaN) become 0.
        return TLanes.AndNot(TLanes.AddToExponent(p, shifted), underflow);
    }

    /// <summary>Scalar twin of <see cref="NonPositive{TLanes, TVector}(TVector)"/> for the scalar path, bit-identical to a lane of the 256- and 512-bit paths.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float NonPositive(float x)
    {
        if (!(x >= Lowest))
        {
            return 0f;
        }

        float shifted = MathF.FusedMultiplyAdd(x, Log2E, RoundingShift);
        float n = shifted - RoundingShift;
        float f = MathF.FusedMultiplyAdd(x, Log2E, -n);
        float p = MathF.FusedMultiplyAdd(C6, f, C5);
        p = MathF.FusedMultiplyAdd(p, f, C4);
        p = MathF.FusedMultiplyAdd(p, f, C3);
        p = MathF.FusedMultiplyAdd(p, f, C2);
        p = MathF.FusedMultiplyAdd(p, f, C1);
        p = MathF.FusedMultiplyAdd(p, f, 1f);
        int exponent = BitConverter.SingleToInt32Bits(shifted) << 23;
        return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(p) + exponent);
    }
}
