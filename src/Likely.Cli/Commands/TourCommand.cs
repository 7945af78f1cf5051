using System.CommandLine;
using Likely.Cli.Commands.Tour;

namespace Likely.Cli.Commands;

/// <summary><c>likely tour</c>: a short guided run of Likely on built-in examples, one step per part of the library.</summary>
public static class TourCommand
{
    /// <summary>Creates the <c>tour</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("tour", "A short guided run of Likely on built-in examples: entropy and divergences, maximum likelihood as minimum cross-entropy, and training a classifier.\nExample: likely tour");
        command.SetAction(_ =>
        {
            context.Output.WriteLine("Likely tour: training by minimizing cross-entropy is maximum-likelihood estimation.");
            InformationTourStep.Run(context);
            LikelihoodTourStep.Run(context);
            TrainingTourStep.Run(context);
            return CliApp.Success;
        });
        return command;
    }
}
