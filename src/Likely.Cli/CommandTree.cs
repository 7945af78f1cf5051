using System.CommandLine;
using Likely.Cli.Commands;

namespace Likely.Cli;

/// <summary>The <c>likely</c> command tree: one line per verb, each verb in its own file under Commands/.</summary>
public static class CommandTree
{
    /// <summary>The command's name, whatever the executable file is called (likely, Likely.Cli, testhost).</summary>
    public const string Name = "likely";

    /// <summary>Builds the root command with every verb bound to <paramref name="context"/>.</summary>
    /// <remarks>
    /// A <see cref="RootCommand"/>, so that it has --help, --version and the [suggest] directive that shell completion
    /// calls (completions/ holds the scripts). Its own name is the executable's file name, which is <c>likely</c> for the
    /// tool and the Native AOT binary; <see cref="CliApp"/> shows <see cref="Name"/> in help whatever the file is called.
    /// </remarks>
    public static RootCommand Build(CliContext context)
    {
        var root = new RootCommand(
            "likely: information theory, maximum-likelihood estimation and cross-entropy training.\n" +
            "Training a model by minimizing cross-entropy is maximum-likelihood estimation.");
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
        root.Subcommands.Add(CalibrateCommand.Create(context));
        root.Subcommands.Add(PredictCommand.Create(context));
        root.Subcommands.Add(ReportCommand.Create(context));
        root.Subcommands.Add(ExportCommand.Create(context));
        root.Subcommands.Add(InfoCommand.Create(context));
        return root;
    }
}
