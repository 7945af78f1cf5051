using Likely.Information;

namespace Likely.Cli.Output;

/// <summary>The short human line a command prints without <c>--json</c>, e.g. <c>H(p) = 1.5 bits</c>.</summary>
public static class QuantityLine
{
    /// <summary>Writes "<paramref name="symbol"/> = value unit" (value by <see cref="NumberText.Format"/>) and a newline.</summary>
    public static void Write(TextWriter output, string symbol, double value, LogBase logBase, string? note = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine($"{symbol} = {NumberText.Format(value)} {logBase.Unit}{(note is null ? "" : $"  ({note})")}");
    }
}
