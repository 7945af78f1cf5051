using System.Diagnostics;
using Likely.Data;
using Likely.Losses;
using Likely.Models;
using Likely.Numerics;
using Likely.Training;

namespace Likely.Bench;

/// <summary>
/// Where one MLP 784-256-128-10 training step's time goes (batch 128 shuffled rows of 60,000, Adam, ReLU): the forward
/// pass (the first layer gathers the rows while packing), the fused loss, the backward pass, the gradient norm, the
/// optimizer update and the whole step, each timed alone (median of 500 after 200 warm-up), and the step's eight matrix
/// multiplies alone for comparison.
/// Run: dotnet run -c Release --project bench/Likely.Bench -- step [threads]
/// </summary>
internal static class StepTiming
{
    private const int Batch = 128, Inputs = 784, Classes = 10, Rows = 60000;

    public static void Run(int threads)
    {
        var random = new Random(1);
        MultilayerPerceptron model = MultilayerPerceptron.Initialize(Inputs, [256, 128], Classes, Activation.Relu, Initialization.He, seed: 1);
        float[][] weights = model.Layers.Select(l => l.Weights.ToArray()).ToArray();
        float[][] biases = model.Layers.Select(l => l.Bias.ToArray()).ToArray();
        int[] widths = model.Layers.Select(l => l.Inputs).Append(Classes).ToArray();
        var pass = new NetworkPass(weights, biases, widths, Activation.Relu, Batch, withGradients: true);
        float[][] parameters = weights.Zip(biases).SelectMany(p => new[] { p.First, p.Second }).ToArray();
        float[][] gradients = pass.WeightGradients.Zip(pass.BiasGradients).SelectMany(p => new[] { p.First, p.Second }).ToArray();
        Optimizer optimizer = Optimizer.Create(new ClassifierOptions(), parameters, gradients, parameters.Select((_, i) => i % 2 == 0).ToArray());
        float[] data = new float[Rows * Inputs];
        for (int i = 0; i < data.Length; i++) data[i] = (float)random.NextDouble();
        int[] order = Enumerable.Range(0, Rows).OrderBy(_ => random.Next()).ToArray();
        int[] y = Enumerable.Range(0, Batch).Select(_ => random.Next(Classes)).ToArray();
        int batch = 0;

        Console.WriteLine($"# one MLP 784-256-128-10 step at batch {Batch}, path {VectorPaths.Current} ({VectorPaths.Name(VectorPaths.Current)}), {threads} thread(s): median µs");
        int[] NextBatch() => order.AsSpan((batch++ % (Rows / Batch)) * Batch, Batch).ToArray();
        int[] rows = NextBatch();
        float[] logits = pass.Forward(data, rows, threads, 0, null).ToArray();
        var parts = new (string Name, Action Work)[]
        {
            ("forward (gathered rows)", () => pass.Forward(data, rows, threads, 0, null)),
            ("loss + dlogits", () => SoftmaxCrossEntropy.Compute(logits, Classes, y, pass.LogitGradient)),
            ("backward", () => pass.Backward(data, rows, threads)),
            ("gradient norm", () => GradientClipping.GlobalNorm(gradients)),
            ("Adam update", () => optimizer.Step(1e-3)),
            ("whole step", () =>
            {
                int[] next = NextBatch();
                SoftmaxCrossEntropy.Compute(pass.Forward(data, next, threads, 0, null), Classes, y, pass.LogitGradient);
                pass.Backward(data, next, threads);
                GradientClipping.GlobalNorm(gradients);
                optimizer.Step(1e-3);
            }),
        };
        foreach ((string name, Action work) in parts)
        {
            Console.WriteLine($"{name,-28} {Median(work),9:F1} µs");
        }

        // Allocation per step, all threads (the goal is none: a minibatch should not feed the garbage collector).
        Action step = parts[^1].Work;
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int i = 0; i < 100; i++) step();
        Console.WriteLine($"{"allocated per whole step",-28} {(GC.GetTotalAllocatedBytes(precise: true) - before) / 100.0,9:F0} bytes");

        double gemms = 0;
        foreach ((int m, int n, int k, bool ta, bool tb) in new[]
                 {
                     (Batch, 256, Inputs, false, true), (Batch, 128, 256, false, true), (Classes, Batch, 128, false, true),
                     (256, Inputs, Batch, true, false), (128, 256, Batch, true, false), (Classes, 128, Batch, true, false),
                     (Batch, 256, 128, false, false), (Batch, 128, Classes, false, false),
                 })
        {
            float[] a = new float[m * k], b = new float[k * n], c = new float[m * n];
            a.AsSpan().Fill(0.5f);
            b.AsSpan().Fill(0.25f);
            gemms += Median(() => MatrixMultiply.Multiply(a, ta, b, tb, c, m, n, k, threads: threads));
        }

        Console.WriteLine($"{"the 8 GEMMs of a step alone",-28} {gemms,9:F1} µs");
    }

    private static double Median(Action work)
    {
        for (int i = 0; i < 200; i++) work();
        var times = new double[500];
        for (int i = 0; i < times.Length; i++)
        {
            long start = Stopwatch.GetTimestamp();
            work();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
        }

        Array.Sort(times);
        return times[times.Length / 2];
    }
}
