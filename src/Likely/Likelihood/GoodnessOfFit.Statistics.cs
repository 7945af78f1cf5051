namespace Likely.Likelihood;

/// <summary>The four statistics, each straight from its formula over the sorted sample (N = sample size, F = fitted CDF).</summary>
public static partial class GoodnessOfFit
{
    /// <summary>The minimum expected count of a χ² cell.</summary>
    public const double MinimumExpectedCount = 5;

    /// <summary>
    /// The statistic <paramref name="statistic"/> of <paramref name="sample"/> under <paramref name="model"/>, with no
    /// fitting and no p-value (the formulas are on <see cref="GoodnessOfFitStatistic"/>'s members).
    /// </summary>
    /// <exception cref="ArgumentNullException"><paramref name="model"/> is null.</exception>
    /// <exception cref="ArgumentException">The sample is empty or holds NaN; or a continuous statistic for a discrete model, or χ² for a continuous one.</exception>
    public static double Compute(IUnivariateDistribution model, ReadOnlySpan<double> sample, GoodnessOfFitStatistic statistic)
    {
        ArgumentNullException.ThrowIfNull(model);
        RequireSample(sample);
        RequireMatch(model.FamilyName, model.IsDiscrete, statistic);
        double[] sorted = sample.ToArray();
        Array.Sort(sorted);
        return statistic switch
        {
            GoodnessOfFitStatistic.KolmogorovSmirnov => KolmogorovSmirnov(model, sorted),
            GoodnessOfFitStatistic.CramerVonMises => CramerVonMises(model, sorted),
            GoodnessOfFitStatistic.AndersonDarling => AndersonDarling(model, sorted),
            GoodnessOfFitStatistic.ChiSquare => ChiSquare(model, sorted),
            _ => throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "Choose one of the GoodnessOfFitStatistic members."),
        };
    }

    private static double KolmogorovSmirnov(IUnivariateDistribution model, double[] sorted)
    {
        int n = sorted.Length;
        double d = 0;
        for (int i = 0; i < n; i++)
        {
            double f = model.Cdf(sorted[i]);
            d = Math.Max(d, Math.Max((i + 1.0) / n - f, f - (double)i / n));
        }

        return d;
    }

    private static double CramerVonMises(IUnivariateDistribution model, double[] sorted)
    {
        int n = sorted.Length;
        double sum = 1.0 / (12 * n);
        for (int i = 0; i < n; i++)
        {
            double gap = (2.0 * i + 1) / (2 * n) - model.Cdf(sorted[i]);
            sum += gap * gap;
        }

        return sum;
    }

    private static double AndersonDarling(IUnivariateDistribution model, double[] sorted)
    {
        int n = sorted.Length;
        double sum = 0;
        for (int i = 0; i < n; i++)
        {
            // ln F(x₍ᵢ₎) + ln(1 − F(x₍N+1−i₎)), each log taken from its own tail (LogCdf, LogSurvival): finite however far out.
            sum += (2.0 * i + 1) / n * (model.LogCdf(sorted[i]) + model.LogSurvival(sorted[n - 1 - i]));
        }

        return -n - sum;
    }

    /// <summary>Pearson's χ² over the pooled cells of <see cref="ChiSquareCells"/>.</summary>
    private static double ChiSquare(IUnivariateDistribution model, double[] sorted)
    {
        double sum = 0;
        foreach ((double observed, double expected) in ChiSquareCells(model, sorted))
        {
            double gap = observed - expected;
            sum += gap * gap / expected;
        }

        return sum;
    }

    /// <summary>
    /// The χ² cells as (observed, expected) counts: the integers from the sample's minimum to its maximum are walked
    /// upward, and a cell (a, b] is closed at b once its expected count N(F(b) − F(a)) is ≥ 5 and the upper tail left,
    /// N·P(X &gt; b), is ≥ 5 too; the first cell starts at −∞ and the last one runs to +∞, so the cells cover the support.
    /// </summary>
    internal static List<(double Observed, double Expected)> ChiSquareCells(IUnivariateDistribution model, double[] sorted)
    {
        int n = sorted.Length, next = 0;
        var cells = new List<(double, double)>();
        double lowerCdf = 0, lastBoundary = double.NegativeInfinity;
        for (double b = Math.Floor(sorted[0]); b < sorted[^1]; b++)
        {
            double cdf = model.Cdf(b), expected = n * (cdf - lowerCdf);
            if (expected >= MinimumExpectedCount && n * Math.Exp(model.LogSurvival(b)) >= MinimumExpectedCount)
            {
                int start = next;
                while (next < n && sorted[next] <= b)
                {
                    next++;
                }

                cells.Add((next - start, expected));
                lowerCdf = cdf;
                lastBoundary = b;
            }
        }

        cells.Add((n - next, cells.Count == 0 ? n : n * Math.Exp(model.LogSurvival(lastBoundary))));
        return cells;
    }
}
