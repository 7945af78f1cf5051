using BenchmarkDotNet.Attributes;
using Likely.Losses;
using Likely.Models;
using Likely.Training;

namespace Likely.Bench;

/// <summary>
/// One Adam training step (forward, softmax cross-entropy, backward, update) at batch 128 on random inputs, for
/// softmax regression 784-10 and the MLP 784-256-128-10: the unit of work of one epoch (469 steps on Fashion-MNIST).
/// Run: dotnet run -c Release --project bench/Likely.Bench -- --filter '*TrainingBenchmarks*' --job short
/// </summary>
public class TrainingBenchmarks
{
    private const int Batch = 128, Inputs = 784, Classes = 10;
    private NetworkPass pass = null!;
    private Optimizer optimizer = null!;
    private float[] x = [];
    private int[] y = [];

    [Params("784-10", "784-256-128-10")]
    public string Architecture { get; set; } = "";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        int[] hidden = Architecture == "784-10" ? [] : [256, 128];
        MultilayerPerceptron model = MultilayerPerceptron.Initialize(Inputs, hidden, Classes, Activation.Relu, Initialization.He, seed: 1);
        float[][] weights = model.Layers.Select(l => l.Weights.ToArray()).ToArray();
        float[][] biases = model.Layers.Select(l => l.Bias.ToArray()).ToArray();
        int[] widths = model.Layers.Select(l => l.Inputs).Append(Classes).ToArray();
        pass = new NetworkPass(weights, biases, widths, Activation.Relu, Batch, withGradients: true);
        float[][] parameters = weights.Zip(biases).SelectMany(p => new[] { p.First, p.Second }).ToArray();
        float[][] gradients = pass.WeightGradients.Zip(pass.BiasGradients).SelectMany(p => new[] { p.First, p.Second }).ToArray();
        optimizer = Optimizer.Create(new ClassifierOptions(), parameters, gradients, parameters.Select((_, i) => i % 2 == 0).ToArray());
        var random = new Random(1);
        x = Enumerable.Range(0, Batch * Inputs).Select(_ => (float)random.NextDouble()).ToArray();
        y = Enumerable.Range(0, Batch).Select(_ => random.Next(Classes)).ToArray();
    }

    [Benchmark]
    public double AdamStep()
    {
        ReadOnlySpan<float> logits = pass.Forward(x, Batch, Threads);
        double loss = SoftmaxCrossEntropy.Compute(logits, Classes, y, pass.LogitGradient);
        pass.Backward(x, Batch, Threads);
        optimizer.Step(1e-3);
        return loss;
    }
}
