using System.Globalization;
using System.Runtime.InteropServices;

namespace Likely.Data;

/// <summary>
/// Category labels interned as dense ids 0, 1, 2, … in order of first appearance: a streaming reader turns each cell
/// into an id with one lookup keyed by the cell's characters, and makes a .NET string only once per distinct label.
/// Share one instance across the files of a glob so that ids agree between files.
/// </summary>
public sealed class CategoryLabels
{
    private readonly Dictionary<string, int> ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> spanIds;
    private readonly List<string> labels = [];
    private Dictionary<long, int>? wholeNumberIds;

    // Ids of the whole numbers 0 … 2²⁰ − 1 by direct index (id + 1; 0: not seen yet), grown as values arrive: the
    // common integer category column (codes, small enumerations) then costs an array read per row, not a hash.
    private const int SmallNumberLimit = 1 << 20;
    private int[] smallNumberIds = [];

    /// <summary>Starts with no labels.</summary>
    public CategoryLabels() => spanIds = ids.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>The labels in id order: <c>Labels[id]</c> is the label of <c>id</c>.</summary>
    public IReadOnlyList<string> Labels => labels;

    /// <summary>The number of distinct labels seen.</summary>
    public int Count => labels.Count;

    /// <summary>The id of <paramref name="label"/> (compared ordinally), added as the next id when new.</summary>
    public int IdOf(ReadOnlySpan<char> label)
    {
        if (spanIds.TryGetValue(label, out int id))
        {
            return id;
        }

        string text = label.ToString();
        id = labels.Count;
        ids.Add(text, id);
        labels.Add(text);
        return id;
    }

    /// <summary>
    /// The id of the whole number <paramref name="value"/>, whose label is its decimal text (what a CSV cell holding it
    /// reads, so "7" from a text column and 7 from an integer column are one category). Looked up by the number itself:
    /// a Parquet integer column costs one hash of a long per row, and the text is made once per distinct value.
    /// </summary>
    public int IdOf(long value)
    {
        if ((ulong)value < (ulong)smallNumberIds.Length && smallNumberIds[value] != 0)
        {
            return smallNumberIds[value] - 1;
        }

        int id = WholeNumberId(value);
        if ((ulong)value < SmallNumberLimit)
        {
            if (value >= smallNumberIds.Length)
            {
                Array.Resize(ref smallNumberIds, (int)Math.Min(SmallNumberLimit, Math.Max(64, Math.Max(2L * smallNumberIds.Length, value + 1))));
            }

            smallNumberIds[value] = id + 1;
        }

        return id;
    }

    /// <summary>The id of a whole number through the hash of numbers, made from its decimal text the first time.</summary>
    private int WholeNumberId(long value)
    {
        wholeNumberIds ??= [];
        ref int id = ref CollectionsMarshal.GetValueRefOrAddDefault(wholeNumberIds, value, out bool known);
        if (!known)
        {
            Span<char> text = stackalloc char[20];
            value.TryFormat(text, out int written, default, CultureInfo.InvariantCulture);
            id = IdOf(text[..written]);
        }

        return id;
    }
}
