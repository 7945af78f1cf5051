using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The normal (Gaussian) distribution N(μ, σ²): f(x) = exp(−(x − μ)²/(2σ²)) / (σ√(2π)), x ∈ ℝ.
/// Parameters: mean μ ∈ ℝ (<c>mu</c>), standard deviation σ &gt; 0 (<c>sigma</c>).
/// </summary>
public sealed class Normal : IUnivariateDistribution
{
    private const string Family = "normal";
    private const double HalfLogTwoPi = 0.91893853320467274178;
    private static readonly string[] Names = ["mu", "sigma"];

    /// <summary>Creates N(μ, σ²).</summary>
    /// <param name="mean">μ, finite.</param>
    /// <param name="standardDeviation">σ, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it.</exception>
    public Normal(double mean, double standardDeviation)
    {
        Mean = Validate.Finite(mean, "mu", Family);
        StandardDeviation = Validate.Positive(standardDeviation, "sigma", Family);
    }

    /// <summary>μ, the mean.</summary>
    public double Mean { get; }

    /// <summary>σ, the standard deviation (σ &gt; 0).</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy ½ ln(2πe σ²) nats.</summary>
    public double Entropy => 0.5 + HalfLogTwoPi + Math.Log(StandardDeviation);

    /// <inheritdoc/>
    public double[] GetParameters() => [Mean, StandardDeviation];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Family);
        return new Normal(parameters[0], parameters[1]);
    }

    /// <summary>True for every finite x (and ±∞ is excluded).</summary>
    public bool IsInSupport(double x) => double.IsFinite(x);

    /// <summary>ln f(x) = −(x − μ)²/(2σ²) − ln σ − ½ ln 2π; NaN gives NaN.</summary>
    public double LogDensity(double x)
    {
        double z = (x - Mean) / StandardDeviation;
        return -0.5 * z * z - Math.Log(StandardDeviation) - HalfLogTwoPi;
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double inverse = 1 / StandardDeviation, offset = -Math.Log(StandardDeviation) - HalfLogTwoPi;
        for (int i = 0; i < x.Length; i++)
        {
            double z = (x[i] - Mean) * inverse;
            destination[i] = -0.5 * z * z + offset;
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Mean + StandardDeviation * Sampling.StandardNormal(random);
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = ln(σ_q/σ_p) + (σ_p² + (μ_p − μ_q)²)/(2σ_q²) − ½ nats (p = this).
    /// </summary>
    public double KullbackLeiblerDivergence(Normal q)
    {
        ArgumentNullException.ThrowIfNull(q);
        double difference = Mean - q.Mean;
        return Math.Log(q.StandardDeviation / StandardDeviation)
            + (StandardDeviation * StandardDeviation + difference * difference) / (2 * q.StandardDeviation * q.StandardDeviation) - 0.5;
    }

    /// <summary>
    /// Maximum-likelihood fit: μ̂ = (1/N) Σ xᵢ and σ̂ = √[(1/N) Σ (xᵢ − μ̂)²] (divides by N: this is the MLE, biased
    /// low by the factor √((N−1)/N); <see cref="SampleStandardDeviation"/> is the N − 1 variant).
    /// Standard errors: σ̂/√N for μ, σ̂/√(2N) for σ (observed information at θ̂).
    /// </summary>
    /// <param name="sample">The observations: finite, non-empty.</param>
    /// <param name="mean">Hold μ at this value (σ̂ is then taken about it), or null to estimate it.</param>
    /// <param name="standardDeviation">Hold σ at this value, or null to estimate it.</param>
    /// <exception cref="ArgumentException">The sample is empty, holds NaN or ±∞, or is constant (σ̂ would be 0).</exception>
    public static DistributionFit<Normal> Fit(ReadOnlySpan<double> sample, double? mean = null, double? standardDeviation = null)
    {
        Validate.Sample(sample, Family, double.IsFinite, "finite real numbers");
        int n = sample.Length;
        double mu = mean ?? FitSupport.Average(sample);
        double sigma;
        if (standardDeviation is { } heldSigma)
        {
            sigma = heldSigma;
        }
        else
        {
            double squares = 0;
            foreach (double x in sample)
            {
                squares += (x - mu) * (x - mu);
            }

            sigma = Math.Sqrt(squares / n);
            if (!(sigma > 0))
            {
                Validate.Throw($"All {n} observations equal {Validate.Format(sample[0])}, so the normal maximum-likelihood σ̂ is 0, outside σ > 0; a fit needs at least two distinct values (or hold sigma fixed).", nameof(sample));
            }
        }

        var model = new Normal(mu, sigma);
        bool[] isFixed = [mean is not null, standardDeviation is not null];
        // Observed information at θ̂: −∂²/∂μ² = N/σ², −∂²/∂σ² = 2N/σ² (at σ̂), cross term Σ(xᵢ − μ̂)·2/σ³ = 0 at μ̂.
        // With μ held, −∂²/∂σ² at σ̂ = −N/σ² + 3Σ(xᵢ−μ)²/σ⁴ = 2N/σ̂²; with σ held, the μ entry is N/σ².
        double[] full = [n / (sigma * sigma), 0, 0, 2 * n / (sigma * sigma)];
        FittedParameter[] parameters = FitSupport.Parameters(Names, [mu, sigma], isFixed, FitSupport.FreeBlock(full, 2, isFixed));
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

        double mean = FitSupport.Average(sample), squares = 0;
        foreach (double x in sample)
        {
            squares += (x - mean) * (x - mean);
        }

        return Math.Sqrt(squares / (sample.Length - 1));
    }

    /// <inheritdoc/>
    public override string ToString() => $"Normal(mu = {Validate.Format(Mean)}, sigma = {Validate.Format(StandardDeviation)})";
}
