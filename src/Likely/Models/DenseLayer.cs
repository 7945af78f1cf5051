using Likely.Numerics;

namespace Likely.Models;

/// <summary>
/// A fully connected layer y = x·Wᵀ + b, with W stored as PyTorch's <c>nn.Linear</c> does: O×I row-major
/// (O = outputs, I = inputs, B = rows of the batch).
/// </summary>
public sealed class DenseLayer
{
    /// <summary>Below this many outputs the forward pass computes Yᵀ = W·Xᵀ (see <see cref="Forward"/>).</summary>
    private const int NarrowOutputs = 16;

    /// <summary>Creates a layer from its weights (O×I, row-major) and bias (O); the arrays are copied.</summary>
    /// <exception cref="ArgumentException">The lengths disagree with the shape, or a value is not finite.</exception>
    public DenseLayer(int inputs, int outputs, ReadOnlySpan<float> weights, ReadOnlySpan<float> bias)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (weights.Length != (long)inputs * outputs)
        {
            throw new ArgumentException($"weights has {weights.Length} values but a {outputs}×{inputs} layer needs {(long)inputs * outputs}.", nameof(weights));
        }

        if (bias.Length != outputs)
        {
            throw new ArgumentException($"bias has {bias.Length} values but the layer has {outputs} outputs.", nameof(bias));
        }

        foreach (float w in weights)
        {
            if (!float.IsFinite(w)) throw new ArgumentException($"weights holds a non-finite value ({w}); a layer needs finite weights.", nameof(weights));
        }

        foreach (float w in bias)
        {
            if (!float.IsFinite(w)) throw new ArgumentException($"bias holds a non-finite value ({w}); a layer needs finite weights.", nameof(bias));
        }

        Inputs = inputs;
        Outputs = outputs;
        WeightArray = weights.ToArray();
        BiasArray = bias.ToArray();
    }

    /// <summary>I, the number of inputs.</summary>
    public int Inputs { get; }

    /// <summary>O, the number of outputs.</summary>
    public int Outputs { get; }

    /// <summary>W, O×I row-major: row o holds the weights of output o.</summary>
    public ReadOnlySpan<float> Weights => WeightArray;

    /// <summary>b, one value per output.</summary>
    public ReadOnlySpan<float> Bias => BiasArray;

    internal float[] WeightArray { get; }

    internal float[] BiasArray { get; }

    /// <summary>Forward: output (B×O) = input (B×I)·Wᵀ + b.</summary>
    internal static void Forward(float[] weights, float[] bias, int inputs, int outputs, ReadOnlySpan<float> input, int rows, Span<float> output, int threads)
    {
        if (outputs < NarrowOutputs && rows > outputs)
        {
            // Few outputs (the class layer): Yᵀ = W·Xᵀ fills the 6×16 register tile far better than X·Wᵀ with N = O < 16,
            // and gives the same bits (each element is the same chain of fused multiply-adds over the inputs).
            float[] transposed = System.Buffers.ArrayPool<float>.Shared.Rent(rows * outputs);
            try
            {
                MatrixMultiply.Multiply(weights, false, input, true, transposed, outputs, rows, inputs, accumulate: false, threads);
                for (int o = 0; o < outputs; o++)
                {
                    for (int r = 0; r < rows; r++) output[r * outputs + o] = transposed[o * rows + r];
                }
            }
            finally
            {
                System.Buffers.ArrayPool<float>.Shared.Return(transposed);
            }
        }
        else
        {
            MatrixMultiply.Multiply(input, false, weights, true, output, rows, outputs, inputs, accumulate: false, threads);
        }

        for (int r = 0; r < rows; r++)
        {
            Span<float> row = output.Slice(r * outputs, outputs);
            System.Numerics.Tensors.TensorPrimitives.Add(row, bias, row);
        }
    }

    /// <summary>
    /// Backward: dW (O×I) = dYᵀ·X, db = Σ_rows dY, and, when <paramref name="inputGradient"/> is not empty, dX (B×I) = dY·W.
    /// </summary>
    internal static void Backward(
        float[] weights, int inputs, int outputs, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int rows,
        Span<float> weightGradient, Span<float> biasGradient, Span<float> inputGradient, int threads)
    {
        MatrixMultiply.Multiply(outputGradient, true, input, false, weightGradient, outputs, inputs, rows, accumulate: false, threads);
        biasGradient[..outputs].Clear();
        for (int r = 0; r < rows; r++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(biasGradient[..outputs], outputGradient.Slice(r * outputs, outputs), biasGradient[..outputs]);
        }

        if (!inputGradient.IsEmpty)
        {
            MatrixMultiply.Multiply(outputGradient, false, weights, false, inputGradient, rows, inputs, outputs, accumulate: false, threads);
        }
    }
}
