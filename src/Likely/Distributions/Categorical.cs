using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The categorical distribution on classes 0, …, K − 1: P(X = k) = pₖ, Σₖ pₖ = 1.
/// Parameters: the K probabilities p0, p1, … (<c>p0</c>, <c>p1</c>, …), each in [0, 1].
/// </summary>
public sealed class Categorical : IUnivariateDistribution
{
    /// <summary>The most classes the registry's fit takes (class indices 0…2²⁰ − 1): a larger index is not a class label.</summary>
    public const int MaxCategoryCount = 1 << 20;

    private const string Name = "categorical";
    private const string Support = "class indices 0, 1, …, 1048575";
    private readonly double[] probabilities;
    private readonly string[] names;

    /// <summary>
    /// The categorical family in the registry: <c>categorical (p0, …, pK−1)</c> on class indices; K is the largest
    /// index + 1, and the probabilities cannot be held (they are tied by Σ p = 1).
    /// </summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: true, [], Support, InSupport,
        p => new Categorical(p), (sample, _) => Fit(ToClassIndices(sample)), parameterSummary: "p0, …, pK−1",
        createAccumulator: () => new Accumulator());

    /// <summary>Creates Categorical(p₀, …, p_(K−1)).</summary>
    /// <param name="p">p = (p0, …, pK−1): K ≥ 1 probabilities in [0, 1] summing to 1 within 1e-9 (they are rescaled to sum to 1 exactly).</param>
    /// <exception cref="ArgumentException">Empty, a value outside [0, 1] or NaN, or the sum is not 1.</exception>
    public Categorical(ReadOnlySpan<double> p)
    {
        if (p.IsEmpty)
        {
            Validate.Throw("A categorical distribution needs at least one class probability.", nameof(p));
        }

        double sum = 0;
        for (int k = 0; k < p.Length; k++)
        {
            sum += ParameterRange.Probability.Require(p[k], $"p{k}", Name);
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            Validate.Throw($"The categorical probabilities sum to {Validate.Format(sum)}, not 1; rescale them so they sum to 1.", nameof(p));
        }

        probabilities = new double[p.Length];
        for (int k = 0; k < p.Length; k++)
        {
            probabilities[k] = p[k] / sum;
        }

        names = Enumerable.Range(0, p.Length).Select(k => $"p{k}").ToArray();
    }

    /// <summary>K, the number of classes.</summary>
    public int CategoryCount => probabilities.Length;

    /// <summary>The parameters p = (p0, …, pK−1): pₖ = P(X = k).</summary>
    public ReadOnlySpan<double> Probabilities => probabilities;

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => names;

    /// <inheritdoc/>
    public bool IsDiscrete => true;

    /// <summary>Entropy −Σₖ pₖ ln pₖ nats, with 0·ln 0 = 0 (a zero probability contributes nothing, never NaN).</summary>
    public double Entropy => -probabilities.Sum(p => Bernoulli.XLogY(p, p));

    /// <inheritdoc/>
    public double[] GetParameters() => (double[])probabilities.Clone();

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => new Categorical(parameters);

    /// <summary>
    /// The categorical with pⱼ = <paramref name="value"/> and the other probabilities rescaled by (1 − value)/(1 − pⱼ),
    /// so they keep their proportions and Σ p stays 1.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a class.</exception>
    /// <exception cref="ArgumentException">The value is outside [0, 1], or pⱼ = 1 (the others are 0 and have no proportions to keep).</exception>
    public IUnivariateDistribution WithParameter(int index, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, CategoryCount);
        ParameterRange.Probability.Require(value, $"p{index}", Name);
        double rest = 1 - probabilities[index];
        if (!(rest > 0))
        {
            Validate.Throw($"p{index} = 1, so the other probabilities are all 0 and cannot be rescaled to make room for p{index} = {Validate.Format(value)}.", nameof(index));
        }

        double[] moved = new double[CategoryCount];
        for (int k = 0; k < moved.Length; k++)
        {
            moved[k] = k == index ? value : probabilities[k] * (1 - value) / rest;
        }

        return new Categorical(moved);
    }

    /// <summary>True for whole numbers 0 ≤ x &lt; K.</summary>
    public bool IsInSupport(double x) => x >= 0 && x < CategoryCount && Validate.IsInteger(x);

    /// <summary>ln pₖ (−∞ when pₖ = 0 or k is outside 0…K−1).</summary>
    public double LogProbability(int k) => (uint)k < (uint)CategoryCount ? Math.Log(probabilities[k]) : double.NegativeInfinity;

    /// <summary>ln P(X = x); −∞ unless x is a class index.</summary>
    public double LogDensity(double x) => double.IsNaN(x) ? double.NaN : IsInSupport(x) ? Math.Log(probabilities[(int)x]) : double.NegativeInfinity;

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LogDensity(x[i]);
        }
    }

    /// <summary>F(x) = Σ_(j ≤ ⌊x⌋) pⱼ; 0 for x &lt; 0, 1 from K − 1 on.</summary>
    public double Cdf(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double sum = 0;
        for (int j = 0; j < probabilities.Length && j <= x; j++)
        {
            sum += probabilities[j];
        }

        return Math.Min(sum, 1);
    }

    /// <summary>ln Σ_(j &gt; ⌊x⌋) pⱼ, summing the upper probabilities themselves; 0 for x &lt; 0, −∞ from K − 1 on.</summary>
    public double LogSurvival(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        double sum = 0;
        for (int j = probabilities.Length - 1; j >= 0 && j > x; j--)
        {
            sum += probabilities[j];
        }

        return Math.Log(Math.Min(sum, 1));
    }

    /// <summary>ln Σ_(j ≤ ⌊x⌋) pⱼ, the log of the lower sum itself; −∞ for x &lt; 0, 0 from K − 1 on.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : Math.Log(Cdf(x));

    /// <summary>Independent class indices by inversion of the cumulative probabilities.</summary>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            double u = random.NextDouble(), cumulative = 0;
            int k = 0;
            while (k < CategoryCount - 1 && u >= (cumulative += probabilities[k]))
            {
                k++;
            }

            destination[i] = k;
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = Σₖ pₖ ln(pₖ/qₖ) nats, with 0·ln(0/q) = 0 and +∞ where qₖ = 0 &lt; pₖ.
    /// </summary>
    /// <exception cref="ArgumentException">The numbers of classes differ.</exception>
    public double KullbackLeiblerDivergence(Categorical q)
    {
        ArgumentNullException.ThrowIfNull(q);
        if (q.CategoryCount != CategoryCount)
        {
            Validate.Throw($"The distributions have {CategoryCount} and {q.CategoryCount} classes; D(p‖q) needs the same classes.", nameof(q));
        }

        double sum = 0;
        for (int k = 0; k < CategoryCount; k++)
        {
            sum += Bernoulli.RelativeTerm(probabilities[k], q.probabilities[k]);
        }

        return sum;
    }

    /// <summary>
    /// Maximum-likelihood fit: p̂ₖ = nₖ/N, the class frequencies. Standard errors √(p̂ₖ(1 − p̂ₖ)/N), the diagonal of
    /// the inverse Fisher information (diag p − p pᵀ)/N; k = K − 1 free parameters for AIC/BIC.
    /// </summary>
    /// <param name="sample">Class indices in 0…K−1.</param>
    /// <param name="categoryCount">K; null for (largest index + 1). Classes never observed get p̂ = 0.</param>
    /// <exception cref="ArgumentException">Empty sample, or an index outside 0…K−1.</exception>
    public static DistributionFit<Categorical> Fit(ReadOnlySpan<int> sample, int? categoryCount = null)
    {
        if (sample.IsEmpty)
        {
            Validate.Throw($"The sample is empty; fitting {Name} needs at least one observation.", nameof(sample));
        }

        int k = categoryCount ?? (MaxOf(sample) + 1);
        var counts = new double[k];
        for (int i = 0; i < sample.Length; i++)
        {
            if ((uint)sample[i] >= (uint)k)
            {
                Validate.Throw($"sample[{i}] = {sample[i]} is outside the classes 0…{k - 1}; pass a larger categoryCount or fix the label.", nameof(sample));
            }

            counts[sample[i]]++;
        }

        return FromCounts(counts, sample.Length);
    }

    /// <summary>The fit from the class counts nₖ (N = Σ nₖ): the one estimate of the in-memory and the streaming fit.</summary>
    private static DistributionFit<Categorical> FromCounts(double[] counts, long n)
    {
        int k = counts.Length;
        double[] estimate = counts.Select(c => c / n).ToArray();
        var model = new Categorical(estimate);
        var parameters = new FittedParameter[k];
        double logLikelihood = 0;
        for (int c = 0; c < k; c++)
        {
            double p = model.probabilities[c];
            parameters[c] = new FittedParameter($"p{c}", p, Math.Sqrt(p * (1 - p) / n), false);
            logLikelihood += Bernoulli.XLogY(counts[c], p);
        }

        return new DistributionFit<Categorical>(model, parameters, logLikelihood, n, 0, k - 1);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Categorical({string.Join(", ", probabilities.Select((p, k) => $"p{k} = {Validate.Format(p)}"))})";

    /// <summary>The class indices of a sample given as doubles, checked: whole numbers 0…2²⁰ − 1.</summary>
    private static int[] ToClassIndices(ReadOnlySpan<double> sample)
    {
        Validate.Sample(sample, Name, InSupport, $"{Support}; map labels to class indices first");
        int[] indices = new int[sample.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = (int)sample[i];
        }

        return indices;
    }

    private static bool InSupport(double x) => x >= 0 && x < MaxCategoryCount && Validate.IsInteger(x);

    private static int MaxOf(ReadOnlySpan<int> sample)
    {
        int max = -1;
        foreach (int v in sample)
        {
            max = Math.Max(max, v);
        }

        return max;
    }

    /// <summary>The categorical's sufficient statistics: the count of each class index seen (K grows with the largest index).</summary>
    private sealed class Accumulator() : FitAccumulator(Categorical.Family)
    {
        private long[] counts = [];
        private int classes;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            foreach (double x in sample)
            {
                Slot((int)x)++;
            }
        }

        private protected override void MergeChecked(FitAccumulator other)
        {
            var shard = (Accumulator)other;
            for (int k = 0; k < shard.classes; k++)
            {
                Slot(k) += shard.counts[k];
            }
        }

        private protected override void AddRepeatedChecked(double value, long count) => Slot((int)value) += count;

        private protected override DistributionFit FitChecked(HeldParameters held) =>
            FromCounts(counts.Take(classes).Select(c => (double)c).ToArray(), Count);

        /// <summary>The count of class <paramref name="k"/>, the array grown (doubling) to hold it; K = largest index + 1.</summary>
        private ref long Slot(int k)
        {
            classes = Math.Max(classes, k + 1);
            if (k >= counts.Length)
            {
                Array.Resize(ref counts, Math.Max(k + 1, 2 * counts.Length));
            }

            return ref counts[k];
        }
    }
}
