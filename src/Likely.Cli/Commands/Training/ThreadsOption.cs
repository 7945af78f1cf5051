using System.CommandLine;
using Likely.Cli.Options;

namespace Likely.Cli.Commands.Training;

/// <summary>The <c>--threads</c> option of <c>evaluate</c> and <c>predict</c>: all cores unless given.</summary>
internal static class ThreadsOption
{
    /// <summary>Creates the option; absent, it means all cores.</summary>
    public static Option<int> Create() => new("--threads")
    {
        Description = HelpText.WithDefault("Threads for the matrix multiplies (the result does not depend on it).", "all cores"),
    };

    /// <summary>The thread count to pass to the library: the value given, or 0 (all cores) when absent.</summary>
    /// <exception cref="UsageException">A value below 1 was given.</exception>
    public static int Value(ParseResult parse, Option<int> option)
    {
        if (!parse.IsGiven(option)) return 0;
        int threads = parse.GetValue(option);
        return threads >= 1 ? threads : throw new UsageException($"--threads {threads} must be at least 1; leave it out to use all cores.");
    }
}
