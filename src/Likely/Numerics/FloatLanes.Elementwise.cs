using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Likely.Numerics;

// The element-wise and horizontal operations of the exponential, the softmax losses, the activations and the optimizer
// steps, beside the GEMM's load/store/multiply-add in FloatLanes.cs. A mask is a vector whose lanes are all ones (true)
// or all zeros (false), as the comparisons return.
internal unsafe partial interface IFloatLanes<TVector>
{
    /// <summary>Every bit set (an all-true mask).</summary>
    static abstract TVector AllBitsSet { get; }

    /// <summary>Lane k holds k (0, 1, 2, …) as a float.</summary>
    static abstract TVector Indices { get; }

    /// <summary>a − b per lane.</summary>
    static abstract TVector Subtract(TVector a, TVector b);

    /// <summary>a·b per lane.</summary>
    static abstract TVector Multiply(TVector a, TVector b);

    /// <summary>a / b per lane (correctly rounded).</summary>
    static abstract TVector Divide(TVector a, TVector b);

    /// <summary>√x per lane (correctly rounded).</summary>
    static abstract TVector Sqrt(TVector x);

    /// <summary>|x| per lane.</summary>
    static abstract TVector Abs(TVector x);

    /// <summary>max(a, b) per lane, NaN if either is NaN (as <see cref="Math.Max(float, float)"/>).</summary>
    static abstract TVector Max(TVector a, TVector b);

    /// <summary>max(a, b) per lane in one instruction; a NaN may be dropped.</summary>
    static abstract TVector MaxNative(TVector a, TVector b);

    /// <summary>a &amp; b, bit by bit.</summary>
    static abstract TVector And(TVector a, TVector b);

    /// <summary>a &amp; ~b, bit by bit (a with the lanes of mask b cleared).</summary>
    static abstract TVector AndNot(TVector a, TVector b);

    /// <summary>a | b, bit by bit.</summary>
    static abstract TVector Or(TVector a, TVector b);

    /// <summary>The mask a = b (false where either is NaN).</summary>
    static abstract TVector EqualTo(TVector a, TVector b);

    /// <summary>The mask a &lt; b (false where either is NaN).</summary>
    static abstract TVector LessThan(TVector a, TVector b);

    /// <summary>The mask a &gt; b (false where either is NaN).</summary>
    static abstract TVector GreaterThan(TVector a, TVector b);

    /// <summary>a where <paramref name="mask"/> is set, else b.</summary>
    static abstract TVector Select(TVector mask, TVector a, TVector b);

    /// <summary>p·2ⁿ for a normal p, where the low 9 bits of <paramref name="integerBits"/> hold n in two's complement
    /// (integer addition into the exponent field; the caller keeps the result normal).</summary>
    static abstract TVector AddToExponent(TVector p, TVector integerBits);

    /// <summary>Σ of the lanes, by halving (upper half onto lower half, down to one lane): a fixed order for each
    /// width, and fewer instructions than <c>Vector512.Sum</c>, which .NET 10 expands into four 128-bit sums.</summary>
    static abstract float Sum(TVector x);

    /// <summary>The largest lane, NaN if any lane is NaN.</summary>
    static abstract float MaxAcross(TVector x);

    /// <summary>The largest lane by the native max instruction (a NaN may be dropped).</summary>
    static abstract float MaxAcrossNative(TVector x);

    /// <summary>The mask of lanes [0, <paramref name="count"/>), 0 ≤ count ≤ <see cref="Count"/>.</summary>
    static abstract TVector FirstLanes(int count);

    /// <summary>The mask of the last <paramref name="count"/> lanes, 0 ≤ count ≤ <see cref="Count"/>.</summary>
    static abstract TVector LastLanes(int count);
}

