using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Likely.Numerics;

namespace Likely.Information;

/// <summary>
/// The rules a probability vector p over n outcomes must follow: n ≥ 1, every pᵢ finite and ≥ 0, and Σ pᵢ = 1 within a
/// relative tolerance (<see cref="SumTolerance"/> for float64, <see cref="SingleSumTolerance"/> for float32).
/// </summary>
/// <remarks>
/// Every quantity in <see cref="Likely.Information"/> applies these rules and names the broken one: the offending index
/// and value, the two lengths, or the actual sum. With <c>normalize: true</c> a quantity accepts any non-negative weights
/// with a positive sum and uses wᵢ / Σ w (SciPy's convention), so both conventions are available and neither is silent.
/// The check is fused into the pass that computes the quantity, so validation costs no extra read of the data.
/// </remarks>
public static class ProbabilityVector
{
    /// <summary>How far Σ pᵢ of a float64 vector may be from 1 (|Σ pᵢ − 1| ≤ 1e-9) without <c>normalize</c>.</summary>
    public const double SumTolerance = 1e-9;

    /// <summary>How far Σ pᵢ of a float32 vector may be from 1 (|Σ pᵢ − 1| ≤ 1e-6, a few float32 roundings).</summary>
    public const double SingleSumTolerance = 1e-6;

    /// <summary>Checks that <paramref name="p"/> is a probability vector.</summary>
    /// <param name="p">The vector to check.</param>
    /// <param name="paramName">The name to use in the error message.</param>
    /// <exception cref="ArgumentException">p is empty, has a negative, NaN or infinite entry, or does not sum to 1.</exception>
    public static void Validate(ReadOnlySpan<double> p, string paramName = "p")
    {
        ThrowIfEmpty(p.Length, paramName);
        ReductionResult result = BlockReduction.Reduce<ZeroTerm>(p, 1);
        if (result.HasInvalidEntry) ThrowInvalidEntry(p, paramName);
        ThrowIfSumIsNotOne(result.SumX, paramName, SumTolerance);
    }

    /// <summary>Checks that the float32 vector <paramref name="p"/> is a probability vector.</summary>
    /// <inheritdoc cref="Validate(ReadOnlySpan{double}, string)"/>
    public static void Validate(ReadOnlySpan<float> p, string paramName = "p")
    {
        ThrowIfEmpty(p.Length, paramName);
        ReductionResult result = BlockReduction.Reduce<ZeroTerm>(p, 1);
        if (result.HasInvalidEntry) ThrowInvalidEntry(p, paramName);
        ThrowIfSumIsNotOne(result.SumX, paramName, SingleSumTolerance);
    }

    /// <summary>Writes wᵢ / Σ w to <paramref name="destination"/>: the probability vector proportional to the weights.</summary>
    /// <param name="weights">Finite, non-negative weights with a positive sum (counts, unnormalized scores).</param>
    /// <param name="destination">As long as <paramref name="weights"/>; may be the same memory.</param>
    /// <exception cref="ArgumentException">The weights are empty, invalid, all zero, or the lengths differ.</exception>
    public static void Normalize(ReadOnlySpan<double> weights, Span<double> destination)
    {
        if (destination.Length != weights.Length)
        {
            throw new ArgumentException($"'destination' has {destination.Length} entries but 'weights' has {weights.Length}; they must be the same length.", nameof(destination));
        }

        double scale = NormalizingScale(weights, nameof(weights));
        for (int i = 0; i < weights.Length; i++)
        {
            destination[i] = weights[i] * scale;
        }
    }

    /// <summary>Validates weights for <c>normalize: true</c> and returns 1 / Σ w.</summary>
    internal static double NormalizingScale(ReadOnlySpan<double> weights, string paramName)
    {
        ThrowIfEmpty(weights.Length, paramName);
        ReductionResult result = BlockReduction.Reduce<ZeroTerm>(weights, 1);
        if (result.HasInvalidEntry) ThrowInvalidEntry(weights, paramName);
        return ScaleFromSum(result.SumX, paramName);
    }

