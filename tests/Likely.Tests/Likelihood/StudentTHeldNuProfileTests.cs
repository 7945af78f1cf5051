using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Profile intervals of the Student-t's μ and σ with ν held (--fix nu=…), against a brute-force profile computed here:
/// with ν fixed, ln L(μ, σ) = const − N ln σ − ((ν + 1)/2) Σ ln(1 + zᵢ²/ν), zᵢ = (xᵢ − μ)/σ (the ln Γ terms are the
/// same at every (μ, σ) and cancel in the deviance). The profile over a fine grid of the parameter maximizes the other by
/// golden-section search, and each end is where the grid's deviance crosses χ²₁(0.95) = 3.841458820694124 (linear
/// interpolation between grid points 0.01 standard errors apart). ν = 10⁶ is the case that used to fail: the fits
/// with a parameter held stalled in the line search on the rounding of ln(1 + z²/ν).
/// </summary>
public class StudentTHeldNuProfileTests
{
    private const double ChiSquare95 = 3.841458820694124;

    /// <summary>ln(1 + u) to full precision for the test: the series for small u, Math.Log otherwise.</summary>
    private static double Log1p(double u) => Math.Abs(u) < 1e-4
        ? u - u * u / 2 + u * u * u / 3 - u * u * u * u / 4 + u * u * u * u * u / 5
        : Math.Log(1 + u);

    private static double LogLikelihood(double[] x, double nu, double mu, double sigma)
    {
        double sum = -x.Length * Math.Log(sigma);
        foreach (double v in x)
        {
            double z = (v - mu) / sigma;
            sum -= 0.5 * (nu + 1) * Log1p(z * z / nu);
        }

        return sum;
    }

    /// <summary>max over t in [a, b] of f(t), f unimodal there, by 100 golden-section steps.</summary>
    private static double Maximum(Func<double, double> f, double a, double b)
    {
        double g = (Math.Sqrt(5) - 1) / 2;
        for (int i = 0; i < 100; i++)
        {
            double c = b - g * (b - a), d = a + g * (b - a);
            if (f(c) > f(d)) b = d; else a = c;
        }

        return f(0.5 * (a + b));
    }

    /// <summary>Where the deviance on the grid first reaches the cut-off going out from the centre, interpolated linearly.</summary>
    private static double Crossing(Func<double, double> deviance, double center, double step)
    {
        double previous = center, before = deviance(center);
        for (int i = 1; i < 100000; i++)
        {
            double v = center + i * step, now = deviance(v);
            if (now >= ChiSquare95)
            {
                return previous + (v - previous) * (ChiSquare95 - before) / (now - before);
            }

            previous = v;
            before = now;
        }

        throw new InvalidOperationException("no crossing");
    }

    [Theory]
    [InlineData(4.0, 200, 3)]
    [InlineData(1e6, 500, 7)]
    [InlineData(1.0, 60, 11)]
    public void Intervals_NuHeld_MatchTheBruteForceProfile(double nu, int n, int seed)
    {
        double[] x = new double[n];
        new StudentT(Math.Min(nu, 30), 170, 8).Sample(new Random(seed), x);
        CheckAgainstTheBruteForceProfile(x, nu);
    }

    [Fact]
    public void Intervals_HeightsWithNuHeldAtAMillion_MatchTheBruteForceProfile()
    {
        // examples/heights.csv with nu=1e6 was refused before the fix: the fit with mu held at 169.223 stalled.
        string path = Path.Combine(Likely.Tests.Cli.Snapshot.RepositoryRoot, "examples", "heights.csv");
        double[] x = [.. File.ReadAllLines(path).Skip(1).Select(line => double.Parse(line.Split(',')[0], System.Globalization.CultureInfo.InvariantCulture))];
        CheckAgainstTheBruteForceProfile(x, 1e6);
    }

    private static void CheckAgainstTheBruteForceProfile(double[] x, double nu)
    {
        var held = new Dictionary<string, double> { ["nu"] = nu };

        ConfidenceIntervals intervals = ProfileLikelihood.Intervals(StudentT.Family, x, 0.95, held);

        DistributionFit fit = StudentT.Family.Fit(x, held);
        double muHat = fit.Parameters[1].Estimate, sigmaHat = fit.Parameters[2].Estimate;
        double best = LogLikelihood(x, nu, muHat, sigmaHat);
        double seMu = fit.Parameters[1].StandardError!.Value, seSigma = fit.Parameters[2].StandardError!.Value;
        double MuDeviance(double mu) =>
            2 * (best - Maximum(logSigma => LogLikelihood(x, nu, mu, Math.Exp(logSigma)), Math.Log(sigmaHat) - 3, Math.Log(sigmaHat) + 3));
        double SigmaDeviance(double sigma) =>
            2 * (best - Maximum(mu => LogLikelihood(x, nu, mu, sigma), muHat - 3 * sigmaHat, muHat + 3 * sigmaHat));

        // Tolerance: the grid's linear interpolation and the golden sections resolve an end to ~1e-5 SE; 1e-3 SE leaves
        // room for Brent's 1e-10 stop and the fits' own tolerance.
        Assert.Equal(Crossing(MuDeviance, muHat, -0.01 * seMu), intervals["mu"]!.Lower, 1e-3 * seMu);
        Assert.Equal(Crossing(MuDeviance, muHat, 0.01 * seMu), intervals["mu"]!.Upper, 1e-3 * seMu);
        Assert.Equal(Crossing(SigmaDeviance, sigmaHat, -0.01 * seSigma), intervals["sigma"]!.Lower, 1e-3 * seSigma);
        Assert.Equal(Crossing(SigmaDeviance, sigmaHat, 0.01 * seSigma), intervals["sigma"]!.Upper, 1e-3 * seSigma);
        Assert.Null(intervals["nu"]); // held: no interval
    }
}
