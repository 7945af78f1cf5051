namespace Likely.Data;

/// <summary>
/// The seeded permutations behind Likely's data splits: SplitMix64 (Steele, Lea &amp; Flood, 2014) driving a
/// Fisher–Yates shuffle. Written out here rather than taken from <see cref="Random"/> because a documented split
/// (digits:train / digits:test) must stay the same forever, whatever the .NET version, and must be reproducible in
/// a few lines of Python (tests/Likely.Tests/Data/make_digits_split_reference.py does exactly that).
/// </summary>
internal static class SeededShuffle
{
    /// <summary>SplitMix64's state starts at the seed, sign-extended to 64 bits.</summary>
    public static ulong InitialState(int seed) => unchecked((ulong)(long)seed);

    /// <summary>One SplitMix64 step: advances <paramref name="state"/> and returns the next 64-bit output.</summary>
    public static ulong Next(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>
    /// Shuffles <paramref name="values"/> in place: for i = n−1 down to 1, swap values[i] with values[j],
    /// j = Next() mod (i + 1). The modulo bias is below n / 2⁶⁴, far below anything a data split can notice.
    /// </summary>
    public static void Shuffle(Span<int> values, ref ulong state)
    {
        for (int i = values.Length - 1; i > 0; i--)
        {
            int j = (int)(Next(ref state) % (ulong)(i + 1));
            (values[i], values[j]) = (values[j], values[i]);
        }
    }

    /// <summary>A seeded permutation of 0, 1, …, <paramref name="count"/> − 1.</summary>
    public static int[] Permutation(int count, int seed)
    {
        int[] order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        ulong state = InitialState(seed);
        Shuffle(order, ref state);
        return order;
    }
}
