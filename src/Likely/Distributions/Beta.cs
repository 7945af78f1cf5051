using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The beta distribution: f(x) = x^(α−1) (1 − x)^(β−1) / B(α, β), 0 &lt; x &lt; 1.
/// Parameters: α &gt; 0 (<c>alpha</c>), β &gt; 0 (<c>beta</c>).
/// </summary>
public sealed class Beta : IUnivariateDistribution
{
    private const string Family = "beta";
    private static readonly string[] Names = ["alpha", "beta"];
    private readonly double logBeta;

    /// <summary>Creates Beta(α, β).</summary>
    /// <param name="alpha">α, finite and &gt; 0.</param>
    /// <param name="beta">β, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Beta(double alpha, double beta)
    {
        Alpha = Validate.Positive(alpha, "alpha", Family);
        BetaParameter = Validate.Positive(beta, "beta", Family);
        logBeta = SpecialFunctions.LogBeta(Alpha, BetaParameter);
    }

    /// <summary>α, the first shape parameter.</summary>
    public double Alpha { get; }

    /// <summary>β, the second shape parameter (named so because the class is called Beta).</summary>
    public double BetaParameter { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy ln B(α, β) − (α − 1) ψ(α) − (β − 1) ψ(β) + (α + β − 2) ψ(α + β) nats.</summary>
    public double Entropy => SpecialFunctions.LogBeta(Alpha, BetaParameter) - (Alpha - 1) * SpecialFunctions.Digamma(Alpha)
        - (BetaParameter - 1) * SpecialFunctions.Digamma(BetaParameter) + (Alpha + BetaParameter - 2) * SpecialFunctions.Digamma(Alpha + BetaParameter);

    /// <inheritdoc/>
    public double[] GetParameters() => [Alpha, BetaParameter];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Family);
        return new Beta(parameters[0], parameters[1]);
    }

    /// <summary>True for 0 &lt; x &lt; 1 (the endpoints are excluded: the density can be infinite there).</summary>
    public bool IsInSupport(double x) => x > 0 && x < 1;

    /// <summary>ln f(x) = (α − 1) ln x + (β − 1) ln(1 − x) − ln B(α, β) inside (0, 1), −∞ outside.</summary>
    public double LogDensity(double x)
    {
        if (!(x > 0 && x < 1))
        {
            return double.IsNaN(x) ? double.NaN : double.NegativeInfinity;
        }

        return (Alpha - 1) * Math.Log(x) + (BetaParameter - 1) * Math.Log(1 - x) - logBeta;
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            destination[i] = v > 0 && v < 1 ? (Alpha - 1) * Math.Log(v) + (BetaParameter - 1) * Math.Log(1 - v) - logBeta : LogDensity(v);
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            // G₁/(G₁ + G₂) with G₁ ~ Gamma(α), G₂ ~ Gamma(β) is Beta(α, β).
            double g1 = Sampling.StandardGamma(random, Alpha), g2 = Sampling.StandardGamma(random, BetaParameter);
            destination[i] = g1 / (g1 + g2);
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = ln B(α_q, β_q) − ln B(α_p, β_p) + (α_p − α_q) ψ(α_p) + (β_p − β_q) ψ(β_p)
    /// + (α_q − α_p + β_q − β_p) ψ(α_p + β_p) nats.
    /// </summary>
    public double KullbackLeiblerDivergence(Beta q)
    {
        ArgumentNullException.ThrowIfNull(q);
        double a = Alpha, b = BetaParameter;
        return SpecialFunctions.LogBeta(q.Alpha, q.BetaParameter) - SpecialFunctions.LogBeta(a, b)
            + (a - q.Alpha) * SpecialFunctions.Digamma(a) + (b - q.BetaParameter) * SpecialFunctions.Digamma(b)
            + (q.Alpha - a + q.BetaParameter - b) * SpecialFunctions.Digamma(a + b);
    }

    /// <summary>
    /// Maximum-likelihood fit by L-BFGS over (ln α, ln β) on the mean log-likelihood
    /// ℓ = (α − 1)·mean ln x + (β − 1)·mean ln(1 − x) − ln B(α, β), with gradient
    /// ∂ℓ/∂α = mean ln x − ψ(α) + ψ(α + β), ∂ℓ/∂β = mean ln(1 − x) − ψ(β) + ψ(α + β), started from the method of
    /// moments. Standard errors from the observed information
    /// N·[[ψ′(α) − ψ′(α+β), −ψ′(α+β)], [−ψ′(α+β), ψ′(β) − ψ′(α+β)]].
    /// </summary>
    /// <param name="sample">Observations strictly inside (0, 1), not all equal.</param>
    /// <param name="alpha">Hold α at this value, or null.</param>
    /// <param name="beta">Hold β at this value, or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, values outside (0, 1), or all equal (α̂, β̂ would be ∞).</exception>
    /// <exception cref="InvalidOperationException">The optimizer did not converge.</exception>
    public static DistributionFit<Beta> Fit(ReadOnlySpan<double> sample, double? alpha = null, double? beta = null)
    {
        Validate.Sample(sample, Family, x => x > 0 && x < 1, "0 < x < 1; rescale or clip values at 0 or 1");
        if (alpha is null || beta is null)
        {
            Validate.NotConstant(sample, Family, "the likelihood grows without bound as α and β → ∞ with α/(α+β) fixed");
        }

        int n = sample.Length;
        double meanLog = 0, meanLogComplement = 0, mean = FitSupport.Average(sample), variance = 0;
        foreach (double x in sample)
        {
            meanLog += Math.Log(x);
            meanLogComplement += Math.Log(1 - x);
            variance += (x - mean) * (x - mean);
        }

        meanLog /= n;
        meanLogComplement /= n;
        variance /= n;
        double common = variance > 0 ? mean * (1 - mean) / variance - 1 : 1;
        if (!(common > 0))
        {
            common = 1;
        }

        ParameterSpecification[] specifications =
        [
            new("alpha", alpha ?? mean * common, ParameterDomain.Positive, alpha is not null),
            new("beta", beta ?? (1 - mean) * common, ParameterDomain.Positive, beta is not null),
        ];
        double LogLikelihood(ReadOnlySpan<double> theta, Span<double> gradient)
        {
            double a = theta[0], b = theta[1], digammaSum = SpecialFunctions.Digamma(a + b);
            gradient[0] = n * (meanLog - SpecialFunctions.Digamma(a) + digammaSum);
            gradient[1] = n * (meanLogComplement - SpecialFunctions.Digamma(b) + digammaSum);
            return n * ((a - 1) * meanLog + (b - 1) * meanLogComplement - SpecialFunctions.LogBeta(a, b));
        }

        (double[] estimate, _, int iterations) = MaximumLikelihood.Maximize(LogLikelihood, specifications, n);
        var model = new Beta(estimate[0], estimate[1]);
        double t = SpecialFunctions.Trigamma(estimate[0] + estimate[1]);
        double[] full = [n * (SpecialFunctions.Trigamma(estimate[0]) - t), -n * t, -n * t, n * (SpecialFunctions.Trigamma(estimate[1]) - t)];
        bool[] isFixed = [alpha is not null, beta is not null];
        FittedParameter[] parameters = FitSupport.Parameters(Names, estimate, isFixed, FitSupport.FreeBlock(full, 2, isFixed));
        return new DistributionFit<Beta>(model, parameters, FitSupport.LogLikelihood(model, sample), n, iterations);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Beta(alpha = {Validate.Format(Alpha)}, beta = {Validate.Format(BetaParameter)})";
}
