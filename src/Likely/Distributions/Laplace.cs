using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The Laplace (double-exponential) distribution: f(x) = exp(−|x − μ|/b) / (2b), x ∈ ℝ.
/// Parameters: location μ ∈ ℝ (<c>mu</c>), scale b &gt; 0 (<c>b</c>).
/// </summary>
public sealed class Laplace : IUnivariateDistribution
{
    private const string Name = "laplace";
    private const string Support = "finite real numbers";
    private static readonly FamilyParameter MuParameter = new("mu", "μ", ParameterRange.Real, "the location (mean and median)");
    private static readonly FamilyParameter BParameter = new("b", "b", ParameterRange.Positive, "the scale (the variance is 2b²)");
    private readonly double logTwoB;

    /// <summary>The Laplace family in the registry: <c>laplace (mu, b)</c> on the finite reals.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: false, [MuParameter, BParameter], Support,
        double.IsFinite, Create, (sample, held) => Fit(sample, held["mu"], held["b"]));

    /// <summary>Creates Laplace(μ, b).</summary>
    /// <param name="mu">μ, the location, finite.</param>
    /// <param name="b">b, the scale, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Laplace(double mu, double b)
    {
        Mu = Validate.Parameter(mu, MuParameter, Name);
        B = Validate.Parameter(b, BParameter, Name);
        // ln(2b) as ln 2 + ln b only where 2b overflows (b near 1e308), so ordinary b keep the textbook bits.
        logTwoB = double.IsFinite(2 * B) ? Math.Log(2 * B) : Math.Log(2) + Math.Log(B);
    }

    /// <summary>μ, the location (mean and median).</summary>
    public double Mu { get; }

    /// <summary>b, the scale (the variance is 2b²).</summary>
    public double B { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy 1 + ln(2b) nats.</summary>
    public double Entropy => 1 + logTwoB;

    /// <inheritdoc/>
    public double[] GetParameters() => [Mu, B];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for every finite x.</summary>
    public bool IsInSupport(double x) => double.IsFinite(x);

    /// <summary>ln f(x) = −|x − μ|/b − ln(2b).</summary>
    public double LogDensity(double x) => -Math.Abs(SampleSums.Standardize(x, Mu, B)) - logTwoB;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double inverse = 1 / B, offset = -logTwoB;
        for (int i = 0; i < x.Length; i++)
        {
            double difference = x[i] - Mu;
            destination[i] = (double.IsFinite(difference) ? -Math.Abs(difference) * inverse : -Math.Abs(SampleSums.Standardize(x[i], Mu, B))) + offset;
        }
    }

    /// <summary>F(x) = ½ e^((x − μ)/b) for x &lt; μ, 1 − ½ e^(−(x − μ)/b) for x ≥ μ.</summary>
    public double Cdf(double x)
    {
        double z = SampleSums.Standardize(x, Mu, B);
        return z < 0 ? 0.5 * Math.Exp(z) : 1 - 0.5 * Math.Exp(-z);
    }

    /// <summary>ln P(X &gt; x) = ln ½ − (x − μ)/b for x ≥ μ, ln(1 − ½ e^((x − μ)/b)) for x &lt; μ.</summary>
    public double LogSurvival(double x)
    {
        double z = SampleSums.Standardize(x, Mu, B);
        return z >= 0 ? -0.6931471805599453 - z : SpecialFunctions.Log1P(-0.5 * Math.Exp(z));
    }

    /// <summary>ln F(x) with z = (x − μ)/b: −ln 2 + z below μ (exact, however far), ln(1 − ½e^(−z)) above.</summary>
    public double LogCdf(double x)
    {
        double z = SampleSums.Standardize(x, Mu, B);
        return z < 0 ? -0.6931471805599453 + z : SpecialFunctions.Log1P(-0.5 * Math.Exp(-z));
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            // The difference of two independent Exp(1) draws is Laplace(0, 1).
            destination[i] = Mu + B * (Math.Log(Sampling.OpenUniform(random)) - Math.Log(Sampling.OpenUniform(random)));
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = ln(b_q/b_p) + |μ_p − μ_q|/b_q + (b_p/b_q)·exp(−|μ_p − μ_q|/b_p) − 1 nats.
    /// </summary>
    public double KullbackLeiblerDivergence(Laplace q)
    {
        ArgumentNullException.ThrowIfNull(q);
        double distance = Math.Abs(Mu - q.Mu);
        return Math.Log(q.B / B) + distance / q.B + B / q.B * Math.Exp(-distance / B) - 1;
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
    /// <param name="mu">Hold μ at this value, or null to estimate it.</param>
    /// <param name="b">Hold b at this value, or null to estimate it.</param>
    /// <exception cref="ArgumentException">Empty, NaN or infinite values, or b̂ would be 0; or a held value out of range.</exception>
    public static DistributionFit<Laplace> Fit(ReadOnlySpan<double> sample, double? mu = null, double? b = null)
    {
        Validate.Sample(sample, Name, double.IsFinite, Support);
        Validate.Held(mu, MuParameter, Name);
        Validate.Held(b, BParameter, Name);
        int n = sample.Length;
        double location = mu ?? Median(sample);
        double scale = b ?? SampleSums.MeanAbsoluteDeviation(sample, location);
        if (!(scale > 0))
        {
            Validate.Throw($"All {n} observations equal {Validate.Format(location)}, so the Laplace maximum-likelihood scale b̂ is 0, outside b > 0; a fit needs at least two distinct values (or hold b fixed).", nameof(sample));
        }

        var model = new Laplace(location, scale);
        // The Fisher information is diagonal, N/b̂² for both, so each standard error is b̂/√N.
        double standardError = scale / Math.Sqrt(n);
        FittedParameter[] parameters =
        [
            new("mu", location, mu is null ? standardError : null, mu is not null),
            new("b", scale, b is null ? standardError : null, b is not null),
        ];
        return new DistributionFit<Laplace>(model, parameters, FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Laplace(mu = {Validate.Format(Mu)}, b = {Validate.Format(B)})";

    private static double Median(ReadOnlySpan<double> sample)
    {
        double[] sorted = sample.ToArray();
        Array.Sort(sorted);
        int middle = sorted.Length / 2;
        // Halving each before adding is exact and cannot overflow where the sum would (values near ±1e308).
        return sorted.Length % 2 == 1 ? sorted[middle] : sorted[middle - 1] / 2 + sorted[middle] / 2;
    }

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Laplace Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Name);
        return new Laplace(parameters[0], parameters[1]);
    }
}
