using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>
/// The registry of Likely's distribution families: each family states itself once, as the static <c>Family</c>
/// descriptor in its own file, and this list is where they are gathered. The command line (<c>fit</c>, <c>fit auto</c>,
/// <c>explain</c>, the tour), model selection and the tests' reference tables all read the families from here.
/// </summary>
public static class Families
{
    /// <summary>Every family, in the order help and listings show them: discrete ones first.</summary>
    public static IReadOnlyList<DistributionFamily> All { get; } =
    [
        Bernoulli.Family, Categorical.Family, Binomial.Family, Poisson.Family, Geometric.Family, NegativeBinomial.Family,
        Normal.Family, Exponential.Family, Laplace.Family, LogNormal.Family, Gamma.Family, Weibull.Family, Beta.Family, StudentT.Family,
    ];

    /// <summary>The family named <paramref name="name"/> (case and surrounding spaces ignored), or false.</summary>
    public static bool TryFind(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DistributionFamily? family)
    {
        ArgumentNullException.ThrowIfNull(name);
        string key = name.Trim().ToLowerInvariant();
        family = All.FirstOrDefault(f => f.Name == key);
        return family is not null;
    }

    /// <summary>The family named <paramref name="name"/> (case and surrounding spaces ignored).</summary>
    /// <exception cref="ArgumentException">No family has that name; the message lists the names.</exception>
    public static DistributionFamily Find(string name) =>
        TryFind(name, out DistributionFamily? family)
            ? family
            : throw new ArgumentException($"Unknown family '{name}'; choose one of: {string.Join(", ", All.Select(f => f.Name))}.", nameof(name));

    /// <summary>Every family with its parameters, as help and the README list them: "bernoulli (p), …, student-t (nu, mu, sigma)".</summary>
    public static string Describe() => string.Join(", ", All);
}
