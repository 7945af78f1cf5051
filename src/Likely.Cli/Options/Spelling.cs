namespace Likely.Cli.Options;

/// <summary>Finds the valid spelling a mistyped command, option or value was most likely meant to be.</summary>
public static class Spelling
{
    /// <summary>
    /// The candidate closest to <paramref name="typed"/> in edit distance (case ignored), when it is close enough to be a
    /// typo: at most a third of the longer word's letters changed (at least one), or the typed text is a prefix of it.
    /// </summary>
    public static string? Closest(string typed, IEnumerable<string> candidates)
    {
        ArgumentNullException.ThrowIfNull(typed);
        ArgumentNullException.ThrowIfNull(candidates);
        string lowered = typed.ToLowerInvariant();
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (string candidate in candidates)
        {
            string other = candidate.ToLowerInvariant();
            int distance = other.StartsWith(lowered, StringComparison.Ordinal) && lowered.TrimStart('-').Length >= 2
                ? 0
                : EditDistance(lowered, other);
            int allowed = Math.Max(1, Math.Max(lowered.Length, other.Length) / 3);
            if (distance <= allowed && distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        return best;
    }

    /// <summary>The Levenshtein distance: insertions, deletions and substitutions turning <paramref name="a"/> into <paramref name="b"/>.</summary>
    public static int EditDistance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (int j = 0; j <= b.Length; j++) previous[j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= b.Length; j++)
            {
                int substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
