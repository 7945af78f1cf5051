using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// Student's t distribution with location and scale: f(x) = Γ((ν+1)/2) / (Γ(ν/2) √(νπ) σ) · (1 + z²/ν)^(−(ν+1)/2),
/// z = (x − μ)/σ, x ∈ ℝ. Parameters: degrees of freedom ν &gt; 0 (<c>nu</c>), location μ (<c>mu</c>),
/// scale σ &gt; 0 (<c>sigma</c>), as SciPy's <c>t(df, loc, scale)</c>.
/// </summary>
public sealed class StudentT : IUnivariateDistribution
{
    private const string Name = "student-t";
    private const string Support = "finite real numbers";
    private const double LogPi = 1.1447298858494002;

    /// <summary>Past this ν̂ a converged fit is refused: the t is then a normal to within any sample's resolution.</summary>
    private const double MaxNu = 1e6;

    /// <summary>
    /// Past this ν the t differs from the normal by less than 0.6% in kurtosis (6/(ν − 4)) and ln L is nearly flat in
    /// ν, so a stall there is read as "ν̂ is effectively ∞", not as an optimizer failure.
    /// </summary>
    private const double FlatNu = 1e3;

    private static readonly FamilyParameter NuParameter = new("nu", "ν", ParameterRange.Positive, "the degrees of freedom");
    private static readonly FamilyParameter MuParameter = new("mu", "μ", ParameterRange.Real, "the location (the median; the mean when ν > 1)");
    private static readonly FamilyParameter SigmaParameter = new("sigma", "σ", ParameterRange.Positive, "the scale");
    private readonly double logNormalizer;

