namespace Likely.Likelihood;

/// <summary>ln L(θ) = Σᵢ ln p(xᵢ; θ) for a parameter vector θ (the sample is captured by the delegate).</summary>
/// <param name="parameters">θ, one value per <see cref="ParameterSpecification"/>, in order.</param>
/// <returns>ln L(θ); −∞ or NaN where θ is not admissible.</returns>
public delegate double LogLikelihoodFunction(ReadOnlySpan<double> parameters);

/// <summary>ln L(θ) and its gradient ∇_θ ln L(θ).</summary>
/// <param name="parameters">θ, one value per <see cref="ParameterSpecification"/>, in order.</param>
/// <param name="gradient">Receives ∂ ln L/∂θⱼ for every j (entries of fixed parameters are ignored).</param>
/// <returns>ln L(θ).</returns>
public delegate double LogLikelihoodGradientFunction(ReadOnlySpan<double> parameters, Span<double> gradient);
