namespace Likely.Training;

/// <summary>Where minibatch training is within an epoch, reported after each optimizer step.</summary>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="Batch">Minibatches done in this epoch (1…<paramref name="BatchesPerEpoch"/>).</param>
/// <param name="BatchesPerEpoch">Minibatches in one epoch.</param>
/// <param name="Loss">The last minibatch's training loss in nats (as optimized: with smoothing and class weights).</param>
public readonly record struct BatchProgress(int Epoch, int Batch, int BatchesPerEpoch, double Loss);
