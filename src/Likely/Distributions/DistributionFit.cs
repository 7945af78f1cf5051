using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>A maximum-likelihood fit of a distribution family: the fitted member of the family plus the fit statistics.</summary>
/// <typeparam name="TDistribution">The family.</typeparam>
public sealed record DistributionFit<TDistribution> : MaximumLikelihoodFit
    where TDistribution : IUnivariateDistribution
{
    /// <summary>Creates the result of fitting <paramref name="distribution"/>.</summary>
    /// <param name="distribution">The family member at θ̂.</param>
    /// <param name="parameters">Every parameter in the family's order.</param>
    /// <param name="logLikelihood">ln L(θ̂).</param>
    /// <param name="observationCount">N.</param>
    /// <param name="iterations">Optimizer iterations; 0 for a closed form.</param>
    /// <param name="freeParameterCount">k when it differs from the count of non-fixed parameters (categorical: K − 1).</param>
    public DistributionFit(TDistribution distribution, IReadOnlyList<FittedParameter> parameters, double logLikelihood, int observationCount, int iterations = 0, int? freeParameterCount = null)
        : base(parameters, logLikelihood, observationCount, iterations, freeParameterCount)
    {
        Distribution = distribution;
    }

    /// <summary>The fitted distribution, p(·; θ̂).</summary>
    public TDistribution Distribution { get; }
}
