using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// The natural logarithm of four float64 values at once, accurate to about 1 ulp (the fdlibm algorithm), for CPUs with
/// AVX2 but no AVX-512.
/// </summary>
/// <remarks>
/// Why not <see cref="Vector256.Log(Vector256{double})"/>: on AVX2-only CPUs (such as the AMD EPYC this project is measured
/// on) .NET 10 falls back to a slow path there and it ran slower than a scalar <see cref="Math.Log(double)"/> loop
/// (15 ms vs 10 ms per million entries); this version took 6.2 ms on an idle core, and less when two are interleaved
/// (see docs/BENCHMARKS.md).
/// Method (fdlibm e_log.c): x = 2^k·m with m in [√2/2, √2), f = m − 1, s = f / (2 + f);
/// log x = k·ln 2 + f − f²/2 + s·(f²/2 + R(s²)) with a degree-7 minimax polynomial R (error below 2^-58).
/// Special values as <see cref="Math.Log(double)"/>: log 0 = −∞, log +∞ = +∞, log of a negative number or NaN = NaN;
/// subnormal inputs are scaled by 2^54 first. The common case (every lane a normal positive number) takes one branch-free path.
/// </remarks>
internal static class VectorLog
{
    private const double Lg1 = 6.666666666666735130e-01;
    private const double Lg2 = 3.999999999940941908e-01;
    private const double Lg3 = 2.857142874366239149e-01;
    private const double Lg4 = 2.222219843214978396e-01;
    private const double Lg5 = 1.818357216161805012e-01;
    private const double Lg6 = 1.531383769920937332e-01;
    private const double Lg7 = 1.479819860511658591e-01;
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double TwoTo54 = 18014398509481984.0;

    /// <summary>log x for each lane; see the remarks of <see cref="VectorLog"/> for the special values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Log(Vector256<double> x)
    {
        if (Vector256.GreaterThanOrEqualAll(x, Vector256.Create(SmallestNormal)) && Vector256.LessThanAll(x, Vector256.Create(double.PositiveInfinity)))
        {
            return LogOfNormal(x, Vector256<double>.Zero);
        }

        return LogOfAny(x);
    }

    /// <summary>
    /// log x₀ and log x₁ for two vectors at once, with the two computations interleaved instruction by instruction.
    /// </summary>
    /// <remarks>
    /// Why: one log is a ~60-cycle dependency chain and Zen 1's small floating-point scheduler cannot overlap two of them
    /// when they come one after the other; interleaving the independent chains in the source measured 6.2 vs 8.1 ms per
    /// million entries (see docs/BENCHMARKS.md). Results are bit-for-bit those of <see cref="Log(Vector256{double})"/>.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Log(Vector256<double> x0, Vector256<double> x1, out Vector256<double> log0, out Vector256<double> log1)
    {
        Vector256<double> smallest = Vector256.Create(SmallestNormal), infinity = Vector256.Create(double.PositiveInfinity);
        if (Vector256.GreaterThanOrEqualAll(x0, smallest) && Vector256.LessThanAll(x0, infinity)
            && Vector256.GreaterThanOrEqualAll(x1, smallest) && Vector256.LessThanAll(x1, infinity))
        {
            LogOfNormalPair(x0, x1, out log0, out log1);
            return;
        }

        log0 = Log(x0);
        log1 = Log(x1);
    }

    /// <summary><see cref="LogOfNormal"/> for two vectors, the steps of both interleaved (same operations, same order per lane).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void LogOfNormalPair(Vector256<double> x0, Vector256<double> x1, out Vector256<double> log0, out Vector256<double> log1)
    {
        Vector256<ulong> mantissaMask = Vector256.Create(0x000F_FFFF_FFFF_FFFFUL), roundUp = Vector256.Create(0x0009_5F64_0000_0000UL);
        Vector256<ulong> bit52 = Vector256.Create(0x0010_0000_0000_0000UL), one = Vector256.Create(0x3FF0_0000_0000_0000UL);
        Vector256<ulong> twoTo52 = Vector256.Create(0x4330_0000_0000_0000UL);
        Vector256<double> exponentBias = Vector256.Create(4503599627370496.0 + 1023.0), two = Vector256.Create(2.0), half = Vector256.Create(0.5);
        Vector256<ulong> bits0 = x0.AsUInt64(), bits1 = x1.AsUInt64();
        Vector256<ulong> mantissa0 = bits0 & mantissaMask, mantissa1 = bits1 & mantissaMask;
        Vector256<ulong> carry0 = (mantissa0 + roundUp) & bit52, carry1 = (mantissa1 + roundUp) & bit52;
        Vector256<double> f0 = (mantissa0 | (carry0 ^ one)).AsDouble() - Vector256<double>.One;
        Vector256<double> f1 = (mantissa1 | (carry1 ^ one)).AsDouble() - Vector256<double>.One;
        Vector256<double> s0 = f0 / (two + f0), s1 = f1 / (two + f1);
        Vector256<double> k0 = (((bits0 >>> 52) + (carry0 >>> 52)) | twoTo52).AsDouble() - exponentBias;
        Vector256<double> k1 = (((bits1 >>> 52) + (carry1 >>> 52)) | twoTo52).AsDouble() - exponentBias;
        Vector256<double> z0 = s0 * s0, z1 = s1 * s1;
        Vector256<double> w0 = z0 * z0, w1 = z1 * z1;
        Vector256<double> t10 = w0 * Vector256.FusedMultiplyAdd(w0, Vector256.FusedMultiplyAdd(w0, Vector256.Create(Lg6), Vector256.Create(Lg4)), Vector256.Create(Lg2));
        Vector256<double> t11 = w1 * Vector256.FusedMultiplyAdd(w1, Vector256.FusedMultiplyAdd(w1, Vector256.Create(Lg6), Vector256.Create(Lg4)), Vector256.Create(Lg2));
        Vector256<double> t20 = z0 * Vector256.FusedMultiplyAdd(w0, Vector256.FusedMultiplyAdd(w0, Vector256.FusedMultiplyAdd(w0, Vector256.Create(Lg7), Vector256.Create(Lg5)), Vector256.Create(Lg3)), Vector256.Create(Lg1));
        Vector256<double> t21 = z1 * Vector256.FusedMultiplyAdd(w1, Vector256.FusedMultiplyAdd(w1, Vector256.FusedMultiplyAdd(w1, Vector256.Create(Lg7), Vector256.Create(Lg5)), Vector256.Create(Lg3)), Vector256.Create(Lg1));
        Vector256<double> r0 = t10 + t20, r1 = t11 + t21;
        Vector256<double> halfSquare0 = half * f0 * f0, halfSquare1 = half * f1 * f1;
        log0 = k0 * Vector256.Create(Ln2High) - ((halfSquare0 - (s0 * (halfSquare0 + r0) + k0 * Vector256.Create(Ln2Low))) - f0);
        log1 = k1 * Vector256.Create(Ln2High) - ((halfSquare1 - (s1 * (halfSquare1 + r1) + k1 * Vector256.Create(Ln2Low))) - f1);
    }

