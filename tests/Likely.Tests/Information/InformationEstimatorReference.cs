using System.Text.Json;

namespace Likely.Tests.Information;

/// <summary>
/// tests/Likely.Tests/Data/information_estimators.json, written by make_information_estimators.py beside it (numpy 1.24,
/// SciPy 1.10.1, scikit-learn 1.2.1): Chao–Shen values from a numpy transcription of the paper's formula, NumPy
/// percentiles, and scikit-learn's mutual_info_regression on committed Gaussian samples.
/// </summary>
internal static class InformationEstimatorReference
{
    /// <summary>The parsed file.</summary>
    public static readonly JsonElement Root = Load();

    /// <summary>The numbers of a JSON array.</summary>
    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static JsonElement Load()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(Likely.Tests.Data.DataTestFiles.Committed("information_estimators.json")));
        return document.RootElement.Clone();
    }
}
