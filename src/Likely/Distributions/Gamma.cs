using Likely.Likelihood;
using Likely.Numerics;

namespace Likely.Distributions;

/// <summary>
/// The gamma distribution: f(x) = x^(k−1) e^(−x/θ) / (Γ(k) θᵏ), x &gt; 0.
/// Parameters: shape k &gt; 0 (<c>shape</c>), scale θ &gt; 0 (<c>scale</c>), as SciPy's <c>gamma(a, scale=θ)</c>.
/// </summary>
public sealed class Gamma : IUnivariateDistribution
{
    private const string Name = "gamma";
    private const string Support = "finite x > 0";
    private const int MaxNewtonIterations = 100;
    private static readonly FamilyParameter ShapeParameter = new("shape", "k", ParameterRange.Positive, "the shape");
    private static readonly FamilyParameter ScaleParameter = new("scale", "θ", ParameterRange.Positive, "the scale (the mean is kθ)");
    private readonly double logNormalizer;

    /// <summary>The gamma family in the registry: <c>gamma (shape, scale)</c> on finite x &gt; 0.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: false, [ShapeParameter, ScaleParameter], Support,
        InSupport, Create, (sample, held) => Fit(sample, held["shape"], held["scale"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates Gamma(k, θ).</summary>
    /// <param name="shape">k, finite and &gt; 0.</param>
    /// <param name="scale">θ, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Gamma(double shape, double scale)
    {
        Shape = Validate.Parameter(shape, ShapeParameter, Name);
        Scale = Validate.Parameter(scale, ScaleParameter, Name);
        logNormalizer = -SpecialFunctions.LogGamma(Shape) - Shape * Math.Log(Scale);
    }

    /// <summary>k, the shape.</summary>
    public double Shape { get; }

    /// <summary>θ, the scale (the mean is kθ).</summary>
    public double Scale { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy k + ln θ + ln Γ(k) + (1 − k) ψ(k) nats.</summary>
    public double Entropy => Shape + Math.Log(Scale) + SpecialFunctions.LogGamma(Shape) + (1 - Shape) * SpecialFunctions.Digamma(Shape);

    /// <inheritdoc/>
    public double[] GetParameters() => [Shape, Scale];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for finite x &gt; 0.</summary>
    public bool IsInSupport(double x) => InSupport(x);

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

    /// <summary>F(x) = P(k, x/θ), the regularized lower incomplete gamma function; 0 for x ≤ 0.</summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : Math.Exp(SpecialFunctions.IncompleteGamma(Shape, Math.Max(x, 0) / Scale).LogLower);

    /// <summary>ln Q(k, x/θ), the log of the regularized upper incomplete gamma function (its continued fraction in the tail); 0 for x ≤ 0.</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : SpecialFunctions.IncompleteGamma(Shape, Math.Max(x, 0) / Scale).LogUpper;

    /// <summary>ln F(x) = ln P(k, x/θ), from the lower tail itself (the incomplete gamma function as a log); −∞ for x ≤ 0.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : SpecialFunctions.IncompleteGamma(Shape, Math.Max(x, 0) / Scale).LogLower;

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
    /// Standard errors from the observed information N·[[ψ′(k), 1/θ], [1/θ, k/θ²]] at θ̂, inverted in closed form:
    /// SE(k̂) = √(k/(N(kψ′(k) − 1))), SE(θ̂) = θ̂·√(ψ′(k)/(N(kψ′(k) − 1))); with one held, √(1/(Nψ′(k))) or θ̂/√(Nk).
    /// </summary>
    /// <remarks>
    /// The standard errors are written relative to θ̂ so they stay finite when θ̂ is near 1e308, where θ̂² overflows;
    /// x̄ is rescaled when Σ xᵢ would overflow.
    /// </remarks>
    /// <param name="sample">Finite observations &gt; 0, not all equal.</param>
    /// <param name="shape">Hold k at this value, or null.</param>
    /// <param name="scale">Hold θ at this value, or null.</param>
    /// <exception cref="ArgumentException">Empty, NaN, values ≤ 0 or infinite, or all equal (k̂ would be ∞); or a held value out of range.</exception>
    /// <exception cref="InvalidOperationException">Newton's method did not converge in 100 iterations.</exception>
    public static DistributionFit<Gamma> Fit(ReadOnlySpan<double> sample, double? shape = null, double? scale = null)
    {
        Validate.Sample(sample, Name, InSupport, Support);
        Validate.Held(shape, ShapeParameter, Name);
        Validate.Held(scale, ScaleParameter, Name);
        int n = sample.Length;
        double mean = SampleSums.Mean(sample), meanLog = 0;
        foreach (double x in sample)
        {
            meanLog += Math.Log(x);
        }

        meanLog /= n;
        if (shape is null && scale is null)
        {
            Validate.NotConstant(sample, Name, "ln x̄ − mean ln x = 0 drives the shape k̂ to ∞");
        }

        (Gamma model, FittedParameter[] parameters, int iterations) = Solve(n, mean, meanLog, shape, scale);
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

    /// <summary>A fitted parameter: held (no standard error) or estimated with <paramref name="standardError"/>.</summary>
    private static FittedParameter Parameter(string name, double estimate, bool isHeld, double standardError) =>
        new(name, estimate, isHeld ? null : standardError, isHeld);

    private static bool InSupport(double x) => x > 0 && double.IsFinite(x);

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Gamma Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Name);
        return new Gamma(parameters[0], parameters[1]);
    }

    /// <summary>
    /// The gamma MLE from its sufficient statistics x̄ and mean ln x (the data checked, a constant sample refused by the
    /// caller when both parameters are free), with the standard errors: the one solver of the in-memory and the
    /// streaming fit.
    /// </summary>
    private static (Gamma Model, FittedParameter[] Parameters, int Iterations) Solve(long n, double mean, double meanLog, double? shape, double? scale)
    {
        double k, theta;
        int iterations = 0;
        if (shape is { } heldShape)
        {
            k = heldShape;
            theta = scale ?? mean / k;
        }
        else if (scale is { } heldScale)
        {
            theta = heldScale;
            (k, iterations) = InverseDigamma(meanLog - Math.Log(theta));
        }
        else
        {
            double s = Math.Log(mean) - meanLog;
            (k, iterations) = SolveShape(s);
            theta = mean / k;
        }

        var model = new Gamma(k, theta);
        double trigamma = SpecialFunctions.Trigamma(k), determinant = n * (k * trigamma - 1); // det(I)·θ²/N; kψ′(k) > 1 + 1/(2k), so it is > 0
        double shapeError = scale is null ? Math.Sqrt(k / determinant) : 1 / Math.Sqrt(n * trigamma);
        double scaleError = shape is null ? theta * Math.Sqrt(trigamma / determinant) : theta / Math.Sqrt(n * k);
        FittedParameter[] parameters = [Parameter("shape", k, shape is not null, shapeError), Parameter("scale", theta, scale is not null, scaleError)];
        return (model, parameters, iterations);
    }

    /// <summary>
    /// The gamma's sufficient statistics N, Σ x and Σ ln x (compensated), with the smallest and largest value to refuse a
    /// constant sample as the in-memory fit does; ln L = (k − 1) Σ ln x − Σ x/θ − N(ln Γ(k) + k ln θ).
    /// </summary>
    private sealed class Accumulator() : FitAccumulator(Gamma.Family)
    {
        private NeumaierSum sum;
        private NeumaierSum logSum;
        private double min = double.PositiveInfinity;
        private double max = double.NegativeInfinity;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            foreach (double x in sample)
            {
                sum.Add(x);
                logSum.Add(Math.Log(x));
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
        }

        private protected override void MergeChecked(FitAccumulator other)
        {
            var shard = (Accumulator)other;
            sum.Add(shard.sum);
            logSum.Add(shard.logSum);
            min = Math.Min(min, shard.min);
            max = Math.Max(max, shard.max);
        }

        private protected override void AddStatisticsChecked(SufficientStatistics statistics)
        {
            sum.Add(statistics.Required(statistics.Sum, "sum_x"));
            logSum.Add(statistics.Required(statistics.LogSum, "sum_ln_x"));
            min = Math.Min(min, statistics.Required(statistics.Min, "min_x"));
            max = Math.Max(max, statistics.Required(statistics.Max, "max_x"));
        }

        private protected override DistributionFit FitChecked(HeldParameters held)
        {
            double? shape = held["shape"], scale = held["scale"];
            long n = Count;
            if (shape is null && scale is null && min == max)
            {
                Validate.Throw($"All {n} observations equal {Validate.Format(min)}, so the {Name} maximum-likelihood estimate does not exist (ln x̄ − mean ln x = 0 drives the shape k̂ to ∞); a fit needs at least two distinct values.", "sample");
            }

            (Gamma model, FittedParameter[] parameters, int iterations) = Solve(n, sum.Value / n, logSum.Value / n, shape, scale);
            double logLikelihood = (model.Shape - 1) * logSum.Value - sum.Value / model.Scale + n * model.logNormalizer;
            return new DistributionFit<Gamma>(model, parameters, logLikelihood, n, iterations);
        }
    }
}
