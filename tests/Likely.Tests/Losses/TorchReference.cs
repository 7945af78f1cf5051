using System.Text.Json;

namespace Likely.Tests.Losses;

/// <summary>
/// Reads tests/Likely.Tests/Data/torch_losses.json, written by make_torch_losses.py (PyTorch 1.13, float64).
/// The file is found by walking up from the test binaries, so the test project needs no copy step.
/// </summary>
internal static class TorchReference
{
    private static readonly Lazy<Dictionary<string, JsonElement>> Cases = new(Load);

    public static IEnumerable<object[]> Names(string kind) =>
        Cases.Value.Where(pair => pair.Value.GetProperty("kind").GetString() == kind).Select(pair => new object[] { pair.Key });

    public static JsonElement Case(string name) => Cases.Value[name];

    public static double Number(JsonElement element) => element.ValueKind == JsonValueKind.String
        ? element.GetString() switch
        {
            "inf" => double.PositiveInfinity,
            "-inf" => double.NegativeInfinity,
            _ => double.NaN,
        }
        : element.GetDouble();

    public static double[] Doubles(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(Number).ToArray();

    public static float[] Floats(JsonElement element, string property) =>
        Doubles(element, property).Select(v => (float)v).ToArray();

    public static float[]? OptionalFloats(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.Array ? Floats(element, property) : null;

    public static int[] Ints(JsonElement element, string property) =>
        element.GetProperty(property).EnumerateArray().Select(e => e.GetInt32()).ToArray();

    private static Dictionary<string, JsonElement> Load()
    {
        string? directory = AppContext.BaseDirectory;
        while (directory is not null)
        {
            string path = Path.Combine(directory, "tests", "Likely.Tests", "Data", "torch_losses.json");
            if (File.Exists(path))
            {
                using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
                return document.RootElement.GetProperty("cases").EnumerateArray()
                    .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.Clone());
            }

            directory = Path.GetDirectoryName(directory);
        }

        throw new FileNotFoundException("tests/Likely.Tests/Data/torch_losses.json not found above " + AppContext.BaseDirectory);
    }
}
