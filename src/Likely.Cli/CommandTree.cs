using System.CommandLine;
using Likely.Cli.Commands;

namespace Likely.Cli;

/// <summary>The <c>likely</c> command tree: one line per verb, each verb in its own file under Commands/.</summary>
public static class CommandTree
{
    /// <summary>Builds the root command with every verb bound to <paramref name="context"/>.</summary>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "likely: information theory, maximum-likelihood estimation and cross-entropy training.\n" +
            "Training a model by minimizing cross-entropy is maximum-likelihood estimation.");
        root.Subcommands.Add(TourCommand.Create(context));
        return root;
    }
}
