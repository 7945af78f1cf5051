using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;

namespace Likely.Numerics;

/// <summary>
/// The float64 vector operations that <see cref="VectorLog"/> and <see cref="BlockReduction"/> need, over a vector type
/// <typeparamref name="TVector"/> of <see cref="Count"/> lanes: the float64 twin of <see cref="IFloatLanes{TVector}"/>, so
/// that the logarithm and the information reductions are written once for the 128-, 256- and 512-bit paths.
/// </summary>
/// <remarks>
/// A kernel written as <c>Kernel&lt;TLanes, TVector&gt;</c> with <c>TLanes : struct</c> is compiled once per width and
/// every call below is inlined into plain vector instructions. A mask is a vector whose lanes are all ones (true) or all
/// zeros (false), as the comparisons return. The …Bits operations read each lane as a 64-bit integer, for the
/// logarithm's exponent and table index. Implementations: <see cref="DoubleLanes128"/>, <see cref="DoubleLanes256"/>,
/// <see cref="DoubleLanes512"/>, and <see cref="DoubleLanesPair{TLanes, TVector}"/> (two vectors in lockstep).
/// </remarks>
internal unsafe interface IDoubleLanes<TVector>
    where TVector : struct
{
    /// <summary>Lanes per vector.</summary>
    static abstract int Count { get; }

    /// <summary>All lanes zero.</summary>
    static abstract TVector Zero { get; }

    /// <summary>Whether <see cref="MultiplyAdd"/> rounds once (a fused multiply-add).</summary>
    static abstract bool IsMultiplyAddFused { get; }

    /// <summary>Loads <see cref="Count"/> doubles.</summary>
    static abstract TVector Load(double* source);

    /// <summary>Every lane set to <paramref name="value"/>.</summary>
    static abstract TVector Broadcast(double value);

    /// <summary>Every lane set to the double whose bits are <paramref name="bits"/>.</summary>
    static abstract TVector BroadcastBits(ulong bits);

    /// <summary>a + b per lane.</summary>
    static abstract TVector Add(TVector a, TVector b);

    /// <summary>a − b per lane.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a·b per lane.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a / b per lane (correctly rounded).</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>a·b + c per lane: fused on the 256- and 512-bit paths and where the CPU has FMA, else a multiply and an add.</summary>
    static abstract TVector MultiplyAdd(TVector a, TVector b, TVector c);

    /// <summary>a &amp; b, bit by bit.</summary>
    static abstract TVector And(TVector a, TVector b);

    /// <summary>The mask a = b (false where either is NaN).</summary>
    static abstract TVector EqualTo(TVector a, TVector b);

    /// <summary>The mask a &lt; b (false where either is NaN).</summary>
    static abstract TVector LessThan(TVector a, TVector b);

    /// <summary>The mask a &gt; b (false where either is NaN).</summary>
    static abstract TVector GreaterThan(TVector a, TVector b);

    /// <summary>The mask a ≥ b (false where either is NaN).</summary>
    static abstract TVector GreaterThanOrEqual(TVector a, TVector b);

    /// <summary>a where <paramref name="mask"/> is set, else b.</summary>
    static abstract TVector Select(TVector mask, TVector a, TVector b);

    /// <summary>Whether low ≤ x &lt; high in every lane (false if a lane is NaN).</summary>
    static abstract bool AllInRange(TVector x, double low, double high);

    /// <summary>Whether every lane is +0 or a positive finite number (−0, ∞, NaN and negative numbers fail).</summary>
    static abstract bool AllValid(TVector x);

    /// <summary>Whether every lane is a normal, positive, finite number.</summary>
    static abstract bool AllNormal(TVector x);

    /// <summary>Whether every lane is +0 or a normal, positive, finite number (−0, subnormals, ∞, NaN and negative numbers fail).</summary>
    static abstract bool AllZeroOrNormal(TVector x);

    /// <summary>The sum of the lanes.</summary>
    static abstract double Sum(TVector x);

    /// <summary>a − b per lane, as 64-bit integers.</summary>
    static abstract TVector SubtractBits(TVector a, TVector b);

    /// <summary>The 64-bit integer in each lane shifted right by <paramref name="count"/>, filling with zeros.</summary>
    static abstract TVector ShiftRightBits(TVector value, [ConstantExpected(Min = 1, Max = 63)] byte count);

    /// <summary>
    /// (double)(n &gt;&gt; <paramref name="count"/>) for the signed 64-bit integer n in each lane (count ≥ 12, so the
    /// result is an integer below 2^52 in magnitude and converts exactly).
    /// </summary>
    static abstract TVector ShiftRightArithmeticToDouble(TVector value, [ConstantExpected(Min = 12, Max = 63)] byte count);

    /// <summary><paramref name="table"/>[i &amp; 15] for the 64-bit integer i in each lane of <paramref name="index"/>; the table has 16 entries.</summary>
    static abstract TVector Lookup16(ReadOnlySpan<double> table, TVector index);
}

