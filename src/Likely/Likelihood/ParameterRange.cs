using System.Globalization;

namespace Likely.Likelihood;

/// <summary>
/// The values a family's parameter may take, e.g. σ &gt; 0 or p ∈ [0, 1]: checked when a member is constructed and
/// when a parameter is held, and stated in help and messages. Every admissible value is finite.
/// </summary>
/// <remarks>
/// This is the set of admissible values. The generic estimator's <see cref="ParameterDomain"/> is different: it is the
/// open set its iterates move in (ℝ, (0, ∞) or (0, 1)), chosen per parameter by whoever writes the log-likelihood.
/// </remarks>
/// <param name="Lower">The lower bound (−∞ for none).</param>
/// <param name="Upper">The upper bound (+∞ for none).</param>
/// <param name="IncludesLower">True when <paramref name="Lower"/> itself is admissible.</param>
/// <param name="IncludesUpper">True when <paramref name="Upper"/> itself is admissible.</param>
/// <param name="WholeNumber">True when only whole numbers are admissible (a number of trials).</param>
public sealed record ParameterRange(double Lower, double Upper, bool IncludesLower, bool IncludesUpper, bool WholeNumber = false)
{
    /// <summary>Any finite real number (a location such as μ).</summary>
    public static ParameterRange Real { get; } = new(double.NegativeInfinity, double.PositiveInfinity, false, false);

    /// <summary>Finite and &gt; 0 (a scale, rate or shape).</summary>
    public static ParameterRange Positive { get; } = new(0, double.PositiveInfinity, false, false);

    /// <summary>[0, 1], a probability that may be 0 or 1.</summary>
    public static ParameterRange Probability { get; } = new(0, 1, true, true);

    /// <summary>(0, 1], a probability that may be 1 but not 0 (the geometric's: p = 0 never succeeds).</summary>
    public static ParameterRange PositiveProbability { get; } = new(0, 1, false, true);

    /// <summary>True when <paramref name="value"/> is admissible; false for NaN and ±∞.</summary>
    public bool Contains(double value) =>
        double.IsFinite(value)
        && (IncludesLower ? value >= Lower : value > Lower)
        && (IncludesUpper ? value <= Upper : value < Upper)
        && (!WholeNumber || Math.Floor(value) == value);

    /// <summary>
    /// The range in words, completing "it must be …": "a finite number", "finite and &gt; 0", "in [0, 1]",
    /// "a whole number ≥ 1".
    /// </summary>
    public string Description
    {
        get
        {
            bool bounded = double.IsFinite(Lower), boundedAbove = double.IsFinite(Upper);
            if (WholeNumber)
            {
                return $"a whole number ≥ {Format(Lower)}" + (boundedAbove ? $" and ≤ {Format(Upper)}" : "");
            }

            if (bounded && boundedAbove)
            {
                return $"in {(IncludesLower ? "[" : "(")}{Format(Lower)}, {Format(Upper)}{(IncludesUpper ? "]" : ")")}";
            }

            return bounded ? $"finite and {(IncludesLower ? "≥" : ">")} {Format(Lower)}"
                : boundedAbove ? $"finite and {(IncludesUpper ? "≤" : "<")} {Format(Upper)}"
                : "a finite number";
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Description;

    /// <summary>
    /// Throws unless <paramref name="value"/> is admissible, with the one message every family uses:
    /// "normal: parameter sigma = -2 is out of range; it must be finite and &gt; 0."
    /// </summary>
    /// <param name="value">The value to check.</param>
    /// <param name="parameter">The parameter's name (also the exception's <c>ParamName</c>).</param>
    /// <param name="family">The family's name, for the message.</param>
    /// <param name="role">"parameter", or "held parameter" when the value was given to hold it in a fit.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="ArgumentException">The value is outside the range, NaN or infinite.</exception>
    internal double Require(double value, string parameter, string family, string role = "parameter")
    {
        if (!Contains(value))
        {
            throw new ArgumentException($"{family}: {role} {parameter} = {Format(value)} is out of range; it must be {Description}.", parameter);
        }

        return value;
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
