namespace Likely.Likelihood;

/// <summary>
/// A univariate probability distribution p(x; θ): its log-density, support, entropy and a seeded sampler. The
/// likelihood machinery (fits, the ledger, model selection) evaluates models through this interface; the families
/// that implement it live in <c>Likely.Distributions</c>. Discrete families (counts, categories) report
/// probabilities, continuous ones densities.
/// </summary>
/// <remarks>
/// For a discrete family <see cref="LogDensity(double)"/> is the log-probability ln P(X = x) (a density with respect
/// to counting measure) and is −∞ at non-integers; for a continuous family it is ln f(x). Outside the support it is −∞.
/// Parameters are validated when a member is constructed, so every instance is a valid distribution.
/// </remarks>
public interface IUnivariateDistribution
{
    /// <summary>The family's name as the command line spells it, e.g. <c>normal</c>, <c>student-t</c>.</summary>
    string FamilyName { get; }

    /// <summary>
    /// The parameter names in order, the same in the constructor, the fit result, <c>likely fit --fix name=value</c>
    /// and the JSON output (e.g. <c>mu</c>, <c>sigma</c>).
    /// </summary>
    IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The parameter values θ, in the order of <see cref="ParameterNames"/>.</summary>
    double[] GetParameters();

    /// <summary>True for families on the integers (probabilities), false for densities on the reals.</summary>
    bool IsDiscrete { get; }

    /// <summary>True when <paramref name="x"/> is in the support, i.e. p(x) can be positive.</summary>
    bool IsInSupport(double x);

    /// <summary>ln p(x; θ): the log-probability (discrete) or log-density (continuous); −∞ outside the support.</summary>
    double LogDensity(double x);

    /// <summary>destination[i] = ln p(x[i]; θ) for every i.</summary>
    /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <paramref name="x"/>.</exception>
    void LogDensity(ReadOnlySpan<double> x, Span<double> destination);

    /// <summary>
    /// The cumulative distribution function F(x) = P(X ≤ x), for every real x: for a discrete family the sum of the
    /// probabilities of the support points ≤ x (so F(2.7) = F(2)); 0 below the support, 1 above it; NaN gives NaN.
    /// </summary>
    double Cdf(double x);

    /// <summary>
    /// The log-survival function ln P(X &gt; x) = ln(1 − F(x)), computed from the upper tail itself (complementary
    /// special functions) so that it stays accurate where 1 − F(x) is tiny; right-censored likelihoods need it.
    /// It is 0 below the support and −∞ at or above its top; NaN gives NaN.
    /// </summary>
    double LogSurvival(double x);

    /// <summary>
    /// The log-CDF ln F(x) = ln P(X ≤ x), computed from the lower tail itself (the lower special function as a log,
    /// log1mexp of the log-survival, or a closed form) so that it stays accurate, and finite, where F(x) is below the
    /// smallest double (10⁻³⁰⁸): the mirror of <see cref="LogSurvival"/>. It is −∞ below the support and 0 at or above
    /// its top; NaN gives NaN. Every family in <c>Likely.Distributions</c> implements it so; the default, ln F(x), is
    /// for other implementations and is −∞ wherever F underflows.
    /// </summary>
    double LogCdf(double x) => Math.Log(Cdf(x));

    /// <summary>
    /// The entropy H(p) = −E[ln p(X)] in nats: Shannon entropy for discrete families, differential entropy for
    /// continuous ones (which can be negative).
    /// </summary>
    double Entropy { get; }

    /// <summary>Fills <paramref name="destination"/> with independent draws, using <paramref name="random"/> (seed it to reproduce).</summary>
    void Sample(Random random, Span<double> destination);

    /// <summary>A member of the same family with parameters θ (same order as <see cref="ParameterNames"/>), validated.</summary>
    /// <exception cref="ArgumentException">The count is wrong or a value is out of range.</exception>
    IUnivariateDistribution WithParameters(ReadOnlySpan<double> parameters);

    /// <summary>
    /// A member of the same family with parameter <paramref name="index"/> moved to <paramref name="value"/> and the
    /// others kept, for profiles and perturbations of one parameter. A family whose parameters are tied overrides
    /// this to keep the tie (the categorical rescales the other probabilities so they still sum to 1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is not a parameter index.</exception>
    /// <exception cref="ArgumentException">The moved value is outside the parameter's range.</exception>
    IUnivariateDistribution WithParameter(int index, double value)
    {
        double[] theta = GetParameters();
        if ((uint)index >= (uint)theta.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, $"{FamilyName} has {theta.Length} parameters ({string.Join(", ", ParameterNames)}); pass an index in 0…{theta.Length - 1}.");
        }

        theta[index] = value;
        return WithParameters(theta);
    }
}
