using System.CommandLine;
using System.CommandLine.Help;
using Likely.Cli.Commands;

namespace Likely.Cli;

/// <summary>The <c>likely</c> command tree: one line per verb, each verb in its own file under Commands/.</summary>
public static class CommandTree
{
    /// <summary>Builds the root command with every verb bound to <paramref name="context"/>.</summary>
    public static Command Build(CliContext context)
    {
        // A named root rather than RootCommand, whose name would be the executable's file name (Likely.Cli, testhost).
        var root = new Command(
            "likely",
            "likely: information theory, maximum-likelihood estimation and cross-entropy training.\n" +
            "Training a model by minimizing cross-entropy is maximum-likelihood estimation.")
        {
            new HelpOption(),
            new VersionOption(),
        };
        // In the order a newcomer meets them: the tour, information theory, maximum likelihood, then training.
        root.Subcommands.Add(TourCommand.Create(context));
        root.Subcommands.Add(EntropyCommand.Create(context));
        root.Subcommands.Add(CrossEntropyCommand.Create(context));
        root.Subcommands.Add(KullbackLeiblerCommand.Create(context));
        root.Subcommands.Add(JensenShannonCommand.Create(context));
        root.Subcommands.Add(MutualInformationCommand.Create(context));
        root.Subcommands.Add(PlotCommand.Create(context));
        root.Subcommands.Add(FitCommand.Create(context));
        root.Subcommands.Add(ExplainCommand.Create(context));
        root.Subcommands.Add(TrainCommand.Create(context));
        root.Subcommands.Add(EvaluateCommand.Create(context));
        root.Subcommands.Add(PredictCommand.Create(context));
        root.Subcommands.Add(InfoCommand.Create(context));
        return root;
    }
}
