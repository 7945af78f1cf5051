using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Models;

// The vector paths of the span passes, written once over IFloatLanes: y = f(x) and dx = dy ⊙ f′(x) in float, one vector
// at a time, the last partial vector through a zero-padded copy (so the spans may be the same memory, as the backward
// pass's in-place use needs). Errors against the double reference Value and Derivative, derived in the remarks of each
// operation and checked by ActivationPathTests over [−20, 20] and the edges; they include the 128-bit path on a CPU
// without FMA, whose exponential has relative error ≤ 9e−8·|a| + 2 ulp at argument a (3e−8·|a| + 1 ulp with FMA):
//   ReLU, leaky ReLU:       exact (the same float operations as the scalar path)
//   tanh:                   ≤ 3 ulp;                                   derivative ≤ (2e−7·|x| + 4e−7) relative
//   sigmoid:                ≤ (6e−8·|x| + 3e−7) relative + 1 ulp;      the same for the derivative; 0 below x = −87
//   GELU (exact erf form):  ≤ (1.5e−7·x² + 1e−6)·|x|·Φ(−|x|) + 1 ulp;  derivative ≤ 4e−7 absolute
public static partial class ActivationFunctions
{
    /// <summary>One activation's forward and backward lane by lane.</summary>
    private interface IOperation
    {
        /// <summary>f(x).</summary>
        static abstract TVector Forward<TLanes, TVector>(TVector x)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct;

        /// <summary>dy·f′(x).</summary>
        static abstract TVector Backward<TLanes, TVector>(TVector x, TVector dy)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct;
    }

