using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The binomial distribution: P(X = k) = C(n, k) pᵏ (1 − p)^(n−k), k = 0, …, n.
/// Parameters: number of trials n ≥ 1 (<c>n</c>, always given, never estimated), success probability p ∈ [0, 1] (<c>p</c>).
/// </summary>
public sealed class Binomial : IUnivariateDistribution
{
    private const string Name = "binomial";
    private static readonly FamilyParameter NParameter = new("n", "n", new ParameterRange(1, int.MaxValue, true, true, WholeNumber: true),
        "the number of trials per observation", MustBeHeld: true);

    private static readonly FamilyParameter PParameter = new("p", "p", ParameterRange.Probability, "the success probability per trial");

    /// <summary>
    /// The binomial family in the registry: <c>binomial (n, p)</c> on the whole numbers 0…n; a fit needs n held
    /// (it counts trials, it is not estimated).
    /// </summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: true, [NParameter, PParameter], "whole numbers 0, 1, …, n",
        x => x >= 0 && Validate.IsInteger(x), Create, (sample, held) => Fit(sample, (int)held["n"]!.Value, held["p"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates Binomial(n, p).</summary>
    /// <param name="n">n ≥ 1, the number of trials.</param>
    /// <param name="p">p ∈ [0, 1], the success probability per trial.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Binomial(int n, double p)
    {
        N = (int)Validate.Parameter(n, NParameter, Name);
        P = Validate.Parameter(p, PParameter, Name);
    }

    /// <summary>n, the number of trials.</summary>
    public int N { get; }

    /// <summary>p, the success probability per trial.</summary>
    public double P { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>Entropy −Σₖ P(k) ln P(k) nats, summed exactly over k = 0…n (there is no closed form).</summary>
    public double Entropy
    {
        get
        {
            double sum = 0;
            for (int k = 0; k <= N; k++)
            {
                double logP = LogProbability(k);
                sum -= double.IsNegativeInfinity(logP) ? 0 : Math.Exp(logP) * logP;
            }

            return sum;
        }
    }

    /// <inheritdoc/>
    public double[] GetParameters() => [N, P];

    /// <summary>A binomial with parameters [n, p]; n must be a whole number.</summary>
    /// <exception cref="ArgumentException">The count is not 2, n is not a whole number ≥ 1, or p is outside [0, 1].</exception>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for whole numbers 0 ≤ x ≤ n.</summary>
    public bool IsInSupport(double x) => x >= 0 && x <= N && Validate.IsInteger(x);

    /// <summary>ln P(X = k) = ln C(n, k) + k ln p + (n − k) ln(1 − p), with 0·ln 0 = 0; −∞ outside 0…n.</summary>
    public double LogProbability(int k)
    {
        if (k < 0 || k > N)
        {
            return double.NegativeInfinity;
        }

        return SpecialFunctions.LogFactorial(N) - SpecialFunctions.LogFactorial(k) - SpecialFunctions.LogFactorial(N - k)
            + Bernoulli.XLogY(k, P) + Bernoulli.XLogY(N - k, 1 - P);
    }

    /// <summary>ln P(X = x); −∞ unless x is a whole number in 0…n.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN : IsInSupport(x) ? LogProbability((int)x) : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LogDensity(x[i]);
        }
    }

    /// <summary>F(x) = P(X ≤ k), k = ⌊x⌋: I_(1−p)(n − k, k + 1) for 0 ≤ k &lt; n; 0 below 0, 1 from n on.</summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : Math.Exp(Tails(x).LogLower);

    /// <summary>ln P(X &gt; ⌊x⌋) = ln I_p(k + 1, n − k), from the upper tail itself; 0 below 0, −∞ from n on.</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : Tails(x).LogUpper;

    /// <summary>ln P(X ≤ ⌊x⌋) = ln I_(1−p)(n − k, k + 1), from the lower tail itself; −∞ for x &lt; 0, 0 from n on.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : Tails(x).LogLower;

    private (double LogLower, double LogUpper) Tails(double x)
    {
        double k = Math.Floor(x);
        if (k < 0)
        {
            return (double.NegativeInfinity, 0);
        }

        return k >= N ? (0, double.NegativeInfinity) : SpecialFunctions.IncompleteBeta(N - k, k + 1, 1 - P, P);
    }

    /// <summary>
    /// Independent draws by exact inversion: a sequential search from 0 when n·min(p, 1 − p) ≤ 30, otherwise a search
    /// outward from the mode, alternating sides (any fixed order of the outcomes inverts exactly), costing O(√(np(1 − p))).
    /// </summary>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        bool flip = P > 0.5;
        double p = flip ? 1 - P : P;
        for (int i = 0; i < destination.Length; i++)
        {
            int k = N * p <= 30 ? Inversion(random, p) : InversionFromMode(random, p);
            destination[i] = flip ? N - k : k;
        }
    }

    /// <summary>KL divergence D(this ‖ q) = n·[p ln(p/q) + (1 − p) ln((1 − p)/(1 − q))] nats; both must have the same n.</summary>
    /// <exception cref="ArgumentException">The numbers of trials differ.</exception>
    public double KullbackLeiblerDivergence(Binomial q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.N != N)
        {
            Validate.Throw($"The binomials have n = {N} and n = {q.N}; the closed-form KL divergence needs the same number of trials.", nameof(q));
        }

