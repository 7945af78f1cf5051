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

    /// <summary>
    /// Families with no SciPy fit in the file, each with the independent reference that stands in for it. Adding a
    /// family without a SciPy reference (or an entry here) fails <c>ScipyComparisonTests.Families_EachHasAFitReference</c>.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> FitsCheckedElsewhere = new Dictionary<string, string>
    {
        ["categorical"] = "SciPy has no categorical fit; FamilyRegistryTests.Fit_Categorical_MatchesHandCountedFrequencies checks p̂ = counts/N and ln L by hand.",
    };

    /// <summary>The family member with SciPy's parameters, in Likely's order, made by the registry.</summary>
    public static IUnivariateDistribution Create(string family, double[] p) => Families.Find(family).Create(p);

    /// <summary>Likely's fit of the same sample with the same held parameters, through the registry.</summary>
    public static MaximumLikelihoodFit FitWithLikely(string family, double[] x, Dictionary<string, double> held) =>
        Families.Find(family).Fit(x, held);

    /// <summary>
    /// Likely's name of a parameter SciPy's file names: the file predates the exponential's rename from rate to
    /// lambda, and the registry knows rate as lambda's alias.
    /// </summary>
    public static string ParameterName(string family, string name) =>
        Families.Find(family).Parameters.Single(p => p.IsCalled(name)).Name;

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
