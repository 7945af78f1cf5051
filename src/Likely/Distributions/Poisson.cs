using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The Poisson distribution: P(X = k) = λᵏ e^(−λ) / k!, k = 0, 1, 2, …. Parameter: rate λ &gt; 0 (<c>lambda</c>;
/// SciPy's <c>mu</c>).
/// </summary>
public sealed class Poisson : IUnivariateDistribution
{
    private const string Family = "poisson";
    private static readonly string[] Names = ["lambda"];

    /// <summary>Creates Poisson(λ).</summary>
    /// <param name="rate">λ, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">λ is out of range.</exception>
    public Poisson(double rate)
    {
        Rate = Validate.Positive(rate, "lambda", Family);
    }

    /// <summary>λ, the mean (and the variance).</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>
    /// Entropy −Σₖ P(k) ln P(k) nats. There is no closed form: the series is summed over k ≤ λ + 40√λ + 40 (the tail
    /// beyond is below 1e-300) for λ ≤ 10⁵, and the asymptotic ½ ln(2πeλ) − 1/(12λ) − 1/(24λ²) − 19/(360λ³) above.
    /// </summary>
    public double Entropy
    {
        get
        {
            if (Rate > 1e5)
            {
                return 0.5 * Math.Log(2 * Math.PI * Math.E * Rate) - 1 / (12 * Rate) - 1 / (24 * Rate * Rate) - 19 / (360 * Rate * Rate * Rate);
            }

            double sum = 0;
            int last = (int)(Rate + 40 * Math.Sqrt(Rate) + 40);
            for (int k = 0; k <= last; k++)
            {
                double logP = LogProbability(k);
                sum -= Math.Exp(logP) * logP;
            }

            return sum;
        }
    }

    /// <inheritdoc/>
    public double[] GetParameters() => [Rate];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 1, Family);
        return new Poisson(parameters[0]);
    }

    /// <summary>True for whole numbers x ≥ 0.</summary>
    public bool IsInSupport(double x) => x >= 0 && Validate.IsInteger(x);

    /// <summary>ln P(X = k) = k ln λ − λ − ln k! for k ≥ 0; −∞ for k &lt; 0.</summary>
    public double LogProbability(long k) => k < 0 ? double.NegativeInfinity : k * Math.Log(Rate) - Rate - SpecialFunctions.LogFactorial(k);

    /// <summary>ln P(X = x); −∞ unless x is a whole number ≥ 0.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN : IsInSupport(x) ? x * Math.Log(Rate) - Rate - SpecialFunctions.LogFactorial(x) : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double logRate = Math.Log(Rate);
        for (int i = 0; i < x.Length; i++)
        {
            double k = x[i];
            destination[i] = IsInSupport(k) ? k * logRate - Rate - SpecialFunctions.LogFactorial(k) : LogDensity(k);
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Sampling.Poisson(random, Rate);
        }
    }

    /// <summary>KL divergence D(this ‖ q) = λ_p ln(λ_p/λ_q) − λ_p + λ_q nats.</summary>
    public double KullbackLeiblerDivergence(Poisson q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return Rate * Math.Log(Rate / q.Rate) - Rate + q.Rate;
    }

    /// <summary>Maximum-likelihood fit: λ̂ = (1/N) Σ kᵢ; standard error √(λ̂/N) (observed information N/λ̂).</summary>
    /// <param name="sample">Whole numbers ≥ 0, not all 0.</param>
    /// <param name="rate">Hold λ at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, negative or fractional values, or all zeros (λ̂ = 0 is outside λ &gt; 0).</exception>
    public static DistributionFit<Poisson> Fit(ReadOnlySpan<double> sample, double? rate = null)
    {
        Validate.Sample(sample, Family, x => x >= 0 && Validate.IsInteger(x), "whole numbers 0, 1, 2, …");
        int n = sample.Length;
        double lambda = rate ?? FitSupport.Average(sample);
        if (!(lambda > 0))
        {
            Validate.Throw($"All {n} observations are 0, so the Poisson maximum-likelihood rate λ̂ = 0 is outside λ > 0; a fit needs at least one positive count.", nameof(sample));
        }

        var model = new Poisson(lambda);
        FittedParameter parameter = new("lambda", lambda, rate is null ? Math.Sqrt(lambda / n) : null, rate is not null);
        return new DistributionFit<Poisson>(model, [parameter], FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Poisson(lambda = {Validate.Format(Rate)})";
}