        return N * new Bernoulli(P).KullbackLeiblerDivergence(new Bernoulli(q.P));
    }

    /// <summary>
    /// Maximum-likelihood fit of p with n given: p̂ = Σ kᵢ / (nN); standard error √(p̂(1 − p̂)/(nN)).
    /// </summary>
    /// <param name="sample">Whole numbers in 0…n.</param>
    /// <param name="n">The number of trials per observation (held; it is not estimated).</param>
    /// <param name="p">Hold p at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, or values that are not whole numbers in 0…n; n &lt; 1; or a held p outside [0, 1].</exception>
    public static DistributionFit<Binomial> Fit(ReadOnlySpan<double> sample, int n, double? p = null)
    {
        Validate.Parameter(n, NParameter, Name);
        Validate.Held(p, PParameter, Name);
        Validate.Sample(sample, Name, x => x >= 0 && x <= n && Validate.IsInteger(x), $"whole numbers 0…{n} with n = {n}; check n");
        int count = sample.Length;
        double estimate = p ?? SampleSums.Mean(sample) / n;
        var model = new Binomial(n, estimate);
        FittedParameter[] parameters =
        [
            new("n", n, null, true),
            new("p", estimate, p is null ? Math.Sqrt(estimate * (1 - estimate) / ((double)n * count)) : null, p is not null),
        ];
        return new DistributionFit<Binomial>(model, parameters, FitSupport.LogLikelihood(model, sample), count);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Binomial(n = {N}, p = {Validate.Format(P)})";

    private int Inversion(Random random, double p)
    {
        if (p == 0)
        {
            return 0;
        }

        double u = random.NextDouble(), probability = Math.Pow(1 - p, N), cumulative = probability, odds = p / (1 - p);
        int k = 0;
        while (u > cumulative && k < N)
        {
            probability *= (N - k) / (k + 1.0) * odds;
            k++;
            cumulative += probability;
        }

        return k;
    }

    private int InversionFromMode(Random random, double p)
    {
        int mode = (int)Math.Floor((N + 1) * p);
        double odds = p / (1 - p);
        double atMode = Math.Exp(new Binomial(N, p).LogProbability(mode));
        double u = random.NextDouble() - atMode;
        double lowProbability = atMode, highProbability = atMode;
        int low = mode, high = mode;
        while (u > 0 && (low > 0 || high < N))
        {
            if (high < N)
            {
                highProbability *= (N - high) / (high + 1.0) * odds;
                high++;
                u -= highProbability;
                if (u <= 0)
                {
                    return high;
                }
            }

            if (low > 0)
            {
                lowProbability *= low / ((N - low + 1.0) * odds);
                low--;
                u -= lowProbability;
                if (u <= 0)
                {
                    return low;
                }
            }
        }

        return mode;
    }

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Binomial Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Name);
        return new Binomial((int)Validate.Parameter(parameters[0], NParameter, Name), parameters[1]);
    }

    /// <summary>
    /// The binomial's statistics: how often each whole number k was observed (memory grows with the distinct values,
    /// at most n + 1 of them for valid data), since ln L = Σₖ count(k)·ln P(X = k) needs the trials n, which is only
    /// known when the fit holds it. p̂ = Σ k / (nN).
    /// </summary>
    private sealed class Accumulator() : FitAccumulator(Binomial.Family)
    {
        private readonly Dictionary<long, long> counts = [];
        private double max;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            foreach (double k in sample)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, (long)Math.Min(k, long.MaxValue), out _)++;
                max = Math.Max(max, k);
            }
        }

        private protected override void MergeChecked(FitAccumulator other)
        {
            var shard = (Accumulator)other;
            foreach ((long k, long count) in shard.counts)
            {
                System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(counts, k, out _) += count;
            }

            max = Math.Max(max, shard.max);
        }

        private protected override DistributionFit FitChecked(HeldParameters held)
        {
            int trials = (int)held["n"]!.Value;
            double? p = held["p"];
            if (max > trials)
            {
                Validate.Throw($"An observation = {Validate.Format(max)} is outside the support of {Name} (whole numbers 0…{trials} with n = {trials}; check n); choose a family whose support contains the data.", "sample");
            }

            long count = Count;
            long total = 0;
            foreach ((long k, long c) in counts)
            {
                total += k * c;
            }

            double estimate = p ?? (double)total / count / trials;
            var model = new Binomial(trials, estimate);
            double logLikelihood = 0;
            foreach ((long k, long c) in counts.OrderBy(pair => pair.Key))
            {
                logLikelihood += c * model.LogProbability((int)k);
            }

            FittedParameter[] parameters =
            [
                new("n", trials, null, true),
                new("p", estimate, p is null ? Math.Sqrt(estimate * (1 - estimate) / ((double)trials * count)) : null, p is not null),
            ];
            return new DistributionFit<Binomial>(model, parameters, logLikelihood, count);
        }
    }
}
