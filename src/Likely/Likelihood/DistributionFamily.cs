namespace Likely.Likelihood;

/// <summary>Fits a family to a sample with some parameters held: the function a family registers.</summary>
/// <param name="sample">The observations.</param>
/// <param name="held">The held parameters, already checked against the family.</param>
/// <returns>The fit, with the fitted member of the family.</returns>
public delegate DistributionFit FamilyFitFunction(ReadOnlySpan<double> sample, HeldParameters held);

/// <summary>Creates the member of a family with the given parameters: the function a family registers.</summary>
/// <param name="parameters">θ in the family's parameter order.</param>
/// <returns>The validated member.</returns>
public delegate IUnivariateDistribution FamilyCreateFunction(ReadOnlySpan<double> parameters);

/// <summary>
/// What Likely knows about one distribution family, stated once, in the family's own file: its name, its parameters
/// (names, ranges), whether it is discrete, its support, and its maximum-likelihood fit with held parameters.
/// The registry <c>Likely.Distributions.Families</c> lists every family; the command line, model selection and the
/// tests read them from there.
/// </summary>
public sealed class DistributionFamily
{
    private readonly Func<double, bool> isInSupport;
    private readonly FamilyFitFunction fit;
    private readonly FamilyCreateFunction create;
    private readonly string? parameterSummary;
    private readonly Func<FitAccumulator>? createAccumulator;

    /// <summary>Describes a family.</summary>
    /// <param name="name">The name as the command line spells it: lower case, e.g. <c>normal</c>, <c>student-t</c>.</param>
    /// <param name="isDiscrete">True for a family on the integers (probabilities), false for densities on the reals.</param>
    /// <param name="parameters">The parameters in the family's order (empty when their number depends on the data, as the categorical's).</param>
    /// <param name="support">The support in words, e.g. "whole numbers 0, 1, 2, …".</param>
    /// <param name="isInSupport">The support test: true when p(x) can be positive for some member of the family.</param>
    /// <param name="create">The member with given parameters (validated).</param>
    /// <param name="fit">The maximum-likelihood fit with held parameters.</param>
    /// <param name="parameterSummary">How to list the parameters when <paramref name="parameters"/> cannot (the categorical's "p0, …, pK−1"); null to list their names.</param>
    /// <param name="createAccumulator">A new, empty accumulator of the family's sufficient statistics; null for a family whose fit needs the whole sample.</param>
    /// <exception cref="ArgumentException">The name is empty or not lower case.</exception>
    public DistributionFamily(string name, bool isDiscrete, IReadOnlyList<FamilyParameter> parameters, string support,
        Func<double, bool> isInSupport, FamilyCreateFunction create, FamilyFitFunction fit, string? parameterSummary = null,
        Func<FitAccumulator>? createAccumulator = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(isInSupport);
        ArgumentNullException.ThrowIfNull(create);
        ArgumentNullException.ThrowIfNull(fit);
        if (name != name.ToLowerInvariant())
        {
            throw new ArgumentException($"The family name '{name}' must be lower case, as the command line spells it.", nameof(name));
        }

        Name = name;
        IsDiscrete = isDiscrete;
        Parameters = parameters;
        ParameterNames = parameters.Select(p => p.Name).ToArray();
        Support = support;
        this.isInSupport = isInSupport;
        this.create = create;
        this.fit = fit;
        this.parameterSummary = parameterSummary;
        this.createAccumulator = createAccumulator;
    }

    /// <summary>The name as the command line spells it, e.g. <c>student-t</c>.</summary>
    public string Name { get; }

    /// <summary>True for a family on the integers (probabilities), false for densities on the reals.</summary>
    public bool IsDiscrete { get; }

    /// <summary>The parameters in the family's order; empty for the categorical, whose K probabilities p0…pK−1 follow the data.</summary>
    public IReadOnlyList<FamilyParameter> Parameters { get; }

    /// <summary>The parameter names in order (the names of <see cref="Parameters"/>).</summary>
    public IReadOnlyList<string> ParameterNames { get; }

    /// <summary>The support in words, e.g. "finite x &gt; 0".</summary>
    public string Support { get; }

    /// <summary>True when a fit estimates every parameter by itself, i.e. none must be held (false for the binomial's n).</summary>
    public bool EstimatesEveryParameter => !Parameters.Any(p => p.MustBeHeld);

    /// <summary>The parameters as help lists them: "mu, sigma"; "p0, …, pK−1" for the categorical.</summary>
    public string ParameterSummary => parameterSummary ?? string.Join(", ", ParameterNames);

    /// <summary>True when <paramref name="x"/> is in the support of some member of the family.</summary>
    public bool IsInSupport(double x) => isInSupport(x);

