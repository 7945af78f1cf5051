using System.CommandLine;
using Likely.Cli.Options;
using Likely.Information;
using ScottPlot;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely plot FIGURE --out figure.svg|.png|-</c>: figures drawn with ScottPlot — the binary entropy H(p), and a
/// classifier's learning curves, confusion matrix, reliability diagram and per-class cross-entropy
/// (<see cref="ClassifierPlotCommands"/>). SVG can go to standard output with <c>--out -</c>.
/// </summary>
public static class PlotCommand
{
    /// <summary>Creates the <c>plot</c> command and its subcommands.</summary>
    public static Command Create(CliContext context)
    {
        var plot = new Command("plot",
            "Draws figures: information quantities, and a trained classifier's learning curves, confusion matrix, reliability diagram and per-class cross-entropy.\n" +
            "Example: likely plot binary-entropy --out figure.svg");
        var figure = new FigureOptions();
        var binary = new Command("binary-entropy",
            "The binary entropy H(p) = −p log₂p − (1−p) log₂(1−p) for p in [0, 1], in bits.\n" +
            "Example: likely plot binary-entropy --out figure.png");
        figure.AddTo(binary);
        binary.SetAction(parseResult =>
        {
            // Checked before drawing, so a bad --out fails at once and never after the work.
            FigureTarget target = figure.Prepare(parseResult);
            target.Write(BinaryEntropy(), context, "binary entropy H(p) in bits");
            return CliApp.Success;
        });
        plot.Subcommands.Add(binary);
        foreach (Command classifier in ClassifierPlotCommands.Create(context))
        {
            plot.Subcommands.Add(classifier);
        }

        return plot;
    }

    private static Plot BinaryEntropy()
    {
        const int points = 501;
        double[] xs = new double[points], ys = new double[points];
        for (int i = 0; i < points; i++)
        {
            xs[i] = i / (double)(points - 1);
            ys[i] = Information.BinaryEntropy.Compute(xs[i], LogBase.Bits);
        }

        var plot = new Plot();
        var line = plot.Add.ScatterLine(xs, ys);
        line.LineWidth = 2;
        plot.Title("Binary entropy of a Bernoulli(p) variable");
        plot.XLabel("p (probability of one outcome)");
        plot.YLabel("H(p) (bits)");
        plot.Axes.SetLimits(0, 1, 0, 1.05);
        return plot;
    }
}