    /// <summary>Validates float32 weights for <c>normalize: true</c> and returns 1 / Σ w.</summary>
    internal static double NormalizingScale(ReadOnlySpan<float> weights, string paramName)
    {
        ThrowIfEmpty(weights.Length, paramName);
        ReductionResult result = BlockReduction.Reduce<ZeroTerm>(weights, 1);
        if (result.HasInvalidEntry) ThrowInvalidEntry(weights, paramName);
        return ScaleFromSum(result.SumX, paramName);
    }

    internal static double ScaleFromSum(double sum, string paramName)
    {
        if (!(sum > 0) || !double.IsFinite(sum))
        {
            throw new ArgumentException(
                $"The weights in '{paramName}' sum to {Format(sum)}, so they cannot be rescaled to probabilities; at least one weight must be positive and the sum finite.",
                paramName);
        }

        return 1 / sum;
    }

    internal static void ThrowIfEmpty(int length, string paramName)
    {
        if (length == 0)
        {
            throw new ArgumentException($"'{paramName}' is empty; a probability vector needs at least one entry.", paramName);
        }
    }

    internal static void ThrowIfLengthsDiffer(int lengthP, int lengthQ)
    {
        if (lengthP != lengthQ)
        {
            throw new ArgumentException(
                $"'p' has {lengthP} entries but 'q' has {lengthQ}; both must be distributions over the same outcomes, in the same order.", "q");
        }
    }

    internal static void ThrowIfSumIsNotOne(double sum, string paramName, double tolerance)
    {
        if (!(Math.Abs(sum - 1) <= tolerance))
        {
            throw new ArgumentException(
                $"Probabilities in '{paramName}' sum to {Format(sum)}, not 1; pass normalize: true to rescale.", paramName);
        }
    }

    /// <summary>Finds the first entry that is negative, NaN or infinite and throws an error naming it.</summary>
    [DoesNotReturn]
    internal static void ThrowInvalidEntry(ReadOnlySpan<double> p, string paramName)
    {
        ThrowIfInvalidEntry(p, paramName);
        throw new InvalidOperationException("The vector check reported an invalid entry but none was found.");
    }

    /// <summary>Throws an error naming the first entry of <paramref name="p"/> that is negative, NaN or infinite, if any.</summary>
    internal static void ThrowIfInvalidEntry(ReadOnlySpan<double> p, string paramName)
    {
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= 0 && p[i] < double.PositiveInfinity))
            {
                ThrowInvalidEntry(paramName, i, p[i]);
            }
        }
    }

    /// <inheritdoc cref="ThrowInvalidEntry(ReadOnlySpan{double}, string)"/>
    [DoesNotReturn]
    internal static void ThrowInvalidEntry(ReadOnlySpan<float> p, string paramName)
    {
        ThrowIfInvalidEntry(p, paramName);
        throw new InvalidOperationException("The vector check reported an invalid entry but none was found.");
    }

    /// <summary>Throws an error naming the first entry of <paramref name="p"/> that is negative, NaN or infinite, if any.</summary>
    internal static void ThrowIfInvalidEntry(ReadOnlySpan<float> p, string paramName)
    {
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] >= 0 && p[i] < float.PositiveInfinity))
            {
                ThrowInvalidEntry(paramName, i, p[i]);
            }
        }
    }

    [DoesNotReturn]
    private static void ThrowInvalidEntry(string paramName, int index, double value)
    {
        string problem = double.IsNaN(value) ? "NaN" : double.IsInfinity(value) ? "infinite" : "negative";
        throw new ArgumentException(
            $"{paramName}[{index}] is {Format(value)} ({problem}); every probability must be a finite number ≥ 0.", paramName);
    }

    internal static string Format(double value) => value.ToString("G12", CultureInfo.InvariantCulture);
}
