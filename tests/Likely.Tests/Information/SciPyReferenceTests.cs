using System.Text.Json;
using Likely.Information;

namespace Likely.Tests.Information;

/// <summary>
/// Values from an independent implementation: SciPy 1.10.1 and scikit-learn 1.2.1, committed as
/// tests/Likely.Tests/Data/scipy_information.json by make_scipy_information.py next to it (see that script for the calls).
/// </summary>
public class SciPyReferenceTests
{
    private static readonly JsonElement Reference = Load();

    public static TheoryData<int> CaseIndices()
    {
        var data = new TheoryData<int>();
        for (int i = 0; i < Reference.GetProperty("cases").GetArrayLength(); i++) data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseIndices))]
    public void Quantities_MatchSciPy(int index)
    {
        JsonElement item = Reference.GetProperty("cases")[index];
        double[] p = Doubles(item.GetProperty("p")), q = Doubles(item.GetProperty("q"));
        LogBase logBase = LogBase.Of(item.GetProperty("base").GetDouble());
        AssertClose(item.GetProperty("entropy").GetDouble(), Entropy.Compute(p, logBase));
        AssertClose(item.GetProperty("kl").GetDouble(), KullbackLeiblerDivergence.Compute(p, q, logBase));
        AssertClose(item.GetProperty("cross_entropy").GetDouble(), CrossEntropy.Compute(p, q, logBase));
        AssertClose(item.GetProperty("js").GetDouble(), JensenShannonDivergence.Compute(p, q, logBase));
    }

    [Fact]
    public void MutualInformation_MatchesScikitLearn()
    {
        foreach (JsonElement item in Reference.GetProperty("mutual_information").EnumerateArray())
        {
            string[] x = item.GetProperty("x").EnumerateArray().Select(e => e.GetString()!).ToArray();
            string[] y = item.GetProperty("y").EnumerateArray().Select(e => e.GetString()!).ToArray();
            AssertClose(item.GetProperty("mutual_info_nats").GetDouble(), ContingencyTable.FromPairs(x, y).MutualInformation());
        }
    }

    private static void AssertClose(double expected, double actual) =>
        Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    private static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(e => e.GetDouble()).ToArray();

    private static JsonElement Load()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string path = Path.Combine(folder.FullName, "tests", "Likely.Tests", "Data", "scipy_information.json");
            if (File.Exists(path))
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
                return document.RootElement.Clone();
            }
        }

        throw new FileNotFoundException("tests/Likely.Tests/Data/scipy_information.json was not found above the test binaries.");
    }
}
