namespace Likely.Models;

/// <summary>
/// A multilayer perceptron classifier: dense layers with an activation between them and C logits out,
/// z = W_L·f(…f(W_1·x + b_1)…) + b_L; class probabilities are softmax(z). With no hidden layer it is
/// softmax (multinomial logistic) regression, z = W·x + b.
/// Shapes: N = rows, D = features (inputs), C = classes.
/// </summary>
/// <remarks>The model is immutable: training returns a new one.</remarks>
public sealed class MultilayerPerceptron
{
    private const int InferenceChunk = 512;

    /// <summary>Creates a network from its layers, checking that consecutive widths agree.</summary>
    /// <param name="layers">The dense layers, input to output; at least one.</param>
    /// <param name="activation">The activation after every layer but the last.</param>
    /// <exception cref="ArgumentException">No layer, or a layer's inputs differ from the previous layer's outputs.</exception>
    public MultilayerPerceptron(IReadOnlyList<DenseLayer> layers, Activation activation)
    {
        ArgumentNullException.ThrowIfNull(layers);
        if (layers.Count == 0) throw new ArgumentException("A network needs at least one layer.", nameof(layers));
        for (int l = 1; l < layers.Count; l++)
        {
            if (layers[l].Inputs != layers[l - 1].Outputs)
            {
                throw new ArgumentException($"Layer {l} takes {layers[l].Inputs} inputs but layer {l - 1} gives {layers[l - 1].Outputs} outputs.", nameof(layers));
            }
        }

        Layers = layers.ToArray();
        Activation = activation;
    }

    /// <summary>The dense layers, input to output.</summary>
    public IReadOnlyList<DenseLayer> Layers { get; }

    /// <summary>The activation after every layer but the last.</summary>
    public Activation Activation { get; }

    /// <summary>D, the number of input features.</summary>
    public int InputCount => Layers[0].Inputs;

    /// <summary>C, the number of classes (logits).</summary>
    public int ClassCount => Layers[^1].Outputs;

    /// <summary>The widths of the hidden layers (empty for softmax regression).</summary>
    public IReadOnlyList<int> HiddenWidths => Layers.Take(Layers.Count - 1).Select(layer => layer.Outputs).ToArray();

    /// <summary>Whether this is softmax regression (a single layer, no hidden layer).</summary>
    public bool IsSoftmaxRegression => Layers.Count == 1;

    /// <summary>The number of trainable values (weights and biases).</summary>
    public long ParameterCount => Layers.Sum(layer => (long)layer.Inputs * layer.Outputs + layer.Outputs);

    /// <summary>
    /// Draws a new network: weights by <paramref name="initialization"/> from a generator seeded with
    /// <paramref name="seed"/>, biases 0 (drawn too for <see cref="Initialization.Uniform"/>). The same arguments always give the same weights.
    /// </summary>
    /// <param name="inputs">D ≥ 1.</param>
    /// <param name="hiddenWidths">Widths of the hidden layers, each ≥ 1; empty for softmax regression.</param>
    /// <param name="classes">C ≥ 2.</param>
    /// <param name="activation">The hidden activation.</param>
    /// <param name="initialization">The weight distribution.</param>
    /// <param name="seed">Seeds the generator.</param>
    public static MultilayerPerceptron Initialize(int inputs, IReadOnlyList<int> hiddenWidths, int classes, Activation activation, Initialization initialization, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentNullException.ThrowIfNull(hiddenWidths);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        var random = new Random(seed);
        var layers = new List<DenseLayer>();
        int previous = inputs;
        foreach (int width in hiddenWidths.Append(classes))
        {
            if (width < 1) throw new ArgumentOutOfRangeException(nameof(hiddenWidths), width, "Every hidden width must be at least 1.");
            var weights = new float[(long)previous * width];
            var bias = new float[width];
            if (initialization == Initialization.Uniform)
            {
                double bound = 1 / Math.Sqrt(previous);
                for (int i = 0; i < weights.Length; i++) weights[i] = (float)(bound * (2 * random.NextDouble() - 1));
                for (int i = 0; i < bias.Length; i++) bias[i] = (float)(bound * (2 * random.NextDouble() - 1));
            }
            else if (initialization == Initialization.He)
            {
                double sigma = Math.Sqrt(2.0 / previous);
                for (int i = 0; i < weights.Length; i++) weights[i] = (float)(sigma * StandardNormal(random));
            }
            else
            {
                double a = Math.Sqrt(6.0 / (previous + width));
                for (int i = 0; i < weights.Length; i++) weights[i] = (float)(a * (2 * random.NextDouble() - 1));
            }

            layers.Add(new DenseLayer(previous, width, weights, bias));
            previous = width;
        }

        return new MultilayerPerceptron(layers, activation);
    }

