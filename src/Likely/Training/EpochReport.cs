namespace Likely.Training;

/// <summary>Cross-entropy and accuracy of one epoch on one data set.</summary>
/// <param name="CrossEntropy">Mean cross-entropy −(1/N)·Σ ln q(y|x), in nats (plain: without smoothing or class weights).</param>
/// <param name="Accuracy">Fraction of rows whose most probable class is the label.</param>
/// <param name="TopKAccuracy">Fraction of rows whose label is among the k most probable classes.</param>
public sealed record EpochMetrics(double CrossEntropy, double Accuracy, double TopKAccuracy)
{
    /// <summary>Mean cross-entropy in bits: H/ln 2.</summary>
    public double CrossEntropyBits => CrossEntropy / Math.Log(2);

    /// <summary>Perplexity e^H.</summary>
    public double Perplexity => Math.Exp(CrossEntropy);
}

/// <summary>What happened in one epoch of training.</summary>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="Training">Metrics on the training rows, accumulated over the epoch's minibatches as the weights moved
/// (in training mode, so with dropout when it is on).</param>
/// <param name="Validation">Metrics on the validation rows at the end of the epoch, or null without validation data.</param>
/// <param name="LearningRate">η at the epoch's last step.</param>
/// <param name="Seconds">Wall-clock seconds of the epoch's training steps (not the validation pass).</param>
/// <param name="RowsPerSecond">Training rows processed per second.</param>
public sealed record EpochReport(int Epoch, EpochMetrics Training, EpochMetrics? Validation, double LearningRate, double Seconds, double RowsPerSecond);
