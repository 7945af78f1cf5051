using Likely.Cli.Output;
using Likely.Data;
using Likely.Likelihood;
using ScottPlot;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// The <c>fit … --plot</c> figure, R fitdistrplus's four panels: the data with the fitted density (or probabilities),
/// the empirical against the fitted CDF, the Q-Q plot (sample quantiles against the model's) and the P-P plot (the
/// model's probabilities of the order statistics against the empirical ones). A discrete family gets the first two only,
/// as fitdistrplus draws it: the quantiles of a discrete model are steps, and its Q-Q and P-P plots say little more
/// than the CDF panel. PNG or SVG, written through <see cref="OutputFile"/>.
/// </summary>
internal static class FitPlot
{
    /// <summary>The size of one panel, in pixels; the figure is two panels wide and one or two high.</summary>
    private const int PanelWidth = 640, PanelHeight = 400;

    /// <summary>Order statistics drawn at most in the CDF, Q-Q and P-P panels: enough for a smooth figure at any N.</summary>
    private const int MaxPoints = 2000;

    /// <summary>Checks <paramref name="path"/> before any data is read: a .png or .svg file that can be written and is not the data.</summary>
    /// <exception cref="UsageException">'-' (standard output carries the fit), or an extension that is neither .png nor .svg.</exception>
    public static (OutputFile File, FigureFormat Format) Prepare(string path, string input)
    {
        if (path == "-")
        {
            throw new UsageException("--plot: '-' cannot receive the figure, because standard output carries the fit; give a file name ending in .png or .svg.");
        }

        FigureFormat format = FigureFormats.Choose(path, null);
        return (OutputFile.Prepare(path, format == FigureFormat.Svg ? "SVG figure" : "PNG figure", "--plot", inputs: [input]), format);
    }

    /// <summary>Draws the panels for <paramref name="fit"/> of <paramref name="sample"/> and writes them to <paramref name="destination"/>.</summary>
    public static void Write(OutputFile destination, FigureFormat format, DistributionFit fit, LikelihoodSample sample, string column)
    {
        Plot[] panels = Panels(fit, sample, column);
        byte[] bytes = FigureFormats.RenderPanels(panels, 2, PanelWidth, PanelHeight, format);
        destination.Write(stream => stream.Write(bytes));
    }

    /// <summary>The panels, in reading order: two for a discrete family, four for a continuous one.</summary>
    internal static Plot[] Panels(DistributionFit fit, LikelihoodSample sample, string column)
    {
        IUnivariateDistribution model = fit.Distribution;
        double[] sorted = [.. sample.Values.Order()];
        Plot density = LedgerPlot.DataPanel(fit, sample, column);
        density.ShowLegend(Alignment.UpperRight); // above the right tail's few bars, off the fitted curve's peak
        Plot cdf = CdfPanel(model, sorted, column);
        return model.IsDiscrete ? [density, cdf] : [density, cdf, QuantilePanel(model, sorted, column), ProbabilityPanel(model, sorted)];
    }

