using Likely.Likelihood;
using Likely.Numerics;

namespace Likely.Distributions;

/// <summary>
/// The normal (Gaussian) distribution N(μ, σ²): f(x) = exp(−(x − μ)²/(2σ²)) / (σ√(2π)), x ∈ ℝ.
/// Parameters: mean μ ∈ ℝ (<c>mu</c>), standard deviation σ &gt; 0 (<c>sigma</c>).
/// </summary>
public sealed class Normal : IUnivariateDistribution
{
    private const string Name = "normal";
    private const string Support = "finite real numbers";
    private const double HalfLogTwoPi = 0.91893853320467274178;
    private static readonly FamilyParameter MuParameter = new("mu", "μ", ParameterRange.Real, "the mean");
    private static readonly FamilyParameter SigmaParameter = new("sigma", "σ", ParameterRange.Positive, "the standard deviation");

    /// <summary>The normal family in the registry: <c>normal (mu, sigma)</c> on the finite reals.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: false, [MuParameter, SigmaParameter], Support,
        double.IsFinite, Create, (sample, held) => Fit(sample, held["mu"], held["sigma"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates N(μ, σ²).</summary>
    /// <param name="mu">μ, the mean, finite.</param>
    /// <param name="sigma">σ, the standard deviation, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it.</exception>
    public Normal(double mu, double sigma)
    {
        Mu = Validate.Parameter(mu, MuParameter, Name);
        Sigma = Validate.Parameter(sigma, SigmaParameter, Name);
    }

    /// <summary>μ, the mean.</summary>
    public double Mu { get; }

    /// <summary>σ, the standard deviation (σ &gt; 0).</summary>
    public double Sigma { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy ½ ln(2πe σ²) nats.</summary>
    public double Entropy => 0.5 + HalfLogTwoPi + Math.Log(Sigma);

    /// <inheritdoc/>
    public double[] GetParameters() => [Mu, Sigma];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for every finite x (and ±∞ is excluded).</summary>
    public bool IsInSupport(double x) => double.IsFinite(x);

    /// <summary>ln f(x) = −(x − μ)²/(2σ²) − ln σ − ½ ln 2π; NaN gives NaN.</summary>
    public double LogDensity(double x)
    {
        double z = SampleSums.Standardize(x, Mu, Sigma);
        return -0.5 * z * z - Math.Log(Sigma) - HalfLogTwoPi;
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double inverse = 1 / Sigma, offset = -Math.Log(Sigma) - HalfLogTwoPi;
        for (int i = 0; i < x.Length; i++)
        {
            double difference = x[i] - Mu;
            double z = double.IsFinite(difference) ? difference * inverse : SampleSums.Standardize(x[i], Mu, Sigma);
            destination[i] = -0.5 * z * z + offset;
        }
    }

    /// <summary>F(x) = Φ((x − μ)/σ), from the lower tail of the standard normal.</summary>
    public double Cdf(double x) => Math.Exp(Numerics.NormalTails.LogNormalTails(SampleSums.Standardize(x, Mu, Sigma)).LogLower);

    /// <summary>ln(1 − Φ((x − μ)/σ)), from the upper tail itself: ½ erfc(z/√2) via Q(½, z²/2).</summary>
    public double LogSurvival(double x) => Numerics.NormalTails.LogNormalTails(SampleSums.Standardize(x, Mu, Sigma)).LogUpper;

    /// <summary>ln Φ((x − μ)/σ), from the lower tail itself, so that it stays finite far below μ (≈ −z²/2 − ln(−z√(2π))).</summary>
    public double LogCdf(double x) => Numerics.NormalTails.LogNormalTails(SampleSums.Standardize(x, Mu, Sigma)).LogLower;

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Mu + Sigma * Sampling.StandardNormal(random);
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = ln(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − ½ nats (p = this).
    /// </summary>
    public double KullbackLeiblerDivergence(Normal q)
    {
        ArgumentNullException.ThrowIfNull(q);
        double difference = Mu - q.Mu;
        return Math.Log(q.Sigma / Sigma) + (Sigma * Sigma + difference * difference) / (2 * q.Sigma * q.Sigma) - 0.5;
    }

    /// <summary>
    /// Maximum-likelihood fit: μ̂ = (1/N) Σ xᵢ and σ̂ = √[(1/N) Σ (xᵢ − μ̂)²] (divides by N: this is the MLE, biased
    /// low by the factor √((N−1)/N); <see cref="SampleStandardDeviation"/> is the N − 1 variant).
    /// Standard errors: σ̂/√N for μ, σ̂/√(2N) for σ (the observed information at θ̂ is diagonal: N/σ̂², 2N/σ̂²).
    /// </summary>
    /// <remarks>The sums are rescaled when they would overflow, so finite data never give σ̂ = ∞ (values near ±1e308).</remarks>
    /// <param name="sample">The observations: finite, non-empty.</param>
    /// <param name="mu">Hold μ at this value (σ̂ is then taken about it), or null to estimate it.</param>
    /// <param name="sigma">Hold σ at this value, or null to estimate it.</param>
    /// <exception cref="ArgumentException">
    /// The sample is empty, holds NaN or ±∞, or is constant (σ̂ would be 0); or a held value is out of range.
    /// </exception>
    public static DistributionFit<Normal> Fit(ReadOnlySpan<double> sample, double? mu = null, double? sigma = null)
    {
        Validate.Sample(sample, Name, double.IsFinite, Support);
        Validate.Held(mu, MuParameter, Name);
        Validate.Held(sigma, SigmaParameter, Name);
        int n = sample.Length;
        double center = mu ?? SampleSums.Mean(sample);
        double spread = sigma ?? SampleSums.RootMeanSquare(sample, center, n);
        if (!(spread > 0))
        {
            Validate.Throw($"All {n} observations equal {Validate.Format(sample[0])}, so the normal maximum-likelihood σ̂ is 0, outside σ > 0; a fit needs at least two distinct values (or hold sigma fixed).", nameof(sample));
        }

        var model = new Normal(center, spread);
        // With μ held, −∂²ln L/∂σ² at σ̂ (about μ) is still 2N/σ̂²; with σ held, the μ entry is N/σ².
        FittedParameter[] parameters =
        [
            new("mu", center, mu is null ? spread / Math.Sqrt(n) : null, mu is not null),
            new("sigma", spread, sigma is null ? spread / Math.Sqrt(2.0 * n) : null, sigma is not null),
        ];
        return new DistributionFit<Normal>(model, parameters, FitSupport.LogLikelihood(model, sample), n);
    }

    /// <summary>
    /// The unbiased-variance standard deviation s = √[(1/(N − 1)) Σ (xᵢ − x̄)²] (Bessel's correction). This is not
    /// the maximum-likelihood estimate; <see cref="Fit"/> divides by N.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer than two observations.</exception>
    public static double SampleStandardDeviation(ReadOnlySpan<double> sample)
    {
        if (sample.Length < 2)
        {
            Validate.Throw($"The sample has {sample.Length} observations; the N − 1 standard deviation needs at least 2.", nameof(sample));
        }

        return SampleSums.RootMeanSquare(sample, SampleSums.Mean(sample), sample.Length - 1);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Normal(mu = {Validate.Format(Mu)}, sigma = {Validate.Format(Sigma)})";

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Normal Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Name);
        return new Normal(parameters[0], parameters[1]);
    }

    /// <summary>
    /// The maximum-likelihood fit from the normal's sufficient statistics N, x̄ and M₂ = Σ (xᵢ − x̄)²: μ̂ = x̄,
    /// σ̂ = √[(M₂ + N(x̄ − μ)²)/N] about μ (held or estimated), ln L = −N ln σ − N ln √(2π) − (M₂ + N(x̄ − μ)²)/(2σ²).
    /// The log-normal's streaming fit runs it on the moments of ln x.
    /// </summary>
    internal static DistributionFit<Normal> FitMoments(RunningMoments moments, double? mu, double? sigma)
    {
        long n = moments.Count;
        double mean = moments.Mean, center = mu ?? mean, offset = mean - center;
        double squares = moments.SquaredDeviations + n * offset * offset;
        double spread = sigma ?? Math.Sqrt(squares / n);
        if (!(spread > 0))
        {
            Validate.Throw($"All {n} observations equal {Validate.Format(mean)}, so the normal maximum-likelihood σ̂ is 0, outside σ > 0; a fit needs at least two distinct values (or hold sigma fixed).", "sample");
        }

        var model = new Normal(center, spread);
        FittedParameter[] parameters =
        [
            new("mu", center, mu is null ? spread / Math.Sqrt(n) : null, mu is not null),
            new("sigma", spread, sigma is null ? spread / Math.Sqrt(2.0 * n) : null, sigma is not null),
        ];
        double logLikelihood = -n * (Math.Log(spread) + HalfLogTwoPi) - squares / (2 * spread * spread);
        return new DistributionFit<Normal>(model, parameters, logLikelihood, n);
    }

    /// <summary>The normal's sufficient statistics N, Σ x and Σ (x − x̄)², compensated and mergeable.</summary>
    private sealed class Accumulator() : FitAccumulator(Normal.Family)
    {
        private RunningMoments moments;

        private protected override void AddChecked(ReadOnlySpan<double> sample) => moments.Add(sample);

        private protected override void MergeChecked(FitAccumulator other) => moments.Merge(((Accumulator)other).moments);

        private protected override void AddStatisticsChecked(SufficientStatistics statistics) =>
            moments.Merge(RunningMoments.FromMoments(statistics.Count, statistics.Required(statistics.Sum, "sum_x"), statistics.Required(statistics.SquaredDeviations, "var_pop_x")));

        private protected override DistributionFit FitChecked(HeldParameters held) => FitMoments(moments, held["mu"], held["sigma"]);
    }
}
