using Likely.Likelihood;
using Likely.Numerics;

namespace Likely.Distributions;

/// <summary>
/// The log-normal distribution: ln X ~ N(μ, σ²), f(x) = exp(−(ln x − μ)²/(2σ²)) / (xσ√(2π)), x &gt; 0.
/// Parameters: μ ∈ ℝ (<c>mu</c>, the mean of ln X), σ &gt; 0 (<c>sigma</c>, the standard deviation of ln X);
/// SciPy's <c>lognorm</c> calls them ln(scale) and s.
/// </summary>
public sealed class LogNormal : IUnivariateDistribution
{
    private const string Name = "lognormal";
    private const string Support = "finite x > 0";
    private const double HalfLogTwoPi = 0.91893853320467274178;
    private static readonly FamilyParameter MuParameter = new("mu", "μ", ParameterRange.Real, "the mean of ln X");
    private static readonly FamilyParameter SigmaParameter = new("sigma", "σ", ParameterRange.Positive, "the standard deviation of ln X");

    /// <summary>The log-normal family in the registry: <c>lognormal (mu, sigma)</c> on finite x &gt; 0.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: false, [MuParameter, SigmaParameter], Support,
        InSupport, Create, (sample, held) => Fit(sample, held["mu"], held["sigma"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates LogNormal(μ, σ).</summary>
    /// <param name="mu">μ, the mean of ln X, finite.</param>
    /// <param name="sigma">σ, the standard deviation of ln X, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public LogNormal(double mu, double sigma)
    {
        Mu = Validate.Parameter(mu, MuParameter, Name);
        Sigma = Validate.Parameter(sigma, SigmaParameter, Name);
    }

    /// <summary>μ, the mean of ln X (e^μ is the median of X).</summary>
    public double Mu { get; }

    /// <summary>σ, the standard deviation of ln X.</summary>
    public double Sigma { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy μ + ½ ln(2πe σ²) nats.</summary>
    public double Entropy => Mu + 0.5 + HalfLogTwoPi + Math.Log(Sigma);

    /// <inheritdoc/>
    public double[] GetParameters() => [Mu, Sigma];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for finite x &gt; 0.</summary>
    public bool IsInSupport(double x) => InSupport(x);

    /// <summary>ln f(x) = −(ln x − μ)²/(2σ²) − ln x − ln σ − ½ ln 2π for x &gt; 0, −∞ for x ≤ 0.</summary>
    public double LogDensity(double x)
    {
        if (!(x > 0))
        {
            return double.IsNaN(x) ? double.NaN : double.NegativeInfinity;
        }

        double logX = Math.Log(x), z = (logX - Mu) / Sigma;
        return -0.5 * z * z - logX - Math.Log(Sigma) - HalfLogTwoPi;
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LogDensity(x[i]);
        }
    }

    /// <summary>F(x) = Φ((ln x − μ)/σ) for x &gt; 0, 0 for x ≤ 0.</summary>
    public double Cdf(double x) => x <= 0 ? 0 : Math.Exp(Numerics.NormalTails.LogNormalTails((Math.Log(x) - Mu) / Sigma).LogLower);

    /// <summary>ln(1 − Φ((ln x − μ)/σ)) for x &gt; 0 (from the upper tail itself), 0 for x ≤ 0.</summary>
    public double LogSurvival(double x) => x <= 0 ? 0 : Numerics.NormalTails.LogNormalTails((Math.Log(x) - Mu) / Sigma).LogUpper;

    /// <summary>ln Φ((ln x − μ)/σ), from the lower tail itself; −∞ for x ≤ 0.</summary>
    public double LogCdf(double x) => x <= 0 ? double.NegativeInfinity : Numerics.NormalTails.LogNormalTails((Math.Log(x) - Mu) / Sigma).LogLower;

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Math.Exp(Mu + Sigma * Sampling.StandardNormal(random));
        }
    }

