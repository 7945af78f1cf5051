using Likely.Models;

namespace Likely.Training;

/// <summary>The outcome of <see cref="Trainer.Fit"/>.</summary>
/// <param name="Model">The trained network: with early stopping, the weights of the epoch with the lowest validation cross-entropy.</param>
/// <param name="History">One report per epoch run.</param>
/// <param name="BestEpoch">The epoch whose weights <paramref name="Model"/> holds (the last one without early stopping).</param>
/// <param name="StoppedEarly">Whether training stopped before the last epoch because validation cross-entropy stopped falling.</param>
public sealed record TrainingResult(MultilayerPerceptron Model, IReadOnlyList<EpochReport> History, int BestEpoch, bool StoppedEarly);
