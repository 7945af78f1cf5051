namespace Likely.Cli.Commands.Tour;

/// <summary>The tour's step on the information-theory core (issue 2).</summary>
internal static class InformationTourStep
{
    /// <summary>Prints this step of the tour to <paramref name="context"/>'s output.</summary>
    public static void Run(CliContext context)
    {
        _ = context; // Filled in by the issue that owns this step.
    }
}
