namespace Likely.Training;

/// <summary>Where minibatch training is within an epoch, reported after each optimizer step.</summary>
/// <param name="Epoch">One-based epoch number.</param>
/// <param name="Batch">Minibatches done in this epoch (1…<paramref name="BatchesPerEpoch"/>).</param>
/// <param name="BatchesPerEpoch">Minibatches in one epoch.</param>
/// <param name="Loss">The last minibatch's training loss in nats (as optimized: with smoothing and class weights).</param>
/// <param name="Rows">Training rows in this epoch's minibatches so far (its last report: every training row).</param>
/// <param name="CrossEntropy">The epoch's running training cross-entropy: the mean −ln q(y|x) in nats over those
/// <paramref name="Rows"/> rows, each taken with the weights of its own minibatch's forward pass (the plain loss: no
/// smoothing, no class weights). At the epoch's last minibatch it is the epoch's
/// <see cref="EpochReport.Training"/> cross-entropy.</param>
/// <param name="Accuracy">The epoch's running training accuracy over the same rows, a fraction in [0, 1].</param>
public readonly record struct BatchProgress(int Epoch, int Batch, int BatchesPerEpoch, double Loss, long Rows, double CrossEntropy, double Accuracy);
