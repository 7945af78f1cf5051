using Likely.Likelihood;
using Likely.Numerics;

namespace Likely.Distributions;

/// <summary>
/// The beta distribution: f(x) = x^(α−1) (1 − x)^(β−1) / B(α, β), 0 &lt; x &lt; 1.
/// Parameters: α &gt; 0 (<c>alpha</c>), β &gt; 0 (<c>beta</c>).
/// </summary>
public sealed class Beta : IUnivariateDistribution
{
    private const string Name = "beta";
    private const string Support = "0 < x < 1";
    private static readonly FamilyParameter AlphaParameter = new("alpha", "α", ParameterRange.Positive, "the first shape");
    private static readonly FamilyParameter BetaShapeParameter = new("beta", "β", ParameterRange.Positive, "the second shape");
    private readonly double logBeta;

    /// <summary>The beta family in the registry: <c>beta (alpha, beta)</c> on 0 &lt; x &lt; 1.</summary>
    public static DistributionFamily Family { get; } = new(Name, isDiscrete: false, [AlphaParameter, BetaShapeParameter], Support,
        InSupport, Create, (sample, held) => Fit(sample, held["alpha"], held["beta"]), createAccumulator: () => new Accumulator());

    /// <summary>Creates Beta(α, β).</summary>
    /// <param name="alpha">α, finite and &gt; 0.</param>
    /// <param name="beta">β, finite and &gt; 0.</param>
    /// <exception cref="ArgumentException">A parameter is out of range.</exception>
    public Beta(double alpha, double beta)
    {
        Alpha = Validate.Parameter(alpha, AlphaParameter, Name);
        BetaParameter = Validate.Parameter(beta, BetaShapeParameter, Name);
        logBeta = SpecialFunctions.LogBeta(Alpha, BetaParameter);
    }

    /// <summary>α, the first shape parameter.</summary>
    public double Alpha { get; }

    /// <summary>β (<c>beta</c>), the second shape parameter; the property cannot be called Beta inside the class Beta.</summary>
    public double BetaParameter { get; }

    /// <inheritdoc/>
    public string FamilyName => Name;

    /// <inheritdoc/>
    public IReadOnlyList<string> ParameterNames => Family.ParameterNames;

    /// <inheritdoc/>
    public bool IsDiscrete => false;

    /// <summary>Differential entropy ln B(α, β) − (α − 1) ψ(α) − (β − 1) ψ(β) + (α + β − 2) ψ(α + β) nats.</summary>
    public double Entropy => SpecialFunctions.LogBeta(Alpha, BetaParameter) - (Alpha - 1) * SpecialFunctions.Digamma(Alpha)
        - (BetaParameter - 1) * SpecialFunctions.Digamma(BetaParameter) + (Alpha + BetaParameter - 2) * SpecialFunctions.Digamma(Alpha + BetaParameter);

    /// <inheritdoc/>
    public double[] GetParameters() => [Alpha, BetaParameter];

