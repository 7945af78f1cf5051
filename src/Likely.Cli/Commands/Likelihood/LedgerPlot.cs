using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Likelihood;
using ScottPlot;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// The <c>explain --plot</c> figure, two panels one above the other: the data (density histogram, or bars of p̂ for
/// discrete data) with the fitted model over it, and the cross-entropy as a function of the first estimated parameter,
/// whose minimum sits at θ_ML. PNG or SVG, written through <see cref="OutputFile"/>; the legends sit below the axes, where
/// they cover nothing.
/// </summary>
internal static class LedgerPlot
{
    private const int Width = 720, PanelHeight = 400;

    /// <summary>
    /// Checks <paramref name="path"/> before any data is read: a .png or .svg file that can be written and is not the
    /// data file <paramref name="input"/>.
    /// </summary>
    /// <exception cref="UsageException">'-' (standard output carries the explanation), or an extension that is neither .png nor .svg.</exception>
    /// <exception cref="OutputFileException">The path is a folder, its folder is missing or not writable, or it is the input.</exception>
    public static (OutputFile File, FigureFormat Format) Prepare(string path, string input)
    {
        if (path == "-")
        {
            throw new UsageException("--plot: '-' cannot receive the plot, because standard output carries the explanation; give a file name ending in .png or .svg.");
        }

        if (!Vocabulary.FigureFormat.TryParse(Path.GetExtension(path).TrimStart('.'), out FigureFormat format))
        {
            throw new UsageException($"--plot {path}: the plot is written as PNG or SVG; give a file name ending in .png or .svg.");
        }

        return (OutputFile.Prepare(path, format == FigureFormat.Svg ? "SVG plot" : "PNG plot", "--plot", inputs: [input]), format);
    }

    /// <summary>Renders both panels and writes them to <paramref name="destination"/> (atomically for a regular file).</summary>
    /// <param name="destination">The prepared output file.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="result">The fit.</param>
    /// <param name="sample">The data fitted.</param>
    /// <param name="column">The column's name, written on the data panel's x axis.</param>
    public static void Write(OutputFile destination, FigureFormat format, DistributionFit result, LikelihoodSample sample, string column)
    {
        Plot data = DataPanel(result, sample, column);
        data.ShowLegend(Edge.Bottom);
        Plot profile = ProfilePanel(result, sample.Values);
        byte[] bytes = FigureFormats.RenderPanels([data, profile], 1, Width, PanelHeight, format);
        destination.Write(stream => stream.Write(bytes));
    }

    /// <summary>The data (density histogram, or bars of p̂ for discrete data) with the fitted model over it; also the first panel of <c>fit --plot</c>.</summary>
    /// <param name="result">The fit.</param>
    /// <param name="sample">The values drawn in the histogram.</param>
    /// <param name="column">The column's name, on the x axis.</param>
    /// <param name="rows">The count the histogram's heights are divided by (count/(rows·width)); null for the values' own count. <c>fit --censored --plot</c> passes all rows, so the exact values' histogram estimates f where few are censored.</param>
    internal static Plot DataPanel(DistributionFit result, LikelihoodSample sample, string column, int? rows = null)
    {
        var plot = new Plot();
        double[] x = sample.Values;
        var model = result.Distribution;
        if (model.IsDiscrete)
        {
            double[] values = x.Distinct().Order().ToArray();
            double[] frequency = values.Select(v => x.Count(w => w == v) / (double)x.Length).ToArray();
            plot.Add.Bars(values, frequency);
            double low = values[0], high = values[^1];
            double[] ks = Enumerable.Range(0, (int)(high - low) + 1).Select(i => low + i).ToArray();
            var pmf = plot.Add.ScatterPoints(ks, ks.Select(k => Math.Exp(model.LogDensity(k))).ToArray());
            pmf.LegendText = $"fitted {model.FamilyName}";
            plot.YLabel("probability");
            if (sample.Labels is not null)
            {
                plot.Axes.Bottom.SetTicks(Enumerable.Range(0, sample.Labels.Length).Select(i => (double)i).ToArray(), sample.Labels);
            }
        }
        else
        {
            double min = x.Min(), max = x.Max();
            int bins = Math.Clamp((int)Math.Ceiling(Math.Sqrt(x.Length)), 5, 60);
            double width = (max - min) / bins;
            if (width == 0)
            {
                width = 1;
            }

            double[] centers = new double[bins], heights = new double[bins];
            foreach (double v in x)
            {
                int b = Math.Min((int)((v - min) / width), bins - 1);
                heights[b] += 1 / ((rows ?? x.Length) * width);
            }

            for (int b = 0; b < bins; b++)
            {
                centers[b] = min + (b + 0.5) * width;
            }

            var bars = plot.Add.Bars(centers, heights);
            foreach (var bar in bars.Bars)
            {
                bar.Size = width;
            }

            double[] grid = Enumerable.Range(0, 400).Select(i => min - width + i * (max - min + 2 * width) / 399).ToArray();
            double[] density = grid.Select(g => Math.Exp(model.LogDensity(g))).Select(d => double.IsFinite(d) ? d : 0).ToArray();
            var line = plot.Add.ScatterLine(grid, density);
            line.LineWidth = 2;
            line.LegendText = $"fitted {model.FamilyName}";
            plot.YLabel("density");
        }

        plot.Title($"Data and the maximum-likelihood {model.FamilyName}");
        plot.XLabel(column);
        plot.ShowLegend();
        return plot;
    }

    private static Plot ProfilePanel(DistributionFit result, double[] x)
    {
        var plot = new Plot();
        int j = -1;
        for (int i = 0; i < result.Parameters.Count && j < 0; i++)
        {
            j = result.Parameters[i].IsFixed ? -1 : i;
        }

        if (j < 0)
        {
            plot.Title("Every parameter is fixed: no cross-entropy curve to draw");
            return plot;
        }

        FittedParameter parameter = result.Parameters[j];
        double center = parameter.Estimate;
        double half = parameter.StandardError is > 0 and { } se ? 4 * se : 0.25 * Math.Max(Math.Abs(center), 1e-3);
        double[] grid = Enumerable.Range(0, 201).Select(i => center - half + i * half / 100).ToArray();
        double[] crossEntropy = LikelihoodLedger.CrossEntropyProfile(result.Distribution, x, j, grid);
        int[] finite = Enumerable.Range(0, grid.Length).Where(i => double.IsFinite(crossEntropy[i])).ToArray();
        var line = plot.Add.ScatterLine(finite.Select(i => grid[i]).ToArray(), finite.Select(i => crossEntropy[i]).ToArray());
        line.LineWidth = 2;
        line.LegendText = $"H(p̂, p_θ) as {parameter.Name} varies (others at θ_ML)";
        var marker = plot.Add.VerticalLine(center);
        marker.LegendText = $"{parameter.Name}_ML = {LikelihoodFormat.Number(center)}";
        plot.Title($"Cross-entropy is smallest at the maximum-likelihood {parameter.Name}");
        plot.XLabel(parameter.Name);
        plot.YLabel("cross-entropy (nats)");
        plot.ShowLegend(Edge.Bottom);
        return plot;
    }
}
