namespace Likely.Data;

/// <summary>
/// The rule for integer labels when the classes are inferred from them (IDX labels, and CSV labels that are all plain
/// whole numbers): with K = the largest label + 1, each class 0…K−1 must occur at least once. Without the rule a stray
/// value — a 200 among labels 0…9 — silently makes a model with 190 classes that never occur. Known class names lift
/// it: data that lack some of a model's classes are legitimate when evaluating.
/// </summary>
internal static class IntegerLabels
{
    private const int ListedStrays = 5;

    /// <summary>One distinct label value, where it first occurs (a 0-based item or a 1-based line) and how many times.</summary>
    /// <param name="Value">The label, ≥ 0.</param>
    /// <param name="FirstPosition">Where it first occurs, counted as the file's reader counts (see <c>positionName</c>).</param>
    /// <param name="Count">How many times it occurs, ≥ 1.</param>
    internal readonly record struct Occurrence(long Value, long FirstPosition, int Count);

    /// <summary>Throws when a class below the largest label has no label.</summary>
    /// <param name="labels">The distinct label values that occur, ascending.</param>
    /// <param name="path">The file the labels come from.</param>
    /// <param name="positionName">How the file counts positions: "item" (0-based) or "line" (the header is line 1).</param>
    /// <param name="rule">What the rule constrains: "labels", or "labels in column 'y'".</param>
    /// <param name="fix">The closing sentence: how to correct the data.</param>
    /// <exception cref="InvalidDataException">
    /// A class in 0…largest is missing; the message names the smallest missing class and the values beyond it (the
    /// first <see cref="ListedStrays"/>, each with where it first occurs).
    /// </exception>
    public static void ThrowIfGap(IReadOnlyList<Occurrence> labels, string path, string positionName, string rule, string fix)
    {
        int missing = 0;
        while (missing < labels.Count && labels[missing].Value == missing)
        {
            missing++;
        }

        if (missing < labels.Count)
        {
            throw new InvalidDataException(GapMessage(labels, missing, path, positionName, rule, fix));
        }
    }

    /// <summary>The message for labels 0…missing−1 all present, class <paramref name="missing"/> absent, and labels beyond it.</summary>
    private static string GapMessage(IReadOnlyList<Occurrence> labels, int missing, string path, string positionName, string rule, string fix)
    {
        Occurrence[] strays = [.. labels.Skip(missing)];
        long nextPresent = strays[0].Value;
        string empty = nextPresent - 1 == missing ? $"class {missing}" : $"classes {missing}…{nextPresent - 1}";
        long largest = labels[^1].Value;
        long emptyCount = largest + 1 - labels.Count;
        string among = emptyCount > nextPresent - missing ? $", among {emptyCount} empty classes below {largest}" : "";
        string others = missing switch
        {
            0 => "no label is 0",
            1 => "the other labels are 0",
            2 => "the other labels are 0 and 1",
            _ => $"the other labels are 0…{missing - 1}",
        };
        string subject = strays.Length == 1 ? $"Label {Describe(strays[0], positionName)}" : $"Labels {Listing(strays, positionName)}";
        string verb = strays.Length == 1 ? "leaves" : "leave";
        return $"{subject} of '{path}' {verb} {empty} empty{among}; {rule} must be 0…K−1 with no gap ({others}). {fix}";
    }

    private static string Describe(Occurrence label, string positionName) =>
        label.Count == 1
            ? $"{label.Value} at {positionName} {label.FirstPosition}"
            : $"{label.Value} ({label.Count} times, first at {positionName} {label.FirstPosition})";

    private static string Listing(Occurrence[] strays, string positionName)
    {
        string[] shown = [.. strays.Take(ListedStrays).Select(label => Describe(label, positionName))];
        int more = strays.Length - shown.Length;
        return more > 0
            ? $"{string.Join(", ", shown)} and {more} more"
            : $"{string.Join(", ", shown[..^1])} and {shown[^1]}";
    }
}
