using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The Bernoulli distribution on {0, 1}: P(X = 1) = p, P(X = 0) = 1 − p. Parameter: p ∈ [0, 1] (<c>p</c>).
/// </summary>
public sealed class Bernoulli : IUnivariateDistribution
{
    private const string Family = "bernoulli";
    private static readonly string[] Names = ["p"];

    /// <summary>Creates Bernoulli(p).</summary>
    /// <param name="probability">p = P(X = 1), in [0, 1].</param>
    /// <exception cref="ArgumentException">p is outside [0, 1] or NaN.</exception>
    public Bernoulli(double probability)
    {
        Probability = Validate.InRange(probability, 0, 1, false, false, "p", Family);
    }

    /// <summary>p = P(X = 1).</summary>
    public double Probability { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>Entropy −p ln p − (1 − p) ln(1 − p) nats, with 0·ln 0 = 0.</summary>
    public double Entropy => -XLogY(Probability, Probability) - XLogY(1 - Probability, 1 - Probability);

    /// <inheritdoc/>
    public double[] GetParameters() => [Probability];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 1, Family);
        return new Bernoulli(parameters[0]);
    }

    /// <summary>True for x = 0 or x = 1.</summary>
    public bool IsInSupport(double x) => x is 0 or 1;

    /// <summary>ln P(X = k): ln p for k = 1, ln(1 − p) for k = 0 (−∞ when that probability is 0), −∞ otherwise.</summary>
    public double LogProbability(int k) => k switch
    {
        1 => Math.Log(Probability),
        0 => Math.Log(1 - Probability),
        _ => double.NegativeInfinity,
    };

    /// <summary>ln P(X = x); −∞ unless x is 0 or 1.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN : x is 0 or 1 ? LogProbability((int)x) : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double logOne = Math.Log(Probability), logZero = Math.Log(1 - Probability);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] == 1 ? logOne : x[i] == 0 ? logZero : LogDensity(x[i]);
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = random.NextDouble() < Probability ? 1 : 0;
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = p ln(p/q) + (1 − p) ln((1 − p)/(1 − q)) nats, with 0·ln(0/·) = 0 and +∞ where
    /// q puts 0 on an outcome this distribution can produce.
    /// </summary>
    public double KullbackLeiblerDivergence(Bernoulli q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return RelativeTerm(Probability, q.Probability) + RelativeTerm(1 - Probability, 1 - q.Probability);
    }

    /// <summary>
    /// Maximum-likelihood fit: p̂ = (1/N) Σ xᵢ, the fraction of ones; standard error √(p̂(1 − p̂)/N)
    /// (0 when every value is the same: p̂ is then on the boundary, where the likelihood has no curvature).
    /// </summary>
    /// <param name="sample">Observations, each 0 or 1.</param>
    /// <param name="probability">Hold p at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, or a value other than 0 and 1.</exception>
    public static DistributionFit<Bernoulli> Fit(ReadOnlySpan<double> sample, double? probability = null)
    {
        Validate.Sample(sample, Family, x => x is 0 or 1, "0 or 1");
        int n = sample.Length;
        double p = probability ?? FitSupport.Average(sample);
        var model = new Bernoulli(p);
        FittedParameter parameter = new("p", p, probability is null ? Math.Sqrt(p * (1 - p) / n) : null, probability is not null);
        return new DistributionFit<Bernoulli>(model, [parameter], FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Bernoulli(p = {Validate.Format(Probability)})";

    /// <summary>x ln y with 0·ln y = 0 (even for y = 0).</summary>
    internal static double XLogY(double x, double y) => x == 0 ? 0 : x * Math.Log(y);

    /// <summary>p ln(p/q) with 0·ln(0/q) = 0 and p·ln(p/0) = +∞.</summary>
    internal static double RelativeTerm(double p, double q) => p == 0 ? 0 : q == 0 ? double.PositiveInfinity : p * Math.Log(p / q);
}
