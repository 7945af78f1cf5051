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
/// <remarks>
/// With right-censored data (<c>--censored</c>) the empirical CDF is the Kaplan–Meier estimate F̂ = 1 − Ŝ
/// (<see cref="KaplanMeier"/>): the CDF panel draws it, and the Q-Q and P-P panels place the distinct event times at
/// the midpoints of F̂'s jumps, (F̂(t⁻) + F̂(t))/2, which is Hazen's (i − ½)/N when nothing is censored. The density
/// panel shows the histogram of the exact (uncensored) values only, scaled by all N rows, so that below the censoring
/// times it estimates the density f.
/// </remarks>
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
    /// <param name="destination">The prepared file.</param>
    /// <param name="format">PNG or SVG.</param>
    /// <param name="fit">The fit drawn.</param>
    /// <param name="sample">The values fitted.</param>
    /// <param name="column">The column's name, for the axes.</param>
    /// <param name="censored">With --censored, the flags (true: right-censored); null otherwise.</param>
    public static void Write(OutputFile destination, FigureFormat format, DistributionFit fit, LikelihoodSample sample, string column, bool[]? censored = null)
    {
        Plot[] panels = Panels(fit, sample, column, censored);
        byte[] bytes = FigureFormats.RenderPanels(panels, 2, PanelWidth, PanelHeight, format);
        destination.Write(stream => stream.Write(bytes));
    }

    /// <summary>The panels, in reading order: two for a discrete family, four for a continuous one.</summary>
    internal static Plot[] Panels(DistributionFit fit, LikelihoodSample sample, string column, bool[]? censored = null)
    {
        IUnivariateDistribution model = fit.Distribution;
        EmpiricalPoints points = censored is null ? Empirical(sample.Values) : KaplanMeierPoints(sample.Values, censored);
        Plot density = censored is null ? LedgerPlot.DataPanel(fit, sample, column) : ExactValuesPanel(fit, sample.Values, censored, column);
        density.XLabel(column);
        density.ShowLegend(Alignment.UpperRight); // above the right tail's few bars, off the fitted curve's peak
        Plot cdf = CdfPanel(model, points, column, sample.Values.Min(), sample.Values.Max());
        return model.IsDiscrete ? [density, cdf] : [density, cdf, QuantilePanel(model, points, column), ProbabilityPanel(model, points)];
    }

    /// <summary>The histogram of the exact rows only, over all N rows, with the fitted density; titled so.</summary>
    private static Plot ExactValuesPanel(DistributionFit fit, double[] values, bool[] censored, string column)
    {
        double[] exact = [.. values.Where((_, i) => !censored[i])];
        Plot plot = LedgerPlot.DataPanel(fit, new LikelihoodSample(exact, null), column, values.Length);
        plot.Title($"Exact values ({NumberText.Count(exact.Length)} of {NumberText.Count(values.Length)} rows), fitted {fit.Distribution.FamilyName}");
        plot.YLabel("density (count / (N · bin width))");
        return plot;
    }

    /// <summary>
    /// The points of the empirical distribution the CDF, Q-Q and P-P panels draw: values x, the estimate F̂(x) at each
    /// (for the steps), and each point's plotting position; the legend's name for the estimate; whether it is Kaplan–Meier's.
    /// </summary>
    private sealed record EmpiricalPoints(double[] X, double[] Cdf, double[] Position, string Name, string PositionLabel, bool IsKaplanMeier = false)
    {
        /// <summary>What the Q-Q and P-P points are.</summary>
        public string PointName => IsKaplanMeier ? "event times" : "order statistics";
    }

    /// <summary>The order statistics (thinned to <see cref="MaxPoints"/>), the ECDF at each and Hazen's (i + ½)/N.</summary>
    private static EmpiricalPoints Empirical(double[] values)
    {
        double[] sorted = [.. values.Order()];
        int[] ranks = Thinned(sorted.Length);
        return new EmpiricalPoints([.. ranks.Select(i => sorted[i])], [.. ranks.Select(i => EmpiricalCdf(sorted, i))],
            [.. ranks.Select(i => PlottingPosition(i, sorted.Length))], "empirical CDF", "empirical probabilities (i − ½)/N");
    }

    /// <summary>The distinct event times (thinned), F̂ = 1 − Ŝ at each, and the midpoints (F̂(t⁻) + F̂(t))/2 of its jumps.</summary>
    private static EmpiricalPoints KaplanMeierPoints(double[] values, bool[] censored)
    {
        KaplanMeier estimate = KaplanMeier.Estimate(values, censored);
        int[] kept = Thinned(estimate.Times.Count);
        double Before(int j) => j == 0 ? 0 : 1 - estimate.Survival[j - 1];
        return new EmpiricalPoints([.. kept.Select(j => estimate.Times[j])], [.. kept.Select(j => 1 - estimate.Survival[j])],
            [.. kept.Select(j => 0.5 * (Before(j) + 1 - estimate.Survival[j]))], "Kaplan–Meier CDF (1 − KM survival)",
            "Kaplan–Meier probabilities (F̂(t⁻) + F̂(t))/2", IsKaplanMeier: true);
    }

    private static Plot CdfPanel(IUnivariateDistribution model, EmpiricalPoints points, string column, double low, double high)
    {
        var plot = new Plot();
        // The steps start at F̂ = 0 from the smallest value (the first event time may come later, after censored rows).
        double[] x = points.X[0] > low ? [low, .. points.X] : points.X;
        double[] empirical = points.X[0] > low ? [0, .. points.Cdf] : points.Cdf;
        if (x[^1] < high)
        {
            x = [.. x, high]; // F̂ stays level to the largest value (censored rows beyond the last event)
            empirical = [.. empirical, empirical[^1]];
        }

        var steps = plot.Add.ScatterLine(x, empirical);
        steps.ConnectStyle = ConnectStyle.StepHorizontal;
        steps.LineWidth = 4; // under the fitted curve, and wider, so that both show where they coincide
        steps.LegendText = points.Name;

        double pad = 0.05 * Math.Max(high - low, 1);
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

        plot.Title(points.IsKaplanMeier ? "Kaplan–Meier and fitted CDFs" : "Empirical and fitted CDFs");
        plot.XLabel(column);
        plot.YLabel("P(X ≤ x)");
        plot.Axes.SetLimitsY(0, 1.02);
        plot.ShowLegend(Alignment.LowerRight);
        return plot;
    }

    private static Plot QuantilePanel(IUnivariateDistribution model, EmpiricalPoints points, string column)
    {
        var plot = new Plot();
        double[] theoretical = [.. points.Position.Select(p => Quantile(model, p, points.X))];
        double[] observed = points.X;
        var scatter = plot.Add.ScatterPoints(theoretical, observed);
        scatter.LegendText = points.PointName;
        Diagonal(plot, Math.Min(theoretical.Min(), observed[0]), Math.Max(theoretical.Max(), observed[^1]));
        plot.Title("Q-Q plot");
        plot.XLabel($"quantiles of the fitted {model.FamilyName}");
        plot.YLabel($"sample quantiles of {column}");
        plot.ShowLegend(Alignment.UpperLeft);
        return plot;
    }

    private static Plot ProbabilityPanel(IUnivariateDistribution model, EmpiricalPoints points)
    {
        var plot = new Plot();
        double[] fitted = [.. points.X.Select(model.Cdf)];
        var scatter = plot.Add.ScatterPoints(points.Position, fitted);
        scatter.LegendText = points.PointName;
        Diagonal(plot, 0, 1);
        plot.Title("P-P plot");
        plot.XLabel(points.PositionLabel);
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
