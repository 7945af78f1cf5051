using Likely.Models;

namespace Likely.Training;

/// <summary>
/// Everything that decides how <see cref="Classifier.Fit(Data.Dataset, ClassifierOptions, IProgress{EpochReport}?, CancellationToken)"/>
/// trains a classifier by minimizing cross-entropy (maximum likelihood of the labels): the architecture and the
/// training rule. Immutable; <see cref="Validate()"/> checks every range in one place. Defaults follow PyTorch.
/// </summary>
/// <remarks>
/// The command line's flags are these property names in kebab case (<c>LearningRate</c> → <c>--learning-rate</c>), so an
/// error that names a property names the flag too.
/// </remarks>
public sealed record ClassifierOptions
{
    /// <summary>Widths of the hidden layers, input side first; empty means softmax regression. Range: each ≥ 1, and
    /// the weights must fit in memory. Default [256, 128].</summary>
    public IReadOnlyList<int> HiddenWidths { get; init; } = [256, 128];

    /// <summary>The activation after every hidden layer. Default <see cref="Activation.Relu"/>.</summary>
    public Activation Activation { get; init; } = Activation.Relu;

    /// <summary>How the first weights are drawn (from <see cref="Seed"/>). Default <see cref="Models.Initialization.Uniform"/> (PyTorch's <c>nn.Linear</c>).</summary>
    public Initialization Initialization { get; init; } = Initialization.Uniform;

    /// <summary>Whether features are standardized with the training rows' mean and deviation; the standardizer travels
    /// inside the model, so it always takes raw features. Default true.</summary>
    public bool Standardize { get; init; } = true;

    /// <summary>p, the dropout probability on hidden outputs during training. Range: [0, 1). Default 0.</summary>
    public double Dropout { get; init; }

    /// <summary>Minibatch passes over the training rows (ignored by <see cref="SolverKind.Lbfgs"/>). Range: ≥ 1. Default 10.</summary>
    public int Epochs { get; init; } = 10;

    /// <summary>Rows per minibatch (the last batch of an epoch may be smaller). Range: ≥ 1. Default 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>The minibatch update rule. Default <see cref="OptimizerKind.Adam"/>.</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>η, the base learning rate. Range: finite, &gt; 0. Default 1e-3.</summary>
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

    /// <summary>λ, weight decay on the weights (not the biases): L2 for SGD and Adam, decoupled for AdamW. Range: finite, ≥ 0. Default 0.</summary>
    public double WeightDecay { get; init; }

    /// <summary>The learning-rate rule after warm-up. Default <see cref="ScheduleKind.Constant"/>.</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;

    /// <summary>Epochs of linear learning-rate warm-up. Range: ≥ 0. Default 0.</summary>
    public int WarmupEpochs { get; init; }

    /// <summary>Epochs between decays of the step schedule. Range: ≥ 1. Default 3.</summary>
    public int StepEpochs { get; init; } = 3;

    /// <summary>γ, the step schedule's factor. Range: (0, 1]. Default 0.1.</summary>
    public double StepFactor { get; init; } = 0.1;

    /// <summary>Largest global L2 norm of the gradient; larger gradients are rescaled to it. 0 turns clipping off. Range: finite, ≥ 0. Default 0.</summary>
    public double ClipNorm { get; init; }

    /// <summary>ε of label smoothing in the training loss. Range: [0, 1]. Default 0.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>Per-class weights w_c of the training loss (length C, finite, ≥ 0), or null for all ones.</summary>
    public IReadOnlyList<float>? ClassWeights { get; init; }

    /// <summary>The share of the training rows held out (by a split seeded with <see cref="Seed"/>) to report validation
    /// cross-entropy each epoch and for early stopping. Range: [0, 1). Default 0.</summary>
    public double ValidationFraction { get; init; }

    /// <summary>Epochs without a lower validation cross-entropy before training stops, keeping the best epoch's weights;
    /// 0 never stops early. Needs <see cref="ValidationFraction"/> &gt; 0. Range: ≥ 0. Default 0.</summary>
    public int Patience { get; init; }

    /// <summary>Minibatch training with <see cref="Optimizer"/>, or full-batch L-BFGS (softmax regression only). Default minibatch.</summary>
    public SolverKind Solver { get; init; } = SolverKind.Minibatch;

    /// <summary>L-BFGS only: scikit-learn's C; the penalty is ‖W‖²/(2C). Range: &gt; 0 (+∞ for none). Default 1.</summary>
    public double InverseRegularization { get; init; } = 1.0;

    /// <summary>L-BFGS only: the most iterations. Range: ≥ 1. Default 100 (scikit-learn's max_iter).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Seeds everything random: the initial weights, the validation split, each epoch's shuffle and its dropout
    /// masks. The same seed, data and options give bit-identical models on any thread count. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Threads for the matrix multiplies; the model trained does not depend on it. Range: ≥ 1. Default: all cores.</summary>
    public int Threads { get; init; } = Environment.ProcessorCount;

    /// <summary>k of the top-k accuracy reported each epoch. Range: ≥ 1. Default 5.</summary>
    public int TopK { get; init; } = 5;

    /// <summary>Whether the network is softmax regression (no hidden layer).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsSoftmaxRegression => HiddenWidths.Count == 0;

