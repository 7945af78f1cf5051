using System.Numerics.Tensors;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using Likely.Numerics;

namespace Likely.Bench;

/// <summary>
/// The exponential inside the fused softmax: Likely's VectorExp.NonPositive (inlined into the loop) against
/// TensorPrimitives.Exp (a separate pass) and scalar MathF.Exp, over 65536 values in [−20, 0] (L2-resident).
/// Short job because the machine is shared. Run: dotnet run -c Release --project bench/Likely.Bench -- --filter '*ExpBenchmarks*'
/// </summary>
[ShortRunJob]
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
    public void VectorExpNonPositive()
    {
        ref float source = ref MemoryMarshal.GetArrayDataReference(x);
        ref float target = ref MemoryMarshal.GetArrayDataReference(y);
        for (int k = 0; k <= x.Length - 8; k += 8)
        {
            VectorExp.NonPositive(Vector256.LoadUnsafe(ref source, (nuint)k)).StoreUnsafe(ref target, (nuint)k);
        }
    }
}
