using System.CommandLine;
using Likely.Data;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Information;
using ScottPlot;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely plot binary-entropy --out figure.svg|.png|-</c>: the curve H(p) in bits, drawn with ScottPlot; SVG can go to
/// standard output with <c>--out -</c>.
/// </summary>
public static class PlotCommand
{
    /// <summary>Creates the <c>plot</c> command and its <c>binary-entropy</c> subcommand.</summary>
    public static Command Create(CliContext context)
    {
        var plot = new Command("plot", "Draws figures of information quantities.\nExample: likely plot binary-entropy --out figure.svg");
        var output = new Option<string>("--out")
        {
            Description = "The figure to write: a .svg or .png file (written atomically), or - for SVG on standard output.",
            Required = true,
        };
        Option<FigureFormat?> format = ChoiceOption.Create("--format", Vocabulary.FigureFormat, "The image format. [default: from the --out extension; svg for -]");
        var width = new Option<int>("--width") { Description = "Width in pixels.", DefaultValueFactory = _ => 640 };
        var height = new Option<int>("--height") { Description = "Height in pixels.", DefaultValueFactory = _ => 400 };
        var binary = new Command("binary-entropy",
            "The binary entropy H(p) = −p log₂p − (1−p) log₂(1−p) for p in [0, 1], in bits.\n" +
            "Example: likely plot binary-entropy --out figure.png");
        binary.Options.Add(output);
        binary.Options.Add(format);
        binary.Options.Add(width);
        binary.Options.Add(height);
        binary.SetAction(parseResult =>
        {
            string path = parseResult.GetValue(output)!;
            bool svg = FigureFormats.Choose(path, parseResult.GetValue(format)) == FigureFormat.Svg;
            int w = parseResult.GetValue(width), h = parseResult.GetValue(height);
            if (w < 100 || h < 100 || w > 10_000 || h > 10_000)
            {
                throw new UsageException($"--width and --height must be between 100 and 10000 pixels, not {w}×{h}.");
            }

            // Checked before drawing, so a bad --out fails at once and never after the work.
            OutputFile destination = OutputFile.Prepare(path, svg ? "SVG figure" : "PNG figure", "--out", allowStandardOutput: svg);
            byte[] image = Draw(w, h, svg);
            TextWriter report = CommandFile.Write(destination, stream => stream.Write(image), context);
            report.WriteLine($"wrote {path} ({w}×{h}, {image.Length} bytes): binary entropy H(p) in bits");
            return CliApp.Success;
        });
        plot.Subcommands.Add(binary);
        return plot;
    }

    /// <summary>Renders the curve to bytes first, so nothing touches the destination until the figure is complete.</summary>
    private static byte[] Draw(int width, int height, bool svg)
    {
        const int points = 501;
        double[] xs = new double[points], ys = new double[points];
        for (int i = 0; i < points; i++)
        {
            xs[i] = i / (double)(points - 1);
            ys[i] = BinaryEntropy.Compute(xs[i], LogBase.Bits);
        }

        var plot = new Plot();
        var line = plot.Add.ScatterLine(xs, ys);
        line.LineWidth = 2;
        plot.Title("Binary entropy of a Bernoulli(p) variable");
        plot.XLabel("p (probability of one outcome)");
        plot.YLabel("H(p) (bits)");
        plot.Axes.SetLimits(0, 1, 0, 1.05);
        return svg
            ? System.Text.Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height))
            : plot.GetImageBytes(width, height, ImageFormat.Png);
    }
}
