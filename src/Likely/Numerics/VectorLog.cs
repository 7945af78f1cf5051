using System.Runtime.CompilerServices;

namespace Likely.Numerics;

/// <summary>
/// The natural logarithm of a vector of float64 values, within 1 ulp of <see cref="Math.Log(double)"/> (2 ulp in the
/// reductions' fast form), with no division: a 16-entry table and a degree-7 polynomial, written once for every width of
/// <see cref="IDoubleLanes{TVector}"/>.
/// </summary>
/// <remarks>
/// Method (that of glibc's and ARM optimized-routines' log): x = 2^k·z with z in [0.703125, 1.40625), read off the bits;
/// the top 4 bits of z's mantissa pick an interval and its table entry 1/c; then
/// log x = k·ln 2 + log c + log1p(r), r = z·(1/c) − 1 (one FMA, exact to one rounding; |r| ≤ 0.0313), and
/// log1p(r) = r + r²·P(r), P of degree 7 (Estrin's scheme, so its dependency chain is 4 deep rather than 7).
/// <see cref="Log{TLanes, TVector}"/> adds k·ln 2 + log c and r carrying their rounding errors (two Fast2Sums), so the
/// result is rounded about once; <see cref="LogOfNormal{TLanes, TVector}"/>, the reductions' fast path, adds the parts
/// plainly. log c is tabulated to within 2^-10 ulp and c = 1 for the interval around 1, so log x near 1 is
/// log1p(x − 1) with no table error. Where there is no FMA (the 128-bit path on an x86-64 CPU without it),
/// r = (z − c)·(1/c) instead: z − c is exact (Sterbenz) and c·(1/c) = 1 within 2^-61, so r keeps its accuracy.
/// The tables and P are made by bench/fit_log_table.py.
/// Why not <see cref="System.Runtime.Intrinsics.Vector256.Log(System.Runtime.Intrinsics.Vector256{double})"/>: it ran
/// slower than a scalar <see cref="Math.Log(double)"/> loop on AVX2-only CPUs. The fdlibm log this replaces divided once
/// per lane (s = f/(2 + f)); timings of both in docs/BENCHMARKS.md.
/// Special values as <see cref="Math.Log(double)"/> (<see cref="Log{TLanes, TVector}"/> only): log 0 = −∞, log +∞ = +∞,
/// log of a negative number or NaN = NaN; subnormal inputs are scaled by 2^54 first.
/// </remarks>
internal static class VectorLog
{
    /// <summary>The smallest positive normal double, 2^-1022.</summary>
    internal const double SmallestNormal = 2.2250738585072014e-308;

    // z's bits start here: x − Offset, read as an integer, has k in its top 12 bits and the interval in the next 4.
    private const ulong Offset = 0x3FE6_8000_0000_0000;
    private const ulong ExponentBits = 0xFFF0_0000_0000_0000;
    private const byte IndexShift = 48;
    private const byte ExponentShift = 52;

    // ln 2 = Ln2High + Ln2Low; Ln2High has 32 trailing zero bits, so k·Ln2High is exact for every k.
    private const double Ln2High = 6.93147180369123816490e-01;
    private const double Ln2Low = 1.90821492927058770002e-10;
    private const double TwoTo54 = 18014398509481984.0;

    // log1p(r) ≈ r + r²·(P0 + P1·r + … + P7·r⁷) on r in [−0.0295, 0.0313]; max |P − (log1p(r) − r)/r²| = 2^-50.6.
    private const double P0 = -0.49999999999999944;
    private const double P1 = 0.3333333333333649;
    private const double P2 = -0.25000000001906064;
    private const double P3 = 0.19999999966119464;
    private const double P4 = -0.1666665626903924;
    private const double P5 = 0.14285799142650862;
    private const double P6 = -0.12518214110864542;
    private const double P7 = 0.11058502805594168;

    /// <summary>1/c for each interval of z (1 for the interval [0.984375, 1.03125) around 1).</summary>
    private static ReadOnlySpan<double> InverseC =>
    [
        1.3911569120345664, 1.3330985840504985, 1.279836960158612, 1.2308268147470132,
        1.1850013628049851, 1.1429626150829382, 1.1036061090466305, 1.0667993340614494,
        1.0321784880341192, 1.0, 0.9411782595934193, 0.8889377263313534,
        0.8420230509624089, 0.799906012988356, 0.7619117094362419, 0.7272931242864863,
    ];

