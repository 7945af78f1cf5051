using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>Everything <c>likely train</c> was asked to do, parsed and typed.</summary>
/// <param name="Data">The data spec (<c>--data</c>).</param>
/// <param name="Label">CSV: the label column.</param>
/// <param name="Features">CSV: the feature columns, or null for all others.</param>
/// <param name="Options">The estimator's options.</param>
/// <param name="Output">Where to save the model, or null.</param>
/// <param name="Checkpoint">Where to write a checkpoint after every epoch, or null.</param>
/// <param name="ResumePath">The checkpoint file resumed from, or null.</param>
/// <param name="Resume">That checkpoint, loaded.</param>
/// <param name="KeepLastGood">Save the last good model beside <paramref name="Output"/> if training diverges.</param>
/// <param name="Json">JSON lines instead of tables.</param>
/// <param name="Plot">Where to draw the learning curves (.png or .svg), or null.</param>
/// <param name="MemoryLimit">Parquet data: the most bytes of rows to hold in memory (<c>--memory-limit</c>), streaming when the data take more; null: load them whole.</param>
internal sealed record TrainingRequest(
    string Data, string? Label, IReadOnlyList<string>? Features, ClassifierOptions Options, string? Output, string? Checkpoint,
    string? ResumePath, TrainingCheckpoint? Resume, bool KeepLastGood, bool Json, string? Plot = null, long? MemoryLimit = null);
