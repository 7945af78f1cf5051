namespace Likely.Training;

/// <summary>How a <see cref="ClassifierModel"/> was trained; saved in the model file's metadata.</summary>
/// <param name="Options">The options of the run (after a resume: the options it finished with).</param>
/// <param name="LikelyVersion">The version of Likely that trained it.</param>
/// <param name="DataName">The training data's name (a file path or a catalog name such as <c>digits:train</c>).</param>
/// <param name="DataRows">Rows of the training data given to <c>Fit</c>, before the validation split.</param>
/// <param name="DataFingerprint">The data's content hash (<see cref="Data.Dataset.Fingerprint"/>).</param>
/// <param name="TrainingRows">Rows trained on (after holding out the validation part).</param>
/// <param name="ValidationRows">Rows held out for validation.</param>
/// <param name="EpochsRun">Epochs completed (L-BFGS: 0).</param>
/// <param name="BestEpoch">The epoch whose weights the model holds (the last completed one without early stopping; L-BFGS: 0).</param>
/// <param name="StopReason">Why training stopped.</param>
/// <param name="History">One report per completed epoch.</param>
/// <param name="LbfgsIterations">L-BFGS only: iterations run.</param>
/// <param name="LbfgsObjective">L-BFGS only: the penalized objective reached (summed over rows).</param>
/// <param name="FinalTraining">The kept model's metrics on the training rows (evaluated after training, without dropout).</param>
/// <param name="FinalValidation">The kept model's metrics on the validation rows, or null without validation.</param>
public sealed record TrainingProvenance(
    ClassifierOptions Options, string LikelyVersion, string DataName, int DataRows, string DataFingerprint, int TrainingRows, int ValidationRows,
    int EpochsRun, int BestEpoch, StopReason StopReason, IReadOnlyList<EpochReport> History, int? LbfgsIterations = null, double? LbfgsObjective = null,
    EpochMetrics? FinalTraining = null, EpochMetrics? FinalValidation = null)
{
    /// <summary>The version of this build of Likely (its informational version, or the assembly version).</summary>
    public static string CurrentVersion { get; } =
        typeof(TrainingProvenance).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion
        ?? typeof(TrainingProvenance).Assembly.GetName().Version?.ToString() ?? "unknown";
}
