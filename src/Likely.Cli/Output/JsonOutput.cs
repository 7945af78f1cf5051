using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace Likely.Cli.Output;

/// <summary>
/// Writes a command's JSON: one compact object per line (a command prints exactly one, except <c>train --json</c>,
/// which prints one per epoch and then a summary: JSON lines). Keys, number rule and null handling are
/// <see cref="CliJson"/>'s.
/// </summary>
public static class JsonOutput
{
    // Non-ASCII text (‖, θ̂, category labels) is written as UTF-8, not as \u escapes; the output is never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <paramref name="value"/> as one line of JSON and a newline.</summary>
    /// <param name="output">Usually the command's standard output.</param>
    /// <param name="value">A record registered in <see cref="CliJson"/>.</param>
    /// <param name="typeInfo">Its generated contract, e.g. <c>CliJson.Default.QuantityResult</c>.</param>
    public static void Write<T>(TextWriter output, T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(typeInfo);
        output.WriteLine(Serialize(value, typeInfo));
    }

    /// <summary>The one-line JSON text of <paramref name="value"/>.</summary>
    public static string Serialize<T>(T value, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            JsonSerializer.Serialize(writer, value, typeInfo);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