    /// <summary>The Student-t family in the registry: <c>student-t (nu, mu, sigma)</c> on the finite reals.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: false, [NuParameter, MuParameter, SigmaParameter], Support,
        double.IsFinite, Create, (sample, held) => Fit(sample, held["nu"], held["mu"], held["sigma"]));

    /// <summary>Creates t(ν, μ, σ).</summary>
    /// <param name="nu">ν, the degrees of freedom, finite and &gt; 0.</param>
    /// <param name="mu">μ, the location, finite.</param>
    /// <param name="sigma">σ, the scale, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public StudentT(double nu, double mu, double sigma)
    {
        Nu = Validate.Parameter(nu, NuParameter, Name);
        Mu = Validate.Parameter(mu, MuParameter, Name);
        Sigma = Validate.Parameter(sigma, SigmaParameter, Name);
        logNormalizer = Normalizer(Nu, Sigma);
    }

    /// <summary>ν, the degrees of freedom.</summary>
    public double Nu { get; }

    /// <summary>μ, the location (the median; the mean when ν &gt; 1).</summary>
    public double Mu { get; }

    /// <summary>σ, the scale.</summary>
    public double Sigma { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

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
            double nu = Nu;
            return 0.5 * (nu + 1) * (SpecialFunctions.Digamma(0.5 * (nu + 1)) - SpecialFunctions.Digamma(0.5 * nu))
                + 0.5 * Math.Log(nu) + SpecialFunctions.LogBeta(0.5 * nu, 0.5) + Math.Log(Sigma);
        }
    }

    /// <inheritdoc/>
    public double[] GetParameters() => [Nu, Mu, Sigma];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for every finite x.</summary>
    public bool IsInSupport(double x) => double.IsFinite(x);

    /// <summary>ln f(x) = ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln(νπ) − ln σ − ((ν+1)/2)·ln(1 + z²/ν).</summary>
    public double LogDensity(double x)
    {
        double z = SampleSums.Standardize(x, Mu, Sigma);
        return logNormalizer - 0.5 * (Nu + 1) * LogOnePlus(z * z / Nu);
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double nu = Nu, offset = logNormalizer, power = 0.5 * (nu + 1);
        for (int i = 0; i < x.Length; i++)
        {
            double z = SampleSums.Standardize(x[i], Mu, Sigma);
            destination[i] = offset - power * LogOnePlus(z * z / nu);
        }
    }

    /// <summary>
    /// F(x) with t = (x − μ)/σ: the far tail is ½ I_w(ν/2, ½) with w = ν/(ν + t²) (below μ for the lower tail,
    /// above μ for the upper), and the near side its complement.
    /// </summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : Math.Exp(Tails(x).LogLower);

    /// <summary>ln P(X &gt; x), from ½ I_w(ν/2, ½) itself above μ (accurate in the far right tail).</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : Tails(x).LogUpper;

    /// <summary>ln F(x), from the lower tail itself: ln(½ I_w(ν/2, ½)) below μ, so that it stays finite far below it.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : Tails(x).LogLower;

    private (double LogLower, double LogUpper) Tails(double x)
    {
        double t = SampleSums.Standardize(x, Mu, Sigma), t2 = t * t;
        // w = ν/(ν + t²) and 1 − w = t²/(ν + t²), each computed directly so neither loses digits.
        double w = double.IsInfinity(t2) ? 0 : Nu / (Nu + t2), complement = double.IsInfinity(t2) ? 1 : t2 / (Nu + t2);
        double logFar = SpecialFunctions.IncompleteBeta(0.5 * Nu, 0.5, w, complement).LogLower - 0.6931471805599453;
        double logNear = SpecialFunctions.Log1MExp(logFar);
        return t < 0 ? (logFar, logNear) : (logNear, logFar);
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            // Z / √(V/ν) with V = 2·Gamma(ν/2) ~ χ²(ν).
            double chiSquare = 2 * Sampling.StandardGamma(random, 0.5 * Nu);
            destination[i] = Mu + Sigma * Sampling.StandardNormal(random) / Math.Sqrt(chiSquare / Nu);
        }
    }

    /// <summary>
    /// Maximum-likelihood fit by L-BFGS over (ln ν, μ, ln σ) with the analytic gradient, from ν = 5, μ = median,
    /// σ = 1.4826·MAD, on the data standardized by that median and scale (so the search is the same in any units).
    /// Standard errors from the observed information by central differences of the gradient.
    /// </summary>
    /// <remarks>
    /// When ν is estimated, ν̂ can run off to ∞: the normal is the limit ν → ∞, and a sample whose tails are no heavier
    /// than a normal's has no finite MLE. The fit recognizes that at every sample size from the slope of ln L in
    /// w = 1/ν at the normal limit (see <see cref="NormalLimitSlope"/>), not from where the optimizer happens to stop
    /// on the nearly flat ln L, and says so instead of reporting an optimizer failure.
    /// </remarks>
    /// <param name="sample">Finite observations, not all equal.</param>
    /// <param name="nu">Hold ν at this value, or null.</param>
    /// <param name="mu">Hold μ at this value, or null.</param>
    /// <param name="sigma">Hold σ at this value, or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN or infinite values, or all equal (σ̂ would be 0); or a held value out of range.</exception>
    /// <exception cref="InvalidOperationException">
    /// ν̂ runs off to ∞ (the sample looks normal: fit <c>normal</c> instead or hold nu), or the optimizer did not converge.
    /// </exception>
    public static DistributionFit<StudentT> Fit(ReadOnlySpan<double> sample, double? nu = null, double? mu = null, double? sigma = null)
    {
        Validate.Sample(sample, Name, double.IsFinite, Support);
        Validate.Held(nu, NuParameter, Name);
        Validate.Held(mu, MuParameter, Name);
        Validate.Held(sigma, SigmaParameter, Name);
        if (sigma is null)
        {
            Validate.NotConstant(sample, Name, "the scale σ̂ would be 0");
        }

        int n = sample.Length;
        (double center, double spread) = StartingPoint(sample);
        double unit = spread > 0 ? spread : sigma!.Value; // spread is 0 only for constant data, allowed with σ held
        // The search runs on y = (x − center)/unit, so ln L, its gradient and the information are of order N whatever
        // the units of x (near 1e308 the information in σ, ~N/σ², would underflow); θ̂ is scaled back at the end.
        double[] y = Standardize(sample, center, unit);
        ParameterSpecification[] specifications =
        [
            new("nu", nu ?? 5, ParameterDomain.Positive, nu is not null),
            new("mu", mu is { } m ? SampleSums.Standardize(m, center, unit) : 0, ParameterDomain.Real, mu is not null),
            new("sigma", sigma is { } s ? s / unit : 1, ParameterDomain.Positive, sigma is not null),
        ];
        LogLikelihoodGradientFunction logLikelihood = (theta, gradient) => LogLikelihoodAndGradient(y, theta, gradient);
        MaximizationResult result = MaximumLikelihood.TryMaximize(logLikelihood, specifications, n);
        if (nu is null)
        {
            RequireFiniteNu(sample, mu, sigma, result);
        }

        if (!result.Converged)
        {
            throw new InvalidOperationException($"{Name}: {result.Failure}");
        }

        FittedParameter[] standardized;
        try
        {
            double[] information = MaximumLikelihood.ObservedInformation(null, logLikelihood, result.Estimate, specifications);
            standardized = FitSupport.Parameters(Family.ParameterNames, result.Estimate, specifications.Select(p => p.IsFixed).ToArray(), information);
        }
        catch (InvalidOperationException) when (nu is null && result.Estimate[0] > FlatNu)
        {
            // Past FlatNu the curvature in ν is below the rounding of ln L: the t cannot be told from a normal.
            throw new InvalidOperationException(RunsOffMessage(NormalLimitSlope(sample, mu, sigma), result.Estimate[0]));
        }

        FittedParameter[] parameters =
        [
            standardized[0],
            Unstandardized(standardized[1], mu, unit * standardized[1].Estimate + center, unit),
            Unstandardized(standardized[2], sigma, unit * standardized[2].Estimate, unit),
        ];
        var model = new StudentT(parameters[0].Estimate, parameters[1].Estimate, parameters[2].Estimate);
        return new DistributionFit<StudentT>(model, parameters, FitSupport.LogLikelihood(model, sample), n, result.Iterations);
    }

    /// <summary>yᵢ = (xᵢ − center)/unit, the data the search runs on.</summary>
    private static double[] Standardize(ReadOnlySpan<double> sample, double center, double unit)
    {
        double[] y = new double[sample.Length];
        for (int i = 0; i < y.Length; i++)
        {
            y[i] = SampleSums.Standardize(sample[i], center, unit);
        }

        return y;
    }

    /// <summary>A location or scale parameter in the data's units: the held value as given, or the estimate and its standard error scaled by <paramref name="unit"/>.</summary>
    private static FittedParameter Unstandardized(FittedParameter standardized, double? held, double estimate, double unit) =>
        held is { } value ? standardized with { Estimate = value } : standardized with { Estimate = estimate, StandardError = unit * standardized.StandardError };

    /// <summary>
    /// Throws the "ν̂ runs off to ∞" message when the search for ν ended there: a large ν̂ is a finite MLE only when
    /// the tails are heavier than a normal's (positive slope at the normal limit) and the run converged below MaxNu.
    /// </summary>
    private static void RequireFiniteNu(ReadOnlySpan<double> sample, double? mu, double? sigma, MaximizationResult result)
    {
        double lastNu = result.Estimate[0];
        if (lastNu <= FlatNu && result.Converged)
        {
            return;
        }

        double slope = NormalLimitSlope(sample, mu, sigma);
        if (slope <= 0 || lastNu > MaxNu || (!result.Converged && lastNu > FlatNu))
        {
            throw new InvalidOperationException(RunsOffMessage(slope, lastNu));
        }
    }

    /// <summary>
    /// The mean slope of ln L in w = 1/ν at w = 0 (the normal limit), per observation: (1/N) Σ (zᵢ⁴ − 2zᵢ² − 1)/4,
    /// with zᵢ = (xᵢ − μ̂)/σ̂ at the normal fit that holds the same μ or σ.
    /// </summary>
    /// <remarks>
    /// ln t_ν(z) = ln φ(z) + w·(z⁴ − 2z² − 1)/4 + O(w²) as w = 1/ν → 0 (expand ln Γ((ν+1)/2) − ln Γ(ν/2) − ½ ln ν and
    /// −((ν+1)/2) ln(1 + z²/ν) in w). At the normal fit the gradient in the free μ, σ is 0, so this is also the slope of
    /// the profile likelihood (envelope theorem). ≤ 0 means ln L rises as ν → ∞: the tails are no heavier than a
    /// normal's. With μ and σ both estimated, mean z² = 1 and the slope is (κ̂ − 3)/4, κ̂ the sample kurtosis.
    /// </remarks>
    private static double NormalLimitSlope(ReadOnlySpan<double> sample, double? mu, double? sigma)
    {
        Normal limit = Normal.Fit(sample, mu, sigma).Distribution;
        double sum = 0;
        foreach (double x in sample)
        {
            double z = SampleSums.Standardize(x, limit.Mu, limit.Sigma), z2 = z * z;
            sum += (z2 * z2 - 2 * z2 - 1) / 4;
        }

        return sum / sample.Length;
    }

    /// <summary>Why ν̂ is taken as ∞, from the slope at the normal limit and where the optimizer stopped; the advice is the same either way.</summary>
    private static string RunsOffMessage(double slope, double lastNu)
    {
        string why = slope <= 0
            ? $"the tails are no heavier than a normal's (at the normal fit, the slope of ln L in 1/ν, mean (z⁴ − 2z² − 1)/4, is {slope.ToString("G4", System.Globalization.CultureInfo.InvariantCulture)} ≤ 0), so the likelihood keeps rising as ν → ∞ and no finite MLE exists"
            : $"the optimizer stopped at ν = {lastNu.ToString("G3", System.Globalization.CultureInfo.InvariantCulture)}, past {FlatNu.ToString("G0", System.Globalization.CultureInfo.InvariantCulture)}, where the t cannot be told from a normal and the likelihood is too flat in ν to place its maximum";
        return $"The student-t degrees of freedom ν̂ runs off towards ∞: {why}; the sample looks normal: fit normal instead, or hold nu fixed.";
    }

    /// <summary>The search's start: μ₀ = the median, σ₀ = 1.4826·MAD (the normal-consistent MAD), or the RMS deviation when MAD = 0.</summary>
    private static (double Median, double Spread) StartingPoint(ReadOnlySpan<double> data)
    {
        int n = data.Length;
        double[] sorted = data.ToArray();
        Array.Sort(sorted);
        double median = sorted[n / 2];
        // Halved deviations cannot overflow where x − median would (values near ±1e308); 2·1.4826·(d/2) = 1.4826·d exactly.
        double[] halfDeviations = sorted.Select(x => Math.Abs(x / 2 - median / 2)).Order().ToArray();
        double spread = 2 * 1.4826 * halfDeviations[n / 2];
        if (!(spread > 0) || !double.IsFinite(spread))
        {
            spread = SampleSums.RootMeanSquare(data, median, n);
        }

        return (median, spread);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"StudentT(nu = {Validate.Format(Nu)}, mu = {Validate.Format(Mu)}, sigma = {Validate.Format(Sigma)})";

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
            double z = SampleSums.Standardize(x, mu, sigma), z2 = z * z, log1p = LogOnePlus(z2 / nu), ratio = (nu + 1) / (nu + z2);
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

    /// <summary>
    /// ln(1 + u) without cancellation for small u (Goldberg's trick: ln w · u/(w − 1) with w = 1 + u, exact to a few ulps).
    /// </summary>
    /// <remarks>
    /// Why: ln f carries ((ν + 1)/2)·ln(1 + z²/ν). For large ν, Math.Log(1 + z²/ν) loses the digits of z²/ν that the
    /// rounding of 1 + z²/ν drops (absolute error ~1e-16), and the factor ν/2 multiplies that into ~1e-10 per
    /// observation at ν = 10⁶: more than the change of ln L over the optimizer's last steps, so fits with ν held
    /// large stalled in the line search ("did not converge"), and the profile intervals that need them were refused.
    /// </remarks>
    private static double LogOnePlus(double u)
    {
        double w = 1 + u;
        return w == 1 ? u : Math.Log(w) * u / (w - 1);
    }

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static StudentT Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 3, Name);
        return new StudentT(parameters[0], parameters[1], parameters[2]);
    }
}
