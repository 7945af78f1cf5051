using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.Arm;
using System.Runtime.Intrinsics.X86;
using Likely.Numerics;

namespace Likely.Tests.Numerics;

/// <summary>VectorExp.NonPositive on every vector path against Math.Exp in double (the oracle) and its scalar twin.</summary>
[Trait("Category", "Kernel")]
public class VectorExpTests
{
    /// <summary>Whether the path's multiply-adds are fused: always on the 256- and 512-bit paths (they are FMA paths,
    /// emulated exactly where the CPU lacks them); on the 128-bit path where the CPU has FMA.</summary>
    private static bool Fused(VectorPath path) => path != VectorPath.Vector128 || Fma.IsSupported || AdvSimd.IsSupported;

    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void NonPositive_SweepOfMinus87To0_WithinDocumentedErrorOfMathExp(VectorPath path)
    {
        // Documented bound: relative error ≤ 3e−8·|x| + 1 ulp with fused multiply-adds, ≤ 9e−8·|x| + 2 ulp without.
        float[] x = Enumerable.Range(0, 119_000).Select(k => (float)(-0.000731 * k)).Where(v => v >= -87).ToArray();
        float[] y = ExpOnPath(x, path);
        bool fused = Fused(path);
        for (int k = 0; k < x.Length; k++)
        {
            double expected = Math.Exp(x[k]);
            double bound = fused ? 3e-8 * Math.Abs(x[k]) + 1.2e-7 : 9e-8 * Math.Abs(x[k]) + 2.4e-7;
            Assert.True(Math.Abs(y[k] - expected) <= bound * expected, $"{path}: e^{x[k]} = {y[k]}, Math.Exp {expected}");
            if (fused)
            {
                Assert.Equal(VectorExp.NonPositive(x[k]), y[k]); // the scalar twin is bit-identical to a fused lane
            }
        }
    }

    [Theory]
    [MemberData(nameof(VectorPathData.VectorPathsOnly), MemberType = typeof(VectorPathData))]
    public void NonPositive_Edges_ExactZeroAndOne(VectorPath path)
    {
        // e^0 = 1 exactly; below −87 (e^x < 1.7e−38) and at −∞ exactly 0, so a masked class gets probability 0.
        float[] x = [0f, -0f, float.NegativeInfinity, -100f, -87.5f, float.MinValue, -86.9f];
        float[] y = ExpOnPath(x, path);
        Assert.Equal([1f, 1f, 0f, 0f, 0f, 0f], y[..6]);
        Assert.True(y[6] > 1.7e-38f && Math.Abs(y[6] - Math.Exp(-86.9f)) <= 1e-5 * Math.Exp(-86.9f));
        Assert.Equal(1f, VectorExp.NonPositive(0f));
        Assert.Equal(0f, VectorExp.NonPositive(float.NegativeInfinity));
        Assert.Equal(0f, VectorExp.NonPositive(-100f));
    }

    /// <summary>e^x for every element on one path (the input padded to whole vectors with 0).</summary>
    private static float[] ExpOnPath(float[] x, VectorPath path)
    {
        int width = path switch { VectorPath.Vector512 => 16, VectorPath.Vector256 => 8, _ => 4 };
        float[] padded = new float[(x.Length + width - 1) / width * width];
        x.CopyTo(padded, 0);
        var y = new float[padded.Length];
        for (int k = 0; k < padded.Length; k += width)
        {
            switch (path)
            {
                case VectorPath.Vector512:
                    VectorExp.NonPositive<Lanes512, Vector512<float>>(Vector512.Create(padded.AsSpan(k, width))).CopyTo(y.AsSpan(k));
                    break;
                case VectorPath.Vector256:
                    VectorExp.NonPositive<Lanes256, Vector256<float>>(Vector256.Create(padded.AsSpan(k, width))).CopyTo(y.AsSpan(k));
                    break;
                default:
                    VectorExp.NonPositive<Lanes128, Vector128<float>>(Vector128.Create(padded.AsSpan(k, width))).CopyTo(y.AsSpan(k));
                    break;
            }
        }

        return y[..x.Length];
    }
}