    /// <summary>c = RN(1/(1/c)), for the reduction without FMA.</summary>
    private static ReadOnlySpan<double> C =>
    [
        0.7188261736323478, 0.7501320697240493, 0.7813495242988362, 0.812461987355664,
        0.8438808860379086, 0.8749192552789102, 0.9061203918704904, 0.9373834122982292,
        0.9688246864208475, 1.0, 1.0624979803847054, 1.1249381935076608,
        1.187615943360491, 1.2501468719607647, 1.3124880319006067, 1.3749614379773683,
    ];

    /// <summary>log c = −log(1/c), within 2^-10 of its last place.</summary>
    private static ReadOnlySpan<double> LogC =>
    [
        -0.3301357117802599, -0.28750599498892815, -0.2467326949425729, -0.207686150665716,
        -0.16974392463283416, -0.1336236765637998, -0.09858309890804184, -0.06466288908616609,
        -0.031671605626068286, 0.0, 0.060622721000233415, 0.11772809504287406,
        0.17194788867462263, 0.22326104198052285, 0.2719245968901488, 0.3184256856178947,
    ];

    /// <summary>log x for each lane, every input allowed; see the remarks of <see cref="VectorLog"/> for the special values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Log<TLanes, TVector>(TVector x)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        if (IsNormal<TLanes, TVector>(x))
        {
            return Reduced<TLanes, TVector>(x, TLanes.Zero, subtractExponent: false, compensated: true);
        }

