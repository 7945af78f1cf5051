using Likely.Losses;
using Likely.Models;

namespace Likely.Tests.Models;

/// <summary>
/// Finite-difference checks of the back-propagated gradients: the oracle is an independent forward pass written here
/// in double (dense layers, activations from <see cref="ActivationFunctions.Value"/>, log-sum-exp cross-entropy),
/// differentiated numerically by central differences in double.
/// </summary>
public class NetworkGradientTests
{
    private const int Rows = 5, Inputs = 6, Classes = 3;

    public static TheoryData<Activation, int[]> Cases()
    {
        var data = new TheoryData<Activation, int[]>();
        foreach (Activation activation in Enum.GetValues<Activation>())
        {
            data.Add(activation, [4, 3]);
        }

        data.Add(Activation.Relu, []); // softmax regression: one dense layer
        data.Add(Activation.Tanh, [7]);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Backward_EveryWeightAndBias_MatchesFiniteDifferences(Activation activation, int[] hidden)
    {
        MultilayerPerceptron model = MultilayerPerceptron.Initialize(Inputs, hidden, Classes, activation, Initialization.Xavier, seed: 7);
        var random = new Random(3);
        float[] x = Enumerable.Range(0, Rows * Inputs).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        int[] y = [0, 2, 1, 1, 0];
        float[][] weights = model.Layers.Select(l => l.WeightArray.ToArray()).ToArray();
        float[][] biases = model.Layers.Select(l => l.BiasArray.Select(_ => (float)(0.3 * random.NextDouble() - 0.15)).ToArray()).ToArray();
        int[] widths = model.Layers.Select(l => l.Inputs).Append(Classes).ToArray();

        var pass = new NetworkPass(weights, biases, widths, activation, Rows, withGradients: true);
        ReadOnlySpan<float> logits = pass.Forward(x, Rows, threads: 1);
        SoftmaxCrossEntropy.Compute(logits, Classes, y, pass.LogitGradient);
        pass.Backward(x, Rows, threads: 1);

        double[][] w = weights.Select(a => a.Select(v => (double)v).ToArray()).ToArray();
        double[][] b = biases.Select(a => a.Select(v => (double)v).ToArray()).ToArray();
        const double h = 1e-6;
        for (int l = 0; l < w.Length; l++)
        {
            foreach ((double[] tensor, float[] analytic) in new[] { (w[l], pass.WeightGradients[l]), (b[l], pass.BiasGradients[l]) })
            {
                for (int i = 0; i < tensor.Length; i++)
                {
                    double saved = tensor[i];
                    tensor[i] = saved + h;
                    double plus = ReferenceLoss(w, b, widths, activation, x, y);
                    tensor[i] = saved - h;
                    double minus = ReferenceLoss(w, b, widths, activation, x, y);
                    tensor[i] = saved;
                    double numeric = (plus - minus) / (2 * h);
                    // Analytic gradients are float32: allow ~1e-5 relative plus a small absolute slack.
                    Assert.True(Math.Abs(numeric - analytic[i]) <= 2e-5 + 1e-4 * Math.Abs(numeric),
                        $"{activation} layer {l} index {i}: numeric {numeric} vs analytic {analytic[i]}");
                }
            }
        }
    }

    [Fact]
    public void Backward_WithDropout_MatchesFiniteDifferencesWithTheSameMask()
    {
        const double p = 0.5;
        const int hidden = 4;
        MultilayerPerceptron model = MultilayerPerceptron.Initialize(Inputs, [hidden], Classes, Activation.Tanh, Initialization.Xavier, seed: 4);
        var random = new Random(3);
        float[] x = Enumerable.Range(0, Rows * Inputs).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        int[] y = [2, 0, 1, 2, 1];
        float[][] weights = model.Layers.Select(l => l.WeightArray.ToArray()).ToArray();
        float[][] biases = model.Layers.Select(l => l.BiasArray.ToArray()).ToArray();
        int[] widths = [Inputs, hidden, Classes];
        var pass = new NetworkPass(weights, biases, widths, Activation.Tanh, Rows, withGradients: true);
        ReadOnlySpan<float> logits = pass.Forward(x, Rows, threads: 1, dropout: p, random: new Random(11));
        SoftmaxCrossEntropy.Compute(logits, Classes, y, pass.LogitGradient);
        pass.Backward(x, Rows, threads: 1);

        // The same generator draws the inverted-dropout mask row by row: 0 with probability p, else 1/(1 − p).
        var maskRandom = new Random(11);
        double[] mask = Enumerable.Range(0, Rows * hidden).Select(_ => maskRandom.NextDouble() < p ? 0.0 : 1 / (1 - p)).ToArray();
        Assert.Contains(0.0, mask);
        double[][] w = weights.Select(a => a.Select(v => (double)v).ToArray()).ToArray();
        double[][] b = biases.Select(a => a.Select(v => (double)v).ToArray()).ToArray();
        const double h = 1e-6;
        for (int i = 0; i < w[0].Length; i++)
        {
            double saved = w[0][i];
            w[0][i] = saved + h;
            double plus = ReferenceLoss(w, b, widths, Activation.Tanh, x, y, [mask]);
            w[0][i] = saved - h;
            double minus = ReferenceLoss(w, b, widths, Activation.Tanh, x, y, [mask]);
            w[0][i] = saved;
            double numeric = (plus - minus) / (2 * h);
            Assert.True(Math.Abs(numeric - pass.WeightGradients[0][i]) <= 2e-5 + 1e-4 * Math.Abs(numeric), $"index {i}: numeric {numeric} vs analytic {pass.WeightGradients[0][i]}");
        }
    }

    /// <summary>Mean cross-entropy of the network in double: the independent oracle.</summary>
    private static double ReferenceLoss(double[][] w, double[][] b, int[] widths, Activation activation, float[] x, int[] y, double[][]? masks = null)
    {
        double total = 0;
        for (int r = 0; r < Rows; r++)
        {
            double[] current = x.Skip(r * Inputs).Take(Inputs).Select(v => (double)v).ToArray();
            for (int l = 0; l < w.Length; l++)
            {
                var next = new double[widths[l + 1]];
                for (int o = 0; o < next.Length; o++)
                {
                    double sum = b[l][o];
                    for (int i = 0; i < current.Length; i++) sum += w[l][o * current.Length + i] * current[i];
                    next[o] = l == w.Length - 1 ? sum : ActivationFunctions.Value(activation, sum) * (masks is null ? 1 : masks[l][r * next.Length + o]);
                }

                current = next;
            }

            double max = current.Max();
            double logSumExp = max + Math.Log(current.Sum(z => Math.Exp(z - max)));
            total += logSumExp - current[y[r]];
        }

        return total / Rows;
    }
}

public class NetworkPassGatherTests
{
    [Theory]
    [InlineData(new int[0])] // softmax regression: the narrow class layer reads the picked rows as a transposed B
    [InlineData(new[] { 9, 5 })]
    public void ForwardBackward_PickedRows_SameBitsAsACopy(int[] hidden)
    {
        // Oracle: the same pass over an explicit copy of the picked rows; the fused gather must not change a bit.
        const int stored = 50, inputs = 23, classes = 4;
        MultilayerPerceptron model = MultilayerPerceptron.Initialize(inputs, hidden, classes, Activation.Relu, Initialization.He, seed: 5);
        var random = new Random(8);
        float[] features = Enumerable.Range(0, stored * inputs).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray();
        int[] rows = Enumerable.Range(0, 31).Select(_ => random.Next(stored)).ToArray();
        float[] copy = rows.SelectMany(r => features.AsSpan(r * inputs, inputs).ToArray()).ToArray();
        int[] widths = model.Layers.Select(l => l.Inputs).Append(classes).ToArray();
        NetworkPass Pass() => new(model.Layers.Select(l => l.WeightArray.ToArray()).ToArray(), model.Layers.Select(l => l.BiasArray.ToArray()).ToArray(),
            widths, Activation.Relu, rows.Length, withGradients: true);
        NetworkPass picked = Pass(), copied = Pass();

        float[] logitsPicked = picked.Forward(features, rows, threads: 2, dropout: 0, random: null).ToArray();
        float[] logitsCopied = copied.Forward(copy, rows.Length, threads: 2).ToArray();
        Assert.Equal(logitsCopied, logitsPicked);

        float[] dz = Enumerable.Range(0, rows.Length * classes).Select(_ => (float)(random.NextDouble() - 0.5)).ToArray();
        dz.CopyTo(picked.LogitGradient, 0);
        dz.CopyTo(copied.LogitGradient, 0);
        picked.Backward(features, rows, threads: 2);
        copied.Backward(copy, rows.Length, threads: 2);
        for (int l = 0; l < widths.Length - 1; l++)
        {
            Assert.Equal(copied.WeightGradients[l], picked.WeightGradients[l]);
            Assert.Equal(copied.BiasGradients[l], picked.BiasGradients[l]);
        }
    }
}
