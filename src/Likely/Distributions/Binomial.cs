using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The binomial distribution: P(X = k) = C(n, k) pᵏ (1 − p)^(n−k), k = 0, …, n.
/// Parameters: number of trials n ≥ 1 (<c>n</c>, always given, never estimated), success probability p ∈ [0, 1] (<c>p</c>).
/// </summary>
public sealed class Binomial : IUnivariateDistribution
{
    private const string Family = "binomial";
    private static readonly string[] Names = ["n", "p"];

    /// <summary>Creates Binomial(n, p).</summary>
    /// <param name="trials">n ≥ 1.</param>
    /// <param name="probability">p ∈ [0, 1].</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Binomial(int trials, double probability)
    {
        if (trials < 1)
        {
            Validate.Throw($"{Family}: parameter n = {trials} is out of range; the number of trials must be ≥ 1.", "n");
        }

        Trials = trials;
        Probability = Validate.InRange(probability, 0, 1, false, false, "p", Family);
    }

    /// <summary>n, the number of trials.</summary>
    public int Trials { get; }

    /// <summary>p, the success probability per trial.</summary>
    public double Probability { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>Entropy −Σₖ P(k) ln P(k) nats, summed exactly over k = 0…n (there is no closed form).</summary>
    public double Entropy
    {
        get
        {
            double sum = 0;
            for (int k = 0; k <= Trials; k++)
            {
                double logP = LogProbability(k);
                sum -= double.IsNegativeInfinity(logP) ? 0 : Math.Exp(logP) * logP;
            }

            return sum;
        }
    }

    /// <inheritdoc/>
    public double[] GetParameters() => [Trials, Probability];

    /// <summary>A binomial with parameters [n, p]; n must be a whole number.</summary>
    /// <exception cref="ArgumentException">The count is not 2, n is not a whole number ≥ 1, or p is outside [0, 1].</exception>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Family);
        if (!Validate.IsInteger(parameters[0]) || parameters[0] > int.MaxValue)
        {
            Validate.Throw($"{Family}: parameter n = {Validate.Format(parameters[0])} must be a whole number of trials.", "n");
        }

        return new Binomial((int)parameters[0], parameters[1]);
    }

    /// <summary>True for whole numbers 0 ≤ x ≤ n.</summary>
    public bool IsInSupport(double x) => x >= 0 && x <= Trials && Validate.IsInteger(x);

    /// <summary>ln P(X = k) = ln C(n, k) + k ln p + (n − k) ln(1 − p), with 0·ln 0 = 0; −∞ outside 0…n.</summary>
    public double LogProbability(int k)
    {
        if (k < 0 || k > Trials)
        {
            return double.NegativeInfinity;
        }

        return SpecialFunctions.LogFactorial(Trials) - SpecialFunctions.LogFactorial(k) - SpecialFunctions.LogFactorial(Trials - k)
            + Bernoulli.XLogY(k, Probability) + Bernoulli.XLogY(Trials - k, 1 - Probability);
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

    /// <summary>
    /// Independent draws by exact inversion: a sequential search from 0 when n·min(p, 1 − p) ≤ 30, otherwise a search
    /// outward from the mode, alternating sides (any fixed order of the outcomes inverts exactly), costing O(√(np(1 − p))).
    /// </summary>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        bool flip = Probability > 0.5;
        double p = flip ? 1 - Probability : Probability;
        for (int i = 0; i < destination.Length; i++)
        {
            int k = Trials * p <= 30 ? Inversion(random, p) : InversionFromMode(random, p);
            destination[i] = flip ? Trials - k : k;
        }
    }

    /// <summary>KL divergence D(this ‖ q) = n·[p ln(p/q) + (1 − p) ln((1 − p)/(1 − q))] nats; both must have the same n.</summary>
    /// <exception cref="ArgumentException">The numbers of trials differ.</exception>
    public double KullbackLeiblerDivergence(Binomial q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.Trials != Trials)
        {
            Validate.Throw($"The binomials have n = {Trials} and n = {q.Trials}; the closed-form KL divergence needs the same number of trials.", nameof(q));
        }

        return Trials * new Bernoulli(Probability).KullbackLeiblerDivergence(new Bernoulli(q.Probability));
    }

    /// <summary>
    /// Maximum-likelihood fit of p with n given: p̂ = Σ kᵢ / (nN); standard error √(p̂(1 − p̂)/(nN)).
    /// </summary>
    /// <param name="sample">Whole numbers in 0…n.</param>
    /// <param name="trials">n, the number of trials per observation (held; it is not estimated).</param>
    /// <param name="probability">Hold p at this value (nothing is then estimated), or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, or values that are not whole numbers in 0…n; n &lt; 1.</exception>
    public static DistributionFit<Binomial> Fit(ReadOnlySpan<double> sample, int trials, double? probability = null)
    {
        if (trials < 1)
        {
            Validate.Throw($"The number of trials n = {trials} must be ≥ 1; pass the n every observation counts successes out of.", nameof(trials));
        }

        Validate.Sample(sample, Family, x => x >= 0 && x <= trials && Validate.IsInteger(x), $"whole numbers 0…{trials} with n = {trials}; check n");
        int count = sample.Length;
        double p = probability ?? FitSupport.Average(sample) / trials;
        var model = new Binomial(trials, p);
        FittedParameter[] parameters =
        [
            new("n", trials, null, true),
            new("p", p, probability is null ? Math.Sqrt(p * (1 - p) / ((double)trials * count)) : null, probability is not null),
        ];
        return new DistributionFit<Binomial>(model, parameters, FitSupport.LogLikelihood(model, sample), count);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Binomial(n = {Trials}, p = {Validate.Format(Probability)})";

    private int Inversion(Random random, double p)
    {
        if (p == 0)
        {
            return 0;
        }

        double u = random.NextDouble(), probability = Math.Pow(1 - p, Trials), cumulative = probability, odds = p / (1 - p);
        int k = 0;
        while (u > cumulative && k < Trials)
        {
            probability *= (Trials - k) / (k + 1.0) * odds;
            k++;
            cumulative += probability;
        }

        return k;
    }

    private int InversionFromMode(Random random, double p)
    {
        int mode = (int)Math.Floor((Trials + 1) * p);
        double odds = p / (1 - p);
        double atMode = Math.Exp(new Binomial(Trials, p).LogProbability(mode));
        double u = random.NextDouble() - atMode;
        double lowProbability = atMode, highProbability = atMode;
        int low = mode, high = mode;
        while (u > 0 && (low > 0 || high < Trials))
        {
            if (high < Trials)
            {
                highProbability *= (Trials - high) / (high + 1.0) * odds;
                high++;
                u -= highProbability;
                if (u <= 0)
                {
                    return high;
                }
            }

            if (low > 0)
            {
                lowProbability *= low / ((Trials - low + 1.0) * odds);
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
}
