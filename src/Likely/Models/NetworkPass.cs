using System.Numerics.Tensors;

namespace Likely.Models;

/// <summary>
/// The buffers and the forward/backward passes of a <see cref="MultilayerPerceptron"/> over one batch of at most
/// <c>maxRows</c> rows. Legend: B = rows of the batch, O_l = outputs of layer l; Z_l = pre-activations,
/// A_l = f(Z_l)·mask_l (hidden outputs), dZ and dA their gradients.
/// </summary>
/// <remarks>
/// Forward: Z_l = A_(l−1)·W_lᵀ + b_l; A_l = f(Z_l) ⊙ m_l (inverted dropout m ∈ {0, 1/(1−p)}); logits = Z_L.
/// Backward from dZ_L = ∂loss/∂logits: dW_l = dZ_lᵀ·A_(l−1), db_l = Σ_rows dZ_l, dA_(l−1) = dZ_l·W_l,
/// dZ_(l−1) = dA_(l−1) ⊙ m_(l−1) ⊙ f′(Z_(l−1)). The first layer's dX is not computed (nothing needs it).
/// </remarks>
internal sealed class NetworkPass
{
    private readonly float[][] weights;
    private readonly float[][] biases;
    private readonly int[] widths;
    private readonly Activation activation;
    private readonly float[][] preActivations;
    private readonly float[][] hiddenOutputs;
    private readonly float[]?[] dropoutMasks;
    private readonly float[] gradientA;
    private readonly float[] gradientB;
    private bool dropoutApplied;

    /// <summary>A pass for inference over the model's own weights (no gradients).</summary>
    public NetworkPass(MultilayerPerceptron model, int maxRows)
        : this(
            model.Layers.Select(layer => layer.WeightArray).ToArray(),
            model.Layers.Select(layer => layer.BiasArray).ToArray(),
            model.Layers.Select(layer => layer.Inputs).Append(model.ClassCount).ToArray(),
            model.Activation, maxRows, withGradients: false)
    {
    }

    /// <summary>A pass over the given (mutable, trained) weights and biases.</summary>
    public NetworkPass(float[][] weights, float[][] biases, int[] widths, Activation activation, int maxRows, bool withGradients)
    {
        this.weights = weights;
        this.biases = biases;
        this.widths = widths;
        this.activation = activation;
        int layers = weights.Length;
        MaxRows = maxRows;
        preActivations = new float[layers][];
        hiddenOutputs = new float[layers - 1][];
        dropoutMasks = new float[]?[layers - 1];
        for (int l = 0; l < layers; l++)
        {
            preActivations[l] = new float[maxRows * widths[l + 1]];
            if (l < layers - 1) hiddenOutputs[l] = new float[maxRows * widths[l + 1]];
        }

        int widest = widths.Skip(1).Max();
        gradientA = withGradients ? new float[maxRows * widest] : [];
        gradientB = withGradients ? new float[maxRows * widest] : [];
        LogitGradient = withGradients ? new float[maxRows * widths[^1]] : [];
        WeightGradients = withGradients ? weights.Select(w => new float[w.Length]).ToArray() : [];
        BiasGradients = withGradients ? biases.Select(b => new float[b.Length]).ToArray() : [];
    }

    /// <summary>The largest batch the buffers hold.</summary>
    public int MaxRows { get; }

    /// <summary>∂loss/∂logits for the last forward batch (B×C), to be filled before <c>Backward</c>.</summary>
    public float[] LogitGradient { get; }

    /// <summary>∂loss/∂W_l after <c>Backward</c>.</summary>
    public float[][] WeightGradients { get; }

    /// <summary>∂loss/∂b_l after <c>Backward</c>.</summary>
    public float[][] BiasGradients { get; }

    /// <summary>Runs the batch forward and returns its B×C logits (valid until the next call).</summary>
    /// <param name="input">B×D features.</param>
    /// <param name="rows">B ≤ <see cref="MaxRows"/>.</param>
    /// <param name="threads">Threads for the matrix multiplies.</param>
    /// <param name="dropout">Dropout probability p on hidden outputs (0 at inference).</param>
    /// <param name="random">The generator for dropout masks (needed when p &gt; 0).</param>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, int rows, int threads, double dropout = 0, Random? random = null) =>
        Forward(input, [], rows, threads, dropout, random);

