using System.CommandLine;

namespace Likely.Cli.Options;

/// <summary>
/// An option whose value is one of an enumeration's spellings (<see cref="Choices{T}"/>): typed, listed in help as
/// <c>--optimizer &lt;sgd|adam|adamw&gt;</c>, and refused in one line with the closest spelling. Its value is null when
/// the option is absent: the command reads <c>parse.GetValue(option) ?? fallback</c>, where the fallback is the
/// library's default or a checkpoint's value.
/// </summary>
public static class ChoiceOption
{
    /// <summary>Creates the option.</summary>
    /// <param name="name">The flag, e.g. <c>--optimizer</c>.</param>
    /// <param name="choices">The values and their spellings.</param>
    /// <param name="description">What it chooses; the default is appended as <c>[default: adam]</c> when given.</param>
    /// <param name="defaultValue">The default help shows, or null for none.</param>
    /// <param name="aliases">Other accepted names.</param>
    public static Option<T?> Create<T>(string name, Choices<T> choices, string description, T? defaultValue = null, params string[] aliases)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(choices);
        // The default is written into the description rather than given as a DefaultValueFactory, for which
        // System.CommandLine would print the C# member name ("AdamW") instead of the spelling ("adamw").
        var option = new Option<T?>(name, aliases)
        {
            Description = defaultValue is { } value ? HelpText.WithDefault(description, choices.NameOf(value)) : description,
            HelpName = choices.HelpName,
            CustomParser = result =>
            {
                string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
                if (choices.TryParse(text, out T parsed)) return parsed;
                result.AddError(choices.Problem(name, text));
                return null;
            },
        };
        // System.CommandLine offers an enumeration's C# member names by itself; the spellings replace them.
        option.CompletionSources.Clear();
        option.CompletionSources.Add(choices.Names.ToArray());
        return option;
    }
}
