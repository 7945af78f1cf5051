using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Models;

/// <summary>
/// Forward and backward passes of each <see cref="Activation"/> over a batch: y = f(x) and dx = dy ⊙ f′(x).
/// </summary>
/// <remarks>
/// The scalar <see cref="Value"/> and <see cref="Derivative"/> in double are the reference. The span passes compute in
/// float on <see cref="VectorPaths.Current"/>: ReLU and leaky ReLU exactly; tanh, sigmoid and GELU (its exact erf form)
/// through the polynomial exponential, within a few float ulps of the reference (the bounds and their derivations are
/// in ActivationFunctions.Vector.cs; sigmoid returns 0 below x = −87, where σ(x) &lt; 1.7e−38). On the scalar path they
/// run the reference itself (tanh through MathF.Tanh). NaN gives NaN, except that ReLU maps it to 0, as before.
/// </remarks>
public static partial class ActivationFunctions
{
    /// <summary>The slope of leaky ReLU for x ≤ 0 (PyTorch's default negative_slope).</summary>
    public const double LeakySlope = 0.01;

    private const double InverseSqrt2 = 0.70710678118654752440;
    private const double InverseSqrt2Pi = 0.39894228040143267794;

    /// <summary>f(x) for <paramref name="activation"/>, in double.</summary>
    public static double Value(Activation activation, double x) => activation switch
    {
        Activation.Relu => x > 0 ? x : 0,
        Activation.LeakyRelu => x > 0 ? x : LeakySlope * x,
        Activation.Tanh => Math.Tanh(x),
        Activation.Sigmoid => Sigmoid(x),
        Activation.Gelu => x * NormalCdf(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>f′(x) for <paramref name="activation"/>, in double.</summary>
    public static double Derivative(Activation activation, double x)
    {
        switch (activation)
        {
            case Activation.Relu: return x > 0 ? 1 : 0;
            case Activation.LeakyRelu: return x > 0 ? 1 : LeakySlope;
            case Activation.Tanh:
                // 1 − tanh² x = 1/cosh² x, which does not cancel as tanh x → ±1.
                double c = Math.Cosh(x);
                return 1 / (c * c);
            case Activation.Sigmoid:
                // σ(1 − σ) = e/(1 + e)² with e = e^(−|x|): no cancellation in 1 − σ for large x.
                double e = Math.Exp(-Math.Abs(x));
                return e / ((1 + e) * (1 + e));
            case Activation.Gelu:
                return NormalCdf(x) + x * InverseSqrt2Pi * Math.Exp(-0.5 * x * x);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>y_i = f(x_i) for every element.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="x"/>.</exception>
    public static void Forward(Activation activation, ReadOnlySpan<float> x, Span<float> destination) =>
        Forward(activation, x, destination, VectorPaths.Current);

    /// <summary>dx_i = dy_i·f′(x_i) for every element, where x is the activation's input.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward(Activation activation, ReadOnlySpan<float> x, ReadOnlySpan<float> outputGradient, Span<float> inputGradient) =>
        Backward(activation, x, outputGradient, inputGradient, VectorPaths.Current);

    /// <summary>The forward pass on an explicit <paramref name="path"/> (the tests run every path).</summary>
    internal static unsafe void Forward(Activation activation, ReadOnlySpan<float> x, Span<float> destination, VectorPath path)
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} entries but x has {x.Length}.", nameof(destination));
        }

        fixed (float* input = x, output = destination)
        {
            switch (path)
            {
                case VectorPath.Vector512: ForwardVector<Lanes512, Vector512<float>>(activation, input, output, x.Length); break;
                case VectorPath.Vector256: ForwardVector<Lanes256, Vector256<float>>(activation, input, output, x.Length); break;
                case VectorPath.Vector128: ForwardVector<Lanes128, Vector128<float>>(activation, input, output, x.Length); break;
                default: ForwardScalar(activation, x, destination); break;
            }
        }
    }

    /// <summary>The backward pass on an explicit <paramref name="path"/> (the tests run every path).</summary>
    internal static unsafe void Backward(
        Activation activation, ReadOnlySpan<float> x, ReadOnlySpan<float> outputGradient, Span<float> inputGradient, VectorPath path)
    {
        if (outputGradient.Length != x.Length || inputGradient.Length < x.Length)
        {
            throw new ArgumentException($"x has {x.Length} entries, outputGradient {outputGradient.Length} and inputGradient {inputGradient.Length}; they must match.", nameof(outputGradient));
        }

        fixed (float* input = x, dy = outputGradient, dx = inputGradient)
        {
            switch (path)
            {
                case VectorPath.Vector512: BackwardVector<Lanes512, Vector512<float>>(activation, input, dy, dx, x.Length); break;
                case VectorPath.Vector256: BackwardVector<Lanes256, Vector256<float>>(activation, input, dy, dx, x.Length); break;
                case VectorPath.Vector128: BackwardVector<Lanes128, Vector128<float>>(activation, input, dy, dx, x.Length); break;
                default: BackwardScalar(activation, x, outputGradient, inputGradient); break;
            }
        }
    }

    /// <summary>The scalar path of the forward pass: the double reference rounded to float (ReLUs and tanh in float).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ForwardScalar(Activation activation, ReadOnlySpan<float> x, Span<float> destination)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (int i = 0; i < x.Length; i++) destination[i] = x[i] > 0 ? x[i] : 0;
                break;
            case Activation.LeakyRelu:
                for (int i = 0; i < x.Length; i++) destination[i] = x[i] > 0 ? x[i] : (float)LeakySlope * x[i];
                break;
            case Activation.Tanh:
                for (int i = 0; i < x.Length; i++) destination[i] = MathF.Tanh(x[i]);
                break;
            default:
                for (int i = 0; i < x.Length; i++) destination[i] = (float)Value(activation, x[i]);
                break;
        }
    }

    /// <summary>The scalar path of the backward pass: dy times the double reference derivative.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BackwardScalar(Activation activation, ReadOnlySpan<float> x, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        switch (activation)
        {
            case Activation.Relu:
                for (int i = 0; i < x.Length; i++) inputGradient[i] = x[i] > 0 ? outputGradient[i] : 0;
                break;
            case Activation.LeakyRelu:
                for (int i = 0; i < x.Length; i++) inputGradient[i] = x[i] > 0 ? outputGradient[i] : (float)LeakySlope * outputGradient[i];
                break;
            default:
                for (int i = 0; i < x.Length; i++) inputGradient[i] = (float)(outputGradient[i] * Derivative(activation, x[i]));
                break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Sigmoid(double x) => x >= 0 ? 1 / (1 + Math.Exp(-x)) : Math.Exp(x) / (1 + Math.Exp(x));

    /// <summary>Φ(x) = ½·erfc(−x/√2), the standard normal distribution function, accurate in both tails (½·(1 + erf)
    /// would cancel for x ≪ 0): the one implementation in <see cref="Numerics.NormalTails"/>.</summary>
    internal static double NormalCdf(double x) => Numerics.NormalTails.NormalCdf(x);
}
