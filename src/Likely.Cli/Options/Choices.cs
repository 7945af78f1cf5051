namespace Likely.Cli.Options;

/// <summary>
/// The command-line spellings of one enumeration's values, e.g. <c>sgd</c>, <c>adam</c>, <c>adamw</c> for
/// <see cref="Likely.Training.OptimizerKind"/>: the spelling help, errors, JSON and docs all use. Parsing ignores case.
/// </summary>
/// <typeparam name="T">The library's enumeration.</typeparam>
public sealed class Choices<T>
    where T : struct, Enum
{
    private readonly (string Name, T Value)[] entries;

    /// <summary>Lists every value with its one spelling, in the order help shows them.</summary>
    /// <exception cref="ArgumentException">A value of <typeparamref name="T"/> has no spelling, or two share one.</exception>
    public Choices(params (string Name, T Value)[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        this.entries = entries;
        foreach (T value in Enum.GetValues<T>())
        {
            if (!entries.Any(entry => EqualityComparer<T>.Default.Equals(entry.Value, value)))
            {
                throw new ArgumentException($"{typeof(T).Name}.{value} has no command-line spelling.", nameof(entries));
            }
        }

        if (entries.Select(entry => entry.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count() != entries.Length)
        {
            throw new ArgumentException($"Two values of {typeof(T).Name} share a spelling.", nameof(entries));
        }
    }

    /// <summary>Every spelling, in order.</summary>
    public IEnumerable<string> Names => entries.Select(entry => entry.Name);

    /// <summary>The help label, e.g. <c>sgd|adam|adamw</c>.</summary>
    public string HelpName => string.Join('|', Names);

    /// <summary>The spelling of <paramref name="value"/>.</summary>
    public string NameOf(T value)
    {
        foreach ((string name, T candidate) in entries)
        {
            if (EqualityComparer<T>.Default.Equals(candidate, value)) return name;
        }

        throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(T).Name}.");
    }

    /// <summary>The value spelled <paramref name="text"/> (case ignored), or false.</summary>
    public bool TryParse(string text, out T value)
    {
        foreach ((string name, T candidate) in entries)
        {
            if (string.Equals(name, text.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>The one-line error for a value that is none of these, e.g.
    /// <c>--optimizer 'adamx' is not one of: sgd, adam, adamw (did you mean adam?).</c></summary>
    public string Problem(string option, string text)
    {
        string? closest = Spelling.Closest(text, Names);
        return $"{option} '{text}' is not one of: {string.Join(", ", Names)}{(closest is null ? "" : $" (did you mean {closest}?)")}.";
    }
}
