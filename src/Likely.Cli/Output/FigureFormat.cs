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
}
