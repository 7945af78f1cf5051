using System.Runtime.CompilerServices;
namespace Likely.Numerics;

/// <summary>
/// The per-entry term f(x) of a reduction Σ f(xᵢ), in a scalar form (the oracle) and a vector form for every width of
/// <see cref="IDoubleLanes{TVector}"/>, which must agree with it. Implemented by small structs so the JIT specializes
/// the loop for each term and width.
/// </summary>
/// <remarks>
/// The vector form comes in two parts. <see cref="TryApplyOrdinary"/> is the fast path, which
/// <see cref="BlockReduction"/> takes while every entry is ordinary: valid (+0 or positive, finite; −0 is valid but not
/// ordinary) and in the range where the term needs no special case (for a log term: the log's argument is normal, or it
/// is 0 and so is its weight).
/// <see cref="Apply{TLanes, TVector}"/> handles every input and takes over from the first vector that is not ordinary.
/// </remarks>
internal interface IUnaryReductionTerm<TSelf>
    where TSelf : IUnaryReductionTerm<TSelf>
{
    /// <summary>f(x) for one entry.</summary>
    static abstract double Apply(double x);

    /// <summary>f(x) lane by lane, for every input (0, subnormals, ±∞, NaN, negative numbers).</summary>
    static abstract TVector Apply<TLanes, TVector>(TVector x)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct;

    /// <summary>
    /// f(x) lane by lane when every lane is ordinary, and true; false, with <paramref name="value"/> meaningless, when some
    /// lane is not. True implies that every lane is finite and ≥ 0.
    /// </summary>
    static abstract bool TryApplyOrdinary<TLanes, TVector>(TVector x, out TVector value)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct;
}

/// <summary>The per-entry term f(p, q) of a reduction Σ f(pᵢ, qᵢ) over two aligned vectors; see <see cref="IUnaryReductionTerm{TSelf}"/>.</summary>
internal interface IBinaryReductionTerm<TSelf>
    where TSelf : IBinaryReductionTerm<TSelf>
{
    /// <summary>f(p, q) for one pair of entries.</summary>
    static abstract double Apply(double p, double q);

    /// <summary>f(p, q) lane by lane, for every input.</summary>
    static abstract TVector Apply<TLanes, TVector>(TVector p, TVector q)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct;

    /// <summary>f(p, q) lane by lane and true when every pair is ordinary (true implies p and q finite and ≥ 0); else false.</summary>
    static abstract bool TryApplyOrdinary<TLanes, TVector>(TVector p, TVector q, out TVector value)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct;
}

/// <summary>f(x) = 0: a reduction with this term only validates and sums its input (the first pass of normalize).</summary>
internal readonly struct ZeroTerm : IUnaryReductionTerm<ZeroTerm>, IBinaryReductionTerm<ZeroTerm>
{
    public static double Apply(double x) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Apply<TLanes, TVector>(TVector x)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct => TLanes.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryApplyOrdinary<TLanes, TVector>(TVector x, out TVector value)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        value = TLanes.Zero;
        return TLanes.AllValid(x);
    }

    public static double Apply(double p, double q) => 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Apply<TLanes, TVector>(TVector p, TVector q)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct => TLanes.Zero;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryApplyOrdinary<TLanes, TVector>(TVector p, TVector q, out TVector value)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        value = TLanes.Zero;
        return TLanes.AllValid(p) && TLanes.AllValid(q);
    }
}

/// <summary>f(x) = x: a plain sum, the bandwidth yardstick for the other reductions.</summary>
internal readonly struct IdentityTerm : IUnaryReductionTerm<IdentityTerm>
{
    public static double Apply(double x) => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TVector Apply<TLanes, TVector>(TVector x)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct => x;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryApplyOrdinary<TLanes, TVector>(TVector x, out TVector value)
        where TLanes : struct, IDoubleLanes<TVector>
        where TVector : struct
    {
        value = x;
        return TLanes.AllValid(x);
    }
}