    /// <summary>y = f(x) at the width of <typeparamref name="TLanes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Forward<TOperation, TLanes, TVector>(float* x, float* y, int n)
        where TOperation : IOperation
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int width = TLanes.Count, i = 0;
        for (; i <= n - width; i += width) TLanes.Store(TOperation.Forward<TLanes, TVector>(TLanes.Load(x + i)), y + i);
        if (i == n) return;
        float* padded = stackalloc float[Vector512<float>.Count];
        for (int k = 0; k < width; k++) padded[k] = i + k < n ? x[i + k] : 0;
        TLanes.Store(TOperation.Forward<TLanes, TVector>(TLanes.Load(padded)), padded);
        for (int k = 0; i + k < n; k++) y[i + k] = padded[k];
    }

    /// <summary>dx = dy·f′(x) at the width of <typeparamref name="TLanes"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Backward<TOperation, TLanes, TVector>(float* x, float* dy, float* dx, int n)
        where TOperation : IOperation
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        int width = TLanes.Count, i = 0;
        for (; i <= n - width; i += width)
        {
            TLanes.Store(TOperation.Backward<TLanes, TVector>(TLanes.Load(x + i), TLanes.Load(dy + i)), dx + i);
        }

        if (i == n) return;
        float* padded = stackalloc float[2 * Vector512<float>.Count];
        for (int k = 0; k < width; k++)
        {
            padded[k] = i + k < n ? x[i + k] : 0;
            padded[width + k] = i + k < n ? dy[i + k] : 0;
        }

        TLanes.Store(TOperation.Backward<TLanes, TVector>(TLanes.Load(padded), TLanes.Load(padded + width)), padded);
        for (int k = 0; i + k < n; k++) dx[i + k] = padded[k];
    }

    /// <summary>NaN where x is NaN, else <paramref name="value"/> (the exponential gives no defined result for NaN).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TVector KeepNaN<TLanes, TVector>(TVector x, TVector value)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct =>
        TLanes.Select(TLanes.EqualTo(x, x), value, x);

    /// <summary>ReLU: x &gt; 0 ? x : 0, and dy where x &gt; 0 (NaN gives 0, as the scalar path).</summary>
    private readonly struct ReluOperation : IOperation
    {
        public static TVector Forward<TLanes, TVector>(TVector x)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct =>
            TLanes.And(x, TLanes.GreaterThan(x, TLanes.Zero));

        public static TVector Backward<TLanes, TVector>(TVector x, TVector dy)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct =>
            TLanes.And(dy, TLanes.GreaterThan(x, TLanes.Zero));
    }

    /// <summary>Leaky ReLU: x &gt; 0 ? x : 0.01·x, the same float products as the scalar path.</summary>
    private readonly struct LeakyReluOperation : IOperation
    {
        public static TVector Forward<TLanes, TVector>(TVector x)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct =>
            TLanes.Select(TLanes.GreaterThan(x, TLanes.Zero), x, TLanes.Multiply(TLanes.Broadcast((float)LeakySlope), x));

        public static TVector Backward<TLanes, TVector>(TVector x, TVector dy)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct =>
            TLanes.Select(TLanes.GreaterThan(x, TLanes.Zero), dy, TLanes.Multiply(TLanes.Broadcast((float)LeakySlope), dy));
    }

    /// <summary>
    /// tanh x = x + x³·P(x²) for |x| &lt; 0.625 (P of degree 4, fitted for minimum relative error: &lt; 0.7 ulp in float,
    /// bench/fit_tanh_polynomial.py), else sign(x)·(1 − t)/(1 + t) with t = e^(−2|x|): t's relative error ε_t enters the
    /// quotient times 2t/(1 − t²), which is ≤ 0.63 and falls as e^(−2|x|) while ε_t grows only as |x|, so the result is
    /// within 3 ulp with its three roundings (1.5 ulp measured). Derivative 1 − tanh² = 4t/(1 + t)² in the outer range
    /// (no cancellation as tanh → 1; relative error ≈ ε_t ≤ 2e−7·|x| + 4e−7), 1 − y² inside (≥ 0.69, no cancellation).
    /// </summary>
    private readonly struct TanhOperation : IOperation
    {
        private const float Inner = 0.625f;
        private const float P0 = -0.3333328068256378f, P1 = 0.13331441581249237f, P2 = -0.05373971536755562f;
        private const float P3 = 0.0206390842795372f, P4 = -0.0057049826718866825f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TVector Small<TLanes, TVector>(TVector x)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct
        {
            TVector x2 = TLanes.Multiply(x, x);
            TVector p = TLanes.MultiplyAdd(TLanes.Broadcast(P4), x2, TLanes.Broadcast(P3));
            p = TLanes.MultiplyAdd(p, x2, TLanes.Broadcast(P2));
            p = TLanes.MultiplyAdd(p, x2, TLanes.Broadcast(P1));
            p = TLanes.MultiplyAdd(p, x2, TLanes.Broadcast(P0));
            return TLanes.MultiplyAdd(TLanes.Multiply(x2, x), p, x);
        }

        public static TVector Forward<TLanes, TVector>(TVector x)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct
        {
            TVector ax = TLanes.Abs(x), one = TLanes.Broadcast(1f);
            TVector t = VectorExp.NonPositive<TLanes, TVector>(TLanes.Multiply(TLanes.Broadcast(-2f), ax));
            TVector large = TLanes.Divide(TLanes.Subtract(one, t), TLanes.Add(one, t));
            large = TLanes.Or(large, TLanes.And(x, TLanes.Broadcast(-0f))); // x's sign bit onto |tanh x|
            TVector y = TLanes.Select(TLanes.LessThan(ax, TLanes.Broadcast(Inner)), Small<TLanes, TVector>(x), large);
            return KeepNaN<TLanes, TVector>(x, y);
        }

        public static TVector Backward<TLanes, TVector>(TVector x, TVector dy)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct
        {
            TVector ax = TLanes.Abs(x), one = TLanes.Broadcast(1f);
            TVector t = VectorExp.NonPositive<TLanes, TVector>(TLanes.Multiply(TLanes.Broadcast(-2f), ax));
            TVector u = TLanes.Add(one, t);
            TVector large = TLanes.Divide(TLanes.Multiply(TLanes.Broadcast(4f), t), TLanes.Multiply(u, u));
            TVector y = Small<TLanes, TVector>(x);
            TVector small = TLanes.Subtract(one, TLanes.Multiply(y, y));
            TVector derivative = TLanes.Select(TLanes.LessThan(ax, TLanes.Broadcast(Inner)), small, large);
            return TLanes.Multiply(dy, KeepNaN<TLanes, TVector>(x, derivative));
        }
    }

    /// <summary>
    /// σ(x) = 1/(1 + e) for x ≥ 0 and e/(1 + e) for x &lt; 0, with e = e^(−|x|) ≤ 1, so nothing overflows. e's relative
    /// error ε_e enters σ times e/(1 + e) ≤ ½ for x ≥ 0 and fully for x &lt; 0, where σ ≈ e; with the two roundings,
    /// ≤ (6e−8·|x| + 3e−7) relative + 1 ulp. Below x = −87 the exponential flushes to 0, so σ(x) &lt; 1.7e−38 is returned
    /// as 0. Derivative σ(1 − σ) = e/(1 + e)², symmetric, with no cancellation and the same bound.
    /// </summary>
    private readonly struct SigmoidOperation : IOperation
    {
        public static TVector Forward<TLanes, TVector>(TVector x)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct
        {
            TVector one = TLanes.Broadcast(1f);
            TVector e = VectorExp.NonPositive<TLanes, TVector>(TLanes.Subtract(TLanes.Zero, TLanes.Abs(x)));
            TVector numerator = TLanes.Select(TLanes.LessThan(x, TLanes.Zero), e, one);
            return KeepNaN<TLanes, TVector>(x, TLanes.Divide(numerator, TLanes.Add(one, e)));
        }

        public static TVector Backward<TLanes, TVector>(TVector x, TVector dy)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct
        {
            TVector e = VectorExp.NonPositive<TLanes, TVector>(TLanes.Subtract(TLanes.Zero, TLanes.Abs(x)));
            TVector u = TLanes.Add(TLanes.Broadcast(1f), e);
            return TLanes.Multiply(dy, KeepNaN<TLanes, TVector>(x, TLanes.Divide(e, TLanes.Multiply(u, u))));
        }
    }

    /// <summary>
    /// GELU(x) = x·Φ(x), the exact (erf) form. The tail Q = Φ(−|x|) = ½·erfc(z), z = |x|/√2, comes from the Chebyshev
    /// fit erfc(z) = t·exp(−z² + P(t)), t = 1/(1 + z/2), of Numerical Recipes in C (2nd ed., §6.2, <c>erfcc</c>): relative
    /// error &lt; 1.2e−7 for every z ≥ 0. In float, z = |x|/√2 rounded and squared is off by ≤ 2^−23·z² = 6e−8·x², the
    /// exponent −z² + P(t) (nine fused steps, |P| ≤ 1.3) is rounded once more (2^−24·|arg|), and the exponential adds
    /// ≤ 9e−8·|arg| + 2 ulp: Q has relative error ≤ 1.5e−7·x² + 1e−6 (|x| ≤ 12, measured 6.5e−6 at x = −8; beyond, Q &lt;
    /// 2e−33 is immaterial next to x). Then Φ = Q for x &lt; 0 (the relative error is kept, where ½(1 + erf) would cancel)
    /// and 1 − Q for x ≥ 0 (one more rounding), and y = x·Φ. Derivative Φ(x) + x·φ(x) with φ(x) = e^(−x²/2)/√(2π):
    /// ≤ 4e−7 absolute (2.5e−7 measured).
    /// </summary>
    private readonly struct GeluOperation : IOperation
    {
        private const float InverseSqrt2F = 0.70710678f, InverseSqrt2PiF = 0.39894228f;
        private const float E0 = -1.26551223f, E1 = 1.00002368f, E2 = 0.37409196f, E3 = 0.09678418f, E4 = -0.18628806f;
        private const float E5 = 0.27886807f, E6 = -1.13520398f, E7 = 1.48851587f, E8 = -0.82215223f, E9 = 0.17087277f;

        /// <summary>Φ(x), the standard normal distribution function.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TVector Phi<TLanes, TVector>(TVector x)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct
        {
            TVector one = TLanes.Broadcast(1f);
            TVector z = TLanes.Multiply(TLanes.Abs(x), TLanes.Broadcast(InverseSqrt2F));
            TVector t = TLanes.Divide(one, TLanes.MultiplyAdd(z, TLanes.Broadcast(0.5f), one));
            TVector p = TLanes.MultiplyAdd(TLanes.Broadcast(E9), t, TLanes.Broadcast(E8));
            p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E7));
            p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E6));
            p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E5));
            p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E4));
            p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E3));
            p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E2));
            p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E1));
            p = TLanes.MultiplyAdd(p, t, TLanes.Broadcast(E0));
            TVector exponent = TLanes.Subtract(p, TLanes.Multiply(z, z));
            TVector tail = TLanes.Multiply(TLanes.Multiply(TLanes.Broadcast(0.5f), t), VectorExp.NonPositive<TLanes, TVector>(exponent));
            return TLanes.Select(TLanes.LessThan(x, TLanes.Zero), tail, TLanes.Subtract(one, tail));
        }

        public static TVector Forward<TLanes, TVector>(TVector x)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct =>
            TLanes.Multiply(x, Phi<TLanes, TVector>(x));

        public static TVector Backward<TLanes, TVector>(TVector x, TVector dy)
            where TLanes : struct, IFloatLanes<TVector>
            where TVector : struct
        {
            TVector density = TLanes.Multiply(
                TLanes.Broadcast(InverseSqrt2PiF),
                VectorExp.NonPositive<TLanes, TVector>(TLanes.Multiply(TLanes.Broadcast(-0.5f), TLanes.Multiply(x, x))));
            return TLanes.Multiply(dy, TLanes.MultiplyAdd(x, density, Phi<TLanes, TVector>(x)));
        }
    }

    /// <summary>Runs the forward pass of <paramref name="activation"/> on a vector path.</summary>
    private static unsafe void ForwardVector<TLanes, TVector>(Activation activation, float* x, float* y, int n)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        switch (activation)
        {
            case Activation.Relu: Forward<ReluOperation, TLanes, TVector>(x, y, n); break;
            case Activation.LeakyRelu: Forward<LeakyReluOperation, TLanes, TVector>(x, y, n); break;
            case Activation.Tanh: Forward<TanhOperation, TLanes, TVector>(x, y, n); break;
            case Activation.Sigmoid: Forward<SigmoidOperation, TLanes, TVector>(x, y, n); break;
            case Activation.Gelu: Forward<GeluOperation, TLanes, TVector>(x, y, n); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>Runs the backward pass of <paramref name="activation"/> on a vector path.</summary>
    private static unsafe void BackwardVector<TLanes, TVector>(Activation activation, float* x, float* dy, float* dx, int n)
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        switch (activation)
        {
            case Activation.Relu: Backward<ReluOperation, TLanes, TVector>(x, dy, dx, n); break;
            case Activation.LeakyRelu: Backward<LeakyReluOperation, TLanes, TVector>(x, dy, dx, n); break;
            case Activation.Tanh: Backward<TanhOperation, TLanes, TVector>(x, dy, dx, n); break;
            case Activation.Sigmoid: Backward<SigmoidOperation, TLanes, TVector>(x, dy, dx, n); break;
            case Activation.Gelu: Backward<GeluOperation, TLanes, TVector>(x, dy, dx, n); break;
            default: throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }
}
