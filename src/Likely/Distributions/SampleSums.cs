namespace Likely.Distributions;

/// <summary>
/// The sample sums the closed-form fits need — the mean, the root-mean-square and mean absolute deviations — and the
/// standardized value (x − μ)/σ, none of which overflows for finite data.
/// </summary>
/// <remarks>
/// Each sum runs once as written (so ordinary data give the same bits as the textbook formula); only when that
/// overflows (values near ±1e308: Σ xᵢ, xᵢ − μ or (xᵢ − μ)² leave the doubles) does it run again on xᵢ/s with
/// s = max |xᵢ|, and scale back. The results themselves are then finite: |x̄| ≤ s, and the deviations are ≤ 2s
/// before the square root or the mean brings them back to ≤ s·√2.
/// </remarks>
internal static class SampleSums
{
    /// <summary>x̄ = (1/N) Σ xᵢ.</summary>
    public static double Mean(ReadOnlySpan<double> sample)
    {
        double sum = 0;
        foreach (double x in sample)
        {
            sum += x;
        }

        double mean = sum / sample.Length;
        if (double.IsFinite(mean) || !TryScale(sample, out double s))
        {
            return mean;
        }

        double scaled = 0;
        foreach (double x in sample)
        {
            scaled += x / s;
        }

        return scaled / sample.Length * s;
    }

    /// <summary>√[(1/<paramref name="divisor"/>) Σ (xᵢ − c)²] about the center c (divisor N for the MLE, N − 1 for Bessel's).</summary>
    public static double RootMeanSquare(ReadOnlySpan<double> sample, double center, double divisor)
    {
        double squares = 0;
        foreach (double x in sample)
        {
            squares += (x - center) * (x - center);
        }

        double root = Math.Sqrt(squares / divisor);
        if (double.IsFinite(root) || !double.IsFinite(center) || !TryScale(sample, out double s))
        {
            return root;
        }

        s = Math.Max(s, Math.Abs(center));
        double c = center / s, scaled = 0;
        foreach (double x in sample)
        {
            double d = x / s - c;
            scaled += d * d;
        }

        return Math.Sqrt(scaled / divisor) * s;
    }

    /// <summary>(1/N) Σ |xᵢ − c| about the center c.</summary>
    public static double MeanAbsoluteDeviation(ReadOnlySpan<double> sample, double center)
    {
        double sum = 0;
        foreach (double x in sample)
        {
            sum += Math.Abs(x - center);
        }

        double mean = sum / sample.Length;
        if (double.IsFinite(mean) || !double.IsFinite(center) || !TryScale(sample, out double s))
        {
            return mean;
        }

        s = Math.Max(s, Math.Abs(center));
        double c = center / s, scaled = 0;
        foreach (double x in sample)
        {
            scaled += Math.Abs(x / s - c);
        }

        return scaled / sample.Length * s;
    }

    /// <summary>
    /// z = (x − μ)/σ; when x − μ overflows (x and μ near ±1e308 with opposite signs) it is x/σ − μ/σ, which is
    /// finite whenever z is.
    /// </summary>
    public static double Standardize(double x, double center, double scale)
    {
        double difference = x - center;
        return double.IsFinite(difference) || !double.IsFinite(x) ? difference / scale : x / scale - center / scale;
    }

    /// <summary>s = max |xᵢ| when it is finite and positive (finite data that overflowed a sum); false otherwise (NaN, ±∞, all 0).</summary>
    private static bool TryScale(ReadOnlySpan<double> sample, out double s)
    {
        s = 0;
        foreach (double x in sample)
        {
            s = Math.Max(s, Math.Abs(x));
        }

        return s > 0 && double.IsFinite(s);
    }
}
