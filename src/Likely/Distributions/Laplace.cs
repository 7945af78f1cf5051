using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The Laplace (double-exponential) distribution: f(x) = exp(−|x − μ|/b) / (2b), x ∈ ℝ.
/// Parameters: location μ ∈ ℝ (<c>mu</c>), scale b &gt; 0 (<c>b</c>).
/// </summary>
public sealed class Laplace : IUnivariateDistribution
{
    private const string Family = "laplace";
    private static readonly string[] Names = ["mu", "b"];

    /// <summary>Creates Laplace(μ, b).</summary>
    /// <param name="location">μ, finite.</param>
    /// <param name="scale">b, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Laplace(double location, double scale)
    {
        Location = Validate.Finite(location, "mu", Family);
        Scale = Validate.Positive(scale, "b", Family);
    }

    /// <summary>μ, the location (mean and median).</summary>
    public double Location { get; }

    /// <summary>b, the scale (the variance is 2b²).</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy 1 + ln(2b) nats.</summary>
    public double Entropy => 1 + Math.Log(2 * Scale);

    /// <inheritdoc/>
    public double[] GetParameters() => [Location, Scale];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Family);
        return new Laplace(parameters[0], parameters[1]);
    }

    /// <summary>True for every finite x.</summary>
    public bool IsInSupport(double x) => double.IsFinite(x);

    /// <summary>ln f(x) = −|x − μ|/b − ln(2b).</summary>
    public double LogDensity(double x) => -Math.Abs(x - Location) / Scale - Math.Log(2 * Scale);

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double inverse = 1 / Scale, offset = -Math.Log(2 * Scale);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = -Math.Abs(x[i] - Location) * inverse + offset;
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            // The difference of two independent Exp(1) draws is Laplace(0, 1).
            destination[i] = Location + Scale * (Math.Log(Sampling.OpenUniform(random)) - Math.Log(Sampling.OpenUniform(random)));
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = ln(b_q/b_p) + |μ_p − μ_q|/b_q + (b_p/b_q)·exp(−|μ_p − μ_q|/b_p) − 1 nats.
    /// </summary>
    public double KullbackLeiblerDivergence(Laplace q)
    {
        ArgumentNullException.ThrowIfNull(q);
        double distance = Math.Abs(Location - q.Location);
        return Math.Log(q.Scale / Scale) + distance / q.Scale + Scale / q.Scale * Math.Exp(-distance / Scale) - 1;
    }

    /// <summary>
    /// Maximum-likelihood fit: μ̂ = the sample median (for even N the midpoint of the two middle values, as SciPy;
    /// every point between them maximizes the likelihood), b̂ = (1/N) Σ |xᵢ − μ̂|.
    /// </summary>
    /// <remarks>
    /// ln L is not twice differentiable in μ (it is piecewise linear), so the standard errors use the Fisher
    /// information at θ̂ instead of the observed one: I_μ = N/b̂², I_b = N/b̂², giving b̂/√N for both.
    /// </remarks>
    /// <param name="sample">Finite observations, not all equal.</param>
    /// <param name="location">Hold μ at this value, or null to estimate it.</param>
    /// <param name="scale">Hold b at this value, or null to estimate it.</param>
    /// <exception cref="ArgumentException">Empty, NaN or infinite values, or b̂ would be 0.</exception>
    public static DistributionFit<Laplace> Fit(ReadOnlySpan<double> sample, double? location = null, double? scale = null)
    {
        Validate.Sample(sample, Family, double.IsFinite, "finite real numbers");
        int n = sample.Length;
        double mu = location ?? Median(sample);
        double b;
        if (scale is { } heldScale)
        {
            b = heldScale;
        }
        else
        {
            double sum = 0;
            foreach (double x in sample)
            {
                sum += Math.Abs(x - mu);
            }

            b = sum / n;
            if (!(b > 0))
            {
                Validate.Throw($"All {n} observations equal {Validate.Format(mu)}, so the Laplace maximum-likelihood scale b̂ is 0, outside b > 0; a fit needs at least two distinct values (or hold b fixed).", nameof(sample));
            }
        }

        var model = new Laplace(mu, b);
        bool[] isFixed = [location is not null, scale is not null];
        double information = n / (b * b);
        FittedParameter[] parameters = FitSupport.Parameters(Names, [mu, b], isFixed, FitSupport.FreeBlock([information, 0, 0, information], 2, isFixed));
        return new DistributionFit<Laplace>(model, parameters, FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Laplace(mu = {Validate.Format(Location)}, b = {Validate.Format(Scale)})";

    private static double Median(ReadOnlySpan<double> sample)
    {
        double[] sorted = sample.ToArray();
        Array.Sort(sorted);
        int middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : 0.5 * (sorted[middle - 1] + sorted[middle]);
    }
}
