using System.Diagnostics;
using Likely.Data;
using Likely.Losses;
using Likely.Models;
using Likely.Numerics;
using Likely.Training;

namespace Likely.Bench;

/// <summary>
/// Where one MLP 784-256-128-10 training step's time goes (batch 128, Adam, ReLU): the batch gather, the forward pass,
/// the fused loss, the backward pass, the gradient norm, and the optimizer update, each timed alone (median of many
/// steps after warm-up), and the matrix multiplies alone for comparison.
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
        float[] x = new float[Batch * Inputs];
        int[] y = Enumerable.Range(0, Batch).Select(_ => random.Next(Classes)).ToArray();
        int batch = 0;

        Console.WriteLine($"# one MLP 784-256-128-10 step at batch {Batch}, path {VectorPaths.Current} ({VectorPaths.Name(VectorPaths.Current)}), {threads} thread(s): median µs");
        var parts = new (string Name, Action Work)[]
        {
            ("gather 128 shuffled rows", () =>
            {
                int start = (batch++ % (Rows / Batch)) * Batch;
                for (int i = 0; i < Batch; i++) data.AsSpan(order[start + i] * Inputs, Inputs).CopyTo(x.AsSpan(i * Inputs));
            }),
            ("forward (3 layers)", () => pass.Forward(x, Batch, threads)),
            ("loss + dlogits", () => SoftmaxCrossEntropy.Compute(pass.Forward(x, Batch, threads), Classes, y, pass.LogitGradient)),
            ("backward (3 layers)", () => pass.Backward(x, Batch, threads)),
            ("gradient norm", () => GradientClipping.GlobalNorm(gradients)),
            ("Adam update", () => optimizer.Step(1e-3)),
        };
        double forward = 0;
        foreach ((string name, Action work) in parts)
        {
            double median = Median(work);
            if (name.StartsWith("forward")) forward = median;
            double shown = name.StartsWith("loss") ? median - forward : median;
            Console.WriteLine($"{name,-28} {shown,9:F1} µs");
        }

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
