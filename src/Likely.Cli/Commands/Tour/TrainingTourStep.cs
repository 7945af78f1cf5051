namespace Likely.Cli.Commands.Tour;

/// <summary>The tour's step on training a classifier on the embedded digits (issue 5).</summary>
internal static class TrainingTourStep
{
    /// <summary>Prints this step of the tour to <paramref name="context"/>'s output.</summary>
    public static void Run(CliContext context)
    {
        _ = context; // Filled in by the issue that owns this step.
    }
}
