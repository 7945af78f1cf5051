using BenchmarkDotNet.Attributes;
using Likely.Losses;
using Likely.Numerics;

namespace Likely.Bench;

/// <summary>
/// Softmax cross-entropy, float32, class-index targets, mean reduction: the fused kernel forward-only and
/// forward+backward on each vector path (Scalar is the double reference, one thread), against a two-thread copy of the
/// same bytes as baseline, the bandwidth yardstick (the kernel uses both cores; the Ratio column is then the kernel's
/// time over the copy's: issue 9 asks for ≤ 1/0.7 at C ≥ 1000). CopyOneThread is Span.CopyTo.
/// Shapes: N = rows, C = classes. Short job (3 warm-ups, 3 iterations) because the machine is shared; a path the CPU
/// lacks runs emulated, so run only the paths it has:
/// dotnet run -c Release --project bench/Likely.Bench -- --filter '*LossesBenchmarks*' --job short
/// </summary>
[ShortRunJob]
[MedianColumn]
[MemoryDiagnoser(false)]
public class LossesBenchmarks
{
    private float[] logits = [];
    private float[] gradient = [];
    private int[] targets = [];
    private CrossEntropyOptions options = CrossEntropyOptions.Default;

    /// <summary>N×C: the two shapes of issue 9's goals.</summary>
    [Params("65536x10", "8192x1000")]
    public string Shape { get; set; } = "";

    /// <summary>Label smoothing ε.</summary>
    [Params(0.0, 0.1)]
    public double Smoothing { get; set; }

    /// <summary>The vector path the kernel runs on.</summary>
    [ParamsSource(nameof(Paths))]
    public VectorPath Path { get; set; }

    /// <summary>The paths this CPU runs in hardware, widest first, and the scalar reference.</summary>
    public static IEnumerable<VectorPath> Paths() => VectorPaths.All.Where(VectorPaths.IsAccelerated).Reverse();

    private int Classes => int.Parse(Shape.Split('x')[1], System.Globalization.CultureInfo.InvariantCulture);

    [GlobalSetup]
    public void Setup()
    {
        string[] parts = Shape.Split('x');
        int rows = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), classes = Classes;
        var random = new Random(1);
        logits = new float[rows * classes];
        for (int k = 0; k < logits.Length; k++) logits[k] = (float)(4 * (random.NextDouble() - 0.5));
        gradient = new float[logits.Length];
        targets = new int[rows];
        for (int i = 0; i < rows; i++) targets[i] = random.Next(classes);
        options = new CrossEntropyOptions { LabelSmoothing = Smoothing };
    }

    [Benchmark(Baseline = true)]
    public void CopyTwoThreads()
    {
        int half = logits.Length / 2;
        Parallel.For(0, 2, part =>
        {
            int start = part * half, length = part == 0 ? half : logits.Length - half;
            logits.AsSpan(start, length).CopyTo(gradient.AsSpan(start, length));
        });
    }

    [Benchmark]
    public void CopyOneThread() => logits.AsSpan().CopyTo(gradient);

    [Benchmark]
    public double Forward() => SoftmaxCrossEntropy.Compute(logits, Classes, targets, default, options, default, maxDegreeOfParallelism: -1, Path);

    [Benchmark]
    public double ForwardBackward() => SoftmaxCrossEntropy.Compute(logits, Classes, targets, gradient, options, default, maxDegreeOfParallelism: -1, Path);
}
