namespace Likely.Training;

/// <summary>
/// Training stopped because it diverged: the loss, a gradient or a weight stopped being finite, or an epoch's mean
/// training cross-entropy exceeded four times that of guessing uniformly (4·ln C). The message says where, the loss
/// and what to change; <see cref="LastGoodModel"/> is the last completed epoch's model, if any.
/// </summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>Creates the exception and its message from the facts.</summary>
    public TrainingDivergedException(int epoch, int batch, int batchesPerEpoch, double loss, string what, double learningRate, double uniformCrossEntropy, ClassifierModel? lastGoodModel)
        : base(Describe(epoch, batch, batchesPerEpoch, loss, what, learningRate, uniformCrossEntropy))
    {
        (Epoch, Batch, Loss, LearningRate, LastGoodModel) = (epoch, batch, loss, learningRate, lastGoodModel);
        Diagnosis = Where(epoch, batch, batchesPerEpoch, loss, what, uniformCrossEntropy);
    }

    /// <summary>Where and how training diverged, without the advice (one sentence), for callers that phrase the advice their own way.</summary>
    public string Diagnosis { get; }

    /// <summary>The one-based epoch in which training diverged.</summary>
    public int Epoch { get; }

    /// <summary>The one-based minibatch of that epoch (the last one when the epoch's mean was too high).</summary>
    public int Batch { get; }

    /// <summary>The loss when divergence was found, in nats (may be NaN or ∞).</summary>
    public double Loss { get; }

    /// <summary>The learning rate in use.</summary>
    public double LearningRate { get; }

    /// <summary>A learning rate ten times smaller, to try next.</summary>
    public double SuggestedLearningRate => LearningRate / 10;

    /// <summary>The model after the last completed epoch, or null when training diverged in its first epoch.</summary>
    public ClassifierModel? LastGoodModel { get; }

    private static string Describe(int epoch, int batch, int batches, double loss, string what, double rate, double uniform) =>
        Where(epoch, batch, batches, loss, what, uniform) +
        FormattableString.Invariant($" The learning rate {rate:G4} is too large: try {rate / 10:G4}, or clip the gradient norm (ClipNorm, e.g. 1).");

    private static string Where(int epoch, int batch, int batches, double loss, string what, double uniform) =>
        FormattableString.Invariant(
            $"Training diverged at epoch {epoch}, batch {batch} of {batches}: {what} (the loss is {loss:G4} nats; guessing uniformly gives {uniform:G4}).");
}