internal readonly partial struct Lanes128
{
    public static Vector128<float> AllBitsSet => Vector128<float>.AllBitsSet;

    public static Vector128<float> Indices => Vector128<float>.Indices;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Subtract(Vector128<float> a, Vector128<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Multiply(Vector128<float> a, Vector128<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Divide(Vector128<float> a, Vector128<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Sqrt(Vector128<float> x) => Vector128.Sqrt(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Abs(Vector128<float> x) => Vector128.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Max(Vector128<float> a, Vector128<float> b) => Vector128.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> MaxNative(Vector128<float> a, Vector128<float> b) => Vector128.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> And(Vector128<float> a, Vector128<float> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> AndNot(Vector128<float> a, Vector128<float> b) => Vector128.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Or(Vector128<float> a, Vector128<float> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> EqualTo(Vector128<float> a, Vector128<float> b) => Vector128.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> LessThan(Vector128<float> a, Vector128<float> b) => Vector128.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> GreaterThan(Vector128<float> a, Vector128<float> b) => Vector128.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector128<float> Select(Vector128<float> mask, Vector128<float> a, Vector128<float> b) => Vector128.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> AddToExponent(Vector128<float> p, Vector128<float> integerBits) =>
        (p.AsInt32() + Vector128.ShiftLeft(integerBits.AsInt32(), 23)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Sum(Vector128<float> x)
    {
        x += Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1));
        return (x + Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector128<float> x)
    {
        x = Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
        return Vector128.Max(x, Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcrossNative(Vector128<float> x)
    {
        x = Vector128.MaxNative(x, Vector128.Shuffle(x, Vector128.Create(2, 3, 0, 1)));
        return Vector128.MaxNative(x, Vector128.Shuffle(x, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> FirstLanes(int count) => Vector128.LessThan(Vector128<int>.Indices, Vector128.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector128<float> LastLanes(int count) =>
        Vector128.GreaterThanOrEqual(Vector128<int>.Indices, Vector128.Create(Vector128<int>.Count - count)).AsSingle();
}

internal readonly partial struct Lanes256
{
    public static Vector256<float> AllBitsSet => Vector256<float>.AllBitsSet;

    public static Vector256<float> Indices => Vector256<float>.Indices;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Subtract(Vector256<float> a, Vector256<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Multiply(Vector256<float> a, Vector256<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Divide(Vector256<float> a, Vector256<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Sqrt(Vector256<float> x) => Vector256.Sqrt(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Abs(Vector256<float> x) => Vector256.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Max(Vector256<float> a, Vector256<float> b) => Vector256.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> MaxNative(Vector256<float> a, Vector256<float> b) => Vector256.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> And(Vector256<float> a, Vector256<float> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> AndNot(Vector256<float> a, Vector256<float> b) => Vector256.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Or(Vector256<float> a, Vector256<float> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> EqualTo(Vector256<float> a, Vector256<float> b) => Vector256.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> LessThan(Vector256<float> a, Vector256<float> b) => Vector256.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> GreaterThan(Vector256<float> a, Vector256<float> b) => Vector256.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<float> Select(Vector256<float> mask, Vector256<float> a, Vector256<float> b) => Vector256.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> AddToExponent(Vector256<float> p, Vector256<float> integerBits) =>
        (p.AsInt32() + Vector256.ShiftLeft(integerBits.AsInt32(), 23)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector256<float> x) => Lanes128.Sum(x.GetLower() + x.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector256<float> x) => Lanes128.MaxAcross(Vector128.Max(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcrossNative(Vector256<float> x) => Lanes128.MaxAcrossNative(Vector128.MaxNative(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> FirstLanes(int count) => Vector256.LessThan(Vector256<int>.Indices, Vector256.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<float> LastLanes(int count) =>
        Vector256.GreaterThanOrEqual(Vector256<int>.Indices, Vector256.Create(Vector256<int>.Count - count)).AsSingle();
}

internal readonly partial struct Lanes512
{
    public static Vector512<float> AllBitsSet => Vector512<float>.AllBitsSet;

    public static Vector512<float> Indices => Vector512<float>.Indices;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Subtract(Vector512<float> a, Vector512<float> b) => a - b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Multiply(Vector512<float> a, Vector512<float> b) => a * b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Divide(Vector512<float> a, Vector512<float> b) => a / b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Sqrt(Vector512<float> x) => Vector512.Sqrt(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Abs(Vector512<float> x) => Vector512.Abs(x);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Max(Vector512<float> a, Vector512<float> b) => Vector512.Max(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> MaxNative(Vector512<float> a, Vector512<float> b) => Vector512.MaxNative(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> And(Vector512<float> a, Vector512<float> b) => a & b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> AndNot(Vector512<float> a, Vector512<float> b) => Vector512.AndNot(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Or(Vector512<float> a, Vector512<float> b) => a | b;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> EqualTo(Vector512<float> a, Vector512<float> b) => Vector512.Equals(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> LessThan(Vector512<float> a, Vector512<float> b) => Vector512.LessThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> GreaterThan(Vector512<float> a, Vector512<float> b) => Vector512.GreaterThan(a, b);
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector512<float> Select(Vector512<float> mask, Vector512<float> a, Vector512<float> b) => Vector512.ConditionalSelect(mask, a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> AddToExponent(Vector512<float> p, Vector512<float> integerBits) =>
        (p.AsInt32() + Vector512.ShiftLeft(integerBits.AsInt32(), 23)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static float Sum(Vector512<float> x) => Lanes256.Sum(x.GetLower() + x.GetUpper());

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcross(Vector512<float> x) => Lanes256.MaxAcross(Vector256.Max(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float MaxAcrossNative(Vector512<float> x) => Lanes256.MaxAcrossNative(Vector256.MaxNative(x.GetLower(), x.GetUpper()));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> FirstLanes(int count) => Vector512.LessThan(Vector512<int>.Indices, Vector512.Create(count)).AsSingle();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> LastLanes(int count) =>
        Vector512.GreaterThanOrEqual(Vector512<int>.Indices, Vector512.Create(Vector512<int>.Count - count)).AsSingle();
}