    /// <summary>Checks every range that does not depend on the data and throws an <see cref="OptionOutOfRangeException"/> naming the first bad option.</summary>
    /// <exception cref="OptionOutOfRangeException">An option is out of its range or contradicts another.</exception>
    public void Validate()
    {
        Require(HiddenWidths is not null, nameof(HiddenWidths), "null", "a list of widths (empty for softmax regression)");
        for (int l = 0; l < HiddenWidths!.Count; l++)
        {
            Require(HiddenWidths[l] >= 1, nameof(HiddenWidths), Widths(), $"a list of positive widths (layer {l + 1} has {HiddenWidths[l]})");
        }

        Require(Dropout is >= 0 and < 1, nameof(Dropout), Dropout, "in [0, 1)");
        Require(Epochs >= 1, nameof(Epochs), Epochs, "at least 1");
        Require(BatchSize >= 1, nameof(BatchSize), BatchSize, "at least 1");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), nameof(LearningRate), LearningRate, "a finite number > 0");
        Require(Momentum is >= 0 and < 1, nameof(Momentum), Momentum, "in [0, 1)");
        Require(Beta1 is >= 0 and < 1, nameof(Beta1), Beta1, "in [0, 1)");
        Require(Beta2 is >= 0 and < 1, nameof(Beta2), Beta2, "in [0, 1)");
        Require(Epsilon > 0 && double.IsFinite(Epsilon), nameof(Epsilon), Epsilon, "a finite number > 0");
        Require(WeightDecay >= 0 && double.IsFinite(WeightDecay), nameof(WeightDecay), WeightDecay, "a finite number ≥ 0");
        Require(WarmupEpochs >= 0, nameof(WarmupEpochs), WarmupEpochs, "≥ 0");
        Require(StepEpochs >= 1, nameof(StepEpochs), StepEpochs, "at least 1");
        Require(StepFactor is > 0 and <= 1, nameof(StepFactor), StepFactor, "in (0, 1]");
        Require(ClipNorm >= 0 && double.IsFinite(ClipNorm), nameof(ClipNorm), ClipNorm, "a finite number ≥ 0 (0 turns clipping off)");
        Require(LabelSmoothing is >= 0 and <= 1, nameof(LabelSmoothing), LabelSmoothing, "in [0, 1]");
        if (ClassWeights is { } weights)
        {
            Require(weights.All(w => float.IsFinite(w) && w >= 0) && weights.Any(w => w > 0), nameof(ClassWeights), string.Join(",", weights),
                "finite numbers ≥ 0, not all 0 (a class of weight 0 does not count in the loss)");
        }

        Require(ValidationFraction is >= 0 and < 1, nameof(ValidationFraction), ValidationFraction, "in [0, 1), for example 0.1");
        Require(Patience >= 0, nameof(Patience), Patience, "≥ 0 (0 never stops early)");
        Require(Patience == 0 || ValidationFraction > 0, nameof(Patience), Patience,
            "0 without a validation fraction: early stopping watches validation cross-entropy, so hold out some rows (for example a fraction of 0.1)");
        Require(InverseRegularization > 0, nameof(InverseRegularization), InverseRegularization, "> 0 (+∞ for no penalty)");
        Require(MaxIterations >= 1, nameof(MaxIterations), MaxIterations, "at least 1");
        Require(Solver != SolverKind.Lbfgs || IsSoftmaxRegression, nameof(Solver), "lbfgs",
            "minibatch for a network with hidden layers (L-BFGS fits softmax regression only: the MLP objective is not convex); train softmax regression, with no hidden layer, to use L-BFGS");
        Require(Solver != SolverKind.Lbfgs || Patience == 0, nameof(Patience), Patience,
            "0 with L-BFGS, which runs to convergence on the whole batch and has no epochs to stop early");
        Require(Threads >= 1, nameof(Threads), Threads, "at least 1");
        Require(TopK >= 1, nameof(TopK), TopK, "at least 1");
    }

    /// <summary>
    /// Checks the options against the data's shape: the class weights' length, and that the network's parameters, their
    /// gradients and the optimizer's moments fit in the memory this process may use — before anything is allocated.
    /// </summary>
    /// <param name="features">D, the inputs of the network.</param>
    /// <param name="classes">C, the classes.</param>
    /// <exception cref="OptionOutOfRangeException">An option does not fit the data or the machine.</exception>
    public void Validate(int features, int classes)
    {
        Validate();
        if (ClassWeights is { } weights)
        {
            Require(weights.Count == classes, nameof(ClassWeights), string.Join(",", weights), $"one weight per class: the data have {classes} classes, not {weights.Count}");
        }

        long largestLayer = 0;
        long parameters = 0;
        long previous = features;
        foreach (long width in HiddenWidths.Select(w => (long)w).Append(classes))
        {
            long layer = previous * width;
            largestLayer = Math.Max(largestLayer, layer);
            parameters += layer + width;
            previous = width;
        }

        // Weights, gradients, two optimizer moments and a best-so-far copy: five float arrays of this size.
        long bytes = parameters * sizeof(float) * 5;
        long available = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
        Require(largestLayer <= Array.MaxLength && bytes <= available, nameof(HiddenWidths), Widths(),
            $"small enough to fit in memory: {Describe(features, classes)} has {parameters:N0} parameters, about {bytes / 1e9:0.#} GB with its gradients and optimizer state, " +
            $"and this process may use {available / 1e9:0.#} GB");
    }

    private string Widths() => string.Join(",", HiddenWidths);

    private string Describe(int features, int classes) => $"{features} → {string.Join("", HiddenWidths.Select(w => $"{w} → "))}{classes}";

    private static void Require(bool condition, string name, object value, string expected)
    {
        if (!condition)
        {
            throw new OptionOutOfRangeException(name, value, expected);
        }
    }
}
