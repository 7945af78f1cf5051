using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The categorical distribution on classes 0, …, K − 1: P(X = k) = pₖ, Σₖ pₖ = 1.
/// Parameters: the K probabilities p0, p1, … (<c>p0</c>, <c>p1</c>, …), each in [0, 1].
/// </summary>
public sealed class Categorical : IUnivariateDistribution
{
    private const string Family = "categorical";
    private readonly double[] probabilities;
    private readonly string[] names;

    /// <summary>Creates Categorical(p₀, …, p_(K−1)).</summary>
    /// <param name="probabilities">K ≥ 1 probabilities in [0, 1] summing to 1 within 1e-9 (they are rescaled to sum to 1 exactly).</param>
    /// <exception cref="ArgumentException">Empty, a value outside [0, 1] or NaN, or the sum is not 1.</exception>
    public Categorical(ReadOnlySpan<double> probabilities)
    {
        if (probabilities.IsEmpty)
        {
            Validate.Throw("A categorical distribution needs at least one class probability.", nameof(probabilities));
        }

        double sum = 0;
        for (int k = 0; k < probabilities.Length; k++)
        {
            sum += Validate.InRange(probabilities[k], 0, 1, false, false, $"p{k}", Family);
        }

        if (Math.Abs(sum - 1) > 1e-9)
        {
            Validate.Throw($"The categorical probabilities sum to {Validate.Format(sum)}, not 1; rescale them so they sum to 1.", nameof(probabilities));
        }

        this.probabilities = new double[probabilities.Length];
        for (int k = 0; k < probabilities.Length; k++)
        {
            this.probabilities[k] = probabilities[k] / sum;
        }

        names = Enumerable.Range(0, probabilities.Length).Select(k => $"p{k}").ToArray();
    }

    /// <summary>K, the number of classes.</summary>
    public int CategoryCount => probabilities.Length;

    /// <summary>p₀, …, p_(K−1).</summary>
    public ReadOnlySpan<double> Probabilities => probabilities;

    /// <inheritdoc/>
    public string FamilyName => Family;

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
            Validate.Throw($"The sample is empty; fitting {Family} needs at least one observation.", nameof(sample));
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

        int n = sample.Length;
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

    private static int MaxOf(ReadOnlySpan<int> sample)
    {
        int max = -1;
        foreach (int v in sample)
        {
            max = Math.Max(max, v);
        }

        return max;
    }
}
