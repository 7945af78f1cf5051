using System.CommandLine;

namespace Likely.Cli.Options;

/// <summary>Whether the user typed an option, as opposed to its default standing in.</summary>
internal static class OptionGiven
{
    /// <summary>True when <paramref name="option"/> was typed on the command line, not just defaulted.</summary>
    public static bool IsGiven(this ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };
}
