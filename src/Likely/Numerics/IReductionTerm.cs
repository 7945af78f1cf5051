using System.Runtime.Intrinsics;

namespace Likely.Numerics;

/// <summary>
/// The per-entry term f(x) of a reduction Σ f(xᵢ), in a scalar and a <see cref="Vector256{T}"/> form that must agree
/// (the scalar form is the oracle for the vector one). Implemented by small structs so the JIT specializes the loop.
/// </summary>
internal interface IUnaryReductionTerm<TSelf>
    where TSelf : IUnaryReductionTerm<TSelf>
{
    /// <summary>f(x) for one entry.</summary>
    static abstract double Apply(double x);

    /// <summary>f(x) for four entries at once.</summary>
    static abstract Vector256<double> Apply(Vector256<double> x);

    /// <summary>f(x₀) + f(x₁) for eight entries; a term overrides it to interleave two independent computations.</summary>
    static virtual Vector256<double> ApplyPair(Vector256<double> x0, Vector256<double> x1) => TSelf.Apply(x0) + TSelf.Apply(x1);
}

/// <summary>The per-entry term f(p, q) of a reduction Σ f(pᵢ, qᵢ) over two aligned vectors; see <see cref="IUnaryReductionTerm{TSelf}"/>.</summary>
internal interface IBinaryReductionTerm<TSelf>
    where TSelf : IBinaryReductionTerm<TSelf>
{
    /// <summary>f(p, q) for one pair of entries.</summary>
    static abstract double Apply(double p, double q);

    /// <summary>f(p, q) for four pairs at once.</summary>
    static abstract Vector256<double> Apply(Vector256<double> p, Vector256<double> q);

    /// <summary>f(p₀, q₀) + f(p₁, q₁) for eight pairs; a term overrides it to interleave two independent computations.</summary>
    static virtual Vector256<double> ApplyPair(Vector256<double> p0, Vector256<double> q0, Vector256<double> p1, Vector256<double> q1) =>
        TSelf.Apply(p0, q0) + TSelf.Apply(p1, q1);
}

/// <summary>f(x) = 0: a reduction with this term only validates and sums its input (the first pass of normalize).</summary>
internal readonly struct ZeroTerm : IUnaryReductionTerm<ZeroTerm>, IBinaryReductionTerm<ZeroTerm>
{
    public static double Apply(double x) => 0;

    public static Vector256<double> Apply(Vector256<double> x) => Vector256<double>.Zero;

    public static double Apply(double p, double q) => 0;

    public static Vector256<double> Apply(Vector256<double> p, Vector256<double> q) => Vector256<double>.Zero;
}

/// <summary>f(x) = x: a plain sum, the bandwidth yardstick for the other reductions.</summary>
internal readonly struct IdentityTerm : IUnaryReductionTerm<IdentityTerm>
{
    public static double Apply(double x) => x;

    public static Vector256<double> Apply(Vector256<double> x) => x;
}
