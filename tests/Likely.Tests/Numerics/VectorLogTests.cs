using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Tests.Numerics;

public class VectorLogTests
{
    [Fact]
    public void Log_RandomInputsOverWholeRange_WithinOneUlpOfMathLog()
    {
        // Oracle: Math.Log (the C library's log). Inputs: (0, 1), e^[−700, 700], random bit patterns, subnormals.
        var random = new Random(42);
        for (int i = 0; i < 400_000; i++)
        {
            double x = (i % 4) switch
            {
                0 => random.NextDouble(),
                1 => Math.Exp(random.NextDouble() * 1400 - 700),
                2 => BitConverter.Int64BitsToDouble(random.NextInt64(0x0010_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF)),
                _ => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x0010_0000_0000_0000)),
            };
            double expected = Math.Log(x);
            double actual = VectorLog.Log(Vector256.Create(x, 0.5, 2.0, 1.0)).GetElement(0);
            double ulp = Math.Abs(Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));
            Assert.True(Math.Abs(actual - expected) <= ulp, $"log({x:R}) = {actual:R}, Math.Log gives {expected:R}");
        }
    }

    [Fact]
    public void LogPair_SameBitsAsSingleLog_IncludingSpecialLanes()
    {
        // The interleaved pair must be exactly the single-vector log, on the fast path and the slow one.
        var random = new Random(9);
        for (int i = 0; i < 10_000; i++)
        {
            Vector256<double> x0 = Vector256.Create(random.NextDouble(), Math.Exp(random.NextDouble() * 100 - 50), random.NextDouble() * 1e-300, 3.0);
            Vector256<double> x1 = i % 10 == 0
                ? Vector256.Create(0.0, 5e-320, double.PositiveInfinity, random.NextDouble())
                : Vector256.Create(random.NextDouble(), 1.0, random.NextDouble() * 1e6, 0.75);
            VectorLog.Log(x0, x1, out Vector256<double> log0, out Vector256<double> log1);
            Assert.Equal(VectorLog.Log(x0).AsUInt64(), log0.AsUInt64());
            Assert.Equal(VectorLog.Log(x1).AsUInt64(), log1.AsUInt64());
        }
    }

    [Fact]
    public void Log_SpecialValues_MatchMathLog()
    {
        // log 0 = −∞, log +∞ = +∞, log(−1) = NaN, log 1 = 0, as Math.Log.
        Vector256<double> result = VectorLog.Log(Vector256.Create(0.0, double.PositiveInfinity, -1.0, 1.0));
        Assert.Equal(double.NegativeInfinity, result.GetElement(0));
        Assert.Equal(double.PositiveInfinity, result.GetElement(1));
        Assert.True(double.IsNaN(result.GetElement(2)));
        Assert.Equal(0.0, result.GetElement(3));
        Assert.True(double.IsNaN(VectorLog.Log(Vector256.Create(double.NaN)).GetElement(0)));
    }
}