    /// <inheritdoc/>
    public IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters) => Create(parameters);

    /// <summary>True for 0 &lt; x &lt; 1 (the endpoints are excluded: the density can be infinite there).</summary>
    public bool IsInSupport(double x) => InSupport(x);

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

    /// <summary>F(x) = I_x(α, β), the regularized incomplete beta function; 0 for x ≤ 0, 1 for x ≥ 1.</summary>
    public double Cdf(double x) => double.IsNaN(x) ? double.NaN : Math.Exp(Tails(x).LogLower);

    /// <summary>ln(1 − I_x(α, β)) = ln I_(1−x)(β, α), from the upper tail itself; 0 for x ≤ 0, −∞ for x ≥ 1.</summary>
    public double LogSurvival(double x) => double.IsNaN(x) ? double.NaN : Tails(x).LogUpper;

    /// <summary>ln F(x) = ln I_x(α, β), from the lower tail itself (the incomplete beta function as a log); −∞ at or below 0.</summary>
    public double LogCdf(double x) => double.IsNaN(x) ? double.NaN : Tails(x).LogLower;

    private (double LogLower, double LogUpper) Tails(double x)
    {
        double clamped = Math.Clamp(x, 0, 1);
        return SpecialFunctions.IncompleteBeta(Alpha, BetaParameter, clamped, 1 - clamped);
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
    /// <exception cref="ArgumentException">Empty, NaN, values outside (0, 1), or all equal (α̂, β̂ would be ∞); or a held value out of range.</exception>
    /// <exception cref="InvalidOperationException">The optimizer did not converge.</exception>
    public static DistributionFit<Beta> Fit(ReadOnlySpan<double> sample, double? alpha = null, double? beta = null)
    {
        Validate.Sample(sample, Name, InSupport, $"{Support}; rescale or clip values at 0 or 1");
        Validate.Held(alpha, AlphaParameter, Name);
        Validate.Held(beta, BetaShapeParameter, Name);
        if (alpha is null || beta is null)
        {
            Validate.NotConstant(sample, Name, "the likelihood grows without bound as α and β → ∞ with α/(α+β) fixed");
        }

        int n = sample.Length;
        double meanLog = 0, meanLogComplement = 0, mean = SampleSums.Mean(sample), variance = 0;
        foreach (double x in sample)
        {
            meanLog += Math.Log(x);
            meanLogComplement += Math.Log(1 - x);
            variance += (x - mean) * (x - mean);
        }

        meanLog /= n;
        meanLogComplement /= n;
        variance /= n;
        (Beta model, FittedParameter[] parameters, int iterations) = Solve(n, meanLog, meanLogComplement, mean, variance, alpha, beta);
        return new DistributionFit<Beta>(model, parameters, FitSupport.LogLikelihood(model, sample), n, iterations);
    }

    /// <summary>
    /// The beta MLE from its sufficient statistics mean ln x and mean ln(1 − x), started from the method of moments
    /// (x̄ and the variance (1/N) Σ (x − x̄)²), with the standard errors: the one solver of the in-memory and the
    /// streaming fit.
    /// </summary>
    private static (Beta Model, FittedParameter[] Parameters, int Iterations) Solve(long n, double meanLog, double meanLogComplement,
        double mean, double variance, double? alpha, double? beta)
    {
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

        (double[] estimate, _, int iterations) = MaximumLikelihood.Maximize(LogLikelihood, specifications, n, Name);
        PolishByNewton(estimate, meanLog, meanLogComplement, alpha is null, beta is null);
        var model = new Beta(estimate[0], estimate[1]);
        double t = SpecialFunctions.Trigamma(estimate[0] + estimate[1]);
        double[] full = [n * (SpecialFunctions.Trigamma(estimate[0]) - t), -n * t, -n * t, n * (SpecialFunctions.Trigamma(estimate[1]) - t)];
        bool[] isFixed = [alpha is not null, beta is not null];
        FittedParameter[] parameters = FitSupport.Parameters(Family.ParameterNames, estimate, isFixed, FitSupport.FreeBlock(full, 2, isFixed));
        return (model, parameters, iterations);
    }

    /// <summary>
    /// Newton steps on the free parameters from L-BFGS's answer, with the exact Hessian (trigamma): L-BFGS stops at a
    /// gradient tolerance, about 1e-9 relative here, so two data sets whose statistics differ in the last bit (a
    /// streaming sum against the in-memory one) would give estimates 1e-9 apart; Newton converges quadratically from
    /// there to the last few bits. Newton is used only where it is safe: a step longer than a tenth of the parameter
    /// (L-BFGS's answer not yet in the quadratic basin) ends the polish.
    /// </summary>
    private static void PolishByNewton(double[] estimate, double meanLog, double meanLogComplement, bool alphaFree, bool betaFree)
    {
        double Score(double a, double b, double meanLogOf, double digammaOwn) => meanLogOf - digammaOwn + SpecialFunctions.Digamma(a + b);
        for (int step = 0; step < 8 && (alphaFree || betaFree); step++)
        {
            double a = estimate[0], b = estimate[1];
            double ga = alphaFree ? Score(a, b, meanLog, SpecialFunctions.Digamma(a)) : 0;
            double gb = betaFree ? Score(a, b, meanLogComplement, SpecialFunctions.Digamma(b)) : 0;
            double t = SpecialFunctions.Trigamma(a + b), ia = SpecialFunctions.Trigamma(a) - t, ib = SpecialFunctions.Trigamma(b) - t;
            // The information per observation is [[ia, −t], [−t, ib]] (positive definite); δ = I⁻¹ g on the free block.
            double da, db;
            if (alphaFree && betaFree)
            {
                double determinant = ia * ib - t * t;
                da = (ib * ga + t * gb) / determinant;
                db = (t * ga + ia * gb) / determinant;
            }
            else
            {
                da = alphaFree ? ga / ia : 0;
                db = betaFree ? gb / ib : 0;
            }

            double na = a + da, nb = b + db;
            if (!(Math.Abs(da) <= 0.1 * a && Math.Abs(db) <= 0.1 * b))
            {
                return;
            }

            estimate[0] = na;
            estimate[1] = nb;
            if (Math.Abs(da) <= 1e-15 * na && Math.Abs(db) <= 1e-15 * nb)
            {
                return;
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"Beta(alpha = {Validate.Format(Alpha)}, beta = {Validate.Format(BetaParameter)})";

    private static bool InSupport(double x) => x > 0 && x < 1;

    /// <summary>The member with parameters θ in the family's order, the count checked.</summary>
    private static Beta Create(ReadOnlySpan<double> parameters)
    {
        Validate.Count(parameters, 2, Name);
        return new Beta(parameters[0], parameters[1]);
    }

    /// <summary>
    /// The beta's sufficient statistics N, Σ ln x and Σ ln(1 − x) (compensated), with the moments of x for the starting
    /// point and the extremes to refuse a constant sample as the in-memory fit does;
    /// ln L = (α − 1) Σ ln x + (β − 1) Σ ln(1 − x) − N ln B(α, β).
    /// </summary>
    private sealed class Accumulator() : FitAccumulator(Beta.Family)
    {
        private RunningMoments moments;
        private NeumaierSum logSum;
        private NeumaierSum logComplementSum;
        private double min = double.PositiveInfinity;
        private double max = double.NegativeInfinity;

        private protected override void AddChecked(ReadOnlySpan<double> sample)
        {
            moments.Add(sample);
            foreach (double x in sample)
            {
                logSum.Add(Math.Log(x));
                logComplementSum.Add(Math.Log(1 - x));
                min = Math.Min(min, x);
                max = Math.Max(max, x);
            }
        }

        private protected override void MergeChecked(FitAccumulator other)
        {
            var shard = (Accumulator)other;
            moments.Merge(shard.moments);
            logSum.Add(shard.logSum);
            logComplementSum.Add(shard.logComplementSum);
            min = Math.Min(min, shard.min);
            max = Math.Max(max, shard.max);
        }

        private protected override void AddStatisticsChecked(SufficientStatistics statistics)
        {
            moments.Merge(RunningMoments.FromMoments(statistics.Count, statistics.Required(statistics.Sum, "sum_x"), statistics.Required(statistics.SquaredDeviations, "var_pop_x")));
            logSum.Add(statistics.Required(statistics.LogSum, "sum_ln_x"));
            logComplementSum.Add(statistics.Required(statistics.LogComplementSum, "sum_ln_1m_x"));
            min = Math.Min(min, statistics.Required(statistics.Min, "min_x"));
            max = Math.Max(max, statistics.Required(statistics.Max, "max_x"));
        }

        private protected override DistributionFit FitChecked(HeldParameters held)
        {
            double? alpha = held["alpha"], beta = held["beta"];
            long n = Count;
            if ((alpha is null || beta is null) && min == max)
            {
                Validate.Throw($"All {n} observations equal {Validate.Format(min)}, so the {Name} maximum-likelihood estimate does not exist (the likelihood grows without bound as α and β → ∞ with α/(α+β) fixed); a fit needs at least two distinct values.", "sample");
            }

            (Beta model, FittedParameter[] parameters, int iterations) = Solve(n, logSum.Value / n, logComplementSum.Value / n, moments.Mean, moments.SquaredDeviations / n, alpha, beta);
            double logLikelihood = (model.Alpha - 1) * logSum.Value + (model.BetaParameter - 1) * logComplementSum.Value - n * SpecialFunctions.LogBeta(model.Alpha, model.BetaParameter);
            return new DistributionFit<Beta>(model, parameters, logLikelihood, n, iterations);
        }
    }
}
