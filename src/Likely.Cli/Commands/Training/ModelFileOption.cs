using System.CommandLine;

namespace Likely.Cli.Commands.Training;

/// <summary>The required <c>--model</c> option of <c>evaluate</c>, <c>calibrate</c> and <c>predict</c>: a model file written by <c>train</c>.</summary>
internal static class ModelFileOption
{
    /// <summary>The description shared by the commands that only read the model.</summary>
    public const string DefaultDescription = "The model file written by 'likely train'.";

    /// <summary>Creates the option; <paramref name="description"/> replaces the shared one where a command says more.</summary>
    public static Option<string> Create(string description = DefaultDescription) =>
        new("--model") { Description = description, HelpName = "file", Required = true };
}
