using System.CommandLine;
using Likely.Cli.Output;
using Likely.Data;
using ScottPlot;

namespace Likely.Cli.Options;

/// <summary>
/// The options every <c>likely plot</c> figure takes: <c>--out</c> (a .png or .svg file, or - for SVG on standard
/// output), <c>--format</c>, <c>--width</c> and <c>--height</c>. An option instance belongs to one command, so each
/// subcommand creates its own.
/// </summary>
internal sealed class FigureOptions
{
    /// <summary>The default size, in pixels.</summary>
    public const int DefaultWidth = FigureFormats.ReferenceWidth, DefaultHeight = FigureFormats.ReferenceHeight;

    private readonly Option<string> output = new("--out")
    {
        Description = "The figure to write: a .svg or .png file (written atomically), or - for SVG on standard output.",
        Required = true,
    };

    private readonly Option<FigureFormat?> format = ChoiceOption.Create("--format", Vocabulary.FigureFormat, "The image format. [default: from the --out extension; svg for -]");
    private readonly Option<int> width = new("--width") { Description = "Width in pixels; fonts grow with the size.", DefaultValueFactory = _ => DefaultWidth };
    private readonly Option<int> height = new("--height") { Description = "Height in pixels.", DefaultValueFactory = _ => DefaultHeight };

    /// <summary>Adds the four options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(output);
        command.Options.Add(format);
        command.Options.Add(width);
        command.Options.Add(height);
    }

    /// <summary>
    /// Checks the size and the destination before any work: the size must be 100–10000 pixels each way, the file
    /// writable and none of <paramref name="inputs"/> (the files the figure is drawn from).
    /// </summary>
    /// <exception cref="UsageException">A size out of range, or an extension that is neither .png nor .svg.</exception>
    /// <exception cref="OutputFileException">The destination cannot be written, or is one of the inputs.</exception>
    public FigureTarget Prepare(ParseResult parse, params string[] inputs)
    {
        string path = parse.GetValue(output)!;
        FigureFormat chosen = FigureFormats.Choose(path, parse.GetValue(format));
        int w = parse.GetValue(width), h = parse.GetValue(height);
        if (w < 100 || h < 100 || w > 10_000 || h > 10_000)
        {
            throw new UsageException($"--width and --height must be between 100 and 10000 pixels, not {w}×{h}.");
        }

        bool svg = chosen == FigureFormat.Svg;
        OutputFile file = OutputFile.Prepare(path, svg ? "SVG figure" : "PNG figure", "--out", allowStandardOutput: svg, inputs: inputs.Where(File.Exists));
        return new FigureTarget(file, path, chosen, w, h);
    }
}

/// <summary>A checked figure destination: the file, its format and size.</summary>
/// <param name="File">The prepared output file.</param>
/// <param name="Path">The path as the user gave it (for the "wrote" line).</param>
/// <param name="Format">PNG or SVG.</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
internal sealed record FigureTarget(OutputFile File, string Path, FigureFormat Format, int Width, int Height)
{
    /// <summary>
    /// Renders <paramref name="plot"/> to bytes (so nothing touches the destination until the figure is complete), writes
    /// them, and reports "wrote PATH (W×H, N bytes): <paramref name="what"/>".
    /// </summary>
    public void Write(Plot plot, CliContext context, string what)
    {
        byte[] image = FigureFormats.Render(plot, Width, Height, Format);
        TextWriter report = CommandFile.Write(File, stream => stream.Write(image), context);
        report.WriteLine($"wrote {Path} ({Width}×{Height}, {image.Length} bytes): {what}");
    }
}
