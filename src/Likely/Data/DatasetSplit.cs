namespace Likely.Data;

/// <summary>Splits a data set into training and validation parts by a seeded shuffle.</summary>
public static class DatasetSplit
{
    /// <summary>
    /// Draws a seeded permutation of the N rows (SplitMix64 + Fisher–Yates); its first V = round(N · fraction) rows
    /// (at least 1 when fraction &gt; 0, at most N − 1) are the validation part, the rest the training part. Both parts
    /// keep their rows in the original order. Same data and seed, same split, on every machine and .NET version.
    /// </summary>
    /// <param name="data">The data set to split.</param>
    /// <param name="validationFraction">The share of rows held out, in [0, 1); 0 gives an empty validation part.</param>
    /// <param name="seed">The shuffle's seed.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1) or NaN.</exception>
    /// <exception cref="ArgumentException">A positive fraction is asked of fewer than 2 rows.</exception>
    public static (Dataset Train, Dataset Validation) Split(Dataset data, double validationFraction, int seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(validationFraction >= 0 && validationFraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(validationFraction), validationFraction, "The validation fraction must be in [0, 1), for example 0.1.");
        }

        int n = data.RowCount;
        int validationCount = 0;
        if (validationFraction > 0)
        {
            if (n < 2)
            {
                throw new ArgumentException($"Holding out a validation part needs at least 2 rows; the data set has {n}. Use a validation fraction of 0.", nameof(data));
            }

            validationCount = Math.Clamp((int)Math.Round(n * validationFraction, MidpointRounding.AwayFromZero), 1, n - 1);
        }

        int[] order = SeededShuffle.Permutation(n, seed);
        int[] validation = order[..validationCount];
        int[] train = order[validationCount..];
        Array.Sort(validation);
        Array.Sort(train);
        return (data.Subset(train), data.Subset(validation));
    }
}
