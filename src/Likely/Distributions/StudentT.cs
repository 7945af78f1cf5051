using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// Student's t distribution with location and scale: f(x) = Γ((ν+1)/2) / (Γ(ν/2) √(νπ) σ) · (1 + z²/ν)^(−(ν+1)/2),
/// z = (x − μ)/σ, x ∈ ℝ. Parameters: degrees of freedom ν &gt; 0 (<c>nu</c>), location μ (<c>mu</c>),
/// scale σ &gt; 0 (<c>sigma</c>), as SciPy's <c>t(df, loc, scale)</c>.
/// </summary>
public sealed class StudentT : IUnivariateDistribution
{
    private const string Family = "student-t";
    private const double LogPi = 1.1447298858494002;
    private const double MaxDegreesOfFreedom = 1e6;
    private static readonly string[] Names = ["nu", "mu", "sigma"];
    private readonly double logNormalizer;

    /// <summary>Creates t(ν, μ, σ).</summary>
    /// <param name="degreesOfFreedom">ν, finite and &gt; 0.</param>
    /// <param name="location">μ, finite.</param>
    /// <param name="scale">σ, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public StudentT(double degreesOfFreedom, double location, double scale)
    {
        DegreesOfFreedom = Validate.Positive(degreesOfFreedom, "nu", Family);
        Location = Validate.Finite(location, "mu", Family);
        Scale = Validate.Positive(scale, "sigma", Family);
        logNormalizer = Normalizer(DegreesOfFreedom, Scale);
    }

    /// <summary>ν, the degrees of freedom.</summary>
    public double DegreesOfFreedom { get; }

    /// <summary>μ, the location (the median; the mean when ν &gt; 1).</summary>
    public double Location { get; }

    /// <summary>σ, the scale.</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>
    /// Differential entropy ((ν + 1)/2)·[ψ((ν + 1)/2) − ψ(ν/2)] + ln(√ν · B(ν/2, ½)) + ln σ nats.
    /// (There is no closed-form KL divergence between two t distributions, so none is offered.)
    /// </summary>
    public double Entropy
    {
        get
        {
            double nu = DegreesOfFreedom;
            return 0.5 * (nu + 1) * (SpecialFunctions.Digamma(0.5 * (nu + 1)) - SpecialFunctions.Digamma(0.5 * nu))
                + 0.5 * Math.Log(nu) + SpecialFunctions.LogBeta(0.5 * nu, 0.5) + Math.Log(Scale);
        }
    }

