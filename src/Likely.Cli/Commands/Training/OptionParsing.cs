using System.Globalization;

namespace Likely.Cli.Commands.Training;

/// <summary>Parses the list-valued and size options of the training commands into clear usage errors.</summary>
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

    /// <summary>
    /// Parses a size such as 512MB, 2GB or 1.5GiB into bytes: a positive number and a unit, decimal (B, KB, MB, GB, TB:
    /// powers of 1000) or binary (KiB, MiB, GiB, TiB: powers of 1024), in any case; anything else is a usage error.
    /// </summary>
    public static long Bytes(string? text, string option)
    {
        string value = (text ?? "").Trim();
        int split = value.Length;
        while (split > 0 && char.IsLetter(value[split - 1])) split--;
        long? unit = value[split..].ToUpperInvariant() switch
        {
            "B" => 1L, "KB" => 1000L, "MB" => 1000L * 1000, "GB" => 1000L * 1000 * 1000, "TB" => 1000L * 1000 * 1000 * 1000,
            "KIB" => 1L << 10, "MIB" => 1L << 20, "GIB" => 1L << 30, "TIB" => 1L << 40,
            _ => null,
        };
        if (unit is null || !double.TryParse(value[..split].Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out double number)
            || !(number > 0) || number * unit.Value >= long.MaxValue || number * unit.Value < 1)
        {
            throw new UsageException($"{option} '{text}' is not a size; write a positive number and a unit, for example {option} 512MB, 2GB or 1.5GiB (B, KB, MB, GB, TB, or KiB, MiB, GiB, TiB).");
        }

        return (long)(number * unit.Value);
    }

    /// <summary>Parses a comma-separated list of names.</summary>
    public static string[]? Names(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
}
