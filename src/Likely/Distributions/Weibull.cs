using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The Weibull distribution: f(x) = (k/λ)(x/λ)^(k−1) e^(−(x/λ)ᵏ), x ≥ 0, with F(x) = 1 − e^(−(x/λ)ᵏ).
/// Parameters: shape k &gt; 0 (<c>k</c>), scale λ &gt; 0 (<c>lambda</c>), as SciPy's <c>weibull_min(c = k, scale = λ)</c>.
/// k = 1 is the exponential with rate 1/λ.
/// </summary>
public sealed class Weibull : IUnivariateDistribution
{
    private const string Name = "weibull";
    private const string Support = "finite x ≥ 0";
    private const int MaxNewtonIterations = 200;
    private const double EulerGamma = 0.57721566490153286061;
    private static readonly FamilyParameter KParameter = new("k", "k", ParameterRange.Positive, "the shape (k < 1: falling hazard, k > 1: rising)");
    private static readonly FamilyParameter LambdaParameter = new("lambda", "λ", ParameterRange.Positive, "the scale (the 63.2% quantile)");

    /// <summary>The Weibull family in the registry: <c>weibull (k, lambda)</c> on finite x ≥ 0.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: false, [KParameter, LambdaParameter], Support,
        InSupport, Create, (sample, held) => Fit(sample, held["k"], held["lambda"]));

    /// <summary>Creates Weibull(k, λ).</summary>
    /// <param name="k">k, the shape, finite and &gt; 0.</param>
    /// <param name="lambda">λ, the scale, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range; the message names it.</exception>
    public Weibull(double k, double lambda)
    {
        K = Validate.Parameter(k, KParameter, Name);
        Lambda = Validate.Parameter(lambda, LambdaParameter, Name);
    }

    /// <summary>k, the shape.</summary>
    public double K { get; }

    /// <summary>λ, the scale: F(λ) = 1 − 1/e for every k.</summary>
    public double Lambda { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy γ(1 − 1/k) + ln(λ/k) + 1 nats (γ = 0.5772…, Euler's constant).</summary>
    public double Entropy => EulerGamma * (1 - 1 / K) + Math.Log(Lambda / K) + 1;

    /// <inheritdoc/>
    public double[] GetParameters() => [K, Lambda];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for finite x ≥ 0.</summary>
    public bool IsInSupport(double x) => InSupport(x);

    /// <summary>
    /// ln f(x) = ln k − ln λ + (k − 1) ln(x/λ) − (x/λ)ᵏ for x ≥ 0 (at x = 0: +∞ for k &lt; 1, ln(1/λ) for k = 1,
    /// −∞ for k &gt; 1); −∞ for x &lt; 0.
    /// </summary>
    public double LogDensity(double x)
    {
        if (!(x >= 0))
        {
            return double.IsNaN(x) ? double.NaN : double.NegativeInfinity;
        }

        double logZ = Math.Log(x / Lambda);
        // (k − 1)·ln 0 at k = 1 is 0·(−∞); the density there is 1/λ.
        double power = K == 1 ? 0 : (K - 1) * logZ;
        return Math.Log(K / Lambda) + power - Math.Exp(K * logZ);
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = LogDensity(x[i]);
        }
    }

    /// <summary>F(x) = 1 − e^(−(x/λ)ᵏ) (as −expm1, exact for small x); 0 for x ≤ 0.</summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : x <= 0 ? 0 : -SpecialFunctions.ExpM1(LogSurvival(x));

    /// <summary>ln P(X &gt; x) = −(x/λ)ᵏ for x ≥ 0; 0 for x &lt; 0.</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : x <= 0 ? 0 : -Math.Pow(x / Lambda, K);

    /// <summary>
    /// ln F(x) = ln(1 − e^(−t)) with t = (x/λ)^k: log1mexp(−t), or, for t &lt; 10⁻⁵, ln t − t/2 (error below t²/24) with
    /// ln t = k·ln(x/λ), so that it stays finite where t underflows (ln F ≈ k·ln(x/λ)); −∞ for x ≤ 0.
    /// </summary>
    public double LogCdf(double x)
    {
        if (double.IsNaN(x) || x <= 0)
        {
            return double.IsNaN(x) ? double.NaN : double.NegativeInfinity;
        }

        double logT = K * Math.Log(x / Lambda), t = Math.Exp(logT);
        return t < 1e-5 ? logT - 0.5 * t : SpecialFunctions.Log1MExp(-t);
    }

    /// <summary>Independent draws by inversion: λ(−ln U)^(1/k), U uniform on (0, 1).</summary>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Lambda * Math.Pow(-Math.Log(Sampling.OpenUniform(random)), 1 / K);
        }
    }

    /// <summary>
    /// Maximum-likelihood fit. With both free, k̂ is the root of the profile equation
    /// g(k) = Σ xᵢᵏ ln xᵢ / Σ xᵢᵏ − 1/k − (1/N) Σ ln xᵢ = 0 (g is increasing, so the root is unique), by Newton's
    /// method from Menon's moment estimate k₀ = π/(s_ln x √6); then λ̂ = ((1/N) Σ xᵢᵏ)^(1/k) in closed form.
    /// With k held, λ̂ is that closed form. With λ held, k̂ solves N/k + Σ ln zᵢ − Σ zᵢᵏ ln zᵢ = 0 (zᵢ = xᵢ/λ;
    /// decreasing in k) by Newton. Standard errors from the observed information −∇² ln L at θ̂, with
    /// ∂²/∂k² = −N/k² − Σ zᵏ ln² z, ∂²/∂λ² = (Nk − k(k + 1) Σ zᵏ)/λ², ∂²/∂k∂λ = (Σ zᵏ − N + k Σ zᵏ ln z)/λ.
    /// </summary>
    /// <remarks>Powers xᵏ are taken of x/max(x), so Σ xᵢᵏ cannot overflow for large k or large data.</remarks>
    /// <param name="sample">Finite observations ≥ 0, at least one &gt; 0 and not all equal (zeros are allowed only with k held).</param>
    /// <param name="k">Hold k at this value, or null.</param>
    /// <param name="lambda">Hold λ at this value, or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, negative or infinite values, all equal (k̂ would be ∞), or zeros with k estimated (ln 0); or a held value out of range.</exception>
    /// <exception cref="InvalidOperationException">Newton's method did not converge.</exception>
    public static DistributionFit<Weibull> Fit(ReadOnlySpan<double> sample, double? k = null, double? lambda = null)
    {
        Validate.Sample(sample, Name, InSupport, Support);
        Validate.Held(k, KParameter, Name);
        Validate.Held(lambda, LambdaParameter, Name);
        int n = sample.Length;
        double max = 0;
        foreach (double x in sample)
        {
            max = Math.Max(max, x);
        }

        if (!(max > 0))
        {
            Validate.Throw($"All {n} observations are 0, so the Weibull maximum-likelihood scale λ̂ is 0, outside λ > 0; a fit needs a positive value.", nameof(sample));
        }

        if (k is null)
        {
            RequirePositive(sample);
        }

        double shape, scale;
        int iterations = 0;
        if (k is { } heldK)
        {
            shape = heldK;
            scale = lambda ?? ScaleGivenShape(sample, shape, max);
        }
        else if (lambda is { } heldLambda)
        {
            scale = heldLambda;
            (shape, iterations) = ShapeGivenScale(sample, scale);
        }
        else
        {
            Validate.NotConstant(sample, Name, "the profile equation has no root: k̂ runs to ∞");
            (shape, iterations) = ProfileShape(sample, max);
            scale = ScaleGivenShape(sample, shape, max);
        }

        var model = new Weibull(shape, scale);
        bool[] held = [k is not null, lambda is not null];
        double[] information = RelativeInformation(sample, shape, scale);
        FittedParameter[] parameters = FitSupport.Parameters(Family.ParameterNames, [shape, scale], held, FitSupport.FreeBlock(information, 2, held));
        // The information was taken in u = λ/λ̂, so SE(λ̂) = λ̂·SE(û); this keeps it finite when λ̂² would overflow.
        parameters[1] = parameters[1] with { StandardError = parameters[1].StandardError * scale };
        return new DistributionFit<Weibull>(model, parameters, FitSupport.LogLikelihood(model, sample), n, iterations);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Weibull(k = {Validate.Format(K)}, lambda = {Validate.Format(Lambda)})";

    /// <summary>λ̂(k) = max · ((1/N) Σ (xᵢ/max)ᵏ)^(1/k), the closed-form scale given the shape.</summary>
    private static double ScaleGivenShape(ReadOnlySpan<double> sample, double k, double max)
    {
        double sum = 0;
        foreach (double x in sample)
        {
            sum += Math.Pow(x / max, k);
        }

        return max * Math.Pow(sum / sample.Length, 1 / k);
    }

    /// <summary>Newton's method on g(k) = Σ yᵏ ln y / Σ yᵏ − 1/k − mean ln y (y = x/max; g is shift-invariant in ln x).</summary>
    private static (double Shape, int Iterations) ProfileShape(ReadOnlySpan<double> sample, double max)
    {
        double meanLog = 0, sumSquares = 0;
        foreach (double x in sample)
        {
            meanLog += Math.Log(x / max);
        }

        meanLog /= sample.Length;
        foreach (double x in sample)
        {
            double d = Math.Log(x / max) - meanLog;
            sumSquares += d * d;
        }

        double k = Math.PI / Math.Sqrt(6 * sumSquares / sample.Length);
        for (int i = 1; i <= MaxNewtonIterations; i++)
        {
            double s0 = 0, s1 = 0, s2 = 0;
            foreach (double x in sample)
            {
                double logY = Math.Log(x / max), power = Math.Exp(k * logY);
                s0 += power;
                s1 += power * logY;
                s2 += power * logY * logY;
            }

            double g = s1 / s0 - 1 / k - meanLog;
            double slope = (s2 * s0 - s1 * s1) / (s0 * s0) + 1 / (k * k); // > 0: a variance plus 1/k²
            double next = k - g / slope;
            next = next > 0 ? next : k / 2;
            if (Math.Abs(next - k) <= 1e-14 * next)
            {
                return (next, i);
            }

            k = next;
        }

        throw new InvalidOperationException($"The Weibull shape did not converge after {MaxNewtonIterations} Newton iterations (last k = {k:G6}); the data may be too close to constant.");
    }

    /// <summary>Newton's method on N/k + Σ ln zᵢ − Σ zᵢᵏ ln zᵢ = 0 with zᵢ = xᵢ/λ (decreasing in k).</summary>
    private static (double Shape, int Iterations) ShapeGivenScale(ReadOnlySpan<double> sample, double lambda)
    {
        int n = sample.Length;
        double sumLog = 0;
        foreach (double x in sample)
        {
            sumLog += Math.Log(x / lambda);
        }

        double k = 1;
        for (int i = 1; i <= MaxNewtonIterations; i++)
        {
            double s1 = 0, s2 = 0;
            foreach (double x in sample)
            {
                double logZ = Math.Log(x / lambda), power = Math.Exp(k * logZ);
                s1 += power * logZ;
                s2 += power * logZ * logZ;
            }

            double score = n / k + sumLog - s1, slope = -n / (k * k) - s2;
            double next = k - score / slope;
            next = next > 0 ? (double.IsFinite(next) ? next : 2 * k) : k / 2;
            if (Math.Abs(next - k) <= 1e-14 * next)
            {
                return (next, i);
            }

            k = next;
        }

        throw new InvalidOperationException($"The Weibull shape with λ held did not converge after {MaxNewtonIterations} Newton iterations (last k = {k:G6}).");
    }

    /// <summary>
    /// The observed information −∇² ln L over (k, u) with u = λ/λ̂ at u = 1 (so the λ entries are λ·∂/∂λ: the λ row
    /// and column of the (k, λ) matrix times λ), row-major 2×2.
    /// </summary>
    private static double[] RelativeInformation(ReadOnlySpan<double> sample, double k, double lambda)
    {
        int n = sample.Length;
        double s0 = 0, s1 = 0, s2 = 0;
        foreach (double x in sample)
        {
            if (x > 0)
            {
                double logZ = Math.Log(x / lambda), power = Math.Exp(k * logZ);
                s0 += power;
                s1 += power * logZ;
                s2 += power * logZ * logZ;
            }
        }

        double kk = n / (k * k) + s2;
        double ll = k * (k + 1) * s0 - n * k;
        double kl = -(s0 - n + k * s1);
        return [kk, kl, kl, ll];
    }

    private static void RequirePositive(ReadOnlySpan<double> sample)
    {
        for (int i = 0; i < sample.Length; i++)
        {
            if (sample[i] == 0)
            {
                Validate.Throw($"sample[{i}] = 0: the Weibull likelihood with the shape estimated is unbounded at 0 (ln 0 in the profile); remove zeros or hold k.", nameof(sample));
            }
        }
    }

    private static bool InSupport(double x) => x >= 0 && double.IsFinite(x);

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Weibull Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Name);
        return new Weibull(parameters[0], parameters[1]);
    }
}
