using Likely.Models;
using Likely.Numerics;

namespace Likely.Tests.Models;

/// <summary>
/// The float span passes on every vector path (a path this CPU lacks runs emulated) against the double reference
/// <see cref="ActivationFunctions.Value"/> / <see cref="ActivationFunctions.Derivative"/>, which is itself checked here
/// against SciPy. The bounds are the ones derived in ActivationFunctions.Vector.cs, widened to cover the 128-bit path on a
/// CPU without FMA, whose exponential rounds x·log₂e before reducing it (relative error ≤ 9e−8·|x| + 2 ulp instead of
/// 3e−8·|x| + 1 ulp).
/// </summary>
[Trait("Category", "Kernel")]
public class ActivationPathTests
{
    public static TheoryData<Activation, VectorPath> EveryActivationOnEveryPath()
    {
        var data = new TheoryData<Activation, VectorPath>();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            foreach (VectorPath path in VectorPaths.All) data.Add(activation, path);
        }

        return data;
    }

    [Theory]
    // Φ(x) from SciPy: scipy.special.ndtr(x) (the tails are where ½·(1 + erf) would cancel).
    [InlineData(-37.5, 4.605353009581954e-308)]
    [InlineData(-20.0, 2.7536241186061556e-89)]
    [InlineData(-8.37, 2.8809116906508385e-17)]
    [InlineData(-5.0, 2.866515718791933e-07)]
    [InlineData(-3.0, 0.0013498980316300933)]
    [InlineData(-1.0, 0.15865525393145707)]
    [InlineData(-0.3, 0.3820885778110474)]
    [InlineData(0.0, 0.5)]
    [InlineData(0.5, 0.6914624612740131)]
    [InlineData(2.0, 0.9772498680518208)]
    [InlineData(6.0, 0.9999999990134123)]
    public void NormalCdf_SciPyValues_AgreeRelatively(double x, double expected)
    {
        double actual = ActivationFunctions.NormalCdf(x);
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * expected, $"Φ({x}) = {actual}, SciPy {expected}");
    }

    [Theory]
    // erfc(x) from SciPy: scipy.special.erfc(x).
    [InlineData(-3.0, 1.9999779095030015)]
    [InlineData(0.1, 0.8875370839817152)]
    [InlineData(2.5, 0.00040695201744495886)]
    [InlineData(4.0, 1.541725790028002e-08)]
    [InlineData(10.0, 2.0884875837625446e-45)]
    [InlineData(26.0, 5.663192408856145e-296)]
    public void Erfc_SciPyValues_AgreeRelatively(double x, double expected)
    {
        double actual = Likely.Numerics.NormalTails.Erfc(x);
        Assert.True(Math.Abs(actual - expected) <= 1e-12 * expected, $"erfc({x}) = {actual}, SciPy {expected}");
    }

    [Fact]
    public void Derivative_Tails_NoCancellation()
    {
        // By hand: tanh′(20) = 1/cosh²(20) = 4e^(−40)/(1 + e^(−40))² ≈ 4e^(−40); σ′(40) = e^(−40)/(1 + e^(−40))² ≈ e^(−40).
        // (1 − tanh² and σ(1 − σ) in double give 0 there.)
        Assert.Equal(4 * Math.Exp(-40), ActivationFunctions.Derivative(Activation.Tanh, 20), 1e-28);
        Assert.Equal(Math.Exp(-40), ActivationFunctions.Derivative(Activation.Sigmoid, 40), 1e-29);
        Assert.True(ActivationFunctions.Derivative(Activation.Tanh, 20) > 0);
    }

    [Theory]
    [MemberData(nameof(EveryActivationOnEveryPath))]
    public void ForwardBackward_SweepOfMinus20To20_WithinDerivedBounds(Activation activation, VectorPath path)
    {
        const int Count = 40001; // x = −20, −19.999, …, 20
        float[] x = Enumerable.Range(0, Count).Select(i => (float)(-20 + 0.001 * i)).ToArray();
        float[] dy = Enumerable.Repeat(1f, Count).ToArray();
        var y = new float[Count];
        var dx = new float[Count];
        ActivationFunctions.Forward(activation, x, y, path);
        ActivationFunctions.Backward(activation, x, dy, dx, path);
        for (int i = 0; i < Count; i++)
        {
            double value = ActivationFunctions.Value(activation, x[i]);
            double derivative = ActivationFunctions.Derivative(activation, x[i]);
            Assert.True(Math.Abs(y[i] - value) <= ValueBound(activation, x[i], value), $"{activation} {path}: f({x[i]}) = {y[i]}, reference {value}");
            Assert.True(Math.Abs(dx[i] - derivative) <= DerivativeBound(activation, x[i], derivative), $"{activation} {path}: f′({x[i]}) = {dx[i]}, reference {derivative}");
        }
    }

    [Theory]
    [MemberData(nameof(EveryActivationOnEveryPath))]
    public void ForwardBackward_EveryLengthInPlace_MatchesReferenceAndOutOfPlace(Activation activation, VectorPath path)
    {
        // Lengths 0..70 so that every partial last vector of every width runs; the backward pass in place (dy and dx the
        // same array, as NetworkPass uses it) must give the out-of-place bits.
        var random = new Random(7);
        for (int n = 0; n <= 70; n++)
        {
            float[] x = Enumerable.Range(0, n).Select(_ => (float)(16 * random.NextDouble() - 8)).ToArray();
            float[] dy = Enumerable.Range(0, n).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
            var y = new float[n + 1];
            var dx = new float[n];
            y[n] = 42; // past the end: must stay
            ActivationFunctions.Forward(activation, x, y, path);
            ActivationFunctions.Backward(activation, x, dy, dx, path);
            float[] inPlace = (float[])dy.Clone();
            ActivationFunctions.Backward(activation, x, inPlace, inPlace, path);
            Assert.Equal(dx, inPlace);
            Assert.Equal(42, y[n]);
            for (int i = 0; i < n; i++)
            {
                double value = ActivationFunctions.Value(activation, x[i]);
                double slope = ActivationFunctions.Derivative(activation, x[i]), derivative = dy[i] * slope;
                Assert.True(Math.Abs(y[i] - value) <= ValueBound(activation, x[i], value), $"{activation} {path} n = {n}: f({x[i]}) = {y[i]}, reference {value}");
                Assert.True(Math.Abs(dx[i] - derivative) <= Math.Abs(dy[i]) * DerivativeBound(activation, x[i], slope) + Ulp(derivative),
                    $"{activation} {path} n = {n}: dy·f′({x[i]}) = {dx[i]}, reference {derivative}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(EveryActivationOnEveryPath))]
    public void ForwardBackward_EdgeInputs_AsReference(Activation activation, VectorPath path)
    {
        // ±0, tiny and subnormal, ±1e4, ±∞ and NaN: the vector paths give the reference's special values (NaN stays NaN,
        // except ReLU, which maps it to 0; GELU(−∞) = −∞·0 is NaN in the reference too).
        float[] x = [0f, -0f, 1e-30f, -1e-30f, 1e-40f, 1e4f, -1e4f, -90f, 90f, float.PositiveInfinity, float.NegativeInfinity, float.NaN];
        float[] dy = Enumerable.Repeat(1f, x.Length).ToArray();
        var y = new float[x.Length];
        var dx = new float[x.Length];
        ActivationFunctions.Forward(activation, x, y, path);
        ActivationFunctions.Backward(activation, x, dy, dx, path);
        for (int i = 0; i < x.Length; i++)
        {
            double value = ActivationFunctions.Value(activation, x[i]);
            double derivative = ActivationFunctions.Derivative(activation, x[i]);
            AssertSpecial(value, y[i], ValueBound(activation, x[i], value), $"{activation} {path}: f({x[i]})");
            AssertSpecial(derivative, dx[i], DerivativeBound(activation, x[i], derivative), $"{activation} {path}: f′({x[i]})");
        }
    }

    [Theory]
    [InlineData(Activation.Relu)]
    [InlineData(Activation.LeakyRelu)]
    public void ForwardBackward_Relus_BitIdenticalOnEveryPath(Activation activation)
    {
        // ReLU and leaky ReLU are one compare and one float product: every path must give the scalar path's bits.
        float[] x = Enumerable.Range(0, 67).Select(i => (i - 33) * 0.37f).Append(float.NaN).Append(-0f).ToArray();
        float[] dy = x.Select((_, i) => 1 - 0.03f * i).ToArray();
        var expected = new float[x.Length];
        var expectedGradient = new float[x.Length];
        ActivationFunctions.Forward(activation, x, expected, VectorPath.Scalar);
        ActivationFunctions.Backward(activation, x, dy, expectedGradient, VectorPath.Scalar);
        foreach (VectorPath path in VectorPaths.All)
        {
            var y = new float[x.Length];
            var dx = new float[x.Length];
            ActivationFunctions.Forward(activation, x, y, path);
            ActivationFunctions.Backward(activation, x, dy, dx, path);
            Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), y.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(expectedGradient.Select(BitConverter.SingleToInt32Bits), dx.Select(BitConverter.SingleToInt32Bits));
        }
    }

    /// <summary>The documented error bound of f(x) in float against the double reference.</summary>
    private static double ValueBound(Activation activation, float x, double value)
    {
        double ax = Math.Abs(x);
        return activation switch
        {
            Activation.Relu or Activation.LeakyRelu => Ulp(value),
            Activation.Tanh => 3 * Ulp(value),
            // 0 below −87, where σ(x) < 1.7e−38 (the exponential's flush to zero).
            Activation.Sigmoid => x < -87 ? Math.Abs(value) : (6e-8 * ax + 3e-7) * Math.Abs(value) + Ulp(value),
            // Relative error ≤ 1.5e−7·x² + 1e−6 in the tail Q = Φ(−|x|), which enters as |x|·Q, for |x| ≤ 12;
            // beyond, Q < 2e−33 and the product may round into the subnormal range.
            Activation.Gelu => ax > 12 ? Math.Abs(x) * ActivationFunctions.NormalCdf(-ax) + Ulp(value)
                : (1.5e-7 * ax * ax + 1e-6) * ax * ActivationFunctions.NormalCdf(-ax) + Ulp(value),
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        };
    }

    /// <summary>The documented error bound of f′(x) in float against the double reference.</summary>
    private static double DerivativeBound(Activation activation, float x, double derivative)
    {
        double ax = Math.Abs(x);
        return activation switch
        {
            Activation.Relu or Activation.LeakyRelu => Ulp(derivative), // 0.01 rounded to float
            // Relative 2e−7·|x| + 4e−7 (the exponential of −2|x|); 0 once e^(−2|x|) flushes (|x| > 43.5, where tanh′ < 1e−37).
            Activation.Tanh => ax > 43 ? Math.Abs(derivative) : (2e-7 * ax + 4e-7) * Math.Abs(derivative) + Ulp(derivative),
            Activation.Sigmoid => ax > 87 ? Math.Abs(derivative) : (6e-8 * ax + 3e-7) * Math.Abs(derivative) + Ulp(derivative),
            Activation.Gelu => 4e-7,
            _ => throw new ArgumentOutOfRangeException(nameof(activation)),
        };
    }

    private static void AssertSpecial(double expected, float actual, double bound, string what)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected))
        {
            Assert.True(expected.Equals((double)actual), $"{what} = {actual}, reference {expected}");
            return;
        }

        Assert.True(Math.Abs(actual - expected) <= bound, $"{what} = {actual}, reference {expected}");
    }

    /// <summary>One unit in the last place of <paramref name="value"/> rounded to float (the rounding of any float result).</summary>
    private static double Ulp(double value)
    {
        float magnitude = MathF.Abs((float)value);
        return float.IsFinite(magnitude) ? MathF.BitIncrement(magnitude) - magnitude : 0;
    }
}
