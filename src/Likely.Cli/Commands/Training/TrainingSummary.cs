using Likely.Evaluation;
using Likely.Models;
using Likely.Optimization;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>What <c>likely train</c> reports at the end.</summary>
internal sealed record TrainingSummary(
    MultilayerPerceptron Network, TrainingSettings Settings, int TrainingRows, int ValidationRows, TrainingResult? Result, LbfgsResult? Fit,
    ClassificationMetrics Training, ClassificationMetrics? Validation, double TrainingSeconds, double TotalSeconds);
