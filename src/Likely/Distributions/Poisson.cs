using Likely.Likelihood;
using Likely.Numerics;

namespace Likely.Distributions;

/// <summary>
/// The Poisson distribution: P(X = k) = λᵏ e^(−λ) / k!, k = 0, 1, 2, …. Parameter: rate λ &gt; 0 (<c>lambda</c>;
/// SciPy's <c>mu</c>).
/// </summary>
public sealed class Poisson : IUnivariateDistribution
{
    private const string Name = "poisson";
    private const string Support = "whole numbers 0, 1, 2, …";
    private static readonly FamilyParameter LambdaParameter = new("lambda", "λ", ParameterRange.Positive, "the rate (the mean and the variance)");

    /// <summary>The Poisson family in the registry: <c>poisson (lambda)</c> on the whole numbers 0, 1, 2, ….</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: true, [LambdaParameter], Support,
        InSupport, Create, (sample, held) => Fit(sample, held["lambda"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates Poisson(λ).</summary>
    /// <param name="lambda">λ, the rate, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">λ is out of range.</exception>
    public Poisson(double lambda)
    {
        Lambda = Validate.Parameter(lambda, LambdaParameter, Name);
    }

    /// <summary>λ, the rate: the mean (and the variance).</summary>
    public double Lambda { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

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
            if (Lambda > 1e5)
            {
                return 0.5 * Math.Log(2 * Math.PI * Math.E * Lambda) - 1 / (12 * Lambda) - 1 / (24 * Lambda * Lambda) - 19 / (360 * Lambda * Lambda * Lambda);
            }

            double sum = 0;
            int last = (int)(Lambda + 40 * Math.Sqrt(Lambda) + 40);
            for (int k = 0; k <= last; k++)
            {
                double logP = LogProbability(k);
                sum -= Math.Exp(logP) * logP;
            }

            return sum;
        }
    }

    /// <inheritdoc/>
    public double[] GetParameters() => [Lambda];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for whole numbers x ≥ 0.</summary>
    public bool IsInSupport(double x) => InSupport(x);

    /// <summary>ln P(X = k) = k ln λ − λ − ln k! for k ≥ 0; −∞ for k &lt; 0.</summary>
    public double LogProbability(long k) => k < 0 ? double.NegativeInfinity : k * Math.Log(Lambda) - Lambda - SpecialFunctions.LogFactorial(k);

    /// <summary>ln P(X = x); −∞ unless x is a whole number ≥ 0.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN : IsInSupport(x) ? x * Math.Log(Lambda) - Lambda - SpecialFunctions.LogFactorial(x) : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double logLambda = Math.Log(Lambda);
        for (int i = 0; i < x.Length; i++)
        {
            double k = x[i];
            destination[i] = IsInSupport(k) ? k * logLambda - Lambda - SpecialFunctions.LogFactorial(k) : LogDensity(k);
        }
    }

    /// <summary>F(x) = P(X ≤ k), k = ⌊x⌋: Q(k + 1, λ), the regularized upper incomplete gamma function; 0 for x &lt; 0.</summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? 0 : Math.Exp(SpecialFunctions.IncompleteGamma(Math.Floor(x) + 1, Lambda).LogUpper);

    /// <summary>ln P(X &gt; ⌊x⌋) = ln P(k + 1, λ), from the lower incomplete gamma itself; 0 for x &lt; 0, −∞ at x = +∞.</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? 0
        : double.IsPositiveInfinity(x) ? double.NegativeInfinity : SpecialFunctions.IncompleteGamma(Math.Floor(x) + 1, Lambda).LogLower;

