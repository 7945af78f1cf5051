using Likely.Numerics;

namespace Likely.Training;

/// <summary>
/// One optimizer step over every parameter tensor, in place: PyTorch's <c>torch.optim.SGD</c>, <c>Adam</c> and
/// <c>AdamW</c> (single-tensor form). The state — moment buffers and the step count — can be read and restored, so a
/// checkpointed run continues with exactly the same updates.
/// </summary>
/// <remarks>Each element is updated independently in float with the same operations, in the same order, on every
/// <see cref="VectorPath"/> (products and sums are rounded separately, never fused), so the trained weights are
/// bit-identical on every path and for every thread count. One vectorized pass per tensor; the last partial vector goes
/// through the scalar loop.</remarks>
internal abstract class Optimizer
{
    /// <summary>The tensors updated in place.</summary>
    protected readonly float[][] Parameters;

    /// <summary>Their gradients, same shapes, filled before each <see cref="Step"/>.</summary>
    protected readonly float[][] Gradients;

    /// <summary>Whether weight decay applies to each tensor (weights yes, biases no).</summary>
    protected readonly bool[] Decay;

    /// <summary>λ, the weight decay.</summary>
    protected readonly float WeightDecay;

    /// <summary>The vector path the updates run on.</summary>
    protected readonly VectorPath Path;

    /// <summary>Sets up the state (zero moments, step 0).</summary>
    protected Optimizer(float[][] parameters, float[][] gradients, bool[] decay, double weightDecay, VectorPath path)
    {
        (Parameters, Gradients, Decay, WeightDecay, Path) = (parameters, gradients, decay, (float)weightDecay, path);
    }

    /// <summary>Steps taken so far (t in the bias corrections).</summary>
    public int StepCount { get; private set; }

    /// <summary>The moment buffers, by name (e.g. "momentum", "first", "second"), one array per parameter tensor.</summary>
    public abstract IReadOnlyDictionary<string, float[][]> Moments { get; }

    /// <summary>Creates the optimizer <paramref name="options"/> asks for, on <see cref="VectorPaths.Current"/>.</summary>
    public static Optimizer Create(ClassifierOptions options, float[][] parameters, float[][] gradients, bool[] decay) =>
        Create(options, parameters, gradients, decay, VectorPaths.Current);

    /// <summary>Creates the optimizer <paramref name="options"/> asks for, on an explicit <paramref name="path"/> (the tests run every path).</summary>
    public static Optimizer Create(ClassifierOptions options, float[][] parameters, float[][] gradients, bool[] decay, VectorPath path) => options.Optimizer switch
    {
        OptimizerKind.Sgd => new SgdOptimizer(options, parameters, gradients, decay, path),
        OptimizerKind.Adam => new AdamOptimizer(options, parameters, gradients, decay, decoupled: false, path),
        _ => new AdamOptimizer(options, parameters, gradients, decay, decoupled: true, path),
    };

    /// <summary>Applies one update with learning rate <paramref name="learningRate"/>.</summary>
    public void Step(double learningRate)
    {
        StepCount++;
        for (int t = 0; t < Parameters.Length; t++)
        {
            Update(t, learningRate, Decay[t] ? WeightDecay : 0f);
        }
    }

    /// <summary>Restores a saved state: the step count and every moment buffer (copied).</summary>
    /// <exception cref="ArgumentException">A buffer is missing or has the wrong shape.</exception>
    public void Restore(int stepCount, IReadOnlyDictionary<string, float[][]> moments)
    {
        foreach ((string name, float[][] buffers) in Moments)
        {
            if (!moments.TryGetValue(name, out float[][]? saved) || saved.Length != buffers.Length)
            {
                throw new ArgumentException($"The saved optimizer state lacks the '{name}' moments of all {buffers.Length} tensors.", nameof(moments));
            }

            for (int t = 0; t < buffers.Length; t++)
            {
                if (saved[t].Length != buffers[t].Length)
                {
                    throw new ArgumentException($"The saved '{name}' moment of tensor {t} has {saved[t].Length} values, not {buffers[t].Length}.", nameof(moments));
                }

                saved[t].CopyTo(buffers[t], 0);
            }
        }

        StepCount = stepCount;
    }

    /// <summary>Updates tensor <paramref name="t"/> (the step count is already incremented).</summary>
    protected abstract void Update(int t, double learningRate, float lambda);
}
