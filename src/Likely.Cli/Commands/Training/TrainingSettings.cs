using Likely.Models;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>Everything <c>likely train</c> was asked to do, parsed and typed.</summary>
internal sealed record TrainingSettings(
    string Data, string? Label, IReadOnlyList<string>? Features, int[] Hidden, Activation Activation, TrainingOptions Options,
    double ValidationFraction, bool Lbfgs, double InverseRegularization, int MaxIterations, bool Standardize, string? Output, bool Json);
