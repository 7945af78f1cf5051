using System.Globalization;
using System.Text.Json;
using Likely.Likelihood;
using Spectre.Console;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>Number formatting, plain Spectre tables and JSON helpers shared by <c>fit</c> and <c>explain</c>.</summary>
internal static class LikelihoodFormat
{
    /// <summary>A number for people: 8 significant digits, invariant culture, "inf" for ∞.</summary>
    public static string Number(double value) => value switch
    {
        double.PositiveInfinity => "inf",
        double.NegativeInfinity => "-inf",
        _ => value.ToString("G8", CultureInfo.InvariantCulture),
    };

    /// <summary>A Spectre console writing plain text (no colour, no ANSI) to the command's output.</summary>
    public static IAnsiConsole Console(CliContext context)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(context.Output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        console.Profile.Width = 200; // tables take their natural width instead of wrapping at 80 columns
        return console;
    }

    /// <summary>A borderless-looking table with the given column headers.</summary>
    public static Table Table(params string[] headers)
    {
        var table = new Table().Border(TableBorder.Simple);
        foreach (string header in headers)
        {
            table.AddColumn(new TableColumn(Markup.Escape(header)));
        }

        return table;
    }

    /// <summary>Adds a row of plain (escaped) cells.</summary>
    public static void Row(Table table, params string[] cells) => table.AddRow(cells.Select(Markup.Escape).ToArray());

    /// <summary>
    /// The category a categorical parameter p‹k› stands for (labels[k]), when <paramref name="labels"/> are known.
    /// </summary>
    public static bool TryCategoryLabel(string parameter, string[]? labels, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? label)
    {
        label = null;
        if (labels is null || !parameter.StartsWith('p') || !int.TryParse(parameter.AsSpan(1), out int k) || (uint)k >= (uint)labels.Length)
        {
            return false;
        }

        label = labels[k];
        return true;
    }

    /// <summary>How a parameter is shown: p(category) for a categorical parameter with known labels, else its name.</summary>
    public static string DisplayName(string parameter, string[]? labels) =>
        TryCategoryLabel(parameter, labels, out string? label) ? $"p({label})" : parameter;

    /// <summary>The parameter table of a fit.</summary>
    public static Table ParameterTable(MaximumLikelihoodFit fit, string[]? labels)
    {
        Table table = Table("parameter", "estimate", "std. error");
        foreach (FittedParameter p in fit.Parameters)
        {
            Row(table, DisplayName(p.Name, labels), Number(p.Estimate), p.StandardError is { } se ? Number(se) : "fixed");
        }

        return table;
    }

    /// <summary>Writes a double, or null when it is not finite (JSON has no ∞).</summary>
    public static void WriteNumber(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    /// <summary>Writes the fit statistics (parameters, ln L, mean, cross-entropy, AIC, BIC, N) into the open object.</summary>
    public static void WriteFit(Utf8JsonWriter json, MaximumLikelihoodFit fit, string[]? labels)
    {
        json.WriteNumber("observations", fit.ObservationCount);
        json.WriteStartArray("parameters");
        foreach (FittedParameter p in fit.Parameters)
        {
            json.WriteStartObject();
            json.WriteString("name", p.Name);
            if (TryCategoryLabel(p.Name, labels, out string? label))
            {
                json.WriteString("label", label);
            }

            WriteNumber(json, "estimate", p.Estimate);
            if (p.StandardError is { } se)
            {
                WriteNumber(json, "standardError", se);
            }
            else
            {
                json.WriteNull("standardError");
            }

            json.WriteBoolean("fixed", p.IsFixed);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        WriteNumber(json, "logLikelihood", fit.LogLikelihood);
        WriteNumber(json, "meanLogLikelihood", fit.MeanLogLikelihood);
        WriteNumber(json, "crossEntropy", fit.CrossEntropy);
        json.WriteNumber("freeParameters", fit.FreeParameterCount);
        WriteNumber(json, "aic", fit.Aic);
        WriteNumber(json, "bic", fit.Bic);
        json.WriteNumber("iterations", fit.Iterations);
    }

    /// <summary>Runs <paramref name="write"/> on a JSON writer and prints the one object it writes.</summary>
    public static void PrintJson(CliContext context, Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            write(json);
            json.WriteEndObject();
        }

        context.Output.WriteLine(System.Text.Encoding.UTF8.GetString(stream.ToArray()));
    }
}
