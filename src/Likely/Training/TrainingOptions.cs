using Likely.Models;

namespace Likely.Training;

/// <summary>
/// Hyper-parameters of minibatch training by minimizing cross-entropy (maximum likelihood of the labels).
/// Defaults follow PyTorch's optimizers.
/// </summary>
public sealed record TrainingOptions
{
    /// <summary>Passes over the training data. Range: ≥ 1. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per minibatch (the last batch of an epoch may be smaller). Range: ≥ 1. Default 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>The update rule. Default <see cref="OptimizerKind.Adam"/>.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>η, the base learning rate. Range: &gt; 0. Default 1e-3.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>μ, SGD's momentum. Range: [0, 1). Default 0.9.</summary>
    public double Momentum { get; init; } = 0.9;

    /// <summary>Whether SGD uses Nesterov momentum. Default false.</summary>
    public bool Nesterov { get; init; }

    /// <summary>β₁ of Adam. Range: [0, 1). Default 0.9.</summary>
    public double Beta1 { get; init; } = 0.9;

    /// <summary>β₂ of Adam. Range: [0, 1). Default 0.999.</summary>
    public double Beta2 { get; init; } = 0.999;

    /// <summary>ε of Adam, added to √v̂. Range: &gt; 0. Default 1e-8.</summary>
    public double Epsilon { get; init; } = 1e-8;

    /// <summary>λ, weight decay on the weights (not the biases): L2 for SGD and Adam, decoupled for AdamW. Range: ≥ 0. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The learning-rate rule after warm-up. Default constant.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>Epochs of linear learning-rate warm-up. Range: ≥ 0. Default 0.</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Epochs between decays of the step schedule. Range: ≥ 1. Default 3.</summary>
    public int StepEpochs { get; init; } = 3;

    /// <summary>γ, the step schedule's factor. Range: (0, 1]. Default 0.1.</summary>
    public double StepFactor { get; init; } = 0.1;

    /// <summary>Largest global L2 norm of the gradient; larger gradients are rescaled to it. 0 turns clipping off. Range: ≥ 0.</summary>
    public double ClipNorm { get; init; }

    /// <summary>p, the dropout probability on hidden outputs during training. Range: [0, 1). Default 0.</summary>
    public double Dropout { get; init; }

    /// <summary>ε of label smoothing in the training loss. Range: [0, 1]. Default 0.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Per-class weights w_c of the training loss (length C), or null for all ones.</summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary>Epochs without a lower validation cross-entropy before training stops; 0 never stops early. Range: ≥ 0.</summary>
    public int Patience { get; init; }

    /// <summary>Seeds the weight initialization, the minibatch shuffling and the dropout masks. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads for the matrix multiplies; the weights trained do not depend on it. Range: ≥ 1. Default: all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>k of the top-k accuracy reported each epoch. Range: ≥ 1. Default 5.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>The weight initialization the command line uses when it draws a new network; null for <see cref="Models.Initialization.Uniform"/> (PyTorch's default).</summary>
    public Initialization? Initialization { get; init; }

    /// <summary>Checks every range and throws an <see cref="ArgumentOutOfRangeException"/> naming the first bad option.</summary>
    public void Validate()
    {
        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a finite number > 0");
        Require(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "in [0, 1)");
        Require(Beta1 is >= 0 and < 1, nameof(Beta1), Beta1, "in [0, 1)");
        Require(Beta2 is >= 0 and < 1, nameof(Beta2), Beta2, "in [0, 1)");
        Require(Epsilon > 0, nameof(Epsilon), Epsilon, "> 0");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "a finite number ≥ 0");
        Require(WarmupEpochs >= 0, nameof(WarmupEpochs), WarmupEpochs, "≥ 0");
        Require(StepEpochs >= 1, nameof(StepEpochs), StepEpochs, "at least 1");
        Require(StepFactor is > 0 and <= 1, nameof(StepFactor), StepFactor, "in (0, 1]");
        Require(ClipNorm >= 0 && double.IsFinite(ClipNorm), nameof(ClipNorm), ClipNorm, "≥ 0 (0 turns clipping off)");
        Require(Dropout is >= 0 and < 1, nameof(Dropout), Dropout, "in [0, 1)");
        Require(LabelSmoothing is >= 0 and <= 1, nameof(LabelSmoothing), LabelSmoothing, "in [0, 1]");
        Require(Patience >= 0, nameof(Patience), Patience, "≥ 0 (0 never stops early)");
        Require(Threads >= 1, nameof(Threads), Threads, "at least 1");
        Require(TopK >= 1, nameof(TopK), TopK, "at least 1");
    }

    private static void Require(bool condition, string name, object value, string expected)
    {
        if (!condition)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} is {value}; it must be {expected}.");
        }
    }
}
