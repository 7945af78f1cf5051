using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// A fast float32 e^x for x ≤ 0, the only range a max-shifted softmax needs: e^(z − max z) ∈ [0, 1].
/// </summary>
/// <remarks>
/// Cody–Waite reduction x = n·ln 2 + r with |r| ≤ ln 2 / 2, then Cephes' <c>expf</c> minimax polynomial for e^r
/// (relative error about 1 ulp over the range), then 2^n by adding n to the exponent bits.
/// Inputs below −87.33 (where e^x leaves the normal float range), including −∞, give exactly 0: a masked class
/// must get probability 0, not a denormal. Inputs must not be NaN or positive; the callers guarantee it because the
/// row maximum is finite and subtracted first. Measured against <c>TensorPrimitives.Exp</c> in LossesBenchmarks.
/// </remarks>
internal static class VectorExp
{
    private const float Log2E = 1.44269504088896341f;
    private const float Ln2High = 0.693359375f;
    private const float Ln2Low = -2.12194440e-4f;
    private const float RoundingShift = 12582912f; // 1.5·2^23: adding it rounds a float in (−2^22, 2^22) to an integer.
    private const float Lowest = -87.33654f;        // ln(2^−126): below this e^x is not a normal float.

    /// <summary>e^x lane by lane for x ≤ 0 (x may be −∞; not NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> NonPositive(Vector256<float> x)
    {
        Vector256<float> underflow = Vector256.LessThan(x, Vector256.Create(Lowest));
        x = Vector256.MaxNative(x, Vector256.Create(Lowest));
        Vector256<float> shifted = Vector256.FusedMultiplyAdd(x, Vector256.Create(Log2E), Vector256.Create(RoundingShift));
        Vector256<float> n = shifted - Vector256.Create(RoundingShift);
        Vector256<float> r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2High), x);
        r = Vector256.FusedMultiplyAdd(n, Vector256.Create(-Ln2Low), r);

        Vector256<float> p = Vector256.Create(1.9875691500E-4f);
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.3981999507E-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(8.3334519073E-3f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(4.1665795894E-2f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(1.6666665459E-1f));
        p = Vector256.FusedMultiplyAdd(p, r, Vector256.Create(5.0000001201E-1f));
        p = Vector256.FusedMultiplyAdd(p, r * r, r + Vector256<float>.One);

        // The low bits of 'shifted' hold n (two's complement, offset by the shift's mantissa); move n into the exponent.
        Vector256<int> exponent = Vector256.ShiftLeft(shifted.AsInt32(), 23);
        Vector256<float> result = (p.AsInt32() + exponent).AsSingle();
        return Vector256.AndNot(result, underflow);
    }

    /// <summary>Scalar twin of <see cref="NonPositive(Vector256{float})"/> for row tails, so a row's lanes and tail agree.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float NonPositive(float x)
    {
        if (x < Lowest)
        {
            return 0f;
        }

        float shifted = MathF.FusedMultiplyAdd(x, Log2E, RoundingShift);
        float n = shifted - RoundingShift;
        float r = MathF.FusedMultiplyAdd(n, -Ln2High, x);
        r = MathF.FusedMultiplyAdd(n, -Ln2Low, r);
        float p = 1.9875691500E-4f;
        p = MathF.FusedMultiplyAdd(p, r, 1.3981999507E-3f);
        p = MathF.FusedMultiplyAdd(p, r, 8.3334519073E-3f);
        p = MathF.FusedMultiplyAdd(p, r, 4.1665795894E-2f);
        p = MathF.FusedMultiplyAdd(p, r, 1.6666665459E-1f);
        p = MathF.FusedMultiplyAdd(p, r, 5.0000001201E-1f);
        p = MathF.FusedMultiplyAdd(p, r * r, r + 1f);
        int exponent = BitConverter.SingleToInt32Bits(shifted) << 23;
        return BitConverter.Int32BitsToSingle(BitConverter.SingleToInt32Bits(p) + exponent);
    }
}
