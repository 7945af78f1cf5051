using Spectre.Console;

namespace Likely.Cli.Commands.Training;

/// <summary>Spectre.Console consoles over the injected writers: plain text when redirected, live display only on a terminal.</summary>
internal static class ConsoleFactory
{
    /// <summary>A console for tables on <paramref name="writer"/>, without colour codes, wide enough not to wrap.</summary>
    public static IAnsiConsole Plain(TextWriter writer)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 160;
        return console;
    }

    /// <summary>A live console on standard error when it is a terminal, else null (progress is then printed as lines).</summary>
    public static IAnsiConsole? Live(CliContext context)
    {
        if (!ReferenceEquals(context.Error, Console.Error) || Console.IsErrorRedirected)
        {
            return null;
        }

        return AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error), Interactive = InteractionSupport.Yes });
    }
}