    /// <summary>ln P(X ≤ ⌊x⌋) = ln Q(⌊x⌋ + 1, λ), the upper incomplete gamma function as a log, from the lower tail of X itself; −∞ for x &lt; 0.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? double.NegativeInfinity
        : double.IsPositiveInfinity(x) ? 0 : SpecialFunctions.IncompleteGamma(Math.Floor(x) + 1, Lambda).LogUpper;

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Sampling.Poisson(random, Lambda);
        }
    }

    /// <summary>KL divergence D(this ‖ q) = λ_p ln(λ_p/λ_q) − λ_p + λ_q nats.</summary>
    public double KullbackLeiblerDivergence(Poisson q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return Lambda * Math.Log(Lambda / q.Lambda) - Lambda + q.Lambda;
    }

    /// <summary>Maximum-likelihood fit: λ̂ = (1/N) Σ kᵢ; standard error √(λ̂/N) (observed information N/λ̂).</summary>
    /// <param name="sample">Whole numbers ≥ 0, not all 0.</param>
    /// <param name="lambda">Hold λ at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, negative or fractional values, or all zeros (λ̂ = 0 is outside λ &gt; 0); or a held λ out of range.</exception>
    public static DistributionFit<Poisson> Fit(ReadOnlySpan<double> sample, double? lambda = null)
    {
        Validate.Sample(sample, Name, InSupport, Support);
        Validate.Held(lambda, LambdaParameter, Name);
        int n = sample.Length;
        double rate = lambda ?? SampleSums.Mean(sample);
        if (!(rate > 0))
        {
            Validate.Throw($"All {n} observations are 0, so the Poisson maximum-likelihood rate λ̂ = 0 is outside λ > 0; a fit needs at least one positive count.", nameof(sample));
        }

        var model = new Poisson(rate);
        FittedParameter parameter = new("lambda", rate, lambda is null ? Math.Sqrt(rate / n) : null, lambda is not null);
        return new DistributionFit<Poisson>(model, [parameter], FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Poisson(lambda = {Validate.Format(Lambda)})";

    private static bool InSupport(double x) => x >= 0 && Validate.IsInteger(x);

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Poisson Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 1, Name);
        return new Poisson(parameters[0]);
    }

    /// <summary>
    /// The Poisson's sufficient statistics N and Σ k, with Σ ln kᵢ! for ln L (compensated): λ̂ = k̄,
    /// ln L = Σ k · ln λ − Nλ − Σ ln kᵢ!. Counts below <see cref="SmallValues"/> — nearly every Poisson count — are
    /// tallied by value and enter the sums once per distinct value (Σ k exactly, n_k · ln k! once), the rest one by one.
    /// </summary>
    private sealed class Accumulator() : FitAccumulator(Poisson.Family)
    {
        private const int SmallValues = 256;
        private readonly long[] smallCounts = new long[SmallValues];
        private NeumaierSum sum;
        private NeumaierSum logFactorials;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            foreach (double k in sample)
            {
                if (k < SmallValues)
                {
                    smallCounts[(int)k]++; // k is a whole number ≥ 0: the support was checked
                }
                else
                {
                    sum.Add(k);
                    logFactorials.Add(SpecialFunctions.LogFactorial(k));
                }
            }
        }

        private protected override void MergeChecked(FitAccumulator other)
        {
            var shard = (Accumulator)other;
            sum.Add(shard.sum);
            logFactorials.Add(shard.logFactorials);
            for (int k = 0; k < SmallValues; k++)
            {
                smallCounts[k] += shard.smallCounts[k];
            }
        }

        private protected override void AddRepeatedChecked(double value, long count)
        {
            if (value < SmallValues)
            {
                smallCounts[(int)value] += count;
                return;
            }

            sum.Add(value * count);
            logFactorials.Add(SpecialFunctions.LogFactorial(value) * count);
        }

        /// <summary>Σ k and Σ ln k! over everything added: the sums of the large counts plus each small value's n_k · k and n_k · ln k!.</summary>
        private (double Sum, double LogFactorials) Totals()
        {
            NeumaierSum total = sum, logs = logFactorials;
            for (int k = 1; k < SmallValues; k++)
            {
                if (smallCounts[k] > 0)
                {
                    total.Add((double)k * smallCounts[k]); // exact below 2⁵³
                    logs.Add(SpecialFunctions.LogFactorial(k) * smallCounts[k]);
                }
            }

            return (total.Value, logs.Value);
        }

        private protected override DistributionFit FitChecked(HeldParameters held)
        {
            double? lambda = held["lambda"];
            long n = Count;
            (double total, double logFactorialSum) = Totals();
            double rate = lambda ?? total / n;
            if (!(rate > 0))
            {
                Validate.Throw($"All {n} observations are 0, so the Poisson maximum-likelihood rate λ̂ = 0 is outside λ > 0; a fit needs at least one positive count.", "sample");
            }

            FittedParameter parameter = new("lambda", rate, lambda is null ? Math.Sqrt(rate / n) : null, lambda is not null);
            double logLikelihood = Bernoulli.XLogY(total, rate) - n * rate - logFactorialSum;
            return new DistributionFit<Poisson>(new Poisson(rate), [parameter], logLikelihood, n);
        }
    }
}
