namespace Likely.Resampling;

/// <summary>Percentiles of bootstrap replicates, shared by the parameter, goodness-of-fit and information bootstraps.</summary>
internal static class Percentiles
{
    /// <summary>
    /// q(f) = v[⌊h⌋] + (h − ⌊h⌋)(v[⌊h⌋+1] − v[⌊h⌋]), h = (B − 1)·f, of ascending <paramref name="sorted"/> values
    /// (NumPy's default "linear" rule, which SciPy's bootstrap uses); f is clamped to [0, 1].
    /// </summary>
    public static double Linear(ReadOnlySpan<double> sorted, double fraction)
    {
        double h = Math.Clamp(fraction, 0, 1) * (sorted.Length - 1);
        int below = (int)Math.Floor(h);
        if (below >= sorted.Length - 1) return sorted[^1];
        double lower = sorted[below], upper = sorted[below + 1];
        // Written as lower + t·(upper − lower) so that equal neighbours give exactly their value.
        return lower + (h - below) * (upper - lower);
    }
}
