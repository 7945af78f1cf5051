using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.Json;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Training;

/// <summary>
/// docs/MODEL-FORMAT.md is enough to write a model: a file assembled byte by byte from the spec (not through
/// ModelFile or Safetensors) is read by <c>likely predict</c> and <c>likely evaluate</c>, which compute what the spec's
/// formulas give, evaluated here by hand in double.
/// </summary>
public sealed class ModelFormatSpecTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-format-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    // D = 3 features, 4 hidden units (leakyrelu), C = 3 classes; a standardizer and T = 1.5.
    private static readonly float[] W0 = [0.5f, -1f, 0.25f, 1f, 0.5f, -0.5f, -0.75f, 0.2f, 1.5f, 0.1f, -0.3f, 0.6f]; // 4×3
    private static readonly float[] B0 = [0.1f, -0.2f, 0.05f, 0f];
    private static readonly float[] W1 = [1f, -0.5f, 0.3f, 0.8f, -1f, 0.6f, 0.2f, -0.4f, 0.5f, 0.5f, -0.9f, 0.1f]; // 3×4
    private static readonly float[] B1 = [0f, 0.3f, -0.1f];
    private static readonly float[] Mean = [1f, 2f, -1f];
    private static readonly float[] Scale = [2f, 0.5f, 4f];
    private const double Temperature = 1.5;

    private static readonly float[][] Rows = [[1f, 2f, -1f], [3f, 1f, 0f], [-2f, 2.5f, 7f], [0.5f, 4f, -3f], [10f, -5f, 2f]];
    private static readonly string[] Labels = ["x", "z", "y", "y", "x"];

    [Fact]
    public void ModelFile_WrittenFromTheSpec_PredictsAndEvaluatesAsTheSpecSays()
    {
        string model = Path.Combine(folder, "spec.safetensors"), data = Path.Combine(folder, "rows.csv"), probabilities = Path.Combine(folder, "p.csv");
        File.WriteAllBytes(model, SpecFile());
        File.WriteAllLines(data, ["a,b,c,label", .. Rows.Select((r, i) => string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "," + Labels[i])]);

        var predicted = Run("predict", "--model", model, "--data", data, "--out", probabilities);
        Assert.True(predicted.Status == 0, predicted.Error);
        string[] lines = File.ReadAllLines(probabilities);
        Assert.Equal("x,y,z", lines[0]);
        double crossEntropy = 0;
        for (int r = 0; r < Rows.Length; r++)
        {
            double[] expected = Probabilities(Rows[r]);
            double[] actual = [.. lines[r + 1].Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture))];
            for (int c = 0; c < 3; c++) Assert.Equal(expected[c], actual[c], 1e-5);
            crossEntropy -= Math.Log(expected["xyz".IndexOf(Labels[r][0], StringComparison.Ordinal)]) / Rows.Length;
        }

        var evaluated = Run("evaluate", "--model", model, "--data", data, "--label", "label", "--json");
        Assert.True(evaluated.Status == 0, evaluated.Error);
        using var json = JsonDocument.Parse(evaluated.Output);
        Assert.Equal(crossEntropy, json.RootElement.GetProperty("crossEntropy").GetDouble(), 1e-5);
        Assert.Equal(Temperature, json.RootElement.GetProperty("temperature").GetDouble());
    }

    /// <summary>The spec's computation in double: standardize, W0·z + b0, leakyrelu (slope 0.01), W1·h + b1, softmax(z/T).</summary>
    private static double[] Probabilities(float[] x)
    {
        double[] z0 = [.. x.Select((v, j) => (v - Mean[j]) / (double)Scale[j])];
        double[] h = [.. Enumerable.Range(0, 4).Select(o => Enumerable.Range(0, 3).Sum(i => W0[o * 3 + i] * z0[i]) + B0[o]).Select(a => a > 0 ? a : 0.01 * a)];
        double[] logits = [.. Enumerable.Range(0, 3).Select(o => (Enumerable.Range(0, 4).Sum(i => W1[o * 4 + i] * h[i]) + B1[o]) / Temperature)];
        double max = logits.Max(), sum = logits.Sum(z => Math.Exp(z - max));
        return [.. logits.Select(z => Math.Exp(z - max) / sum)];
    }

    /// <summary>The file, as docs/MODEL-FORMAT.md describes it: 8-byte little-endian header size, JSON header, float32 data.</summary>
    private static byte[] SpecFile()
    {
        (string Name, int[] Shape, float[] Data)[] tensors =
            [("layers.0.weight", [4, 3], W0), ("layers.0.bias", [4], B0), ("layers.1.weight", [3, 4], W1), ("layers.1.bias", [3], B1)];
        var header = new StringBuilder("{");
        int offset = 0;
        foreach ((string name, int[] shape, float[] values) in tensors)
        {
            header.Append($"\"{name}\":{{\"dtype\":\"F32\",\"shape\":[{string.Join(",", shape)}],\"data_offsets\":[{offset},{offset + 4 * values.Length}]}},");
            offset += 4 * values.Length;
        }

        static string Floats(float[] v) => "[" + string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
        static string Quoted(string json) => JsonSerializer.Serialize(json); // a metadata value is a string holding JSON
        header.Append("\"__metadata__\":{\"likely.format\":\"likely-classifier-1\",\"likely.activation\":\"leakyrelu\",")
            .Append($"\"likely.classes\":{Quoted("[\"x\",\"y\",\"z\"]")},\"likely.features\":{Quoted("[\"a\",\"b\",\"c\"]")},")
            .Append($"\"likely.standardizer.mean\":{Quoted(Floats(Mean))},\"likely.standardizer.scale\":{Quoted(Floats(Scale))},")
            .Append("\"likely.temperature\":\"1.5\"}}");
        byte[] json = Encoding.UTF8.GetBytes(header.ToString());
        using var file = new MemoryStream();
        Span<byte> size = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)json.Length);
        file.Write(size);
        file.Write(json);
        Span<byte> four = stackalloc byte[4];
        foreach ((_, _, float[] values) in tensors)
        {
            foreach (float v in values)
            {
                BinaryPrimitives.WriteSingleLittleEndian(four, v);
                file.Write(four);
            }
        }

        return file.ToArray();
    }
}
