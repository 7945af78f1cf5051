namespace Likely.Likelihood;

/// <summary>
/// Maximum likelihood for right-censored data: some observations are known only to exceed their value (a machine
/// still running when the study ended, a patient lost to follow-up). An exact observation contributes its density and a
/// censored one its survival probability:
/// ln L(θ) = Σ_exact ln f(xᵢ; θ) + Σ_censored ln S(xᵢ; θ), with S(x) = P(X &gt; x).
/// Dividing by N still gives minus a cross-entropy, now against the empirical distribution of what was observed: an
/// event at x, or "beyond x".
/// </summary>
/// <remarks>
/// The estimate is found numerically by <see cref="MaximumLikelihood"/> (L-BFGS over the parameters mapped to the
/// whole real line: ln of a positive parameter, logit of a probability), started at the family's own fit to the values
/// as if none were censored, which is the right order of magnitude and inside the domain. Standard errors come from the
/// observed information of the censored log-likelihood. With no censored row the result is the family's ordinary MLE.
/// </remarks>
public static class CensoredMaximumLikelihood
{
    /// <summary>Fits <paramref name="family"/> to <paramref name="values"/>, where <paramref name="censored"/>[i] marks a value known only as a lower bound.</summary>
    /// <param name="family">A continuous family from the registry.</param>
    /// <param name="values">Every observation: the event time, or for a censored row the time it was last seen.</param>
    /// <param name="censored">True where the row is right-censored; the same length as <paramref name="values"/>.</param>
    /// <param name="held">Parameters held at a value, as <see cref="DistributionFamily.Fit"/> takes them; null for none.</param>
    /// <returns>The fit; its log-likelihood is the censored one.</returns>
    /// <exception cref="ArgumentException">
    /// The family is discrete, the lengths differ, a value is outside the support, no row is an exact observation (every
    /// row censored: the likelihood rises without bound as the distribution moves right), or a held value is out of range.
    /// </exception>
    /// <exception cref="InvalidOperationException">The optimizer did not converge.</exception>
    public static DistributionFit Fit(DistributionFamily family, ReadOnlySpan<double> values, ReadOnlySpan<bool> censored, IReadOnlyDictionary<string, double>? held = null)
    {
        ArgumentNullException.ThrowIfNull(family);
        Check(family, values, censored);
        DistributionFit start = family.Fit(values, held);
        if (!censored.Contains(true))
        {
            return start;
        }

        double[] x = values.ToArray();
        bool[] isCensored = censored.ToArray();
        IReadOnlyList<string> names = family.ParameterNames;
        var specifications = new ParameterSpecification[names.Count];
        for (int j = 0; j < names.Count; j++)
        {
            FittedParameter fitted = start.Parameters[j];
            specifications[j] = new ParameterSpecification(names[j], fitted.Estimate, Domain(family.Parameters[j].Range), fitted.IsFixed);
        }

        MaximumLikelihoodFit fit = MaximumLikelihood.Fit(theta => LogLikelihood(family, theta, x, isCensored), specifications, x.Length);
        IUnivariateDistribution distribution = family.Create(fit.Parameters.Select(p => p.Estimate).ToArray());
        return new DistributionFit(distribution, fit.Parameters, fit.LogLikelihood, fit.ObservationCount, fit.Iterations);
    }

    /// <summary>ln L(θ) = Σ_exact ln f(xᵢ) + Σ_censored ln S(xᵢ) under <paramref name="distribution"/>.</summary>
    public static double LogLikelihood(IUnivariateDistribution distribution, ReadOnlySpan<double> values, ReadOnlySpan<bool> censored)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        if (values.Length != censored.Length)
        {
            throw new ArgumentException($"{values.Length} values but {censored.Length} censoring flags; give one flag per value.", nameof(censored));
        }

        double sum = 0;
        for (int i = 0; i < values.Length; i++)
        {
            sum += censored[i] ? distribution.LogSurvival(values[i]) : distribution.LogDensity(values[i]);
        }

        return sum;
    }

    private static double LogLikelihood(DistributionFamily family, ReadOnlySpan<double> theta, double[] x, bool[] censored)
    {
        IUnivariateDistribution distribution;
        try
        {
            distribution = family.Create(theta);
        }
        catch (ArgumentException)
        {
            return double.NegativeInfinity; // a step left the parameter space: the line search backs off
        }

        return LogLikelihood(distribution, x, censored);
    }

    private static void Check(DistributionFamily family, ReadOnlySpan<double> values, ReadOnlySpan<bool> censored)
    {
        if (family.IsDiscrete)
        {
            throw new ArgumentException($"Censored fits are for continuous families (times, sizes); {family.Name} is discrete.", nameof(family));
        }

        if (values.Length != censored.Length)
        {
            throw new ArgumentException($"{values.Length} values but {censored.Length} censoring flags; give one flag per value.", nameof(censored));
        }

        if (!censored.Contains(false))
        {
            throw new ArgumentException(
                $"Every one of the {values.Length} rows is censored: with no event observed, the likelihood keeps rising as the distribution moves right, so there is no MLE; censored data need some exact observations.",
                nameof(censored));
        }
    }

    /// <summary>The optimizer's domain for a parameter range: the whole line, the positive half-line, or (0, 1).</summary>
    private static ParameterDomain Domain(ParameterRange range) =>
        range.Lower == 0 && range.Upper == 1 ? ParameterDomain.UnitInterval
        : range.Lower == 0 && double.IsPositiveInfinity(range.Upper) ? ParameterDomain.Positive
        : ParameterDomain.Real;
}
