using System.Globalization;

namespace Likely.Cli.Commands.Training;

/// <summary>Parses the list-valued options of the training commands into clear usage errors.</summary>
internal static class OptionParsing
{
    /// <summary>Parses "256,128" into positive widths; anything else (empty, zero, negative, not an integer) is a usage error.</summary>
    public static int[] Widths(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new UsageException($"{option} is empty; give comma-separated positive widths such as {option} 256,128 (or --architecture softmax for no hidden layer).");
        }

        var widths = new List<int>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out int width) || width < 1)
            {
                throw new UsageException($"{option} '{text}' is not a comma-separated list of positive widths; write for example {option} 256,128.");
            }

            widths.Add(width);
        }

        return widths.ToArray();
    }

    /// <summary>Parses "1,2.5,1" into finite non-negative numbers.</summary>
    public static float[]? Numbers(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var values = new List<float>();
        foreach (string part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value) || value < 0)
            {
                throw new UsageException($"{option} '{text}' is not a comma-separated list of non-negative numbers; write for example {option} 1,2,1.");
            }

            values.Add(value);
        }

        return values.ToArray();
    }

    /// <summary>Parses a comma-separated list of names.</summary>
    public static string[]? Names(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
