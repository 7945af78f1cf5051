using System.Globalization;

namespace Likely.Information;

/// <summary>
/// The base b of the logarithm an information quantity is measured in: nats (b = e, the default), bits (b = 2),
/// hartleys, also called dits or bans (b = 10), or any b &gt; 0 with b ≠ 1. A quantity in nats converts to base b as
/// x_b = x_nats / ln b.
/// </summary>
/// <remarks><c>default(LogBase)</c> is <see cref="Nats"/>, so an omitted base means nats everywhere.</remarks>
public readonly struct LogBase : IEquatable<LogBase>
{
    // b and ln b, with 0 standing for e and 1 so that default(LogBase) is nats (neither b nor ln b is ever 0).
    private readonly double _base;
    private readonly double _logOfBase;

    private LogBase(double value)
    {
        _base = value;
        _logOfBase = Math.Log(value);
    }

    /// <summary>Natural units: b = e.</summary>
    public static LogBase Nats => default;

    /// <summary>Binary units: b = 2.</summary>
    public static LogBase Bits => new(2);

    /// <summary>Decimal units (hartleys, dits or bans): b = 10.</summary>
    public static LogBase Hartleys => new(10);

    /// <summary>The base b itself.</summary>
    public double Value => _base == 0 ? Math.E : _base;

    /// <summary>ln b, the divisor that turns nats into this base.</summary>
    public double NaturalLogOfBase => _logOfBase == 0 ? 1 : _logOfBase;

    /// <summary>The unit's name: "nats", "bits", "hartleys", or "log-base-b units" for another base.</summary>
    public string Unit => Value switch
    {
        Math.E => "nats",
        2 => "bits",
        10 => "hartleys",
        double b => $"log-base-{b.ToString("G6", CultureInfo.InvariantCulture)} units",
    };

    /// <summary>The base b = <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is not a finite number &gt; 0 and ≠ 1.</exception>
    public static LogBase Of(double value)
    {
        if (!(value > 0 && double.IsFinite(value)) || value == 1)
        {
            throw new ArgumentOutOfRangeException(nameof(value), value,
                $"A logarithm base must be a finite number > 0 and ≠ 1, but it is {value.ToString(CultureInfo.InvariantCulture)}; use 2 for bits, e for nats or 10 for hartleys.");
        }

        return value == Math.E ? Nats : new LogBase(value);
    }

    /// <summary>Parses "e" (or "nats"), "2" (or "bits"), "10" (or "hartleys", "dits"), or any number &gt; 0 and ≠ 1.</summary>
    /// <exception cref="FormatException"><paramref name="text"/> is neither a unit name nor a number.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The number is not a valid base.</exception>
    public static LogBase Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        switch (text.Trim().ToLowerInvariant())
        {
            case "e" or "nat" or "nats":
                return Nats;
            case "2" or "bit" or "bits":
                return Bits;
            case "10" or "hartley" or "hartleys" or "dit" or "dits" or "ban" or "bans":
                return Hartleys;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
        {
            throw new FormatException($"'{text}' is not a logarithm base; use 2 (bits), e (nats), 10 (hartleys) or a number > 0 and ≠ 1.");
        }

        return Of(value);
    }

    /// <summary>Converts a quantity from nats to this base: x / ln b. ±∞ and NaN pass through.</summary>
    public double FromNats(double nats) => _logOfBase == 0 ? nats : nats / _logOfBase;

    /// <inheritdoc/>
    public bool Equals(LogBase other) => Value.Equals(other.Value);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is LogBase other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => Value.GetHashCode();

    /// <summary>Whether two bases are the same.</summary>
    public static bool operator ==(LogBase left, LogBase right) => left.Equals(right);

    /// <summary>Whether two bases differ.</summary>
    public static bool operator !=(LogBase left, LogBase right) => !left.Equals(right);

    /// <summary>The base and unit, e.g. "2 (bits)".</summary>
    public override string ToString() => $"{(Value == Math.E ? "e" : Value.ToString("G6", CultureInfo.InvariantCulture))} ({Unit})";
}
