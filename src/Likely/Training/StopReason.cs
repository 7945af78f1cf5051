namespace Likely.Training;

/// <summary>Why training stopped.</summary>
public enum StopReason
{
    /// <summary>Every epoch asked for ran.</summary>
    Completed,

    /// <summary>Validation cross-entropy stopped falling for <see cref="ClassifierOptions.Patience"/> epochs; the model holds the best epoch's weights.</summary>
    EarlyStopping,

    /// <summary>The caller cancelled; the model holds the last completed epoch's weights (the best epoch's with early stopping).</summary>
    Canceled,

    /// <summary>A later epoch diverged; this is the last good epoch's model (<see cref="TrainingDivergedException.LastGoodModel"/>).</summary>
    Diverged,

    /// <summary>L-BFGS met its convergence tolerance.</summary>
    Converged,

    /// <summary>L-BFGS ran <see cref="ClassifierOptions.MaxIterations"/> iterations without meeting its tolerance.</summary>
    IterationLimit,
}
