using System.Runtime.CompilerServices;
using Likely.Numerics;

namespace Likely.Models;

/// <summary>
/// A fully connected layer y = x·Wᵀ + b, with W stored as PyTorch's <c>nn.Linear</c> does: O×I row-major
/// (O = outputs, I = inputs, B = rows of the batch).
/// </summary>
public sealed class DenseLayer
{
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
    internal static void Forward(float[] weights, float[] bias, int inputs, int outputs, ReadOnlySpan<float> input, int rows, Span<float> output, int threads) =>
        Forward(weights, bias, inputs, outputs, input, [], rows, output, threads);

    /// <summary>
    /// Forward on input rows picked by index: row r of the batch is row <c>inputRows[r]</c> of <paramref name="input"/>
    /// (an empty index: the first <paramref name="rows"/> rows in order). The gather happens inside the multiply's packing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Forward(
        float[] weights, float[] bias, int inputs, int outputs, ReadOnlySpan<float> input, ReadOnlySpan<int> inputRows, int rows, Span<float> output, int threads)
    {
        // A class layer's few outputs make a narrow C, which the multiply computes transposed (see MatrixMultiply).
        MatrixMultiply.MultiplyGathered(input, inputRows, false, weights, [], true, output, rows, outputs, inputs, accumulate: false, threads, VectorPaths.Current);
        MinibatchKernels.AddToEveryRow(output[..(rows * outputs)], rows, bias);
    }

    /// <summary>
    /// Backward: dW (O×I) = dYᵀ·X, db = Σ_rows dY, and, when <paramref name="inputGradient"/> is not empty, dX (B×I) = dY·W.
    /// </summary>
    internal static void Backward(
        float[] weights, int inputs, int outputs, ReadOnlySpan<float> input, ReadOnlySpan<float> outputGradient, int rows,
        Span<float> weightGradient, Span<float> biasGradient, Span<float> inputGradient, int threads) =>
        Backward(weights, inputs, outputs, input, [], outputGradient, rows, weightGradient, biasGradient, inputGradient, threads);

    /// <summary><see cref="Backward(float[], int, int, ReadOnlySpan{float}, ReadOnlySpan{float}, int, Span{float}, Span{float}, Span{float}, int)"/>
    /// on input rows picked by index, as in <see cref="Forward(float[], float[], int, int, ReadOnlySpan{float}, ReadOnlySpan{int}, int, Span{float}, int)"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Backward(
        float[] weights, int inputs, int outputs, ReadOnlySpan<float> input, ReadOnlySpan<int> inputRows, ReadOnlySpan<float> outputGradient, int rows,
        Span<float> weightGradient, Span<float> biasGradient, Span<float> inputGradient, int threads)
    {
        VectorPath path = VectorPaths.Current;
        MatrixMultiply.MultiplyGathered(outputGradient, [], true, input, inputRows, false, weightGradient, outputs, inputs, rows, accumulate: false, threads, path);
        MinibatchKernels.SumOverRows(outputGradient[..(rows * outputs)], rows, biasGradient[..outputs]);

        if (!inputGradient.IsEmpty)
        {
            MatrixMultiply.Multiply(outputGradient, false, weights, false, inputGradient, rows, inputs, outputs, accumulate: false, threads, path);
        }
    }
}
