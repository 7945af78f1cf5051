using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The gamma distribution: f(x) = x^(k−1) e^(−x/θ) / (Γ(k) θᵏ), x &gt; 0.
/// Parameters: shape k &gt; 0 (<c>shape</c>), scale θ &gt; 0 (<c>scale</c>), as SciPy's <c>gamma(a, scale=θ)</c>.
/// </summary>
public sealed class Gamma : IUnivariateDistribution
{
    private const string Family = "gamma";
    private const int MaxNewtonIterations = 100;
    private static readonly string[] Names = ["shape", "scale"];
    private readonly double logNormalizer;

    /// <summary>Creates Gamma(k, θ).</summary>
    /// <param name="shape">k, finite and &gt; 0.</param>
    /// <param name="scale">θ, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Gamma(double shape, double scale)
    {
        Shape = Validate.Positive(shape, "shape", Family);
        Scale = Validate.Positive(scale, "scale", Family);
        logNormalizer = -SpecialFunctions.LogGamma(Shape) - Shape * Math.Log(Scale);
    }

    /// <summary>k, the shape.</summary>
    public double Shape { get; }

    /// <summary>θ, the scale (the mean is kθ).</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public string FamilyName => Family;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Names;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy k + ln θ + ln Γ(k) + (1 − k) ψ(k) nats.</summary>
    public double Entropy => Shape + Math.Log(Scale) + SpecialFunctions.LogGamma(Shape) + (1 - Shape) * SpecialFunctions.Digamma(Shape);

