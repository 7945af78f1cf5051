using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Likely.Likelihood;

namespace Likely.Distributions;

/// <summary>Parameter and sample checks shared by the families; every message names the value, the range and the fix.</summary>
internal static class Validate
{
    /// <summary>Formats a number for messages: round-trip, invariant culture.</summary>
    public static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>Requires a constructor argument in the parameter's range; the message names the family, parameter, value and range.</summary>
    public static double Parameter(double value, FamilyParameter parameter, string family) =>
        parameter.Range.Require(value, parameter.Name, family);

    /// <summary>Requires a held value (when there is one) in the parameter's range: "normal: held parameter mu = NaN is out of range; …".</summary>
    public static double? Held(double? value, FamilyParameter parameter, string family) =>
        value is { } held ? parameter.Range.Require(held, parameter.Name, family, "held parameter") : null;

    /// <summary>Requires the parameter count of a family.</summary>
    public static void Count(ReadOnlySpan<double> parameters, int expected, string family)
    {
        if (parameters.Length != expected)
        {
            Throw($"{family} takes {expected} parameters but {parameters.Length} were given.", nameof(parameters));
        }
    }

    /// <summary>Requires a destination at least as long as the input.</summary>
    public static void Destination(int inputLength, int destinationLength)
    {
        if (destinationLength < inputLength)
        {
            Throw($"destination has {destinationLength} elements but the input has {inputLength}; pass a destination at least as long.", "destination");
        }
    }

    /// <summary>
    /// Requires a non-empty sample of non-NaN values that all lie in the family's support.
    /// </summary>
    /// <param name="sample">The observations.</param>
    /// <param name="family">The family name, for messages.</param>
    /// <param name="inSupport">The support test.</param>
    /// <param name="support">The support in words, e.g. "non-negative integers 0, 1, 2, …".</param>
    public static void Sample(ReadOnlySpan<double> sample, string family, Func<double, bool> inSupport, string support)
    {
        if (sample.IsEmpty)
        {
            Throw($"The sample is empty; fitting {family} needs at least one observation.", nameof(sample));
        }

        for (int i = 0; i < sample.Length; i++)
        {
            double x = sample[i];
            if (double.IsNaN(x))
            {
                Throw($"sample[{i}] is NaN; remove or impute missing values before fitting {family}.", nameof(sample));
            }

            if (!inSupport(x))
            {
                Throw($"sample[{i}] = {Format(x)} is outside the support of {family} ({support}); choose a family whose support contains the data.", nameof(sample));
            }
        }
    }

    /// <summary>Throws when every observation equals the first (the MLE of a spread parameter would be 0 or ∞).</summary>
    public static void NotConstant(ReadOnlySpan<double> sample, string family, string why)
    {
        double first = sample[0];
        foreach (double x in sample)
        {
            if (x != first)
            {
                return;
            }
        }

        Throw($"All {sample.Length} observations equal {Format(first)}, so the {family} maximum-likelihood estimate does not exist ({why}); a fit needs at least two distinct values.", nameof(sample));
    }

    /// <summary>True when x is a finite whole number.</summary>
    public static bool IsInteger(double x) => double.IsFinite(x) && Math.Floor(x) == x;

    [DoesNotReturn]
    public static void Throw(string message, string paramName) => throw new ArgumentException(message, paramName);
}
