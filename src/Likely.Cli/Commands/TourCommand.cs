using System.CommandLine;

namespace Likely.Cli.Commands;

/// <summary><c>likely tour</c>: a short guided run of Likely on built-in examples.</summary>
public static class TourCommand
{
    /// <summary>Creates the <c>tour</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("tour", "A short guided run of Likely on built-in examples.\nExample: likely tour");
        command.SetAction(_ =>
        {
            context.Output.WriteLine("Likely tour");
            return CliApp.Success;
        });
        return command;
    }
}