    /// <summary>True when every value of <paramref name="sample"/> is in the support (true for an empty sample).</summary>
    public bool SupportContains(ReadOnlySpan<double> sample)
    {
        foreach (double x in sample)
        {
            if (!isInSupport(x))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The member of the family with parameters θ = <paramref name="parameters"/>, in the family's order.</summary>
    /// <exception cref="ArgumentException">The count is wrong or a value is out of its range.</exception>
    public IUnivariateDistribution Create(ReadOnlySpan<double> parameters) => create(parameters);

    /// <summary>
    /// The maximum-likelihood fit to <paramref name="sample"/>, with the parameters in <paramref name="held"/> held
    /// at their values (as SciPy's <c>floc</c>/<c>fscale</c>) and the others estimated.
    /// </summary>
    /// <param name="sample">The observations (class indices 0…K−1 for the categorical).</param>
    /// <param name="held">Parameter name (or alias) → held value; null or empty to estimate every parameter.</param>
    /// <exception cref="ArgumentException">
    /// A held name is not a parameter of the family, a held value is outside its range (NaN, ±∞ included), a parameter
    /// that must be held is missing, or the sample is empty, holds NaN, leaves the support or has no finite MLE.
    /// </exception>
    /// <exception cref="InvalidOperationException">The family's optimizer did not converge, or the MLE runs off to a boundary (the family's message says which and what to do).</exception>
    public DistributionFit Fit(ReadOnlySpan<double> sample, IReadOnlyDictionary<string, double>? held = null) => fit(sample, Hold(held));

    /// <summary>
    /// Checks <paramref name="held"/> against the family: each name (or alias) names a parameter, each value is in
    /// the parameter's range, and every parameter that must be held is present.
    /// </summary>
    /// <exception cref="ArgumentException">One of those checks failed; the message names the parameter and the fix.</exception>
    public HeldParameters Hold(IReadOnlyDictionary<string, double>? held)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string name, double value) in held ?? new Dictionary<string, double>())
        {
            FamilyParameter parameter = Parameters.FirstOrDefault(p => p.IsCalled(name))
                ?? throw new ArgumentException(UnknownParameter(name), nameof(held));
            values[parameter.Name] = parameter.Range.Require(value, parameter.Name, Name, "held parameter");
        }

        foreach (FamilyParameter parameter in Parameters.Where(p => p.MustBeHeld && !values.ContainsKey(p.Name)))
        {
            throw new ArgumentException($"{Name} needs {parameter.Name} ({parameter.Meaning}) held: the fit does not estimate it; hold {parameter.Name} at {parameter.Range.Description}.", nameof(held));
        }

        return new HeldParameters(values);
    }

    /// <summary>
    /// True when the maximum-likelihood fit needs every observation in memory at once (8 bytes each) because the
    /// likelihood does not reduce to fixed-size sums (a median for the Laplace, iterations over every point for
    /// Student's t, the negative binomial and the Weibull); false when <see cref="CreateAccumulator"/> streams.
    /// </summary>
    public bool NeedsSampleInMemory => createAccumulator is null;

    /// <summary>
    /// Why a fit of this family cannot stream, in one sentence with the memory it takes, e.g. "laplace has no
    /// fixed-size sufficient statistics (…), so its fit needs the whole sample in memory: 8 bytes per observation
    /// (80 MB for 10 million)."; null when <see cref="CreateAccumulator"/> gives an accumulator.
    /// </summary>
    public string? InMemoryReason => createAccumulator is null
        ? $"{Name} has no fixed-size sufficient statistics (its maximum-likelihood estimate is not a function of running sums such as Σ x and Σ ln x), so its fit needs the whole sample in memory: 8 bytes per observation (80 MB for 10 million)."
        : null;

    /// <summary>
    /// A new, empty accumulator of the family's sufficient statistics, to fit a sample streamed in chunks or shards in
    /// constant memory (see <see cref="FitAccumulator"/>); null when the family <see cref="NeedsSampleInMemory"/>
    /// (<see cref="InMemoryReason"/> says why).
    /// </summary>
    public FitAccumulator? CreateAccumulator() => createAccumulator?.Invoke();

    /// <summary>The family and its parameters: "normal (mu, sigma)".</summary>
    public override string ToString() => $"{Name} ({ParameterSummary})";

    private string UnknownParameter(string name) => Parameters.Count == 0
        ? $"{Name} has no parameter '{name}' to hold; its parameters ({ParameterSummary}) are all estimated."
        : $"{Name} has no parameter '{name}' to hold; its parameters are: {string.Join(", ", ParameterNames)}.";
}