    /// <summary>KL divergence D(this ‖ q), the same as between the normals of ln X: ln(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − ½.</summary>
    public double KullbackLeiblerDivergence(LogNormal q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return new Normal(Mu, Sigma).KullbackLeiblerDivergence(new Normal(q.Mu, q.Sigma));
    }

    /// <summary>
    /// Maximum-likelihood fit: the normal MLE on ln xᵢ, μ̂ = (1/N) Σ ln xᵢ, σ̂ = √[(1/N) Σ (ln xᵢ − μ̂)²];
    /// standard errors σ̂/√N and σ̂/√(2N). (The log-Jacobian −Σ ln xᵢ does not depend on θ.)
    /// </summary>
    /// <param name="sample">Finite observations &gt; 0, not all equal.</param>
    /// <param name="mu">Hold μ at this value, or null.</param>
    /// <param name="sigma">Hold σ at this value, or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, values ≤ 0 or infinite, or all equal (σ̂ would be 0).</exception>
    public static DistributionFit<LogNormal> Fit(ReadOnlySpan<double> sample, double? mu = null, double? sigma = null)
    {
        Validate.Sample(sample, Name, InSupport, Support);
        Validate.Held(mu, MuParameter, Name);
        Validate.Held(sigma, SigmaParameter, Name);
        if (sigma is null)
        {
            Validate.NotConstant(sample, Name, "the maximum-likelihood σ̂ of ln x would be 0, outside σ > 0");
        }

        double[] logs = new double[sample.Length];
        for (int i = 0; i < logs.Length; i++)
        {
            logs[i] = Math.Log(sample[i]);
        }

        DistributionFit<Normal> normal = Normal.Fit(logs, mu, sigma);
        var model = new LogNormal(normal.Distribution.Mu, normal.Distribution.Sigma);
        return new DistributionFit<LogNormal>(model, normal.Parameters, FitSupport.LogLikelihood(model, sample), sample.Length);
    }

    /// <inheritdoc/>
    public override string ToString() => $"LogNormal(mu = {Validate.Format(Mu)}, sigma = {Validate.Format(Sigma)})";

    private static bool InSupport(double x) => x > 0 && double.IsFinite(x);

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static LogNormal Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Name);
        return new LogNormal(parameters[0], parameters[1]);
    }

    /// <summary>
    /// The log-normal's sufficient statistics: N and the moments of ln x (Σ ln x, Σ (ln x − mean ln x)²). The fit is the
    /// normal's on them (<see cref="Normal.FitMoments"/>), with ln L shifted by the log-Jacobian −Σ ln xᵢ.
    /// </summary>
    private sealed class Accumulator() : FitAccumulator(LogNormal.Family)
    {
        private const int ChunkLength = 4096;
        private RunningMoments logMoments;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            Span<double> logs = stackalloc double[ChunkLength];
            for (int start = 0; start < sample.Length; start += ChunkLength)
            {
                ReadOnlySpan<double> part = sample.Slice(start, Math.Min(ChunkLength, sample.Length - start));
                for (int i = 0; i < part.Length; i++)
                {
                    logs[i] = Math.Log(part[i]);
                }

                logMoments.Add(logs[..part.Length]);
            }
        }

        private protected override void MergeChecked(FitAccumulator other) => logMoments.Merge(((Accumulator)other).logMoments);

        private protected override void AddStatisticsChecked(SufficientStatistics statistics) =>
            logMoments.Merge(RunningMoments.FromMoments(statistics.Count, statistics.Required(statistics.LogSum, "sum_ln_x"), statistics.Required(statistics.LogSquaredDeviations, "var_pop_ln_x")));

        private protected override DistributionFit FitChecked(HeldParameters held)
        {
            double? mu = held["mu"], sigma = held["sigma"];
            DistributionFit<Normal> normal = Normal.FitMoments(logMoments, mu, sigma);
            var model = new LogNormal(normal.Distribution.Mu, normal.Distribution.Sigma);
            return new DistributionFit<LogNormal>(model, normal.Parameters, normal.LogLikelihood - logMoments.Sum, normal.ObservationCount);
        }
    }
}
