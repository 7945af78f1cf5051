using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// Reads tests/Likely.Tests/Data/scipy_fits.json, written once by make_scipy_fits.py (SciPy 1.10.1, NumPy 1.24.2)
/// and committed: the tests compare against SciPy without needing Python.
/// </summary>
internal static class ScipyReference
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(FindFile())));

    public static JsonElement Root => Document.Value.RootElement;

    public static IEnumerable<JsonElement> Fits => Root.GetProperty("fits").EnumerateArray();

    public static JsonElement Fit(string name) => Fits.Single(f => f.GetProperty("name").GetString() == name);

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    public static Dictionary<string, double> Map(JsonElement obj) =>
        obj.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

    /// <summary>The family member with SciPy's parameters, in Likely's order.</summary>
    public static IUnivariateDistribution Create(string family, double[] p) => family switch
    {
        "normal" => new Normal(p[0], p[1]),
        "exponential" => new Exponential(p[0]),
        "laplace" => new Laplace(p[0], p[1]),
        "lognormal" => new LogNormal(p[0], p[1]),
        "gamma" => new Gamma(p[0], p[1]),
        "beta" => new Beta(p[0], p[1]),
        "student-t" => new StudentT(p[0], p[1], p[2]),
        "poisson" => new Poisson(p[0]),
        "binomial" => new Binomial((int)p[0], p[1]),
        "geometric" => new Geometric(p[0]),
        "bernoulli" => new Bernoulli(p[0]),
        _ => throw new ArgumentException($"unknown family {family}"),
    };

    /// <summary>Likely's fit of the same sample with the same held parameters.</summary>
    public static MaximumLikelihoodFit FitWithLikely(string family, double[] x, Dictionary<string, double> held)
    {
        double? Held(string name) => held.TryGetValue(name, out double v) ? v : null;
        return family switch
        {
            "normal" => Normal.Fit(x, Held("mu"), Held("sigma")),
            "exponential" => Exponential.Fit(x, Held("rate")),
            "laplace" => Laplace.Fit(x, Held("mu"), Held("b")),
            "lognormal" => LogNormal.Fit(x, Held("mu"), Held("sigma")),
            "gamma" => Gamma.Fit(x, Held("shape"), Held("scale")),
            "beta" => Beta.Fit(x, Held("alpha"), Held("beta")),
            "student-t" => StudentT.Fit(x, Held("nu"), Held("mu"), Held("sigma")),
            "poisson" => Poisson.Fit(x, Held("lambda")),
            "binomial" => Binomial.Fit(x, (int)held["n"], Held("p")),
            "geometric" => Geometric.Fit(x, Held("p")),
            "bernoulli" => Bernoulli.Fit(x, Held("p")),
            _ => throw new ArgumentException($"unknown family {family}"),
        };
    }

    private static string FindFile()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "Likely.Tests", "Data", "scipy_fits.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scipy_fits.json not found above the test binaries; run from the repository.");
    }
}
