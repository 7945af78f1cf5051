namespace Likely.Likelihood;

/// <summary>
/// A maximum-likelihood fit of a distribution family: the fitted member p(·; θ̂) of the family plus the fit
/// statistics. <see cref="DistributionFamily.Fit"/> returns this type; each family's typed <c>Fit</c> returns
/// <see cref="DistributionFit{TDistribution}"/>.
/// </summary>
public record DistributionFit : MaximumLikelihoodFit
{
    /// <summary>Creates the result of fitting <paramref name="distribution"/>.</summary>
    /// <param name="distribution">The family member at θ̂.</param>
    /// <param name="parameters">Every parameter in the family's order.</param>
    /// <param name="logLikelihood">ln L(θ̂).</param>
    /// <param name="observationCount">N.</param>
    /// <param name="iterations">Optimizer iterations; 0 for a closed form.</param>
    /// <param name="freeParameterCount">k when it differs from the count of non-fixed parameters (categorical: K − 1).</param>
    /// <exception cref="ArgumentNullException"><paramref name="distribution"/> is null.</exception>
    /// <exception cref="ArgumentException">N &lt; 1 or ln L is not finite.</exception>
    public DistributionFit(IUnivariateDistribution distribution, IReadOnlyList<FittedParameter> parameters, double logLikelihood, long observationCount, int iterations = 0, int? freeParameterCount = null)
        : base(parameters, logLikelihood, observationCount, iterations, freeParameterCount)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        Distribution = distribution;
    }

    /// <summary>The fitted distribution, p(·; θ̂).</summary>
    public IUnivariateDistribution Distribution { get; }
}

/// <summary>A maximum-likelihood fit of one family, with the fitted member typed as that family.</summary>
/// <typeparam name="TDistribution">The family.</typeparam>
public sealed record DistributionFit<TDistribution> : DistributionFit
    where TDistribution : IUnivariateDistribution
{
    /// <inheritdoc cref="DistributionFit(IUnivariateDistribution, IReadOnlyList{FittedParameter}, double, long, int, int?)"/>
    public DistributionFit(TDistribution distribution, IReadOnlyList<FittedParameter> parameters, double logLikelihood, long observationCount, int iterations = 0, int? freeParameterCount = null)
        : base(distribution, parameters, logLikelihood, observationCount, iterations, freeParameterCount)
    {
        Distribution = distribution;
    }

    /// <summary>The fitted distribution, p(·; θ̂), as its family's type (the same object as the base's).</summary>
    public new TDistribution Distribution { get; }
}