    private static Plot CdfPanel(IUnivariateDistribution model, double[] sorted, string column)
    {
        var plot = new Plot();
        int[] ranks = Thinned(sorted.Length);
        double[] x = [.. ranks.Select(i => sorted[i])];
        double[] empirical = [.. ranks.Select(i => EmpiricalCdf(sorted, i))];
        var steps = plot.Add.ScatterLine(x, empirical);
        steps.ConnectStyle = ConnectStyle.StepHorizontal;
        steps.LineWidth = 4; // under the fitted curve, and wider, so that both show where they coincide
        steps.LegendText = "empirical CDF";

        double low = sorted[0], high = sorted[^1], pad = 0.05 * Math.Max(high - low, 1);
        double[] grid = model.IsDiscrete
            ? [.. Enumerable.Range(0, (int)Math.Min(high - low, 2000) + 1).Select(k => low + k)]
            : [.. Enumerable.Range(0, 401).Select(i => low - pad + i * (high - low + 2 * pad) / 400)];
        var fitted = plot.Add.ScatterLine(grid, [.. grid.Select(model.Cdf)]);
        fitted.LineWidth = 1.5f;
        fitted.LegendText = $"fitted {model.FamilyName} CDF";
        if (model.IsDiscrete)
        {
            fitted.ConnectStyle = ConnectStyle.StepHorizontal;
        }

        plot.Title("Empirical and fitted CDFs");
        plot.XLabel(column);
        plot.YLabel("P(X ≤ x)");
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot QuantilePanel(IUnivariateDistribution model, double[] sorted, string column)
    {
        var plot = new Plot();
        int[] ranks = Thinned(sorted.Length);
        double[] theoretical = [.. ranks.Select(i => Quantile(model, PlottingPosition(i, sorted.Length), sorted))];
        double[] observed = [.. ranks.Select(i => sorted[i])];
        var points = plot.Add.ScatterPoints(theoretical, observed);
        points.LegendText = "order statistics";
        Diagonal(plot, Math.Min(theoretical.Min(), observed[0]), Math.Max(theoretical.Max(), observed[^1]));
        plot.Title("Q-Q plot");
        plot.XLabel($"quantiles of the fitted {model.FamilyName}");
        plot.YLabel($"sample quantiles of {column}");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot ProbabilityPanel(IUnivariateDistribution model, double[] sorted)
    {
        var plot = new Plot();
        int[] ranks = Thinned(sorted.Length);
        double[] empirical = [.. ranks.Select(i => PlottingPosition(i, sorted.Length))];
        double[] fitted = [.. ranks.Select(i => model.Cdf(sorted[i]))];
        var points = plot.Add.ScatterPoints(empirical, fitted);
        points.LegendText = "order statistics";
        Diagonal(plot, 0, 1);
        plot.Title("P-P plot");
        plot.XLabel("empirical probabilities (i − ½)/N");
        plot.YLabel($"fitted {model.FamilyName} CDF at x₍ᵢ₎");
        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static void Diagonal(Plot plot, double from, double to)
    {
        var line = plot.Add.Line(from, from, to, to);
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = "y = x";
    }

    /// <summary>F̂(x₍ᵢ₎): the share of the sample at or below the i-th order statistic (ties counted in full).</summary>
    private static double EmpiricalCdf(double[] sorted, int i)
    {
        int last = i;
        while (last + 1 < sorted.Length && sorted[last + 1] == sorted[i]) last++;
        return (last + 1) / (double)sorted.Length;
    }

    /// <summary>Hazen's plotting position (i + ½)/N for the 0-based i-th order statistic: symmetric, never 0 or 1.</summary>
    private static double PlottingPosition(int i, int n) => (i + 0.5) / n;

    /// <summary>At most <see cref="MaxPoints"/> ranks, evenly spread from the first to the last.</summary>
    private static int[] Thinned(int n) => n <= MaxPoints
        ? [.. Enumerable.Range(0, n)]
        : [.. Enumerable.Range(0, MaxPoints).Select(k => (int)Math.Round(k * (n - 1) / (double)(MaxPoints - 1))).Distinct()];

    /// <summary>
    /// F⁻¹(p) of a continuous model by bisection on its CDF, bracketed from the sample's range outwards. The families'
    /// CDFs are continuous and non-decreasing, so 200 halvings (or the bracket's width reaching one ulp) find it.
    /// </summary>
    private static double Quantile(IUnivariateDistribution model, double p, double[] sorted)
    {
        double span = Math.Max(sorted[^1] - sorted[0], 1);
        double low = sorted[0] - span, high = sorted[^1] + span;
        for (int i = 0; i < 200 && model.Cdf(low) > p && double.IsFinite(low); i++) low -= span *= 2;
        span = Math.Max(sorted[^1] - sorted[0], 1);
        for (int i = 0; i < 200 && model.Cdf(high) < p && double.IsFinite(high); i++) high += span *= 2;
        for (int i = 0; i < 200 && high - low > 1e-12 * Math.Max(1, Math.Abs(low)); i++)
        {
            double middle = 0.5 * (low + high);
            if (model.Cdf(middle) < p) low = middle;
            else high = middle;
        }

        return 0.5 * (low + high);
    }
}
