using System.Text.Json;

namespace Likely.Tests.Training;

/// <summary>
/// Reads tests/Likely.Tests/Data/temperature_reference.json, written by make_temperature_reference.py: logits, labels and
/// the maximum-likelihood temperature found by scipy.optimize.minimize_scalar (SciPy 1.10, float64), independently of Likely.
/// </summary>
internal static class TemperatureReference
{
    /// <summary>One reference case: N×C logits (float32-representable), N labels, T̂ and the cross-entropy at T = 1 and at T̂.</summary>
    public sealed record Case(string Name, int Rows, int Classes, float[] Logits, int[] Labels, double Temperature, double CrossEntropyBefore, double CrossEntropyAfter);

    /// <summary>Every case in the file.</summary>
    public static IReadOnlyList<Case> Cases { get; } = Read();

    private static Case[] Read()
    {
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(FindFile()));
        return document.RootElement.GetProperty("cases").EnumerateArray().Select(c => new Case(
            c.GetProperty("name").GetString()!,
            c.GetProperty("rows").GetInt32(),
            c.GetProperty("classes").GetInt32(),
            c.GetProperty("logits").EnumerateArray().Select(v => (float)v.GetDouble()).ToArray(),
            c.GetProperty("labels").EnumerateArray().Select(v => v.GetInt32()).ToArray(),
            c.GetProperty("temperature").GetDouble(),
            c.GetProperty("crossEntropyBefore").GetDouble(),
            c.GetProperty("crossEntropyAfter").GetDouble())).ToArray();
    }

    private static string FindFile() => Likely.Tests.Data.DataTestFiles.Committed("temperature_reference.json");
}