    /// <summary>
    /// Runs forward the batch whose row r is row <c>inputRows[r]</c> of <paramref name="features"/> (N×D, all the data):
    /// the first layer's multiply gathers the rows while packing, so the batch is never copied.
    /// </summary>
    public ReadOnlySpan<float> Forward(ReadOnlySpan<float> features, ReadOnlySpan<int> inputRows, int threads, double dropout, Random? random) =>
        Forward(features, inputRows, inputRows.Length, threads, dropout, random);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private ReadOnlySpan<float> Forward(ReadOnlySpan<float> input, ReadOnlySpan<int> inputRows, int rows, int threads, double dropout, Random? random)
    {
        int layers = weights.Length;
        dropoutApplied = dropout > 0;
        ReadOnlySpan<float> current = input;
        for (int l = 0; l < layers; l++)
        {
            int inputs = widths[l], outputs = widths[l + 1];
            Span<float> z = preActivations[l].AsSpan(0, rows * outputs);
            DenseLayer.Forward(weights[l], biases[l], inputs, outputs, current, l == 0 ? inputRows : [], rows, z, threads);
            if (l == layers - 1)
            {
                return z;
            }

            Span<float> a = hiddenOutputs[l].AsSpan(0, rows * outputs);
            ActivationFunctions.Forward(activation, z, a);
            if (dropout > 0)
            {
                ArgumentNullException.ThrowIfNull(random);
                float[] mask = dropoutMasks[l] ??= new float[MaxRows * outputs];
                float keep = (float)(1 / (1 - dropout));
                for (int i = 0; i < a.Length; i++)
                {
                    mask[i] = random.NextDouble() < dropout ? 0f : keep;
                }

                TensorPrimitives.Multiply(a, mask.AsSpan(0, a.Length), a);
            }

            current = a;
        }

        throw new InvalidOperationException("unreachable");
    }

    /// <summary>Back-propagates <see cref="LogitGradient"/> of the last forward batch into the parameter gradients.</summary>
    public void Backward(ReadOnlySpan<float> input, int rows, int threads) => Backward(input, [], rows, threads);

    /// <summary><see cref="Backward(ReadOnlySpan{float}, int, int)"/> for a batch picked by index, as in the
    /// <see cref="Forward(ReadOnlySpan{float}, ReadOnlySpan{int}, int, double, Random?)"/> that preceded it.</summary>
    public void Backward(ReadOnlySpan<float> features, ReadOnlySpan<int> inputRows, int threads) => Backward(features, inputRows, inputRows.Length, threads);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private void Backward(ReadOnlySpan<float> input, ReadOnlySpan<int> inputRows, int rows, int threads)
    {
        int layers = weights.Length;
        Span<float> outputGradient = LogitGradient.AsSpan(0, rows * widths[^1]);
        bool useA = true;
        for (int l = layers - 1; l >= 0; l--)
        {
            int inputs = widths[l], outputs = widths[l + 1];
            ReadOnlySpan<float> layerInput = l == 0 ? input : hiddenOutputs[l - 1].AsSpan(0, rows * inputs);
            Span<float> inputGradient = l == 0 ? [] : (useA ? gradientA : gradientB).AsSpan(0, rows * inputs);
            DenseLayer.Backward(weights[l], inputs, outputs, layerInput, l == 0 ? inputRows : [], outputGradient, rows, WeightGradients[l], BiasGradients[l], inputGradient, threads);
            if (l == 0)
            {
                break;
            }

            if (dropoutApplied && dropoutMasks[l - 1] is { } mask)
            {
                TensorPrimitives.Multiply(inputGradient, mask.AsSpan(0, inputGradient.Length), inputGradient);
            }

            // In place: dZ_(l−1) = dA_(l−1) ⊙ f′(Z_(l−1)).
            ActivationFunctions.Backward(activation, preActivations[l - 1].AsSpan(0, rows * inputs), inputGradient, inputGradient);
            outputGradient = inputGradient;
            useA = !useA;
        }
    }
}
