using System.Text.Json;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Reads tests/Likely.Tests/Data/uncertainty_reference.json, written once by make_uncertainty_reference.py (SciPy 1.10.1,
/// NumPy 1.24) and committed: brute-force profile intervals, χ²/normal tails, likelihood-ratio and Vuong statistics
/// and a BCa case, so the tests need no Python.
/// </summary>
internal static class UncertaintyReference
{
    private static readonly Lazy<JsonDocument> Document = new(() => JsonDocument.Parse(File.ReadAllText(FindFile())));

    public static JsonElement Root => Document.Value.RootElement;

    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    /// <summary>The profile case of <paramref name="family"/> at <paramref name="level"/>.</summary>
    public static JsonElement Profile(string family, double level) => Root.GetProperty("profiles").EnumerateArray()
        .Single(p => p.GetProperty("family").GetString() == family && p.GetProperty("level").GetDouble() == level);

    private static string FindFile() => Likely.Tests.Data.DataTestFiles.Committed("uncertainty_reference.json");
}