    /// <inheritdoc/>
    public double[] GetParameters() => [DegreesOfFreedom, Location, Scale];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 3, Family);
        return new StudentT(parameters[0], parameters[1], parameters[2]);
    }

    /// <summary>True for every finite x.</summary>
    public bool IsInSupport(double x) => double.IsFinite(x);

    /// <summary>ln f(x) = ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(νπ) − ln σ − ((ν+1)/2)·ln(1 + z²/ν).</summary>
    public double LogDensity(double x)
    {
        double z = (x - Location) / Scale;
        return logNormalizer - 0.5 * (DegreesOfFreedom + 1) * Math.Log(1 + z * z / DegreesOfFreedom);
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double nu = DegreesOfFreedom, offset = logNormalizer, power = 0.5 * (nu + 1);
        for (int i = 0; i < x.Length; i++)
        {
            double z = (x[i] - Location) / Scale;
            destination[i] = offset - power * Math.Log(1 + z * z / nu);
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            // Z / √(V/ν) with V = 2·Gamma(ν/2) ~ χ²(ν).
            double chiSquare = 2 * Sampling.StandardGamma(random, 0.5 * DegreesOfFreedom);
            destination[i] = Location + Scale * Sampling.StandardNormal(random) / Math.Sqrt(chiSquare / DegreesOfFreedom);
        }
    }

    /// <summary>
    /// Maximum-likelihood fit by L-BFGS over (ln ν, μ, ln σ) with the analytic gradient, from ν = 5, μ = median,
    /// σ = 1.4826·MAD. Standard errors from the observed information by central differences of the gradient.
    /// </summary>
    /// <param name="sample">Finite observations, not all equal.</param>
    /// <param name="degreesOfFreedom">Hold ν at this value, or null.</param>
    /// <param name="location">Hold μ at this value, or null.</param>
    /// <param name="scale">Hold σ at this value, or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN or infinite values, or all equal (σ̂ would be 0).</exception>
    /// <exception cref="InvalidOperationException">
    /// The optimizer did not converge, or ν̂ ran past 10⁶ (the sample looks normal: the t likelihood keeps rising as
    /// ν → ∞, so no finite MLE exists; fit <c>normal</c> instead or hold nu).
    /// </exception>
    public static DistributionFit<StudentT> Fit(ReadOnlySpan<double> sample, double? degreesOfFreedom = null, double? location = null, double? scale = null)
    {
        Validate.Sample(sample, Family, double.IsFinite, "finite real numbers");
        if (scale is null)
        {
            Validate.NotConstant(sample, Family, "the scale σ̂ would be 0");
        }

        int n = sample.Length;
        double[] data = sample.ToArray();
        double[] sorted = (double[])data.Clone();
        Array.Sort(sorted);
        double median = sorted[n / 2];
        double[] deviations = sorted.Select(x => Math.Abs(x - median)).Order().ToArray();
        double spread = 1.4826 * deviations[n / 2];
        if (!(spread > 0))
        {
            spread = Math.Sqrt(data.Select(x => (x - median) * (x - median)).Average());
        }

        ParameterSpecification[] specifications =
        [
            new("nu", degreesOfFreedom ?? 5, ParameterDomain.Positive, degreesOfFreedom is not null),
            new("mu", location ?? median, ParameterDomain.Real, location is not null),
            new("sigma", scale ?? spread, ParameterDomain.Positive, scale is not null),
        ];
        LogLikelihoodGradientFunction logLikelihood = (theta, gradient) => LogLikelihoodAndGradient(data, theta, gradient);
        (double[] estimate, _, int iterations) = MaximumLikelihood.Maximize(logLikelihood, specifications, n);
        if (estimate[0] > MaxDegreesOfFreedom)
        {
            throw new InvalidOperationException($"The student-t degrees of freedom ν̂ ran past 1e6: the likelihood keeps rising as ν → ∞, so the sample looks normal and no finite MLE exists; fit normal instead, or hold nu fixed.");
        }

        var model = new StudentT(estimate[0], estimate[1], estimate[2]);
        double[] information = MaximumLikelihood.ObservedInformation(null, logLikelihood, estimate, specifications);
        bool[] isFixed = specifications.Select(s => s.IsFixed).ToArray();
        FittedParameter[] parameters = FitSupport.Parameters(Names, estimate, isFixed, information);
        return new DistributionFit<StudentT>(model, parameters, FitSupport.LogLikelihood(model, sample), n, iterations);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"StudentT(nu = {Validate.Format(DegreesOfFreedom)}, mu = {Validate.Format(Location)}, sigma = {Validate.Format(Scale)})";

    private static double Normalizer(double nu, double scale) =>
        SpecialFunctions.LogGamma(0.5 * (nu + 1)) - SpecialFunctions.LogGamma(0.5 * nu) - 0.5 * (Math.Log(nu) + LogPi) - Math.Log(scale);

    /// <summary>
    /// ln L and its gradient: ∂/∂μ = Σ (ν+1) z/(σ(ν + z²)), ∂/∂σ = Σ [−1/σ + (ν+1) z²/(σ(ν + z²))],
    /// ∂/∂ν = Σ [½ψ((ν+1)/2) − ½ψ(ν/2) − 1/(2ν) − ½ ln(1 + z²/ν) + (ν+1) z²/(2ν(ν + z²))].
    /// </summary>
    private static double LogLikelihoodAndGradient(double[] data, ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double nu = theta[0], mu = theta[1], sigma = theta[2];
        double offset = Normalizer(nu, sigma);
        double nuConstant = 0.5 * (SpecialFunctions.Digamma(0.5 * (nu + 1)) - SpecialFunctions.Digamma(0.5 * nu)) - 0.5 / nu;
        double value = 0, dNu = 0, dMu = 0, dSigma = 0;
        foreach (double x in data)
        {
            double z = (x - mu) / sigma, z2 = z * z, log1p = Math.Log(1 + z2 / nu), ratio = (nu + 1) / (nu + z2);
            value += offset - 0.5 * (nu + 1) * log1p;
            dMu += ratio * z;
            dSigma += ratio * z2;
            dNu += nuConstant - 0.5 * log1p + 0.5 * ratio * z2 / nu;
        }

        gradient[0] = dNu;
        gradient[1] = dMu / sigma;
        gradient[2] = (dSigma - data.Length) / sigma;
        return value;
    }
}
