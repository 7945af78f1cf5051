namespace Likely.Likelihood;

/// <summary>
/// The argument "maximum likelihood = minimum cross-entropy", step by step, as numbers from one sample and its fit:
/// (1) the naive product Π p(xᵢ) underflows while Σ ln p(xᵢ) does not; (2) (1/m) Σ ln p(xᵢ) = −H(p̂, p_θ̂);
/// (3) for discrete data H(p̂, p_θ̂) = H(p̂) + D(p̂ ‖ p_θ̂); (4) moving any free parameter off θ̂ raises the cross-entropy.
/// </summary>
/// <remarks>
/// With right-censored rows (<see cref="Compute(IUnivariateDistribution, MaximumLikelihoodFit, ReadOnlySpan{double}, ReadOnlySpan{bool})"/>)
/// every "p(xᵢ)" above is the row's likelihood term: the density f(xᵢ) of an exact row, the survival probability
/// S(xᵢ) = P(X &gt; xᵢ) of a censored one, so ln L = Σ_exact ln f + Σ_censored ln S (<see cref="CensoredMaximumLikelihood"/>)
/// and the cross-entropy is against what was observed: an event at x, or "beyond x". The two sums are in <see cref="Censoring"/>.
/// </remarks>
public sealed record LikelihoodLedger
{
    /// <summary>m, the number of observations.</summary>
    public required int ObservationCount { get; init; }

    /// <summary>Π p(xᵢ) multiplied left to right in float64, as a naive implementation would (usually 0 or ∞).</summary>
    public required double NaiveProduct { get; init; }

    /// <summary>The m at which the running product first became exactly 0 (underflow); null if it never did.</summary>
    public required int? UnderflowIndex { get; init; }

    /// <summary>The m at which the running product first became +∞ (densities above 1 overflow); null if it never did.</summary>
    public required int? OverflowIndex { get; init; }

    /// <summary>ln L(θ̂) = Σᵢ ln p(xᵢ; θ̂), accumulated in double: finite where the product is not.</summary>
    public required double LogLikelihood { get; init; }

    /// <summary>(1/m) Σᵢ ln p(xᵢ; θ̂) = −H(p̂, p_θ̂).</summary>
    public double MeanLogLikelihood => LogLikelihood / ObservationCount;

    /// <summary>H(p̂, p_θ̂) = −(1/m) Σᵢ ln p(xᵢ; θ̂), nats.</summary>
    public double CrossEntropy => -MeanLogLikelihood;

    /// <summary>Step 3 for a discrete model; null for a continuous one (p̂ has no density, so H(p̂) is not defined).</summary>
    public required CrossEntropyDecomposition? Decomposition { get; init; }

    /// <summary>Step 4: the cross-entropy with each free parameter moved by ±δ (directions that leave the domain are omitted).</summary>
    public required IReadOnlyList<PerturbedCrossEntropy> Perturbations { get; init; }

    /// <summary>With censored rows: the exact and the censored rows' sums, whose total is <see cref="LogLikelihood"/>; null without censoring.</summary>
    public CensoredLedgerTerms? Censoring { get; init; }

    /// <summary>True when every perturbation raised the cross-entropy, as it must at a maximum of the likelihood.</summary>
    public bool EveryPerturbationIsWorse => Perturbations.All(p => p.Increase > 0);

    /// <summary>Builds the ledger for <paramref name="fit"/> of <paramref name="model"/> on <paramref name="sample"/>.</summary>
    /// <param name="model">The fitted distribution p(·; θ̂).</param>
    /// <param name="fit">The fit (for which parameters are free and their standard errors).</param>
    /// <param name="sample">The sample the model was fitted to.</param>
    /// <exception cref="ArgumentException">The sample is empty or its size differs from the fit's.</exception>
    public static LikelihoodLedger Compute(IUnivariateDistribution model, MaximumLikelihoodFit fit, ReadOnlySpan<double> sample) =>
        Compute(model, fit, sample.ToArray(), null);

    /// <summary>
    /// Builds the ledger of a fit to right-censored data (<see cref="CensoredMaximumLikelihood.Fit"/>): each row's term
    /// is ln f(xᵢ) where it is exact and ln S(xᵢ) where <paramref name="censored"/>[i] marks it right-censored.
    /// </summary>
    /// <param name="model">The fitted distribution p(·; θ̂).</param>
    /// <param name="fit">The censored fit (for which parameters are free and their standard errors).</param>
    /// <param name="sample">The rows' times, as fitted.</param>
    /// <param name="censored">True where the row is right-censored; the same length as <paramref name="sample"/>.</param>
    /// <exception cref="ArgumentException">The sample is empty, its size differs from the fit's, or the flags' length from the sample's.</exception>
    public static LikelihoodLedger Compute(IUnivariateDistribution model, MaximumLikelihoodFit fit, ReadOnlySpan<double> sample, ReadOnlySpan<bool> censored)
    {
        if (censored.Length != sample.Length)
        {
            throw new ArgumentException($"{sample.Length} values but {censored.Length} censoring flags; give one flag per value.", nameof(censored));
        }

        return Compute(model, fit, sample.ToArray(), censored.ToArray());
    }

    private static LikelihoodLedger Compute(IUnivariateDistribution model, MaximumLikelihoodFit fit, double[] sample, bool[]? censored)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(fit);
        if (sample.Length == 0 || sample.Length != fit.ObservationCount)
        {
            throw new ArgumentException($"The sample has {sample.Length} observations but the fit used {fit.ObservationCount}; pass the fitted sample.", nameof(sample));
        }

