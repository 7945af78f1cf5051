namespace Likely.Cli.Options;

/// <summary>
/// The one rule that names a command-line flag after a library property: kebab case (<c>LearningRate</c> →
/// <c>--learning-rate</c>). Errors that name a property are shown with its flag by the same rule.
/// </summary>
internal static class OptionNames
{
    /// <summary>"LearningRate" → "--learning-rate".</summary>
    public static string Flag(string property) => "--" + Kebab(property);

    /// <summary>"LeakyRelu" → "leaky-relu".</summary>
    public static string Kebab(string name) =>
        string.Concat(name.Select((ch, i) => char.IsUpper(ch) && i > 0 ? "-" + char.ToLowerInvariant(ch) : char.ToLowerInvariant(ch).ToString()));
}
