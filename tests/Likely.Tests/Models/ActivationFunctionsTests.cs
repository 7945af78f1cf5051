using Likely.Models;

namespace Likely.Tests.Models;

public class ActivationFunctionsTests
{
    public static TheoryData<Activation> All() => new(Enum.GetValues<Activation>());

    [Theory]
    [MemberData(nameof(All))]
    public void Derivative_FiniteDifferenceInDouble_Agrees(Activation activation)
    {
        const double h = 1e-6;
        // Points away from the ReLU kink at 0, where the derivative is not defined.
        foreach (double x in new[] { -4.0, -1.3, -0.2, 0.05, 0.7, 2.2, 5.0 })
        {
            double numeric = (ActivationFunctions.Value(activation, x + h) - ActivationFunctions.Value(activation, x - h)) / (2 * h);
            Assert.Equal(numeric, ActivationFunctions.Derivative(activation, x), 1e-7);
        }
    }

    [Theory]
    [MemberData(nameof(All))]
    public void ForwardBackward_Spans_MatchDoubleReference(Activation activation)
    {
        float[] x = Enumerable.Range(0, 41).Select(i => (i - 20) * 0.25f).ToArray();
        float[] dy = x.Select((_, i) => 1 + 0.1f * i).ToArray();
        var y = new float[x.Length];
        var dx = new float[x.Length];
        ActivationFunctions.Forward(activation, x, y);
        ActivationFunctions.Backward(activation, x, dy, dx);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(ActivationFunctions.Value(activation, x[i]), y[i], 1e-6);
            Assert.Equal(dy[i] * ActivationFunctions.Derivative(activation, x[i]), dx[i], 1e-5);
        }
    }

    [Theory]
    // erf values from SciPy: scipy.special.erf(x).
    [InlineData(0.0, 0.0)]
    [InlineData(0.5, 0.5204998778130465)]
    [InlineData(1.0, 0.8427007929497149)]
    [InlineData(2.4, 0.9993114861033549)]
    [InlineData(2.6, 0.9997639655834707)]
    [InlineData(3.0, 0.9999779095030014)]
    [InlineData(-1.0, -0.8427007929497149)]
    public void Erf_KnownValues_Agree(double x, double expected)
    {
        Assert.Equal(expected, Likely.Numerics.NormalTails.Erf(x), 1e-13);
    }

    [Fact]
    public void Value_HandWorked_Agree()
    {
        // By hand: GELU(1) = Φ(1) = ½(1 + erf(1/√2)) = 0.8413447460685429; σ(0) = ½; leaky ReLU(−2) = −0.02.
        Assert.Equal(0.8413447460685429, ActivationFunctions.Value(Activation.Gelu, 1), 1e-13);
        Assert.Equal(0.5, ActivationFunctions.Value(Activation.Sigmoid, 0));
        Assert.Equal(-0.02, ActivationFunctions.Value(Activation.LeakyRelu, -2), 1e-15);
        Assert.Equal(0.0, ActivationFunctions.Value(Activation.Relu, -2));
    }
}
