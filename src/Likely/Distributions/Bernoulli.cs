using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The Bernoulli distribution on {0, 1}: P(X = 1) = p, P(X = 0) = 1 − p. Parameter: p ∈ [0, 1] (<c>p</c>).
/// </summary>
public sealed class Bernoulli : IUnivariateDistribution
{
    private const string Name = "bernoulli";
    private const string Support = "0 or 1";
    private static readonly FamilyParameter PParameter = new("p", "p", ParameterRange.Probability, "the probability of a 1");

    /// <summary>The Bernoulli family in the registry: <c>bernoulli (p)</c> on {0, 1}.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: true, [PParameter], Support,
        InSupport, Create, (sample, held) => Fit(sample, held["p"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates Bernoulli(p).</summary>
    /// <param name="p">p = P(X = 1), in [0, 1].</param>
    /// <exception cref="ArgumentException">p is outside [0, 1] or NaN.</exception>
    public Bernoulli(double p)
    {
        P = Validate.Parameter(p, PParameter, Name);
    }

    /// <summary>p = P(X = 1).</summary>
    public double P { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>Entropy −p ln p − (1 − p) ln(1 − p) nats, with 0·ln 0 = 0.</summary>
    public double Entropy => -XLogY(P, P) - XLogY(1 - P, 1 - P);

    /// <inheritdoc/>
    public double[] GetParameters() => [P];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for x = 0 or x = 1.</summary>
    public bool IsInSupport(double x) => InSupport(x);

    /// <summary>ln P(X = k): ln p for k = 1, ln(1 − p) for k = 0 (−∞ when that probability is 0), −∞ otherwise.</summary>
    public double LogProbability(int k) => k switch
    {
        1 => Math.Log(P),
        0 => Math.Log(1 - P),
        _ => double.NegativeInfinity,
    };

    /// <summary>ln P(X = x); −∞ unless x is 0 or 1.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN : x is 0 or 1 ? LogProbability((int)x) : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double logOne = Math.Log(P), logZero = Math.Log(1 - P);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] == 1 ? logOne : x[i] == 0 ? logZero : LogDensity(x[i]);
        }
    }

    /// <summary>F(x) = 0 for x &lt; 0, 1 − p for 0 ≤ x &lt; 1, 1 for x ≥ 1.</summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? 0 : x < 1 ? 1 - P : 1;

    /// <summary>ln P(X &gt; x) = 0 for x &lt; 0, ln p for 0 ≤ x &lt; 1, −∞ for x ≥ 1.</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? 0 : x < 1 ? Math.Log(P) : double.NegativeInfinity;

    /// <summary>ln F(x): −∞ for x &lt; 0, ln(1 − p) (as log1p(−p)) for 0 ≤ x &lt; 1, 0 from 1 on.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? double.NegativeInfinity : x < 1 ? SpecialFunctions.Log1P(-P) : 0;

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = random.NextDouble() < P ? 1 : 0;
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = p ln(p/q) + (1 − p) ln((1 − p)/(1 − q)) nats, with 0·ln(0/·) = 0 and +∞ where
    /// q puts 0 on an outcome this distribution can produce.
    /// </summary>
    public double KullbackLeiblerDivergence(Bernoulli q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return RelativeTerm(P, q.P) + RelativeTerm(1 - P, 1 - q.P);
    }

    /// <summary>
    /// Maximum-likelihood fit: p̂ = (1/N) Σ xᵢ, the fraction of ones; standard error √(p̂(1 − p̂)/N)
    /// (0 when every value is the same: p̂ is then on the boundary, where the likelihood has no curvature).
    /// </summary>
    /// <param name="sample">Observations, each 0 or 1.</param>
    /// <param name="p">Hold p at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, or a value other than 0 and 1; or a held p outside [0, 1].</exception>
    public static DistributionFit<Bernoulli> Fit(ReadOnlySpan<double> sample, double? p = null)
    {
        Validate.Sample(sample, Name, InSupport, Support);
        Validate.Held(p, PParameter, Name);
        int n = sample.Length;
        double estimate = p ?? SampleSums.Mean(sample);
        var model = new Bernoulli(estimate);
        FittedParameter parameter = new("p", estimate, p is null ? Math.Sqrt(estimate * (1 - estimate) / n) : null, p is not null);
        return new DistributionFit<Bernoulli>(model, [parameter], FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Bernoulli(p = {Validate.Format(P)})";

    private static bool InSupport(double x) => x is 0 or 1;

    /// <summary>x ln y with 0·ln y = 0 (even for y = 0).</summary>
    internal static double XLogY(double x, double y) => x == 0 ? 0 : x * Math.Log(y);

    /// <summary>p ln(p/q) with 0·ln(0/q) = 0 and p·ln(p/0) = +∞.</summary>
    internal static double RelativeTerm(double p, double q) => p == 0 ? 0 : q == 0 ? double.PositiveInfinity : p * Math.Log(p / q);

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Bernoulli Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 1, Name);
        return new Bernoulli(parameters[0]);
    }

    /// <summary>
    /// The Bernoulli's sufficient statistics N and the number of ones k (exact): p̂ = k/N,
    /// ln L = k ln p + (N − k) ln(1 − p) with 0·ln 0 = 0.
    /// </summary>
    private sealed class Accumulator() : FitAccumulator(Bernoulli.Family)
    {
        private long ones;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            foreach (double x in sample)
            {
                ones += (long)x;
            }
        }

        private protected override void MergeChecked(FitAccumulator other) => ones += ((Accumulator)other).ones;

        private protected override DistributionFit FitChecked(HeldParameters held)
        {
            double? p = held["p"];
            long n = Count;
            double estimate = p ?? (double)ones / n;
            FittedParameter parameter = new("p", estimate, p is null ? Math.Sqrt(estimate * (1 - estimate) / n) : null, p is not null);
            double logLikelihood = XLogY(ones, estimate) + XLogY(n - ones, 1 - estimate);
            return new DistributionFit<Bernoulli>(new Bernoulli(estimate), [parameter], logLikelihood, n);
        }
    }
}