    /// <inheritdoc/>
    public double[] GetParameters() => [Shape, Scale];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Family);
        return new Gamma(parameters[0], parameters[1]);
    }

    /// <summary>True for finite x &gt; 0.</summary>
    public bool IsInSupport(double x) => x > 0 && double.IsFinite(x);

    /// <summary>ln f(x) = (k − 1) ln x − x/θ − ln Γ(k) − k ln θ for x &gt; 0, −∞ for x ≤ 0.</summary>
    public double LogDensity(double x)
    {
        if (!(x > 0))
        {
            return double.IsNaN(x) ? double.NaN : double.NegativeInfinity;
        }

        return (Shape - 1) * Math.Log(x) - x / Scale + logNormalizer;
    }

    /// <inheritdoc/>
    public void LogDensity(ReadOnlySpan<double> x, Span<double> destination)
    {
        Validate.Destination(x.Length, destination.Length);
        double offset = logNormalizer, inverseScale = 1 / Scale;
        for (int i = 0; i < x.Length; i++)
        {
            double v = x[i];
            destination[i] = v > 0 ? (Shape - 1) * Math.Log(v) - v * inverseScale + offset : LogDensity(v);
        }
    }

    /// <inheritdoc/>
    public void Sample(Random random, Span<double> destination)
    {
        ArgumentNullException.ThrowIfNull(random);
        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = Scale * Sampling.StandardGamma(random, Shape);
        }
    }

    /// <summary>
    /// KL divergence D(this ‖ q) = (k_p − k_q) ψ(k_p) − ln Γ(k_p) + ln Γ(k_q) + k_q (ln θ_q − ln θ_p) + k_p (θ_p − θ_q)/θ_q nats.
    /// </summary>
    public double KullbackLeiblerDivergence(Gamma q)
    {
        ArgumentNullException.ThrowIfNull(q);
        return (Shape - q.Shape) * SpecialFunctions.Digamma(Shape) - SpecialFunctions.LogGamma(Shape) + SpecialFunctions.LogGamma(q.Shape)
            + q.Shape * (Math.Log(q.Scale) - Math.Log(Scale)) + Shape * (Scale - q.Scale) / q.Scale;
    }

    /// <summary>
    /// Maximum-likelihood fit. With both free, k̂ solves ln k − ψ(k) = s with s = ln x̄ − (1/N) Σ ln xᵢ (Newton's
    /// method from Minka's starting point; ln k − ψ(k) is decreasing so the root is unique), then θ̂ = x̄/k̂.
    /// With k held: θ̂ = x̄/k. With θ held: k̂ solves ψ(k) = (1/N) Σ ln xᵢ − ln θ (Newton).
    /// Standard errors from the observed information N·[[ψ′(k), 1/θ], [1/θ, k/θ²]] at θ̂.
    /// </summary>
    /// <param name="sample">Finite observations &gt; 0, not all equal.</param>
    /// <param name="shape">Hold k at this value, or null.</param>
    /// <param name="scale">Hold θ at this value, or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, values ≤ 0 or infinite, or all equal (k̂ would be ∞).</exception>
    /// <exception cref="InvalidOperationException">Newton's method did not converge in 100 iterations.</exception>
    public static DistributionFit<Gamma> Fit(ReadOnlySpan<double> sample, double? shape = null, double? scale = null)
    {
        Validate.Sample(sample, Family, x => x > 0 && double.IsFinite(x), "finite x > 0");
        int n = sample.Length;
        double mean = FitSupport.Average(sample), meanLog = 0;
        foreach (double x in sample)
        {
            meanLog += Math.Log(x);
        }

        meanLog /= n;
        double k, theta;
        int iterations = 0;
        if (shape is { } heldShape)
        {
            k = Validate.Positive(heldShape, "shape", Family);
            theta = scale ?? mean / k;
        }
        else if (scale is { } heldScale)
        {
            theta = Validate.Positive(heldScale, "scale", Family);
            (k, iterations) = InverseDigamma(meanLog - Math.Log(theta));
        }
        else
        {
            Validate.NotConstant(sample, Family, "ln x̄ − mean ln x = 0 drives the shape k̂ to ∞");
            double s = Math.Log(mean) - meanLog;
            (k, iterations) = SolveShape(s);
            theta = mean / k;
        }

        var model = new Gamma(k, theta);
        bool[] isFixed = [shape is not null, scale is not null];
        double[] full = [n * SpecialFunctions.Trigamma(k), n / theta, n / theta, n * k / (theta * theta)];
        FittedParameter[] parameters = FitSupport.Parameters(Names, [k, theta], isFixed, FitSupport.FreeBlock(full, 2, isFixed));
        return new DistributionFit<Gamma>(model, parameters, FitSupport.LogLikelihood(model, sample), n, iterations);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Gamma(shape = {Validate.Format(Shape)}, scale = {Validate.Format(Scale)})";

    /// <summary>Solves ln k − ψ(k) = s (s &gt; 0) for k by Newton's method in k, from Minka's approximation.</summary>
    private static (double Shape, int Iterations) SolveShape(double s)
    {
        double k = (3 - s + Math.Sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
        for (int i = 1; i <= MaxNewtonIterations; i++)
        {
            double residual = Math.Log(k) - SpecialFunctions.Digamma(k) - s;
            double slope = 1 / k - SpecialFunctions.Trigamma(k); // < 0
            double next = k - residual / slope;
            if (!(next > 0))
            {
                next = k / 2; // stay in k > 0
            }

            if (Math.Abs(next - k) <= 1e-14 * next)
            {
                return (next, i);
            }

            k = next;
        }

        throw new InvalidOperationException($"The gamma shape did not converge after {MaxNewtonIterations} Newton iterations (s = {s:G6}, last k = {k:G6}); the data may be too close to constant.");
    }

    /// <summary>Solves ψ(k) = c for k &gt; 0 by Newton's method (Minka's starting point).</summary>
    private static (double Shape, int Iterations) InverseDigamma(double c)
    {
        double k = c >= -2.22 ? Math.Exp(c) + 0.5 : -1 / (c + 0.5772156649015329);
        for (int i = 1; i <= MaxNewtonIterations; i++)
        {
            double next = k - (SpecialFunctions.Digamma(k) - c) / SpecialFunctions.Trigamma(k);
            if (!(next > 0))
            {
                next = k / 2;
            }

            if (Math.Abs(next - k) <= 1e-14 * next)
            {
                return (next, i);
            }

            k = next;
        }

        throw new InvalidOperationException($"The gamma shape with the scale held did not converge after {MaxNewtonIterations} Newton iterations (target ψ(k) = {c:G6}).");
    }
}