        TVector subnormal = TLanes.LessThan(x, TLanes.Broadcast(SmallestNormal));
        TVector scaled = TLanes.Select(subnormal, TLanes.Multiply(x, TLanes.Broadcast(TwoTo54)), x);
        TVector result = Reduced<TLanes, TVector>(scaled, TLanes.And(subnormal, TLanes.Broadcast(54.0)), subtractExponent: true, compensated: true);
        result = TLanes.Select(TLanes.EqualTo(x, TLanes.Zero), TLanes.Broadcast(double.NegativeInfinity), result);
        result = TLanes.Select(TLanes.EqualTo(x, TLanes.Broadcast(double.PositiveInfinity)), x, result);
        // Negative numbers and NaN: NaN fails x ≥ 0.
        return TLanes.Select(TLanes.GreaterThanOrEqual(x, TLanes.Zero), result, TLanes.Broadcast(double.NaN));
    }

    /// <summary>Whether every lane of <paramref name="x"/> is a normal, positive, finite number, the domain of <see cref="LogOfNormal{TLanes, TVector}"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsNormal<TLanes, TVector>(TVector x)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct =>
        TLanes.AllNormal(x);

    /// <summary>
    /// log x within 2 ulp, for lanes that are normal, positive and finite (<see cref="IsNormal{TLanes, TVector}"/>); +0
    /// gives the finite −1023·ln 2 (so a weight of 0 times it is 0, and 0·log 0 needs no select), other lanes a value of
    /// no meaning. The fast path of the reductions.
    /// </summary>
    /// <remarks>
    /// It adds k·ln 2 + log c, r and r²·P(r) plainly instead of carrying their rounding errors: 3 fewer of about 30
    /// instructions, 10–15% of the time of H(p) (measured on the Zen 5), for an error bound of 1.5 ulp instead of about
    /// 0.6. Measured against Math.Log on 32 million inputs (half of them in the intervals where the bound is approached):
    /// never more than 1 ulp apart, 1 ulp apart for 12% of them (Log: 1.4–3.6%). A sum of millions of terms gains
    /// nothing from the last half ulp of each (see LongVectorAccuracyTests).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector LogOfNormal<TLanes, TVector>(TVector x)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct =>
        Reduced<TLanes, TVector>(x, TLanes.Zero, subtractExponent: false, compensated: false);

    /// <summary>
    /// log x − <paramref name="exponentOffset"/>·ln 2 for a normal positive x (the offset only when
    /// <paramref name="subtractExponent"/>), rounded about once when <paramref name="compensated"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector Reduced<TLanes, TVector>(TVector x, TVector exponentOffset, bool subtractExponent, bool compensated)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        // x = 2^k·z: the integer x − Offset has k in its top bits and the table index below them.
        TVector shifted = TLanes.SubtractBits(x, TLanes.BroadcastBits(Offset));
        TVector index = TLanes.ShiftRightBits(shifted, IndexShift);
        TVector k = TLanes.ShiftRightArithmeticToDouble(shifted, ExponentShift);
        if (subtractExponent)
        {
            k = TLanes.Subtract(k, exponentOffset);
        }

        TVector z = TLanes.SubtractBits(x, TLanes.And(shifted, TLanes.BroadcastBits(ExponentBits)));
        TVector r = TLanes.IsMultiplyAddFused
            ? TLanes.MultiplyAdd(z, TLanes.Lookup16(InverseC, index), TLanes.Broadcast(-1.0))
            : TLanes.Multiply(TLanes.Subtract(z, TLanes.Lookup16(C, index)), TLanes.Lookup16(InverseC, index));

        TVector logC = TLanes.Lookup16(LogC, index);
        TVector w = TLanes.MultiplyAdd(k, TLanes.Broadcast(Ln2High), logC);
        TVector r2 = TLanes.Multiply(r, r);
        TVector r4 = TLanes.Multiply(r2, r2);
        TVector p01 = TLanes.MultiplyAdd(TLanes.Broadcast(P1), r, TLanes.Broadcast(P0));
        TVector p23 = TLanes.MultiplyAdd(TLanes.Broadcast(P3), r, TLanes.Broadcast(P2));
        TVector p45 = TLanes.MultiplyAdd(TLanes.Broadcast(P5), r, TLanes.Broadcast(P4));
        TVector p67 = TLanes.MultiplyAdd(TLanes.Broadcast(P7), r, TLanes.Broadcast(P6));
        TVector p = TLanes.MultiplyAdd(
            TLanes.MultiplyAdd(p67, r2, p45), r4,
            TLanes.MultiplyAdd(p23, r2, p01));

        if (!compensated)
        {
            // log x = w + (k·Ln2Low + r + r²·P(r)), with w = k·Ln2High + log c.
            return TLanes.Add(w, TLanes.MultiplyAdd(k, TLanes.Broadcast(Ln2Low), TLanes.MultiplyAdd(r2, p, r)));
        }

        // Fast2Sum twice (each valid as the first operand is the larger or 0): k·Ln2High + log c = w + wLow exactly, then
        // w + r = hi + lo exactly; log x = hi + (lo + wLow + k·Ln2Low + r²·P(r)).
        TVector kLn2High = TLanes.Multiply(k, TLanes.Broadcast(Ln2High));
        TVector wLow = TLanes.Add(TLanes.Subtract(kLn2High, w), logC);
        TVector hi = TLanes.Add(w, r);
        TVector lo = TLanes.Add(TLanes.Add(TLanes.Subtract(w, hi), r), wLow);
        TVector tail = TLanes.MultiplyAdd(r2, p, TLanes.MultiplyAdd(k, TLanes.Broadcast(Ln2Low), lo));
        return TLanes.Add(hi, tail);
    }

    /// <summary>w·log x where w &gt; 0, else 0: the general vector form of every information term (0·log 0 = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector WeightedLog<TLanes, TVector>(TVector w, TVector x)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct =>
        TLanes.Select(TLanes.GreaterThan(w, TLanes.Zero), TLanes.Multiply(w, Log<TLanes, TVector>(x)), TLanes.Zero);

    /// <summary>w / d, or 1 where w = 0 (its log is exactly 0): the log argument of the fast forms, so that a zero weight
    /// needs no select afterwards.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static TVector RatioOrOne<TLanes, TVector>(TVector w, TVector d)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct =>
        TLanes.Select(TLanes.EqualTo(w, TLanes.Zero), TLanes.Broadcast(1), TLanes.Divide(w, d));
}
