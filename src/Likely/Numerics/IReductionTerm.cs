using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// The per-entry term f(x) of a reduction Σ f(xᵢ), in a scalar and a <see cref="Vector256{T}"/> form that must agree
/// (the scalar form is the oracle for the vector one). Implemented by small structs so the JIT specializes the loop.
/// </summary>
internal interface IUnaryReductionTerm
{
    /// <summary>f(x) for one entry.</summary>
    static abstract double Apply(double x);

    /// <summary>f(x) for four entries at once.</summary>
    static abstract Vector256<double> Apply(Vector256<double> x);
}

/// <summary>The per-entry term f(p, q) of a reduction Σ f(pᵢ, qᵢ) over two aligned vectors; see <see cref="IUnaryReductionTerm"/>.</summary>
internal interface IBinaryReductionTerm
{
    /// <summary>f(p, q) for one pair of entries.</summary>
    static abstract double Apply(double p, double q);

    /// <summary>f(p, q) for four pairs at once.</summary>
    static abstract Vector256<double> Apply(Vector256<double> p, Vector256<double> q);
}

/// <summary>f(x) = 0: a reduction with this term only validates and sums its input (the first pass of normalize).</summary>
internal readonly struct ZeroTerm : IUnaryReductionTerm, IBinaryReductionTerm
{
    public static double Apply(double x) => 0;

    public static Vector256<double> Apply(Vector256<double> x) => Vector256<double>.Zero;

    public static double Apply(double p, double q) => 0;

    public static Vector256<double> Apply(Vector256<double> p, Vector256<double> q) => Vector256<double>.Zero;
}

/// <summary>f(x) = x: a plain sum, the bandwidth yardstick for the other reductions.</summary>
internal readonly struct IdentityTerm : IUnaryReductionTerm
{
    public static double Apply(double x) => x;

    public static Vector256<double> Apply(Vector256<double> x) => x;
}
