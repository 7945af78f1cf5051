using System.Globalization;
using System.Text;
using System.Text.Json;
using Likely.Information;

namespace Likely.Cli.Output;

/// <summary>
/// Writes a command's result as exactly one JSON object on one line, e.g.
/// <c>{"quantity":"entropy","value":1.5,"base":2,"unit":"bits"}</c>, followed by extra fields in the order given.
/// </summary>
/// <remarks>
/// JSON has no infinity or NaN, so a value of +∞ (for example D(p‖q) where some q = 0 &lt; p) is written as the string
/// "Infinity" (and −∞, NaN as "-Infinity", "NaN"); every finite number is written in shortest round-trip form.
/// The base of nats is written as the number e = 2.718281828459045.
/// </remarks>
public static class JsonResult
{
    /// <summary>Writes <c>{"quantity":…,"value":…,"base":…,"unit":…, extras…}</c> and a newline to <paramref name="output"/>.</summary>
    /// <param name="output">Usually the command's standard output.</param>
    /// <param name="quantity">The quantity's name in kebab case, e.g. "entropy", "kl-divergence".</param>
    /// <param name="value">The value in the unit of <paramref name="logBase"/>.</param>
    /// <param name="logBase">The logarithm base the value is measured in.</param>
    /// <param name="extras">More fields: string, bool, integer or double values (null is written as null).</param>
    public static void Write(TextWriter output, string quantity, double value, LogBase logBase, params (string Name, object? Value)[] extras)
    {
        ArgumentNullException.ThrowIfNull(output);
        var fields = new List<(string, object?)>
        {
            ("quantity", quantity),
            ("value", value),
            ("base", logBase.Value),
            ("unit", logBase.Unit),
        };
        fields.AddRange(extras);
        WriteObject(output, fields);
    }

    /// <summary>Writes one JSON object with the given fields, in order, and a newline.</summary>
    public static void WriteObject(TextWriter output, IEnumerable<(string Name, object? Value)> fields)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(fields);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            foreach ((string name, object? value) in fields)
            {
                writer.WritePropertyName(name);
                WriteValue(writer, value);
            }

            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter writer, object? value)
    {
        switch (value)
        {
            case null:
                writer.WriteNullValue();
                break;
            case double number when !double.IsFinite(number):
                writer.WriteStringValue(number.ToString(CultureInfo.InvariantCulture));
                break;
            case double number:
                writer.WriteNumberValue(number);
                break;
            case int or long:
                writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                break;
            case bool flag:
                writer.WriteBooleanValue(flag);
                break;
            default:
                writer.WriteStringValue(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
        }
    }
}
