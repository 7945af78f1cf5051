using System.Globalization;

namespace Likely.Cli.Options;

/// <summary>How help shows an option's default: once, at the end, as System.CommandLine does (<c>[default: 10]</c>).</summary>
public static class HelpText
{
    /// <summary>"<paramref name="description"/> [default: <paramref name="defaultText"/>]".</summary>
    public static string WithDefault(string description, string defaultText) => $"{description} [default: {defaultText}]";

    /// <summary>The default of a number-valued option, as the user would type it.</summary>
    public static string WithDefault(string description, double defaultValue) =>
        WithDefault(description, defaultValue.ToString(CultureInfo.InvariantCulture));
}
