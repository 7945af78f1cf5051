namespace Likely.Likelihood;

/// <summary>
/// The outcome of a maximum-likelihood fit: the estimate θ̂ = argmax ln L(θ), ln L(θ̂), the standard errors from the
/// observed Fisher information, and the information criteria.
/// </summary>
/// <remarks>
/// <para>
/// The mean log-likelihood (1/N)·ln L(θ̂) = (1/N) Σᵢ ln p(xᵢ; θ̂) is −H(p̂, p_θ̂), minus the cross-entropy of the model
/// against the empirical distribution p̂ of the sample: maximizing the likelihood is minimizing that cross-entropy.
/// </para>
/// <para>Units: nats. For discrete families p is a probability; for continuous ones a density, so ln L can be positive.</para>
/// </remarks>
public record MaximumLikelihoodFit
{
    /// <summary>Creates a fit result; the information criteria are derived from the inputs.</summary>
    /// <param name="parameters">Every parameter, estimated or held fixed, in the family's order.</param>
    /// <param name="logLikelihood">ln L(θ̂) = Σᵢ ln p(xᵢ; θ̂), finite.</param>
    /// <param name="observationCount">N ≥ 1, the number of observations.</param>
    /// <param name="iterations">Optimizer iterations taken; 0 for a closed form.</param>
    /// <param name="freeParameterCount">
    /// k, the dimension of the estimated parameter set; null to count the parameters not held fixed. A categorical fit
    /// over K classes passes K − 1, because its K probabilities are tied by Σ p = 1.
    /// </param>
    /// <exception cref="ArgumentException">N &lt; 1 or ln L is not finite.</exception>
    public MaximumLikelihoodFit(IReadOnlyList<FittedParameter> parameters, double logLikelihood, long observationCount, int iterations, int? freeParameterCount = null)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentOutOfRangeException.ThrowIfLessThan(observationCount, 1);
        if (!double.IsFinite(logLikelihood))
        {
            throw new ArgumentException($"The maximized log-likelihood is {logLikelihood}; a fit needs a finite value.", nameof(logLikelihood));
        }

        Parameters = parameters;
        LogLikelihood = logLikelihood;
        ObservationCount = observationCount;
        Iterations = iterations;
        FreeParameterCount = freeParameterCount ?? parameters.Count(p => !p.IsFixed);
    }

    /// <summary>Every parameter in the family's order, with estimate, standard error and whether it was held fixed.</summary>
    public IReadOnlyList<FittedParameter> Parameters { get; }

    /// <summary>ln L(θ̂) = Σᵢ ln p(xᵢ; θ̂), in nats.</summary>
    public double LogLikelihood { get; }

    /// <summary>N, the number of observations.</summary>
    public long ObservationCount { get; }

    /// <summary>Optimizer iterations (Newton or L-BFGS steps) taken; 0 when the estimate has a closed form.</summary>
    public int Iterations { get; }

    /// <summary>(1/N)·ln L(θ̂) = −H(p̂, p_θ̂), in nats per observation.</summary>
    public double MeanLogLikelihood => LogLikelihood / ObservationCount;

    /// <summary>H(p̂, p_θ̂) = −(1/N) Σᵢ ln p(xᵢ; θ̂), the cross-entropy of the fitted model against the sample, in nats.</summary>
    public double CrossEntropy => -MeanLogLikelihood;

    /// <summary>k, the number of free parameters that were estimated (not held fixed; K − 1 for a categorical fit).</summary>
    public int FreeParameterCount { get; }

    /// <summary>Akaike's information criterion, AIC = 2k − 2 ln L(θ̂) (smaller is better).</summary>
    public double Aic => 2.0 * FreeParameterCount - 2 * LogLikelihood;

    /// <summary>Bayesian (Schwarz) information criterion, BIC = k ln N − 2 ln L(θ̂) (smaller is better).</summary>
    public double Bic => FreeParameterCount * Math.Log(ObservationCount) - 2 * LogLikelihood;

    /// <summary>The parameter named <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">There is no such parameter.</exception>
    public FittedParameter this[string name] =>
        Parameters.FirstOrDefault(p => p.Name == name)
        ?? throw new KeyNotFoundException($"This fit has no parameter '{name}'; its parameters are {string.Join(", ", Parameters.Select(p => p.Name))}.");
}
