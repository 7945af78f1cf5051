using BenchmarkDotNet.Attributes;
using Likely.Losses;

namespace Likely.Bench;

/// <summary>
/// Softmax cross-entropy, float32, class-index targets, mean reduction: the fused kernel forward-only and
/// forward+backward, the scalar double oracle as baseline, and a copy of the same bytes as the bandwidth yardstick
/// (CopyOneThread: Span.CopyTo; CopyTwoThreads: two halves in parallel, as the kernel uses both cores).
/// Shapes: N = rows, C = classes. Short job (3 warm-ups, 3 iterations) because the machine is shared.
/// Run: dotnet run -c Release --project bench/Likely.Bench -- --filter '*LossesBenchmarks*'
/// </summary>
[ShortRunJob]
[MemoryDiagnoser(false)]
public class LossesBenchmarks
{
    private float[] logits = [];
    private float[] gradient = [];
    private int[] targets = [];
    private CrossEntropyOptions options = CrossEntropyOptions.Default;

    /// <summary>N×C.</summary>
    [Params("65536x10", "8192x1000", "1024x50000")]
    public string Shape { get; set; } = "";

    /// <summary>Label smoothing ε.</summary>
    [Params(0.0, 0.1)]
    public double Smoothing { get; set; }

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
    public double ScalarForwardBackward() => SoftmaxCrossEntropy.ComputeScalar(logits, Classes, targets, gradient, options, default);

    [Benchmark]
    public double Forward() => SoftmaxCrossEntropy.Compute(logits, Classes, targets, default, options);

    [Benchmark]
    public double ForwardBackward() => SoftmaxCrossEntropy.Compute(logits, Classes, targets, gradient, options);

    [Benchmark]
    public void CopyOneThread() => logits.AsSpan().CopyTo(gradient);

    [Benchmark]
    public void CopyTwoThreads()
    {
        int half = logits.Length / 2;
        Parallel.For(0, 2, part =>
        {
            int start = part * half, length = part == 0 ? half : logits.Length - half;
            logits.AsSpan(start, length).CopyTo(gradient.AsSpan(start, length));
        });
    }
}
