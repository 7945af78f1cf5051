using System.Runtime.CompilerServices;

namespace Likely.Models;

/// <summary>
/// Forward and backward passes of each <see cref="Activation"/> over a batch: y = f(x) and dx = dy ⊙ f′(x).
/// </summary>
/// <remarks>
/// The scalar <see cref="Value"/> and <see cref="Derivative"/> in double are the reference the span passes are
/// tested against; the span passes compute in float (the element count is small next to the matrix multiplies).
/// </remarks>
public static class ActivationFunctions
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
        Activation.Gelu => 0.5 * x * (1 + Erf(x * InverseSqrt2)),
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
                double t = Math.Tanh(x);
                return 1 - t * t;
            case Activation.Sigmoid:
                double s = Sigmoid(x);
                return s * (1 - s);
            case Activation.Gelu:
                return 0.5 * (1 + Erf(x * InverseSqrt2)) + x * InverseSqrt2Pi * Math.Exp(-0.5 * x * x);
            default:
                throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation.");
        }
    }

    /// <summary>y_i = f(x_i) for every element.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="x"/>.</exception>
    public static void Forward(Activation activation, ReadOnlySpan<float> x, Span<float> destination)
    {
        if (destination.Length < x.Length)
        {
            throw new ArgumentException($"destination has {destination.Length} entries but x has {x.Length}.", nameof(destination));
        }

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

    /// <summary>dx_i = dy_i·f′(x_i) for every element, where x is the activation's input.</summary>
    /// <exception cref="ArgumentException">The spans differ in length.</exception>
    public static void Backward(Activation activation, ReadOnlySpan<float> x, ReadOnlySpan<float> outputGradient, Span<float> inputGradient)
    {
        if (outputGradient.Length != x.Length || inputGradient.Length < x.Length)
        {
            throw new ArgumentException($"x has {x.Length} entries, outputGradient {outputGradient.Length} and inputGradient {inputGradient.Length}; they must match.", nameof(outputGradient));
        }

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

    /// <summary>
    /// erf(x) to about 1e-15 relative: the Maclaurin series for |x| &lt; 2.5, else the continued fraction of erfc
    /// (.NET has no erf).
    /// </summary>
    internal static double Erf(double x)
    {
        if (double.IsNaN(x)) return double.NaN;
        double ax = Math.Abs(x);
        if (ax < 2.5)
        {
            // erf(x) = 2/√π · Σ_n (−1)ⁿ x^(2n+1) / (n!·(2n+1))
            double term = x, sum = x, x2 = x * x;
            for (int n = 1; n < 60; n++)
            {
                term *= -x2 / n;
                double next = term / (2 * n + 1);
                sum += next;
                if (Math.Abs(next) < 1e-17 * Math.Abs(sum)) break;
            }

            return 1.1283791670955126 * sum;
        }

        if (ax > 6) return Math.Sign(x);

        // erfc(x) = e^(−x²)/√π · 1/(x + 1/2/(x + 1/(x + 3/2/(x + 2/(x + …))))), evaluated backwards.
        double fraction = ax;
        for (int n = 60; n >= 1; n--)
        {
            fraction = ax + n / 2.0 / fraction;
        }

        double erfc = Math.Exp(-ax * ax) / (1.7724538509055160 * fraction);
        return Math.Sign(x) * (1 - erfc);
    }
}
