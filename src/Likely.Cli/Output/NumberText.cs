using System.Globalization;

namespace Likely.Cli.Output;

/// <summary>
/// The one number format of the command's human output: invariant culture, a given number of significant digits
/// (10 unless a table asks for fewer) or, for columns of metrics, of decimals; ∞ and -∞ as symbols, NaN as NaN. JSON never uses it: JSON numbers are written
/// in shortest round-trip form by <see cref="JsonOutput"/>.
/// </summary>
public static class NumberText
{
    /// <summary>The digits a quantity line shows: enough to check a value against SciPy by eye.</summary>
    public const int QuantityDigits = 10;

    /// <summary>The digits a table of estimates shows.</summary>
    public const int TableDigits = 8;

    /// <summary>
    /// <paramref name="value"/> to <paramref name="significantDigits"/> significant digits ("G" format), e.g.
    /// 1.584962501, 4.4E-16, ∞.
    /// </summary>
    public static string Format(double value, int significantDigits = QuantityDigits) => value switch
    {
        double.PositiveInfinity => "∞",
        double.NegativeInfinity => "-∞",
        _ => value.ToString("G" + significantDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// <paramref name="value"/> with a fixed number of decimals ("F" format), e.g. 0.9158, 1.1001, 1.0000: for a column of
    /// metrics in [0, a few], where aligned decimals read better than significant digits. ∞, -∞ and NaN as in
    /// <see cref="Format"/>.
    /// </summary>
    public static string Fixed(double value, int decimals) => double.IsFinite(value)
        ? value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
        : Format(value);

    /// <summary>A count with thousands separators, e.g. 1,437.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
