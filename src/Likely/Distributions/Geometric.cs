using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The geometric distribution of the number of trials up to and including the first success:
/// P(X = k) = (1 − p)^(k−1) p, k = 1, 2, 3, … (as SciPy's <c>geom</c>). Parameter: p ∈ (0, 1] (<c>p</c>).
/// </summary>
public sealed class Geometric : IUnivariateDistribution
{
    private const string Family = "geometric";
    private static readonly string[] Names = ["p"];

    /// <summary>Creates Geometric(p).</summary>
    /// <param name="probability">p, the success probability per trial, in (0, 1].</param>
    /// <exception cref="ArgumentException">p is outside (0, 1].</exception>
    public Geometric(double probability)
    {
        Probability = Validate.InRange(probability, 0, 1, true, false, "p", Family);
    }

    /// <summary>p, the success probability per trial (the mean is 1/p).</summary>
    public double Probability { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>Entropy [−(1 − p) ln(1 − p) − p ln p]/p nats (0 at p = 1).</summary>
    public double Entropy => (-Bernoulli.XLogY(1 - Probability, 1 - Probability) - Probability * Math.Log(Probability)) / Probability;

    /// <inheritdoc/>
    public double[] GetParameters() => [Probability];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 1, Family);
        return new Geometric(parameters[0]);
    }

    /// <summary>True for whole numbers x ≥ 1.</summary>
    public bool IsInSupport(double x) => x >= 1 && Validate.IsInteger(x);

    /// <summary>ln P(X = k) = (k − 1) ln(1 − p) + ln p for k ≥ 1 (0·ln 0 = 0 at p = 1); −∞ for k &lt; 1.</summary>
    public double LogProbability(long k) => k < 1 ? double.NegativeInfinity : Bernoulli.XLogY(k - 1, 1 - Probability) + Math.Log(Probability);

    /// <summary>ln P(X = x); −∞ unless x is a whole number ≥ 1.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN : IsInSupport(x) ? Bernoulli.XLogY(x - 1, 1 - Probability) + Math.Log(Probability) : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LogDensity(x[i]);
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        double logFailure = Math.Log(1 - Probability);
        for (int i = 0; i < destination.Length; i++)
        {
            // Inversion: P(X > k) = (1 − p)ᵏ, so X = 1 + ⌊ln U / ln(1 − p)⌋.
            destination[i] = Probability == 1 ? 1 : 1 + Math.Floor(Math.Log(Sampling.OpenUniform(random)) / logFailure);
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = ln(p/q) + ((1 − p)/p)·ln((1 − p)/(1 − q)) nats; +∞ when q = 1 &gt; p,
    /// because q then puts probability 0 on every k ≥ 2.
    /// </summary>
    public double KullbackLeiblerDivergence(Geometric q)
    {
        ArgumentNullException.ThrowIfNull(q);
        double p = Probability;
        return Math.Log(p / q.Probability) + Bernoulli.RelativeTerm(1 - p, 1 - q.Probability) / p;
    }

    /// <summary>Maximum-likelihood fit: p̂ = N / Σ kᵢ = 1/x̄; standard error p̂·√((1 − p̂)/N) (observed information N/(p̂²(1 − p̂))).</summary>
    /// <param name="sample">Whole numbers ≥ 1 (trials up to the first success).</param>
    /// <param name="probability">Hold p at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, or values that are not whole numbers ≥ 1.</exception>
    public static DistributionFit<Geometric> Fit(ReadOnlySpan<double> sample, double? probability = null)
    {
        Validate.Sample(sample, Family, x => x >= 1 && Validate.IsInteger(x), "whole numbers 1, 2, 3, …, counting trials up to the first success; add 1 to failure counts");
        int n = sample.Length;
        double p = probability ?? 1 / FitSupport.Average(sample);
        var model = new Geometric(p);
        FittedParameter parameter = new("p", p, probability is null ? p * Math.Sqrt((1 - p) / n) : null, probability is not null);
        return new DistributionFit<Geometric>(model, [parameter], FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Geometric(p = {Validate.Format(Probability)})";
}