        double[] logTerms = LogTerms(model, sample, censored);
        double product = 1, logLikelihood = 0;
        int? underflow = null, overflow = null;
        for (int i = 0; i < logTerms.Length; i++)
        {
            product *= Math.Exp(logTerms[i]);
            logLikelihood += logTerms[i];
            if (product == 0 && underflow is null)
            {
                underflow = i + 1;
            }

            if (double.IsPositiveInfinity(product) && overflow is null)
            {
                overflow = i + 1;
            }
        }

        double crossEntropy = -logLikelihood / sample.Length;
        return new LikelihoodLedger
        {
            ObservationCount = sample.Length,
            NaiveProduct = product,
            UnderflowIndex = underflow,
            OverflowIndex = overflow,
            LogLikelihood = logLikelihood,
            Decomposition = model.IsDiscrete && censored is null ? Decompose(model, sample) : null,
            Perturbations = Perturb(model, fit, sample, censored, crossEntropy),
            Censoring = censored is null ? null : Split(logTerms, censored),
        };
    }

    /// <summary>Each row's term of ln L: ln f(xᵢ), or ln S(xᵢ) for a censored row.</summary>
    private static double[] LogTerms(IUnivariateDistribution model, double[] sample, bool[]? censored)
    {
        double[] terms = new double[sample.Length];
        model.LogDensity(sample, terms);
        if (censored is not null)
        {
            for (int i = 0; i < terms.Length; i++)
            {
                terms[i] = censored[i] ? model.LogSurvival(sample[i]) : terms[i];
            }
        }

        return terms;
    }

    private static CensoredLedgerTerms Split(double[] logTerms, bool[] censored)
    {
        int exact = 0;
        double exactSum = 0, censoredSum = 0;
        for (int i = 0; i < logTerms.Length; i++)
        {
            exact += censored[i] ? 0 : 1;
            exactSum += censored[i] ? 0 : logTerms[i];
            censoredSum += censored[i] ? logTerms[i] : 0;
        }

        return new CensoredLedgerTerms(exact, logTerms.Length - exact, exactSum, censoredSum);
    }

    /// <summary>H(p̂, p_θ) = −(1/m) Σᵢ ln p(xᵢ; θ) for any member of the family.</summary>
    public static double CrossEntropyOf(IUnivariateDistribution model, ReadOnlySpan<double> sample)
    {
        ArgumentNullException.ThrowIfNull(model);
        double[] logDensities = new double[sample.Length];
        model.LogDensity(sample, logDensities);
        double sum = 0;
        foreach (double value in logDensities)
        {
            sum += value;
        }

        return -sum / sample.Length;
    }

    /// <summary>
    /// The cross-entropy profile θⱼ ↦ H(p̂, p_θ) with the other parameters at θ̂, at <paramref name="values"/>;
    /// +∞ where θⱼ leaves the domain (for plots of the minimum at θ̂ⱼ).
    /// </summary>
    public static double[] CrossEntropyProfile(IUnivariateDistribution model, ReadOnlySpan<double> sample, int parameterIndex, ReadOnlySpan<double> values)
    {
        ArgumentNullException.ThrowIfNull(model);
        var result = new double[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            result[i] = Moved(model, parameterIndex, values[i]) is { } moved ? CrossEntropyOf(moved, sample) : double.PositiveInfinity;
        }

        return result;
    }

    private static CrossEntropyDecomposition Decompose(IUnivariateDistribution model, ReadOnlySpan<double> sample)
    {
        var counts = new SortedDictionary<double, int>();
        foreach (double x in sample)
        {
            counts[x] = counts.GetValueOrDefault(x) + 1;
        }

        double m = sample.Length, entropy = 0, divergence = 0, crossEntropy = 0;
        foreach ((double x, int count) in counts)
        {
            double p = count / m, logP = Math.Log(p), logQ = model.LogDensity(x);
            entropy -= p * logP;
            divergence += p * (logP - logQ);
            crossEntropy -= p * logQ;
        }

        double discrepancy = Math.Abs(crossEntropy - (entropy + divergence));
        return new CrossEntropyDecomposition(entropy, divergence, crossEntropy, discrepancy, discrepancy <= 1e-12 * Math.Max(1, Math.Abs(crossEntropy)));
    }

    private static PerturbedCrossEntropy[] Perturb(IUnivariateDistribution model, MaximumLikelihoodFit fit, double[] sample, bool[]? censored, double best)
    {
        var result = new List<PerturbedCrossEntropy>();
        double[] theta = model.GetParameters();
        for (int j = 0; j < fit.Parameters.Count; j++)
        {
            FittedParameter parameter = fit.Parameters[j];
            if (parameter.IsFixed)
            {
                continue;
            }

            double delta = parameter.StandardError is > 0 and { } se ? se : 1e-3 * Math.Max(1, Math.Abs(theta[j]));
            foreach (double step in new[] { -delta, delta })
            {
                if (Moved(model, j, theta[j] + step) is { } moved)
                {
                    double crossEntropy = -LogTerms(moved, sample, censored).Sum() / sample.Length;
                    result.Add(new PerturbedCrossEntropy(parameter.Name, theta[j] + step, step, crossEntropy, crossEntropy - best));
                }
            }
        }

        return result.ToArray();
    }

    /// <summary>
    /// The model with parameter j set to <paramref name="value"/> (the family keeps any tie between its parameters:
    /// the categorical rescales the others to keep Σ p = 1); null where the value leaves the parameter's range.
    /// </summary>
    private static IUnivariateDistribution? Moved(IUnivariateDistribution model, int j, double value)
    {
        try
        {
            return model.WithParameter(j, value);
        }
        catch (ArgumentException)
        {
            return null; // the step left the parameter's range
        }
    }
}
