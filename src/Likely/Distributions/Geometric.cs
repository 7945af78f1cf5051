using Likely.Likelihood;
using Likely.Numerics;

namespace Likely.Distributions;

/// <summary>
/// The geometric distribution of the number of trials up to and including the first success:
/// P(X = k) = (1 − p)^(k−1) p, k = 1, 2, 3, … (as SciPy's <c>geom</c>). Parameter: p ∈ (0, 1] (<c>p</c>).
/// </summary>
public sealed class Geometric : IUnivariateDistribution
{
    private const string Name = "geometric";
    private const string Support = "whole numbers 1, 2, 3, …, counting trials up to the first success; add 1 to failure counts";
    private static readonly FamilyParameter PParameter = new("p", "p", ParameterRange.PositiveProbability, "the success probability per trial");

    /// <summary>The geometric family in the registry: <c>geometric (p)</c> on the whole numbers 1, 2, 3, ….</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: true, [PParameter], "whole numbers 1, 2, 3, …",
        InSupport, Create, (sample, held) => Fit(sample, held["p"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates Geometric(p).</summary>
    /// <param name="p">p, the success probability per trial, in (0, 1].</param>
    /// <exception cref="ArgumentException">p is outside (0, 1].</exception>
    public Geometric(double p)
    {
        P = Validate.Parameter(p, PParameter, Name);
    }

    /// <summary>p, the success probability per trial (the mean is 1/p).</summary>
    public double P { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>Entropy [−(1 − p) ln(1 − p) − p ln p]/p nats (0 at p = 1).</summary>
    public double Entropy => (-Bernoulli.XLogY(1 - P, 1 - P) - P * Math.Log(P)) / P;

    /// <inheritdoc/>
    public double[] GetParameters() => [P];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for whole numbers x ≥ 1.</summary>
    public bool IsInSupport(double x) => InSupport(x);

    /// <summary>ln P(X = k) = (k − 1) ln(1 − p) + ln p for k ≥ 1 (0·ln 0 = 0 at p = 1); −∞ for k &lt; 1.</summary>
    public double LogProbability(long k) => k < 1 ? double.NegativeInfinity : Bernoulli.XLogY(k - 1, 1 - P) + Math.Log(P);

    /// <summary>ln P(X = x); −∞ unless x is a whole number ≥ 1.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN : IsInSupport(x) ? Bernoulli.XLogY(x - 1, 1 - P) + Math.Log(P) : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LogDensity(x[i]);
        }
    }

    /// <summary>F(x) = 1 − (1 − p)^k with k = ⌊x⌋ ≥ 1 (as −expm1(k ln(1 − p))); 0 for x &lt; 1.</summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : x < 1 ? 0 : -SpecialFunctions.ExpM1(LogSurvival(x));

    /// <summary>ln P(X &gt; ⌊x⌋) = k ln(1 − p) with k = ⌊x⌋ ≥ 1 (ln(1 − p) by log1p); 0 for x &lt; 1.</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : x < 1 ? 0 : P == 1 ? double.NegativeInfinity : Math.Floor(x) * SpecialFunctions.Log1P(-P);

    /// <summary>ln F(x) = ln(1 − (1 − p)^⌊x⌋), as log1mexp of the log-survival; −∞ for x &lt; 1.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : x < 1 ? double.NegativeInfinity : SpecialFunctions.Log1MExp(LogSurvival(x));

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        double logFailure = Math.Log(1 - P);
        for (int i = 0; i < destination.Length; i++)
        {
            // Inversion: P(X > k) = (1 − p)ᵏ, so X = 1 + ⌊ln U / ln(1 − p)⌋.
            destination[i] = P == 1 ? 1 : 1 + Math.Floor(Math.Log(Sampling.OpenUniform(random)) / logFailure);
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = ln(p/q) + ((1 − p)/p)·ln((1 − p)/(1 − q)) nats; +∞ when q = 1 &gt; p,
    /// because q then puts probability 0 on every k ≥ 2.
    /// </summary>
    public double KullbackLeiblerDivergence(Geometric q)
    {
        ArgumentNullException.ThrowIfNull(q);
        double p = P;
        return Math.Log(p / q.P) + Bernoulli.RelativeTerm(1 - p, 1 - q.P) / p;
    }

    /// <summary>Maximum-likelihood fit: p̂ = N / Σ kᵢ = 1/x̄; standard error p̂·√((1 − p̂)/N) (observed information N/(p̂²(1 − p̂))).</summary>
    /// <param name="sample">Whole numbers ≥ 1 (trials up to the first success).</param>
    /// <param name="p">Hold p at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, or values that are not whole numbers ≥ 1; or a held p outside (0, 1].</exception>
    public static DistributionFit<Geometric> Fit(ReadOnlySpan<double> sample, double? p = null)
    {
        Validate.Sample(sample, Name, InSupport, Support);
        Validate.Held(p, PParameter, Name);
        int n = sample.Length;
        double estimate = p ?? 1 / SampleSums.Mean(sample);
        var model = new Geometric(estimate);
        FittedParameter parameter = new("p", estimate, p is null ? estimate * Math.Sqrt((1 - estimate) / n) : null, p is not null);
        return new DistributionFit<Geometric>(model, [parameter], FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Geometric(p = {Validate.Format(P)})";

    private static bool InSupport(double x) => x >= 1 && Validate.IsInteger(x);

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Geometric Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 1, Name);
        return new Geometric(parameters[0]);
    }

    /// <summary>
    /// The geometric's sufficient statistics N and Σ k: p̂ = 1/k̄, ln L = N ln p + (Σ k − N) ln(1 − p).
    /// </summary>
    private sealed class Accumulator() : FitAccumulator(Geometric.Family)
    {
        private NeumaierSum sum;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            foreach (double k in sample)
            {
                sum.Add(k);
            }
        }

        private protected override void MergeChecked(FitAccumulator other) => sum.Add(((Accumulator)other).sum);

        private protected override DistributionFit FitChecked(HeldParameters held)
        {
            double? p = held["p"];
            long n = Count;
            double total = sum.Value, estimate = p ?? 1 / (total / n);
            FittedParameter parameter = new("p", estimate, p is null ? estimate * Math.Sqrt((1 - estimate) / n) : null, p is not null);
            double logLikelihood = n * Math.Log(estimate) + Bernoulli.XLogY(total - n, 1 - estimate);
            return new DistributionFit<Geometric>(new Geometric(estimate), [parameter], logLikelihood, n);
        }
    }
}
