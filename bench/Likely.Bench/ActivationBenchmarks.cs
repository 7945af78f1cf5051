using BenchmarkDotNet.Attributes;
using Likely.Models;
using Likely.Numerics;

namespace Likely.Bench;

/// <summary>
/// An activation's forward and backward pass over one hidden layer of a minibatch (128 rows × 256 units), on each
/// vector path the CPU has and on the scalar path (the double reference, baseline). Short job because the machine is
/// shared. Run: dotnet run -c Release --project bench/Likely.Bench -- --filter '*ActivationBenchmarks*'
/// </summary>
[ShortRunJob]
[MedianColumn]
public class ActivationBenchmarks
{
    private readonly float[] x = new float[128 * 256];
    private readonly float[] y = new float[128 * 256];
    private readonly float[] dy = new float[128 * 256];

    /// <summary>The activation.</summary>
    [Params(Activation.Relu, Activation.Tanh, Activation.Sigmoid, Activation.Gelu)]
    public Activation Activation { get; set; }

    /// <summary>The paths this CPU runs in hardware, and the scalar reference.</summary>
    [ParamsSource(nameof(Paths))]
    public VectorPath Path { get; set; }

    public static IEnumerable<VectorPath> Paths() => VectorPaths.All.Where(VectorPaths.IsAccelerated).Reverse();

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(3);
        for (int k = 0; k < x.Length; k++)
        {
            x[k] = (float)(6 * random.NextDouble() - 3);
            dy[k] = (float)(random.NextDouble() - 0.5);
        }
    }

    [Benchmark]
    public void ForwardBackward()
    {
        ActivationFunctions.Forward(Activation, x, y, Path);
        ActivationFunctions.Backward(Activation, x, dy, y, Path);
    }
}
