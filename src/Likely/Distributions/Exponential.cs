using Likely.Likelihood;
using Likely.Numerics;

namespace Likely.Distributions;

/// <summary>
/// The exponential distribution: f(x) = λ e^(−λx), x ≥ 0. Parameter: rate λ &gt; 0 (<c>lambda</c>; holding it also
/// accepts the name <c>rate</c>; SciPy's <c>expon</c> uses scale = 1/λ with loc = 0).
/// </summary>
public sealed class Exponential : IUnivariateDistribution
{
    private const string Name = "exponential";
    private const string Support = "finite x ≥ 0";
    private static readonly FamilyParameter LambdaParameter = new("lambda", "λ", ParameterRange.Positive, "the rate (the mean is 1/λ)", Aliases: ["rate"]);

    /// <summary>The exponential family in the registry: <c>exponential (lambda)</c> on finite x ≥ 0.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: false, [LambdaParameter], Support,
        InSupport, Create, (sample, held) => Fit(sample, held["lambda"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates Exp(λ).</summary>
    /// <param name="lambda">λ, the rate, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">λ is out of range.</exception>
    public Exponential(double lambda)
    {
        Lambda = Validate.Parameter(lambda, LambdaParameter, Name);
    }

    /// <summary>λ, the rate (the mean is 1/λ).</summary>
    public double Lambda { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy 1 − ln λ nats.</summary>
    public double Entropy => 1 - Math.Log(Lambda);

    /// <inheritdoc/>
    public double[] GetParameters() => [Lambda];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for finite x ≥ 0.</summary>
    public bool IsInSupport(double x) => InSupport(x);

    /// <summary>ln f(x) = ln λ − λx for x ≥ 0, −∞ for x &lt; 0.</summary>
    public double LogDensity(double x) => x >= 0 ? Math.Log(Lambda) - Lambda * x : double.IsNaN(x) ? double.NaN : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double logLambda = Math.Log(Lambda);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = x[i] >= 0 ? logLambda - Lambda * x[i] : LogDensity(x[i]);
        }
    }

    /// <summary>F(x) = 1 − e^(−λx) for x ≥ 0 (as −expm1(−λx), exact for small λx), 0 for x &lt; 0.</summary>
    public double Cdf(double x) => x <= 0 ? (double.IsNaN(x) ? double.NaN : 0) : -SpecialFunctions.ExpM1(-Lambda * x);

    /// <summary>ln P(X &gt; x) = −λx for x ≥ 0, 0 for x &lt; 0.</summary>
    public double LogSurvival(double x) => x <= 0 ? (double.IsNaN(x) ? double.NaN : 0) : -Lambda * x;

    /// <summary>
    /// ln F(x) = ln(1 − e^(−u)) with u = λx: log1mexp(−u), or, for u &lt; 10⁻⁵, ln λ + ln x − u/2 (error below u²/24),
    /// which never forms the product λx, so it stays accurate where λx would be subnormal; −∞ for x ≤ 0.
    /// </summary>
    public double LogCdf(double x)
    {
        if (double.IsNaN(x) || x <= 0)
        {
            return double.IsNaN(x) ? double.NaN : double.NegativeInfinity;
        }

        double u = Lambda * x;
        return u < 1e-5 ? Math.Log(Lambda) + Math.Log(x) - 0.5 * u : SpecialFunctions.Log1MExp(-u);
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = -Math.Log(Sampling.OpenUniform(random)) / Lambda;
        }
    }

    /// <summary>KL divergence D(this ‖ q) = ln(λ_p/λ_q) + λ_q/λ_p − 1 nats.</summary>
    public double KullbackLeiblerDivergence(Exponential q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return Math.Log(Lambda / q.Lambda) + q.Lambda / Lambda - 1;
    }

    /// <summary>
    /// Maximum-likelihood fit: λ̂ = N / Σ xᵢ = 1/x̄, standard error λ̂/√N (observed information N/λ̂²).
    /// </summary>
    /// <remarks>x̄ is rescaled when Σ xᵢ would overflow, so finite data give a positive, finite λ̂.</remarks>
    /// <param name="sample">Finite observations ≥ 0, not all 0.</param>
    /// <param name="lambda">Hold λ at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, negative or infinite values, or all zeros (λ̂ would be ∞); or a held λ out of range.</exception>
    public static DistributionFit<Exponential> Fit(ReadOnlySpan<double> sample, double? lambda = null)
    {
        Validate.Sample(sample, Name, InSupport, Support);
        Validate.Held(lambda, LambdaParameter, Name);
        int n = sample.Length;
        double mean = SampleSums.Mean(sample);
        if (lambda is null && mean == 0)
        {
            Validate.Throw($"All {n} observations are 0, so the exponential maximum-likelihood rate 1/x̄ is infinite; a fit needs a positive value.", nameof(sample));
        }

        double rate = lambda ?? 1 / mean;
        var model = new Exponential(rate);
        FittedParameter parameter = new("lambda", rate, lambda is null ? rate / Math.Sqrt(n) : null, lambda is not null);
        return new DistributionFit<Exponential>(model, [parameter], FitSupport.LogLikelihood(model, sample), n);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Exponential(lambda = {Validate.Format(Lambda)})";

    private static bool InSupport(double x) => x >= 0 && double.IsFinite(x);

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Exponential Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 1, Name);
        return new Exponential(parameters[0]);
    }

    /// <summary>
    /// The exponential's sufficient statistics N and Σ x (compensated): λ̂ = 1/x̄, ln L = N ln λ − λ Σ x.
    /// </summary>
    private sealed class Accumulator() : FitAccumulator(Exponential.Family)
    {
        private NeumaierSum sum;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            foreach (double x in sample)
            {
                sum.Add(x);
            }
        }

        private protected override void MergeChecked(FitAccumulator other) => sum.Add(((Accumulator)other).sum);

        private protected override void AddStatisticsChecked(SufficientStatistics statistics) => sum.Add(statistics.Required(statistics.Sum, "sum_x"));

        private protected override DistributionFit FitChecked(HeldParameters held)
        {
            double? lambda = held["lambda"];
            long n = Count;
            double total = sum.Value, mean = total / n;
            if (lambda is null && mean == 0)
            {
                Validate.Throw($"All {n} observations are 0, so the exponential maximum-likelihood rate 1/x̄ is infinite; a fit needs a positive value.", "sample");
            }

            double rate = lambda ?? 1 / mean;
            FittedParameter parameter = new("lambda", rate, lambda is null ? rate / Math.Sqrt(n) : null, lambda is not null);
            return new DistributionFit<Exponential>(new Exponential(rate), [parameter], n * Math.Log(rate) - rate * total, n);
        }
    }
}
