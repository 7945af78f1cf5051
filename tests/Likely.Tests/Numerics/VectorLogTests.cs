using System.Runtime.Intrinsics;
using Likely.Numerics;

namespace Likely.Tests.Numerics;

/// <summary>
/// The table-driven float64 log at every vector width (a width this CPU lacks runs emulated), against Math.Log (the C
/// library's log, correctly rounded in all but rare cases) as the oracle.
/// </summary>
/// <remarks>
/// Tolerance: 1 ulp of the result. The log's own error is below about 0.6 ulp (one rounding of hi + tail, the table
/// and the polynomial below 2^-8 ulp), Math.Log's below 0.52 ulp, and two doubles in one binade differ by a whole number
/// of ulps. On the 128-bit path of a CPU without FMA, r = (z − c)·(1/c) carries two roundings of |r| ≤ 0.031 instead of
/// one, up to about 1 ulp more where |log x| is near its smallest off the interval around 1 (2^-6): 2 ulp there.
/// </remarks>
[Trait("Category", "Kernel")]
public class VectorLogTests
{
    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void Log_RandomInputsOverWholeRange_WithinOneUlpOfMathLog(VectorPath path)
    {
        // Inputs: (0, 1), e^[−700, 700], random bit patterns, 1 ± 0.1, 1 ± 2^-20 and subnormals.
        var random = new Random(42);
        double[] x = new double[200_000];
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = (i % 6) switch
            {
                0 => random.NextDouble(),
                1 => Math.Exp(random.NextDouble() * 1400 - 700),
                2 => BitConverter.Int64BitsToDouble(random.NextInt64(0x0010_0000_0000_0000, 0x7FEF_FFFF_FFFF_FFFF)),
                3 => 1 + (random.NextDouble() - 0.5) * 0.2,
                4 => 1 + (random.NextDouble() - 0.5) * Math.ScaleB(1, -19),
                _ => BitConverter.Int64BitsToDouble(random.NextInt64(1, 0x0010_0000_0000_0000)),
            };
        }

        double[] actual = Log(path, x);
        double allowedUlps = path == VectorPath.Vector128 && !DoubleLanes128.IsMultiplyAddFused ? 2 : 1;
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Log(x[i]);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual[i] - expected) <= allowedUlps * ulp, $"log({x[i]:R}) = {actual[i]:R}, Math.Log gives {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void Log_SpecialValues_MatchMathLog(VectorPath path)
    {
        // As Math.Log: log ±0 = −∞, log +∞ = +∞, log of a negative number, −∞ or NaN = NaN, log 1 = 0 exactly; the
        // smallest subnormal and normal numbers and the largest double are ordinary values (within 1 ulp).
        double[] x =
        [
            0.0, -0.0, double.PositiveInfinity, -1.0, double.NegativeInfinity, double.NaN, 1.0, double.Epsilon,
            VectorLog.SmallestNormal, double.MaxValue, 1e-310, 0.5, 2.0, -1e-310, Math.BitDecrement(1.0), Math.BitIncrement(1.0),
        ];
        double[] actual = Log(path, x);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Log(x[i]);
            if (!double.IsFinite(expected) || expected == 0)
            {
                Assert.Equal(expected, actual[i]);
            }
            else
            {
                Assert.Equal(expected, actual[i], Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected));
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void LogOfNormal_NormalInputs_WithinTwoUlpsOfMathLog(VectorPath path)
    {
        // The reductions' fast form skips Log's compensated last addition: error bound 1.5 ulp (2 with the 128-bit
        // reduction of a CPU without FMA), so 2 ulp from Math.Log.
        var random = new Random(17);
        double[] x = Enumerable.Range(0, 100_000).Select(i => (i % 3) switch
        {
            0 => random.NextDouble() + 1e-300,
            1 => Math.Exp(random.NextDouble() * 1400 - 700),
            _ => 0.95 + random.NextDouble() * 0.15,
        }).ToArray();
        double[] actual = Log(path, x, normalOnly: true);
        for (int i = 0; i < x.Length; i++)
        {
            double expected = Math.Log(x[i]);
            double ulp = Math.BitIncrement(Math.Abs(expected)) - Math.Abs(expected);
            Assert.True(Math.Abs(actual[i] - expected) <= 2 * ulp, $"log({x[i]:R}) = {actual[i]:R}, Math.Log gives {expected:R}");
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void LogOfNormal_PositiveZero_IsFinite(VectorPath path)
    {
        // The fast forms multiply log 0 by a weight of 0 and rely on it being finite (0·finite = 0, 0·∞ would be NaN).
        double[] zeros = new double[8];
        Assert.All(Log(path, zeros, normalOnly: true), value => Assert.True(double.IsFinite(value)));
    }

    [FusedMultiplyAddFact]
    public void Log_EveryPath_SameBitsOnFusedHardware()
    {
        // One algorithm, one table: where every path fuses its multiply-adds the lanes agree bit for bit across widths.

        var random = new Random(5);
        double[] x = Enumerable.Range(0, 4096).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64(0, 0x7FF0_0000_0000_0000))).ToArray();
        ulong[] at512 = Bits(Log(VectorPath.Vector512, x));
        Assert.Equal(at512, Bits(Log(VectorPath.Vector256, x)));
        Assert.Equal(at512, Bits(Log(VectorPath.Vector128, x)));
    }

    /// <summary>log of each entry at the width of <paramref name="path"/>; the length is a multiple of 8.</summary>
    private static double[] Log(VectorPath path, double[] x, bool normalOnly = false)
    {
        double[] result = new double[x.Length];
        for (int i = 0; i < x.Length; i += 8)
        {
            Span<double> lanes = result.AsSpan(i, 8);
            ReadOnlySpan<double> input = x.AsSpan(i, 8);
            switch (path)
            {
                case VectorPath.Vector512:
                    Vector512<double> x512 = Vector512.Create(input);
                    (normalOnly ? VectorLog.LogOfNormal<DoubleLanes512, Vector512<double>>(x512) : VectorLog.Log<DoubleLanes512, Vector512<double>>(x512)).CopyTo(lanes);
                    break;
                case VectorPath.Vector256:
                    for (int half = 0; half < 8; half += 4)
                    {
                        Vector256<double> x256 = Vector256.Create(input[half..]);
                        (normalOnly ? VectorLog.LogOfNormal<DoubleLanes256, Vector256<double>>(x256) : VectorLog.Log<DoubleLanes256, Vector256<double>>(x256)).CopyTo(lanes[half..]);
                    }

                    break;
                default:
                    for (int quarter = 0; quarter < 8; quarter += 2)
                    {
                        Vector128<double> x128 = Vector128.Create(input[quarter..]);
                        (normalOnly ? VectorLog.LogOfNormal<DoubleLanes128, Vector128<double>>(x128) : VectorLog.Log<DoubleLanes128, Vector128<double>>(x128)).CopyTo(lanes[quarter..]);
                    }

                    break;
            }
        }

        return result;
    }

    private static ulong[] Bits(double[] values) => values.Select(v => (ulong)BitConverter.DoubleToInt64Bits(v)).ToArray();
}

/// <summary>A fact that needs the 128-bit path to fuse its multiply-adds; skipped, and reported so, on a CPU without FMA
/// (whose 128-bit path reduces r another way, tested within 2 ulp by the other tests).</summary>
public sealed class FusedMultiplyAddFactAttribute : FactAttribute
{
    public FusedMultiplyAddFactAttribute()
    {
        if (!DoubleLanes128.IsMultiplyAddFused) Skip = "needs FMA: without it the 128-bit path computes r = (z − c)·(1/c).";
    }
}

