using System.Text;
using ScottPlot;

namespace Likely.Cli.Output;

/// <summary>The image formats the command's figures are written in.</summary>
public enum FigureFormat
{
    /// <summary>Scalable vector graphics: text, small, sharp at any size; the only format that can go to standard output.</summary>
    Svg,

    /// <summary>A PNG bitmap of the requested size.</summary>
    Png,
}

/// <summary>Chooses a figure's format from <c>--format</c> or, when absent, from the <c>--out</c> file's extension.</summary>
public static class FigureFormats
{
    /// <summary>The format: <paramref name="format"/> when given, else from the extension of <paramref name="path"/>; <c>-</c> means SVG.</summary>
    /// <exception cref="UsageException">No format given and the extension is neither .svg nor .png.</exception>
    public static FigureFormat Choose(string path, FigureFormat? format)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (format is { } chosen) return chosen;
        if (path == "-") return FigureFormat.Svg;
        string extension = Path.GetExtension(path).TrimStart('.');
        return Options.Vocabulary.FigureFormat.TryParse(extension, out FigureFormat fromExtension)
            ? fromExtension
            : throw new UsageException($"--out: '{path}' must end in .svg or .png; those are the formats figures are written in (or give --format svg|png).");
    }

    /// <summary>The size a figure's fonts and lines are drawn for: at this size and smaller they have ScottPlot's default sizes.</summary>
    public const int ReferenceWidth = 640, ReferenceHeight = 400;

    /// <summary>
    /// How much larger than ScottPlot's defaults fonts, lines and margins are drawn in a <paramref name="width"/>×<paramref name="height"/>
    /// figure: the smaller of width/640 and height/400, so a 1600×1000 figure reads like a 640×400 one, only sharper; at
    /// least 0.75, so a small figure keeps legible text.
    /// </summary>
    public static double Scale(int width, int height) =>
        Math.Max(0.75, Math.Min(width / (double)ReferenceWidth, height / (double)ReferenceHeight));

    /// <summary>Renders <paramref name="plot"/> at <paramref name="width"/>×<paramref name="height"/> pixels in <paramref name="format"/>, its fonts scaled by <see cref="Scale"/>.</summary>
    /// <returns>The PNG bytes, or the SVG document as UTF-8 (with its XML declaration).</returns>
    public static byte[] Render(Plot plot, int width, int height, FigureFormat format)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.ScaleFactor = Scale(width, height);
        return format == FigureFormat.Svg
            ? Encoding.UTF8.GetBytes(plot.GetSvgXml(width, height))
            : plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    /// <summary>
    /// The SVG markup of <paramref name="plot"/> at <paramref name="width"/>×<paramref name="height"/> pixels (fonts scaled by
    /// <see cref="Scale"/>) without its XML declaration: one &lt;svg&gt; element, ready to nest in a page or another SVG.
    /// </summary>
    public static string SvgMarkup(Plot plot, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        plot.ScaleFactor = Scale(width, height);
        return StripDeclaration(plot.GetSvgXml(width, height));
    }

    /// <summary>An SVG document without its leading XML declaration (<c>&lt;?xml …?&gt;</c>), to nest inside other markup.</summary>
    public static string StripDeclaration(string svg)
    {
        ArgumentNullException.ThrowIfNull(svg);
        return svg.StartsWith("<?xml", StringComparison.Ordinal) ? svg[(svg.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart() : svg;
    }

    /// <summary>
    /// Renders <paramref name="panels"/> on a grid of <paramref name="columns"/> columns, each panel
    /// <paramref name="panelWidth"/>×<paramref name="panelHeight"/> pixels, in reading order: a PNG of the whole grid, or one SVG
    /// holding each panel's SVG translated to its cell.
    /// </summary>
    public static byte[] RenderPanels(IReadOnlyList<Plot> panels, int columns, int panelWidth, int panelHeight, FigureFormat format)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentOutOfRangeException.ThrowIfLessThan(panels.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        int rows = (panels.Count + columns - 1) / columns;
        int width = columns * panelWidth, height = rows * panelHeight;
        foreach (Plot panel in panels) panel.ScaleFactor = Scale(panelWidth, panelHeight);
        if (format == FigureFormat.Png)
        {
            // A new Multiplot holds one empty plot already; built from the first panel, it holds exactly the panels.
            var figure = new Multiplot(panels[0]);
            foreach (Plot panel in panels.Skip(1)) figure.AddPlot(panel);
            figure.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
            return figure.Render(width, height).GetImageBytes(ImageFormat.Png);
        }

        var svg = new StringBuilder();
        svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">\n");
        for (int i = 0; i < panels.Count; i++)
        {
            string panel = StripDeclaration(panels[i].GetSvgXml(panelWidth, panelHeight));
            svg.Append(System.Globalization.CultureInfo.InvariantCulture, $"<g transform=\"translate({i % columns * panelWidth},{i / columns * panelHeight})\">{panel}</g>\n");
        }

        return Encoding.UTF8.GetBytes(svg.Append("</svg>\n").ToString());
    }
}
