using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The negative binomial distribution of the number of failures before the r-th success:
/// P(X = k) = Γ(k + r)/(Γ(r) k!) pʳ (1 − p)ᵏ, k = 0, 1, 2, …, with mean r(1 − p)/p and variance r(1 − p)/p² &gt; mean
/// (overdispersed counts; the Poisson is its limit r → ∞ at fixed mean). Parameters: r &gt; 0, real (<c>r</c>), success
/// probability p ∈ (0, 1) (<c>p</c>), as SciPy's <c>nbinom(n = r, p)</c>.
/// </summary>
public sealed class NegativeBinomial : IUnivariateDistribution
{
    private const string Name = "negative-binomial";
    private const string Support = "whole numbers 0, 1, 2, … (failures before the r-th success)";
    private const int MaxIterations = 200;
    private const double MaxEntropyTerms = 1e7;
    private static readonly FamilyParameter RParameter = new("r", "r", ParameterRange.Positive, "the number of successes (real; the dispersion: smaller is more overdispersed)");
    private static readonly FamilyParameter PParameter = new("p", "p", new ParameterRange(0, 1, false, false), "the success probability");
    private readonly double logNormalizer;

    /// <summary>The negative binomial family in the registry: <c>negative-binomial (r, p)</c> on the whole numbers 0, 1, 2, ….</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: true, [RParameter, PParameter], Support,
        InSupport, Create, (sample, held) => Fit(sample, held["r"], held["p"]));

    /// <summary>Creates NegativeBinomial(r, p).</summary>
    /// <param name="r">r, finite and &gt; 0 (need not be whole).</param>
    /// <param name="p">p, the success probability, in (0, 1).</param>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it.</exception>
    public NegativeBinomial(double r, double p)
    {
        R = Validate.Parameter(r, RParameter, Name);
        P = Validate.Parameter(p, PParameter, Name);
        logNormalizer = R * Math.Log(P) - SpecialFunctions.LogGamma(R);
    }

    /// <summary>r, the number of successes (a real dispersion parameter).</summary>
    public double R { get; }

    /// <summary>p, the success probability.</summary>
    public double P { get; }

    /// <summary>The mean r(1 − p)/p.</summary>
    public double Mean => R * (1 - P) / P;

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>
    /// Entropy −Σₖ P(k) ln P(k) nats, a convergent series (the tail is geometric with ratio → 1 − p): summed term by
    /// term with P(k + 1) = P(k)(k + r)(1 − p)/(k + 1) until past the mean the remaining mass, bounded by the
    /// survival function, is below 1e-17. When the mean + 50 standard deviations exceeds 10⁷ terms the normal
    /// approximation ½ ln(2πe·variance) is returned instead.
    /// </summary>
    public double Entropy
    {
        get
        {
            double variance = Mean / P;
            if (Mean + 50 * Math.Sqrt(variance) > MaxEntropyTerms)
            {
                return 0.5 * Math.Log(2 * Math.PI * Math.E * variance);
            }

            double sum = 0;
            for (double k = 0; k < MaxEntropyTerms; k++)
            {
                double logP = LogDensity(k);
                sum -= Math.Exp(logP) * logP;
                if (k > Mean && LogSurvival(k) < -39.2)
                {
                    break; // the rest, P(X > k) ≈ e^(−39.2) ≈ 1e-17 times ln-probabilities, is below double precision of H
                }
            }

            return sum;
        }
    }

    /// <inheritdoc/>
    public double[] GetParameters() => [R, P];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for whole numbers x ≥ 0.</summary>
    public bool IsInSupport(double x) => InSupport(x);

    /// <summary>ln P(X = k) = ln Γ(k + r) − ln Γ(r) − ln k! + r ln p + k ln(1 − p); −∞ unless k is a whole number ≥ 0.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN
        : InSupport(x) ? SpecialFunctions.LogGamma(x + R) - SpecialFunctions.LogFactorial(x) + logNormalizer + Bernoulli.XLogY(x, 1 - P)
        : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LogDensity(x[i]);
        }
    }

    /// <summary>F(x) = P(X ≤ k), k = ⌊x⌋: I_p(r, k + 1), the regularized incomplete beta function; 0 for x &lt; 0.</summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? 0 : Math.Exp(Tails(x).LogLower);

    /// <summary>ln P(X &gt; ⌊x⌋) = ln I_(1−p)(k + 1, r), from the upper tail itself; 0 for x &lt; 0.</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? 0 : Tails(x).LogUpper;

    /// <summary>ln P(X ≤ ⌊x⌋) = ln I_p(r, k + 1), from the lower tail itself; −∞ for x &lt; 0.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : x < 0 ? double.NegativeInfinity : Tails(x).LogLower;

    /// <summary>Independent draws as a gamma–Poisson mixture: Λ ~ Gamma(r, (1 − p)/p), X | Λ ~ Poisson(Λ).</summary>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        double scale = (1 - P) / P;
        for (int i = 0; i < destination.Length; i++)
        {
            double rate = scale * Sampling.StandardGamma(random, R);
            destination[i] = rate > 0 ? Sampling.Poisson(random, rate) : 0;
        }
    }

    /// <summary>
    /// Maximum-likelihood fit. Given r, p̂ = r/(r + x̄) in closed form; r̂ maximizes the profile log-likelihood
    /// ℓ(r) = Σ ln Γ(xᵢ + r) − N ln Γ(r) + N r ln p̂(r) + Σ xᵢ ln(1 − p̂(r)) (constants dropped), whose derivative
    /// Σ ψ(xᵢ + r) − N ψ(r) + N ln(r/(r + x̄)) is found to vanish by safeguarded Newton steps in ln r inside a bracket.
    /// A finite r̂ exists exactly when the sample is overdispersed, (1/N) Σ (xᵢ − x̄)² &gt; x̄. With p held, r̂ solves
    /// Σ ψ(xᵢ + r) − N ψ(r) + N ln p = 0 (decreasing in r). Standard errors from the observed information, with
    /// −∂²ℓ/∂r² = N ψ′(r) − Σ ψ′(xᵢ + r), −∂²ℓ/∂r∂p = −N/p, −∂²ℓ/∂p² = N r/p² + Σ xᵢ/(1 − p)².
    /// </summary>
    /// <param name="sample">Whole numbers ≥ 0, not all 0.</param>
    /// <param name="r">Hold r at this value, or null.</param>
    /// <param name="p">Hold p at this value, or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, negative or fractional values, or all zeros; or a held value out of range.</exception>
    /// <exception cref="InvalidOperationException">
    /// The sample is not overdispersed (variance ≤ mean), so the MLE runs to r → ∞, the Poisson limit: fit poisson instead.
    /// </exception>
    public static DistributionFit<NegativeBinomial> Fit(ReadOnlySpan<double> sample, double? r = null, double? p = null)
    {
        Validate.Sample(sample, Name, InSupport, Support);
        Validate.Held(r, RParameter, Name);
        Validate.Held(p, PParameter, Name);
        int n = sample.Length;
        double mean = SampleSums.Mean(sample);
        if (!(mean > 0))
        {
            Validate.Throw($"All {n} observations are 0, so the negative binomial maximum-likelihood p̂ is 1, outside p ∈ (0, 1); a fit needs at least one positive count.", nameof(sample));
        }

        var counts = Counts.Of(sample);
        double successes, probability;
        int iterations = 0;
        if (r is { } heldR)
        {
            successes = heldR;
            probability = p ?? heldR / (heldR + mean);
        }
        else
        {
            double variance = SampleSums.RootMeanSquare(sample, mean, n);
            variance *= variance;
            if (p is null && !(variance > mean))
            {
                throw new InvalidOperationException($"The sample is not overdispersed (variance {variance:G6} ≤ mean {mean:G6}), so the negative binomial maximum-likelihood r̂ runs to ∞: the Poisson limit. Fit poisson instead.");
            }

            Func<double, (double Score, double Slope)> score = p is { } heldP
                ? s => (counts.DigammaSum(s) + n * Math.Log(heldP), counts.TrigammaSum(s))
                : s => (counts.DigammaSum(s) + n * Math.Log(s / (s + mean)), counts.TrigammaSum(s) + n * mean / (s * (s + mean)));
            double start = p is { } hp ? mean * hp / (1 - hp) : mean * mean / (variance - mean);
            (successes, iterations) = SolveDecreasing(score, start);
            probability = p ?? successes / (successes + mean);
        }

        var model = new NegativeBinomial(successes, probability);
        bool[] held = [r is not null, p is not null];
        double[] information =
        [
            -counts.TrigammaSum(successes), -n / probability,
            -n / probability, n * successes / (probability * probability) + n * mean / ((1 - probability) * (1 - probability)),
        ];
        FittedParameter[] parameters = FitSupport.Parameters(Family.ParameterNames, [successes, probability], held, FitSupport.FreeBlock(information, 2, held));
        return new DistributionFit<NegativeBinomial>(model, parameters, FitSupport.LogLikelihood(model, sample), n, iterations);
    }

    /// <inheritdoc/>
    public override string ToString() => $"NegativeBinomial(r = {Validate.Format(R)}, p = {Validate.Format(P)})";

    private (double LogLower, double LogUpper) Tails(double x) =>
        double.IsPositiveInfinity(x) ? (0, double.NegativeInfinity) : SpecialFunctions.IncompleteBeta(R, Math.Floor(x) + 1, P, 1 - P);

    /// <summary>
    /// The root in r &gt; 0 of a score that is positive below it and negative above it: a bracket [lo, hi] is grown
    /// geometrically from <paramref name="start"/>, then Newton steps in ln r (slope from <paramref name="score"/>'s
    /// second value, d score/dr) fall back to bisection in ln r whenever they leave the bracket.
    /// </summary>
    private static (double Root, int Iterations) SolveDecreasing(Func<double, (double Score, double Slope)> score, double start)
    {
        double lo = start, hi = start;
        for (int i = 0; score(lo).Score < 0; i++)
        {
            lo /= 4;
            if (i > 200) throw NotConverged(lo);
        }

        for (int i = 0; score(hi).Score > 0; i++)
        {
            hi *= 4;
            if (i > 200) throw NotConverged(hi);
        }

        double r = Math.Clamp(start, lo, hi);
        for (int i = 1; i <= MaxIterations; i++)
        {
            (double s, double slope) = score(r);
            if (s > 0) lo = r; else hi = r;
            double next = r * Math.Exp(-s / (slope * r)); // Newton in t = ln r: dt = −s/(r·ds/dr)
            if (!(next > lo && next < hi))
            {
                next = Math.Sqrt(lo * hi);
            }

            if (Math.Abs(next - r) <= 1e-13 * r || hi - lo <= 1e-15 * hi)
            {
                return (next, i);
            }

            r = next;
        }

        throw NotConverged(r);
    }

    private static InvalidOperationException NotConverged(double r) =>
        new($"The negative binomial r did not converge (last r = {r:G6}); the sample may be too close to Poisson. Fit poisson instead.");

    private static bool InSupport(double x) => x >= 0 && Validate.IsInteger(x);

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static NegativeBinomial Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Name);
        return new NegativeBinomial(parameters[0], parameters[1]);
    }

    /// <summary>The sample as distinct values with multiplicities, so score sums cost one digamma per distinct count.</summary>
    private sealed class Counts
    {
        private readonly (double Value, int Count)[] groups;
        private readonly int total;

        private Counts((double, int)[] groups, int total) => (this.groups, this.total) = (groups, total);

        public static Counts Of(ReadOnlySpan<double> sample)
        {
            var map = new SortedDictionary<double, int>();
            foreach (double x in sample)
            {
                map[x] = map.GetValueOrDefault(x) + 1;
            }

            return new Counts(map.Select(e => (e.Key, e.Value)).ToArray(), sample.Length);
        }

        /// <summary>Σᵢ ψ(xᵢ + r) − N ψ(r) = Σᵢ Σ_(j &lt; xᵢ) 1/(r + j), positive and decreasing in r.</summary>
        public double DigammaSum(double r)
        {
            double psi = SpecialFunctions.Digamma(r), sum = 0;
            foreach ((double value, int count) in groups)
            {
                sum += count * (SpecialFunctions.Digamma(value + r) - psi);
            }

            return sum;
        }

        /// <summary>Σᵢ ψ′(xᵢ + r) − N ψ′(r) (negative), the derivative of <see cref="DigammaSum"/>.</summary>
        public double TrigammaSum(double r)
        {
            double sum = -total * SpecialFunctions.Trigamma(r);
            foreach ((double value, int count) in groups)
            {
                sum += count * SpecialFunctions.Trigamma(value + r);
            }

            return sum;
        }
    }
}
