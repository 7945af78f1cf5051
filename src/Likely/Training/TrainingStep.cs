using System.Numerics.Tensors;
using Likely.Losses;
using Likely.Models;

namespace Likely.Training;

/// <summary>
/// One minibatch of training, short of the optimizer's update: B shuffled rows (gathered by the first layer's packing,
/// never copied), forward pass (with dropout),
/// fused softmax cross-entropy loss and ∂loss/∂logits, backward pass into the parameter gradients, gradient clipping,
/// and the checks that catch divergence (a non-finite logit, loss or gradient). Shapes: B = batch rows, D = features,
/// C = classes.
/// </summary>
internal sealed class TrainingStep
{
    private readonly ClassifierOptions options;
    private readonly NetworkPass pass;
    private readonly CrossEntropyLoss loss;
    private readonly bool plainLoss;
    private readonly float[] rowLosses;
    private readonly int[] batchLabels;
    private readonly int batchSize;

    public TrainingStep(ClassifierOptions options, float[][] weights, float[][] biases, Activation activation, int classes, int batchSize)
    {
        (this.options, this.batchSize, Classes, Activation) = (options, batchSize, classes, activation);
        int layers = weights.Length;
        int[] widths = weights.Select((w, l) => w.Length / biases[l].Length).Append(classes).ToArray();
        pass = new NetworkPass(weights, biases, widths, activation, batchSize, withGradients: true);
        Parameters = new float[2 * layers][];
        Gradients = new float[2 * layers][];
        Decay = new bool[2 * layers];
        for (int l = 0; l < layers; l++)
        {
            (Parameters[2 * l], Gradients[2 * l], Decay[2 * l]) = (weights[l], pass.WeightGradients[l], true);
            (Parameters[2 * l + 1], Gradients[2 * l + 1], Decay[2 * l + 1]) = (biases[l], pass.BiasGradients[l], false);
        }

        // A minibatch whose rows all have class weight 0 has Σw = 0: its loss is 0 and its gradient 0, not 0/0.
        loss = new CrossEntropyLoss(new CrossEntropyOptions
        {
            LabelSmoothing = options.LabelSmoothing, ClassWeights = options.ClassWeights?.ToArray(), EmptyMean = EmptyMeanResult.Zero,
        });
        // Without smoothing or weights the kernel's row losses are the plain cross-entropy −ln q(y|x) the epoch reports.
        plainLoss = options.LabelSmoothing == 0 && options.ClassWeights is null;
        batchLabels = new int[batchSize];
        rowLosses = new float[batchSize];
    }

    /// <summary>C, the number of classes.</summary>
    public int Classes { get; }

    /// <summary>The hidden activation.</summary>
    public Activation Activation { get; }

    /// <summary>The parameter tensors in optimizer order: layer l's weight at 2l, its bias at 2l + 1.</summary>
    public float[][] Parameters { get; }

    /// <summary>Their gradients, filled by <see cref="Run"/>.</summary>
    public float[][] Gradients { get; }

    /// <summary>Whether weight decay applies to each tensor (weights yes, biases no).</summary>
    public bool[] Decay { get; }

    /// <summary>The last minibatch's loss in nats (as optimized: with smoothing and weights).</summary>
    public double LastLoss { get; private set; }

    /// <summary>What went wrong when <see cref="Run"/> returned false.</summary>
    public string LastProblem { get; private set; } = "";

    /// <summary>
    /// Runs the minibatch <paramref name="batch"/> (B rows of its order): fills <see cref="Gradients"/>
    /// and adds the rows to <paramref name="metrics"/>. Returns false, with <see cref="LastProblem"/> set, when a logit,
    /// the loss or the gradient is not finite.
    /// </summary>
    // Runs every minibatch: compiled fully optimized at once (see docs/ARCHITECTURE.md, "Tiered compilation").
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public bool Run(in Minibatch batch, Random dropout, TrainingMetrics metrics)
    {
        ReadOnlySpan<int> order = batch.Order.Span;
        int start = batch.Index * batchSize, count = Math.Min(batchSize, order.Length - start);
        // The batch's features are not copied: the first layer's multiplies read the shuffled rows while packing them.
        ReadOnlySpan<int> rows = order.Slice(start, count);
        for (int i = 0; i < count; i++) batchLabels[i] = batch.Labels[rows[i]];
        ReadOnlySpan<int> y = batchLabels.AsSpan(0, count);
        ReadOnlySpan<float> logits = pass.Forward(batch.Features, rows, options.Threads, options.Dropout, dropout);
        if (!ComputeLoss(logits, y, count)) return false;
        if (plainLoss)
        {
            metrics.Add(logits, y, rowLosses.AsSpan(0, count));
        }
        else
        {
            metrics.Add(logits, y);
        }

        pass.Backward(batch.Features, rows, options.Threads);
        double norm = options.ClipNorm > 0 ? GradientClipping.ClipByGlobalNorm(Gradients, options.ClipNorm) : GradientClipping.GlobalNorm(Gradients);
        if (!double.IsFinite(norm))
        {
            LastProblem = "the gradient is not finite";
            return false;
        }

        return true;
    }

    /// <summary>The fused loss and ∂loss/∂logits; false when a logit or the loss is not finite.</summary>
    private bool ComputeLoss(ReadOnlySpan<float> logits, ReadOnlySpan<int> y, int count)
    {
        Span<float> gradient = pass.LogitGradient.AsSpan(0, count * Classes);
        try
        {
            LastLoss = loss.Compute(logits, Classes, y, gradient, plainLoss ? rowLosses.AsSpan(0, count) : default);
        }
        catch (ArgumentException) when (!AllFinite(logits))
        {
            // The kernel refuses NaN and +∞ logits; in training they mean the weights have blown up.
            LastLoss = double.NaN;
            LastProblem = "a logit is not finite";
            return false;
        }

        if (!double.IsFinite(LastLoss))
        {
            LastProblem = "the loss is not finite";
            return false;
        }

        return true;
    }

    /// <summary>Whether every value is finite: Σ|x| in one vectorized pass, and one by one only when that sum is not
    /// finite (it overflows for values near 3e38, which are finite).</summary>
    internal static bool AllFinite(ReadOnlySpan<float> values)
    {
        if (float.IsFinite(TensorPrimitives.SumOfMagnitudes(values))) return true;
        foreach (float v in values)
        {
            if (!float.IsFinite(v)) return false;
        }

        return true;
    }
}