    /// <summary>The slow path: subnormals, zeros, infinities, negatives and NaN in some lane.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Vector256<double> LogOfAny(Vector256<double> x)
    {
        Vector256<double> subnormal = Vector256.LessThan(x, Vector256.Create(SmallestNormal));
        Vector256<double> scaled = Vector256.ConditionalSelect(subnormal, x * Vector256.Create(TwoTo54), x);
        Vector256<double> result = LogOfNormal(scaled, subnormal & Vector256.Create(54.0));
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256<double>.Zero), Vector256.Create(double.NegativeInfinity), result);
        result = Vector256.ConditionalSelect(Vector256.Equals(x, Vector256.Create(double.PositiveInfinity)), x, result);
        // Negative numbers and NaN: NaN fails x ≥ 0.
        return Vector256.ConditionalSelect(Vector256.GreaterThanOrEqual(x, Vector256<double>.Zero), result, Vector256.Create(double.NaN));
    }

    /// <summary>log x for normal positive finite lanes, minus <paramref name="exponentOffset"/>·ln 2.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> LogOfNormal(Vector256<double> x, Vector256<double> exponentOffset)
    {
        Vector256<ulong> bits = x.AsUInt64();
        Vector256<ulong> mantissa = bits & Vector256.Create(0x000F_FFFF_FFFF_FFFFUL);
        // Adding this constant carries into bit 52 exactly when the mantissa m ≥ √2, and then m is halved and k raised by one.
        Vector256<ulong> carry = (mantissa + Vector256.Create(0x0009_5F64_0000_0000UL)) & Vector256.Create(0x0010_0000_0000_0000UL);
        Vector256<double> m = (mantissa | (carry ^ Vector256.Create(0x3FF0_0000_0000_0000UL))).AsDouble();
        // The biased exponent plus the carry is an integer below 2^11: read it as a double by planting it in 2^52's mantissa.
        Vector256<ulong> biasedExponent = (bits >>> 52) + (carry >>> 52);
        Vector256<double> k = (biasedExponent | Vector256.Create(0x4330_0000_0000_0000UL)).AsDouble()
                              - Vector256.Create(4503599627370496.0 + 1023.0) - exponentOffset;

        Vector256<double> f = m - Vector256<double>.One;
        Vector256<double> s = f / (Vector256.Create(2.0) + f);
        Vector256<double> z = s * s;
        Vector256<double> w = z * z;
        Vector256<double> t1 = w * Vector256.FusedMultiplyAdd(w, Vector256.FusedMultiplyAdd(w, Vector256.Create(Lg6), Vector256.Create(Lg4)), Vector256.Create(Lg2));
        Vector256<double> t2 = z * Vector256.FusedMultiplyAdd(w, Vector256.FusedMultiplyAdd(w, Vector256.FusedMultiplyAdd(w, Vector256.Create(Lg7), Vector256.Create(Lg5)), Vector256.Create(Lg3)), Vector256.Create(Lg1));
        Vector256<double> r = t1 + t2;
        Vector256<double> halfSquare = Vector256.Create(0.5) * f * f;
        // k·ln2_hi − ((hfsq − (s·(hfsq + R) + k·ln2_lo)) − f), fdlibm's order of operations.
        return k * Vector256.Create(Ln2High) - ((halfSquare - (s * (halfSquare + r) + k * Vector256.Create(Ln2Low))) - f);
    }
}