/// <summary>128-bit lanes: SSE on x86-64, AdvSIMD on ARM64.</summary>
internal readonly unsafe struct DoubleLanes128 : IDoubleLanes<Vector128<double>>
{
    public static int Count => Vector128<double>.Count;

    public static Vector128<double> Zero => Vector128<double>.Zero;

    // MultiplyAddEstimate fuses exactly where the CPU has FMA; FusedMultiplyAdd would be emulated one lane at a time on
    // an x86-64 CPU without it (as under DOTNET_EnableAVX2=0), about 40× slower.
    public static bool IsMultiplyAddFused => Fma.IsSupported || AdvSimd.Arm64.IsSupported;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Load(double* source) => Vector128.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Broadcast(double value) => Vector128.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> BroadcastBits(ulong bits) => Vector128.Create(bits).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Add(Vector128<double> a, Vector128<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Subtract(Vector128<double> a, Vector128<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Multiply(Vector128<double> a, Vector128<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Divide(Vector128<double> a, Vector128<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> MultiplyAdd(Vector128<double> a, Vector128<double> b, Vector128<double> c) => Vector128.MultiplyAddEstimate(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> And(Vector128<double> a, Vector128<double> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> EqualTo(Vector128<double> a, Vector128<double> b) => Vector128.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> LessThan(Vector128<double> a, Vector128<double> b) => Vector128.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> GreaterThan(Vector128<double> a, Vector128<double> b) => Vector128.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> GreaterThanOrEqual(Vector128<double> a, Vector128<double> b) => Vector128.GreaterThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Select(Vector128<double> mask, Vector128<double> a, Vector128<double> b) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllInRange(Vector128<double> x, double low, double high) =>
        Vector128.GreaterThanOrEqualAll(x, Vector128.Create(low)) && Vector128.LessThanAll(x, Vector128.Create(high));

    // The checks read each lane's bits as an unsigned integer: +0 is 0, subnormals are [1, 2^52), normal numbers
    // [2^52, 0x7FF0…), ∞ and NaN from there, negative numbers (−0 too) have the top bit set. One integer compare replaces
    // two floating-point ones (low ≤ x and x < high): with those, the KL fast path took 5.0 ms per 5M entries instead
    // of 3.7 on the Zen 5.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllValid(Vector128<double> x) => Vector128.LessThanAll(x.AsUInt64(), Vector128.Create(0x7FF0_0000_0000_0000UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllNormal(Vector128<double> x) =>
        Vector128.LessThanAll(x.AsUInt64() - Vector128.Create(0x0010_0000_0000_0000UL), Vector128.Create(0x7FE0_0000_0000_0000UL));

    // bits − 1 wraps +0 to the top, above the subnormals' [0, 2^52 − 1).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZeroOrNormal(Vector128<double> x) =>
        Vector128.GreaterThanOrEqualAll(x.AsUInt64() - Vector128<ulong>.One, Vector128.Create(0x000F_FFFF_FFFF_FFFFUL))
        && Vector128.LessThanAll(x.AsUInt64(), Vector128.Create(0x7FF0_0000_0000_0000UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector128<double> x) => Vector128.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> SubtractBits(Vector128<double> a, Vector128<double> b) => (a.AsUInt64() - b.AsUInt64()).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ShiftRightBits(Vector128<double> value, [ConstantExpected(Min = 1, Max = 63)] byte count) => (value.AsUInt64() >>> count).AsDouble();

    // Flipping the sign bit adds 2^63, so the logical shift gives n >> count plus 2^(63 − count), an integer below 2^52
    // that is planted in the mantissa of 2^52 and subtracted out again: exact, and cheaper than a 64-bit conversion,
    // which SSE and AVX2 do not have.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> ShiftRightArithmeticToDouble(Vector128<double> value, [ConstantExpected(Min = 12, Max = 63)] byte count)
    {
        Vector128<ulong> biased = (value.AsUInt64() ^ Vector128.Create(0x8000_0000_0000_0000UL)) >>> count;
        return (biased | Vector128.Create(0x4330_0000_0000_0000UL)).AsDouble() - Vector128.Create(4503599627370496.0 + (1UL << (63 - count)));
    }

    // No 128-bit instruction looks up 64-bit lanes by index: two scalar loads.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<double> Lookup16(ReadOnlySpan<double> table, Vector128<double> index)
    {
        Vector128<ulong> i = index.AsUInt64() & Vector128.Create(15UL);
        return Vector128.Create(table[(int)i.ToScalar()], table[(int)i.GetElement(1)]);
    }
}

/// <summary>256-bit lanes (AVX2 + FMA).</summary>
internal readonly unsafe struct DoubleLanes256 : IDoubleLanes<Vector256<double>>
{
    public static int Count => Vector256<double>.Count;

    public static Vector256<double> Zero => Vector256<double>.Zero;

    public static bool IsMultiplyAddFused => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Load(double* source) => Vector256.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Broadcast(double value) => Vector256.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> BroadcastBits(ulong bits) => Vector256.Create(bits).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Add(Vector256<double> a, Vector256<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Subtract(Vector256<double> a, Vector256<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Multiply(Vector256<double> a, Vector256<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Divide(Vector256<double> a, Vector256<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> MultiplyAdd(Vector256<double> a, Vector256<double> b, Vector256<double> c) => Vector256.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> And(Vector256<double> a, Vector256<double> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> EqualTo(Vector256<double> a, Vector256<double> b) => Vector256.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> LessThan(Vector256<double> a, Vector256<double> b) => Vector256.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GreaterThan(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> GreaterThanOrEqual(Vector256<double> a, Vector256<double> b) => Vector256.GreaterThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Select(Vector256<double> mask, Vector256<double> a, Vector256<double> b) => Vector256.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllInRange(Vector256<double> x, double low, double high) =>
        Vector256.GreaterThanOrEqualAll(x, Vector256.Create(low)) && Vector256.LessThanAll(x, Vector256.Create(high));

    // See DoubleLanes128 for these three.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllValid(Vector256<double> x) => Vector256.LessThanAll(x.AsUInt64(), Vector256.Create(0x7FF0_0000_0000_0000UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllNormal(Vector256<double> x) =>
        Vector256.LessThanAll(x.AsUInt64() - Vector256.Create(0x0010_0000_0000_0000UL), Vector256.Create(0x7FE0_0000_0000_0000UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZeroOrNormal(Vector256<double> x) =>
        Vector256.GreaterThanOrEqualAll(x.AsUInt64() - Vector256<ulong>.One, Vector256.Create(0x000F_FFFF_FFFF_FFFFUL))
        && Vector256.LessThanAll(x.AsUInt64(), Vector256.Create(0x7FF0_0000_0000_0000UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector256<double> x) => Vector256.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> SubtractBits(Vector256<double> a, Vector256<double> b) => (a.AsUInt64() - b.AsUInt64()).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ShiftRightBits(Vector256<double> value, [ConstantExpected(Min = 1, Max = 63)] byte count) => (value.AsUInt64() >>> count).AsDouble();

    // See DoubleLanes128: AVX2 has neither a 64-bit arithmetic shift nor a 64-bit integer conversion.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> ShiftRightArithmeticToDouble(Vector256<double> value, [ConstantExpected(Min = 12, Max = 63)] byte count)
    {
        Vector256<ulong> biased = (value.AsUInt64() ^ Vector256.Create(0x8000_0000_0000_0000UL)) >>> count;
        return (biased | Vector256.Create(0x4330_0000_0000_0000UL)).AsDouble() - Vector256.Create(4503599627370496.0 + (1UL << (63 - count)));
    }

    // Four scalar loads. Measured on the Zen 5 (forced 256-bit path, 5M entries of H(p), one core): AVX2's gather and a
    // four-register vpermps lookup were no faster, within the noise of a shared machine.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<double> Lookup16(ReadOnlySpan<double> table, Vector256<double> index)
    {
        Vector256<ulong> i = index.AsUInt64() & Vector256.Create(15UL);
        return Vector256.Create(table[(int)i.GetElement(0)], table[(int)i.GetElement(1)], table[(int)i.GetElement(2)], table[(int)i.GetElement(3)]);
    }
}

/// <summary>512-bit lanes (AVX-512).</summary>
internal readonly unsafe struct DoubleLanes512 : IDoubleLanes<Vector512<double>>
{
    public static int Count => Vector512<double>.Count;

    public static Vector512<double> Zero => Vector512<double>.Zero;

    public static bool IsMultiplyAddFused => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Load(double* source) => Vector512.Load(source);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Broadcast(double value) => Vector512.Create(value);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> BroadcastBits(ulong bits) => Vector512.Create(bits).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Add(Vector512<double> a, Vector512<double> b) => a + b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Subtract(Vector512<double> a, Vector512<double> b) => a - b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Multiply(Vector512<double> a, Vector512<double> b) => a * b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Divide(Vector512<double> a, Vector512<double> b) => a / b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> MultiplyAdd(Vector512<double> a, Vector512<double> b, Vector512<double> c) => Vector512.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> And(Vector512<double> a, Vector512<double> b) => a & b;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> EqualTo(Vector512<double> a, Vector512<double> b) => Vector512.Equals(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> LessThan(Vector512<double> a, Vector512<double> b) => Vector512.LessThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> GreaterThan(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThan(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> GreaterThanOrEqual(Vector512<double> a, Vector512<double> b) => Vector512.GreaterThanOrEqual(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Select(Vector512<double> mask, Vector512<double> a, Vector512<double> b) => Vector512.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllInRange(Vector512<double> x, double low, double high) =>
        Vector512.GreaterThanOrEqualAll(x, Vector512.Create(low)) && Vector512.LessThanAll(x, Vector512.Create(high));

    // See DoubleLanes128 for these three.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllValid(Vector512<double> x) => Vector512.LessThanAll(x.AsUInt64(), Vector512.Create(0x7FF0_0000_0000_0000UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllNormal(Vector512<double> x) =>
        Vector512.LessThanAll(x.AsUInt64() - Vector512.Create(0x0010_0000_0000_0000UL), Vector512.Create(0x7FE0_0000_0000_0000UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool AllZeroOrNormal(Vector512<double> x) =>
        Vector512.GreaterThanOrEqualAll(x.AsUInt64() - Vector512<ulong>.One, Vector512.Create(0x000F_FFFF_FFFF_FFFFUL))
        && Vector512.LessThanAll(x.AsUInt64(), Vector512.Create(0x7FF0_0000_0000_0000UL));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Sum(Vector512<double> x) => Vector512.Sum(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> SubtractBits(Vector512<double> a, Vector512<double> b) => (a.AsUInt64() - b.AsUInt64()).AsDouble();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ShiftRightBits(Vector512<double> value, [ConstantExpected(Min = 1, Max = 63)] byte count) => (value.AsUInt64() >>> count).AsDouble();

    // AVX-512 has both the arithmetic shift and the conversion (vpsraq, vcvtqq2pd); the emulated path (tests on a CPU
    // without AVX-512) plants the integer as DoubleLanes128 does, with the same result.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> ShiftRightArithmeticToDouble(Vector512<double> value, [ConstantExpected(Min = 12, Max = 63)] byte count)
    {
        if (Avx512DQ.IsSupported)
        {
            return Vector512.ConvertToDouble(value.AsInt64() >> count);
        }

        Vector512<ulong> biased = (value.AsUInt64() ^ Vector512.Create(0x8000_0000_0000_0000UL)) >>> count;
        return (biased | Vector512.Create(0x4330_0000_0000_0000UL)).AsDouble() - Vector512.Create(4503599627370496.0 + (1UL << (63 - count)));
    }

    // One vpermt2pd picks 8 lanes out of the 16 entries held in two registers (it reads only the index's low 4 bits).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<double> Lookup16(ReadOnlySpan<double> table, Vector512<double> index)
    {
        if (Avx512F.IsSupported)
        {
            return Avx512F.PermuteVar8x64x2(Vector512.Create(table[..8]), index.AsInt64(), Vector512.Create(table[8..]));
        }

        Vector512<ulong> i = index.AsUInt64() & Vector512.Create(15UL);
        return Vector512.Create(
            table[(int)i.GetElement(0)], table[(int)i.GetElement(1)], table[(int)i.GetElement(2)], table[(int)i.GetElement(3)],
            table[(int)i.GetElement(4)], table[(int)i.GetElement(5)], table[(int)i.GetElement(6)], table[(int)i.GetElement(7)]);
    }
}