    /// <summary>Computes the N×C logits of N rows of D features.</summary>
    /// <param name="features">N×D features, row-major (already standardized if the model expects it).</param>
    /// <param name="logits">N×C destination.</param>
    /// <param name="threads">Threads for the matrix multiplies (≥ 1); the result does not depend on it.</param>
    /// <exception cref="ArgumentException">The lengths disagree with D and C.</exception>
    public void ComputeLogits(ReadOnlySpan<float> features, Span<float> logits, int threads = 1)
    {
        if (features.Length % InputCount != 0)
        {
            throw new ArgumentException($"features has {features.Length} values, not a multiple of the model's {InputCount} inputs.", nameof(features));
        }

        int rows = features.Length / InputCount;
        if (logits.Length != rows * ClassCount)
        {
            throw new ArgumentException($"logits has {logits.Length} entries but {rows} rows of {ClassCount} classes need {rows * ClassCount}.", nameof(logits));
        }

        var pass = new NetworkPass(this, Math.Min(rows, InferenceChunk));
        for (int start = 0; start < rows; start += InferenceChunk)
        {
            int count = Math.Min(InferenceChunk, rows - start);
            ReadOnlySpan<float> chunkLogits = pass.Forward(features.Slice(start * InputCount, count * InputCount), count, threads);
            chunkLogits.CopyTo(logits.Slice(start * ClassCount, count * ClassCount));
        }
    }

    /// <summary>Computes the N×C class probabilities p = softmax(z) of N rows, class k in column k.</summary>
    public void PredictProbabilities(ReadOnlySpan<float> features, Span<float> probabilities, int threads = 1)
    {
        ComputeLogits(features, probabilities, threads);
        SoftmaxRows(probabilities, ClassCount);
    }

    /// <summary>
    /// p = softmax(z) of each row of <paramref name="classes"/> logits, in place: pᵢ = e^(zᵢ − max z) / Σⱼ e^(zⱼ − max z),
    /// the sum in double. The max is subtracted first because e^z of raw logits overflows for large values.
    /// </summary>
    internal static void SoftmaxRows(Span<float> logits, int classes)
    {
        for (int start = 0; start < logits.Length; start += classes)
        {
            Span<float> row = logits.Slice(start, classes);
            float max = System.Numerics.Tensors.TensorPrimitives.Max(row);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += row[c] = MathF.Exp(row[c] - max);
            float inverse = (float)(1 / sum);
            for (int c = 0; c < classes; c++) row[c] *= inverse;
        }
    }

    /// <summary>A one-line description, e.g. <c>MultilayerPerceptron(784 → 256 → 128 → 10, Relu)</c>.</summary>
    public override string ToString() =>
        IsSoftmaxRegression
            ? $"SoftmaxRegression({InputCount} → {ClassCount})"
            : $"MultilayerPerceptron({InputCount} → {string.Join(" → ", HiddenWidths)} → {ClassCount}, {Activation})";

    /// <summary>A standard normal draw by Box–Muller.</summary>
    internal static double StandardNormal(Random random)
    {
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
