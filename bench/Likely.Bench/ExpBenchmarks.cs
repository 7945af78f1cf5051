using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Likely.Numerics;

namespace Likely.Bench;

/// <summary>
/// The exponential inside the fused softmax: Likely's VectorExp.NonPositive (inlined into the loop) at each width,
/// against TensorPrimitives.Exp (a separate pass, at the widest width the CPU has) and scalar MathF.Exp (baseline),
/// over 65536 values in [−20, 0] (L2-resident). A width the CPU lacks runs emulated and is not worth timing.
/// Short job because the machine is shared. Run: dotnet run -c Release --project bench/Likely.Bench -- --filter '*ExpBenchmarks*'
/// </summary>
[ShortRunJob]
[MedianColumn]
public class ExpBenchmarks
{
    private readonly float[] x = new float[65536];
    private readonly float[] y = new float[65536];

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2);
        for (int k = 0; k < x.Length; k++) x[k] = (float)(-20 * random.NextDouble());
    }

    [Benchmark(Baseline = true)]
    public void ScalarMathFExp()
    {
        for (int k = 0; k < x.Length; k++) y[k] = MathF.Exp(x[k]);
    }

    [Benchmark]
    public void TensorPrimitivesExp() => TensorPrimitives.Exp(x, y);

    [Benchmark]
    public void VectorExp512() => Run<Lanes512, Vector512<float>>();

    [Benchmark]
    public void VectorExp256() => Run<Lanes256, Vector256<float>>();

    [Benchmark]
    public void VectorExp128() => Run<Lanes128, Vector128<float>>();

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Run<TLanes, TVector>()
        where TLanes : struct, IFloatLanes<TVector>
        where TVector : struct
    {
        fixed (float* source = x, target = y)
        {
            for (int k = 0; k <= x.Length - TLanes.Count; k += TLanes.Count)
            {
                TLanes.Store(VectorExp.NonPositive<TLanes, TVector>(TLanes.Load(source + k)), target + k);
            }
        }
    }
}
