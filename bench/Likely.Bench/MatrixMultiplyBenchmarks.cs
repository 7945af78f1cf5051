using BenchmarkDotNet.Attributes;
using Likely.Numerics;

namespace Likely.Bench;

/// <summary>
/// The float32 matrix multiply on the shapes of one MLP 784-256-128-10 training step at batch 128 (forward X·Wᵀ,
/// weight gradient dYᵀ·X, input gradient dY·W), against the scalar reference. GFLOP/s = 2·M·N·K / time.
/// Run: dotnet run -c Release --project bench/Likely.Bench -- --filter '*MatrixMultiply*' --job short
/// </summary>
[MemoryDiagnoser]
public class MatrixMultiplyBenchmarks
{
    private float[] a = [], b = [], c = [];

    /// <summary>M×N×K and the transposes, as "M,N,K,tA,tB".</summary>
    [Params("128,256,784,N,T", "256,784,128,T,N", "128,128,256,N,T", "128,256,128,N,N")]
    public string Shape { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    private int M, N, K;
    private bool TransposeA, TransposeB;

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split(',');
        (M, N, K, TransposeA, TransposeB) = (int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2]), parts[3] == "T", parts[4] == "T");
        var random = new Random(1);
        a = Enumerable.Range(0, M * K).Select(_ => (float)random.NextDouble()).ToArray();
        b = Enumerable.Range(0, K * N).Select(_ => (float)random.NextDouble()).ToArray();
        c = new float[M * N];
    }

    [Benchmark(Baseline = true)]
    public void Scalar() => MatrixMultiply.MultiplyScalar(a, TransposeA, b, TransposeB, c, M, N, K);

    [Benchmark]
    public void Packed() => MatrixMultiply.Multiply(a, TransposeA, b, TransposeB, c, M, N, K, threads: Threads);
}
