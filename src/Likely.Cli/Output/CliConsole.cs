using Spectre.Console;
using Spectre.Console.Rendering;

namespace Likely.Cli.Output;

/// <summary>
/// The one way the command makes Spectre.Console consoles: plain tables on the command's output (no colour, no ANSI,
/// no trailing spaces, wide enough not to wrap), and a live progress display on standard error only when it is a
/// terminal.
/// </summary>
public static class CliConsole
{
    /// <summary>Columns a plain table may use before Spectre wraps a cell.</summary>
    private const int PlainWidth = 200;

    /// <summary>Writes <paramref name="renderable"/> (a table, usually) as plain text to <paramref name="writer"/>.</summary>
    /// <remarks>Spectre pads every cell to its column's width, including the last; the padding is removed so that
    /// output can be compared and pasted without invisible spaces.</remarks>
    public static void Write(TextWriter writer, IRenderable renderable)
    {
        ArgumentNullException.ThrowIfNull(writer);
        using var text = new StringWriter();
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(text),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = PlainWidth;
        console.Write(renderable);
        foreach (string line in text.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            writer.WriteLine(line.TrimEnd());
        }
    }

    /// <summary>A table in the command's one style (simple border) with the given column headers.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        return table;
    }

    /// <summary>Adds a row of plain text cells (escaped, so [brackets] in labels are not read as markup).</summary>
    public static void AddRow(Table table, params string[] cells)
    {
        ArgumentNullException.ThrowIfNull(table);
        table.AddRow(cells.Select(Markup.Escape).ToArray());
    }

    /// <summary>A live console on standard error when it is a terminal, else null (progress is then printed as lines).</summary>
    public static IAnsiConsole? Live(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!ReferenceEquals(context.Error, Console.Error) || Console.IsErrorRedirected)
        {
            return null;
        }

        return AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(context.Error), Interactive = InteractionSupport.Yes });
    }
}
