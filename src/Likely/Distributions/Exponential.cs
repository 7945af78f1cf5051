using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The exponential distribution: f(x) = λ e^(−λx), x ≥ 0. Parameter: rate λ &gt; 0 (<c>rate</c>; SciPy's
/// <c>expon</c> uses scale = 1/λ with loc = 0).
/// </summary>
public sealed class Exponential : IUnivariateDistribution
{
    private const string Family = "exponential";
    private static readonly string[] Names = ["rate"];

    /// <summary>Creates Exp(λ).</summary>
    /// <param name="rate">λ, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">λ is out of range.</exception>
    public Exponential(double rate)
    {
        Rate = Validate.Positive(rate, "rate", Family);
    }

    /// <summary>λ, the rate (the mean is 1/λ).</summary>
    public double Rate { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy 1 − ln λ nats.</summary>
    public double Entropy => 1 - Math.Log(Rate);

    /// <inheritdoc/>
    public double[] GetParameters() => [Rate];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 1, Family);
        return new Exponential(parameters[0]);
    }

    /// <summary>True for finite x ≥ 0.</summary>
    public bool IsInSupport(double x) => x >= 0 && double.IsFinite(x);

    /// <summary>ln f(x) = ln λ − λx for x ≥ 0, −∞ for x &lt; 0.</summary>
    public double LogDensity(double x) => x >= 0 ? Math.Log(Rate) - Rate * x : double.IsNaN(x) ? double.NaN : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double logRate = Math.Log(Rate);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] >= 0 ? logRate - Rate * x[i] : LogDensity(x[i]);
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = -Math.Log(Sampling.OpenUniform(random)) / Rate;
        }
    }

    /// <summary>KL divergence D(this ‖ q) = ln(λ_p/λ_q) + λ_q/λ_p − 1 nats.</summary>
    public double KullbackLeiblerDivergence(Exponential q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return Math.Log(Rate / q.Rate) + q.Rate / Rate - 1;
    }

    /// <summary>
    /// Maximum-likelihood fit: λ̂ = N / Σ xᵢ = 1/x̄, standard error λ̂/√N (observed information N/λ̂²).
    /// </summary>
    /// <param name="sample">Finite observations ≥ 0, not all 0.</param>
    /// <param name="rate">Hold λ at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, negative or infinite values, or all zeros (λ̂ would be ∞).</exception>
    public static DistributionFit<Exponential> Fit(ReadOnlySpan<double> sample, double? rate = null)
    {
        Validate.Sample(sample, Family, x => x >= 0 && double.IsFinite(x), "finite x ≥ 0");
        int n = sample.Length;
        double mean = FitSupport.Average(sample);
        if (rate is null && mean == 0)
        {
            Validate.Throw($"All {n} observations are 0, so the exponential maximum-likelihood rate 1/x̄ is infinite; a fit needs a positive value.", nameof(sample));
        }

        double lambda = rate ?? 1 / mean;
        var model = new Exponential(lambda);
        FittedParameter parameter = new("rate", lambda, rate is null ? lambda / Math.Sqrt(n) : null, rate is not null);
        return new DistributionFit<Exponential>(model, [parameter], FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Exponential(rate = {Validate.Format(Rate)})";
}
