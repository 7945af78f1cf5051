using System.Globalization;

namespace Likely.Cli.Options;

/// <summary>
/// Parses numbers given on the command line as separate tokens, comma-separated, or both
/// (<c>--p 0.5,0.25,0.25</c> or <c>--p 0.5 0.25 0.25</c>), with errors that name the option and the bad token.
/// </summary>
public static class NumberList
{
    /// <summary>The float64 values in <paramref name="tokens"/>, in order.</summary>
    /// <param name="tokens">The raw tokens.</param>
    /// <param name="source">How to name the input in an error, e.g. "--p".</param>
    /// <exception cref="UsageException">A token is not a finite number, or there are none.</exception>
    public static double[] ParseDoubles(IEnumerable<string>? tokens, string source)
    {
        var values = new List<double>();
        foreach (string part in Split(tokens))
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !double.IsFinite(value))
            {
                throw new UsageException($"{source}: '{part}' is not a number; write probabilities like 0.5,0.25,0.25.");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            throw new UsageException($"{source}: no values given; write them like 0.5,0.25,0.25.");
        }

        return values.ToArray();
    }

    /// <summary>The whole non-negative counts in <paramref name="tokens"/>, in order.</summary>
    /// <exception cref="UsageException">A token is not a whole number ≥ 0, or there are none.</exception>
    public static long[] ParseCounts(IEnumerable<string>? tokens, string source)
    {
        var values = new List<long>();
        foreach (string part in Split(tokens))
        {
            if (!long.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) || value < 0)
            {
                throw new UsageException($"{source}: '{part}' is not a count; counts are whole numbers ≥ 0, like 3 1 0.");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            throw new UsageException($"{source}: no counts given; write them like 3 1 0.");
        }

        return values.ToArray();
    }

    private static IEnumerable<string> Split(IEnumerable<string>? tokens) =>
        (tokens ?? []).SelectMany(token => token.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
}
