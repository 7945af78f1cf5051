using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Likely.Information;
using Likely.Numerics;

namespace Likely.Bench;

/// <summary>
/// Entropy, cross-entropy and KL over 10 million float64 entries (80 MB per vector), next to the scalar references
/// (the baselines) and a plain vectorized sum over the same bytes, the bandwidth yardstick.
/// Run: dotnet run -c Release --project bench/Likely.Bench -- --filter '*InformationBenchmarks*'
/// The vector path is the CPU's widest; LIKELY_VECTOR_PATH=vector256 (or vector128) before the command forces a narrower
/// one for the whole run, yardstick included (the benchmark processes inherit the variable).
/// The job is short (1 launch, 2 warm-ups, 9 iterations) because the machine is shared; read the medians and minima
/// (other work on the same cores inflates the mean) and the ratios to the yardstick.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 9)]
[MedianColumn, MinColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class InformationBenchmarks
{
    private const int Length = 10_000_000;
    private double[] _p = [];
    private double[] _q = [];

    [GlobalSetup]
    public void Setup()
    {
        Console.WriteLine($"// Vector path: {VectorPaths.Current} ({VectorPaths.Name(VectorPaths.Current)})");
        var random = new Random(42);
        _p = new double[Length];
        _q = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            _p[i] = random.NextDouble();
            _q[i] = random.NextDouble() + 1e-3;
        }

        ProbabilityVector.Normalize(_p, _p);
        ProbabilityVector.Normalize(_q, _q);
    }

    // H(p): reads p once (80 MB).

    [Benchmark(Baseline = true), BenchmarkCategory("H(p)")]
    public double EntropyScalar() => Entropy.ComputeScalar(_p);

    [Benchmark, BenchmarkCategory("H(p)")]
    public double Entropy_() => Entropy.Compute(_p);

    /// <summary>Yardstick: the same chunked, parallel, compensated reduction with f(x) = x (no log).</summary>
    [Benchmark, BenchmarkCategory("H(p)")]
    public double SumYardstick() => BlockReduction.Reduce<IdentityTerm>(_p, 1).Total;

    /// <summary>Second yardstick: TensorPrimitives.Sum on one core.</summary>
    [Benchmark, BenchmarkCategory("H(p)")]
    public double TensorPrimitivesSum() => TensorPrimitives.Sum<double>(_p);

    // H(p, q) and D(p‖q): read p and q (160 MB).

    [Benchmark(Baseline = true), BenchmarkCategory("D(p||q)")]
    public double KullbackLeiblerScalar() => KullbackLeiblerDivergence.ComputeScalar(_p, _q);

    [Benchmark, BenchmarkCategory("D(p||q)")]
    public double KullbackLeibler() => KullbackLeiblerDivergence.Compute(_p, _q);

    [Benchmark, BenchmarkCategory("D(p||q)")]
    public double CrossEntropy_() => CrossEntropy.Compute(_p, _q);

    [Benchmark, BenchmarkCategory("D(p||q)")]
    public double JensenShannon() => JensenShannonDivergence.Compute(_p, _q);

    /// <summary>Yardstick for two vectors: a parallel vectorized sum over both (same 160 MB).</summary>
    [Benchmark, BenchmarkCategory("D(p||q)")]
    public double SumYardstickTwoVectors() => BlockReduction.Reduce<IdentityTerm>(_p, 1).Total + BlockReduction.Reduce<IdentityTerm>(_q, 1).Total;
}
