namespace Likely.Cli.Commands.Tour;

/// <summary>The tour's step on maximum likelihood = minimum cross-entropy (issue 4).</summary>
internal static class LikelihoodTourStep
{
    /// <summary>Prints this step of the tour to <paramref name="context"/>'s output.</summary>
    public static void Run(CliContext context)
    {
        _ = context; // Filled in by the issue that owns this step.
    }
}
