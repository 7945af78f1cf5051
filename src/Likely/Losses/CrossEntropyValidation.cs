using System.Diagnostics.CodeAnalysis;
using System.Numerics;

namespace Likely.Losses;

/// <summary>Argument checks shared by the cross-entropy entry points; every message names the argument, the row and the fix.</summary>
internal static class CrossEntropyValidation
{
    /// <summary>
    /// Checks the N×C shapes of a loss's input (named <paramref name="inputName"/>: logits or log-probabilities), its
    /// gradient <c>inputGradient</c> (empty or N×C) and its <c>rowLosses</c> (empty or N).
    /// </summary>
    public static void Shapes<T>(string inputName, int inputLength, int classes, int rows, int gradientLength, int rowLossesLength, string rowsArgument)
    {
        if (classes < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(classes), classes, $"classes must be at least 1: it is C, the number of {inputName} per row.");
        }

        if (inputLength != (long)rows * classes)
        {
            throw new ArgumentException(
                $"{inputName} has {inputLength} entries but {rowsArgument} has {rows} rows of {classes} classes ({(long)rows * classes} entries expected); pass N×C {inputName}, row-major.",
                inputName);
        }

        if (gradientLength != 0 && gradientLength != inputLength)
        {
            throw new ArgumentException($"inputGradient has {gradientLength} entries; it must be empty (forward only) or match {inputName} ({inputLength}).", "inputGradient");
        }

        if (rowLossesLength != 0 && rowLossesLength != rows)
        {
            throw new ArgumentException($"rowLosses has {rowLossesLength} entries; it must be empty or have one per row ({rows}).", "rowLosses");
        }
    }

    public static void Options(CrossEntropyOptions options, int classes)
    {
        double epsilon = options.LabelSmoothing;
        if (!(epsilon >= 0 && epsilon <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(options), epsilon, $"LabelSmoothing is {epsilon}; it must lie in [0, 1] (0 for none, 0.1 is common).");
        }

        if (!Enum.IsDefined(options.Reduction))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Reduction, "Reduction must be None, Sum, Mean or BatchMean.");
        }

        if (!Enum.IsDefined(options.EmptyMean))
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EmptyMean, "EmptyMean must be NaN, Zero or Throw.");
        }

        if (options.ClassWeights is { } weights)
        {
            if (weights.Length != classes)
            {
                throw new ArgumentException($"ClassWeights has {weights.Length} entries but there are {classes} classes; pass one weight per class or null.", nameof(options));
            }

            for (int c = 0; c < classes; c++)
            {
                if (!float.IsFinite(weights[c]) || weights[c] < 0)
                {
                    throw new ArgumentException($"ClassWeights[{c}] is {weights[c]}; weights must be finite and ≥ 0.", nameof(options));
                }
            }
        }
    }

    /// <summary>Checks index targets and returns the mean's denominator Σ w_(y_i) over counted rows, in row order.</summary>
    public static double IndexTargets(ReadOnlySpan<int> targets, int classes, CrossEntropyOptions options)
    {
        float[]? weights = options.ClassWeights;
        int ignore = options.IgnoreIndex;
        double denominator = 0;
        int counted = 0; // without weights the denominator is a count: integer adds, no chain of double adds
        for (int i = 0; i < targets.Length; i++)
        {
            int target = targets[i];
            if (target == ignore)
            {
                continue;
            }

            if ((uint)target >= (uint)classes)
            {
                throw new ArgumentException(
                    $"Target {target} at row {i} is outside [0, {classes}); use a class index or the ignore index {ignore}.", nameof(targets));
            }

            if (weights is null)
            {
                counted++;
            }
            else
            {
                denominator += weights[target];
            }
        }

        return weights is null ? counted : denominator;
    }

    /// <summary>Checks probability targets: every entry finite and ≥ 0 (rows need not sum to 1, as in PyTorch).</summary>
    public static void ProbabilityTargets<T>(ReadOnlySpan<T> targets, int classes)
        where T : IFloatingPointIeee754<T>
    {
        for (int k = 0; k < targets.Length; k++)
        {
            T t = targets[k];
            if (!T.IsFinite(t) || T.IsNegative(t))
            {
                throw new ArgumentException(
                    $"targets row {k / classes} class {k % classes} is {t}; target probabilities must be finite and ≥ 0.", nameof(targets));
            }
        }
    }

    /// <summary>
    /// Called when a loss came out NaN: finds the first counted row whose logits explain it and throws.
    /// Checking after the fact keeps the hot path to a single read of the logits.
    /// </summary>
    [DoesNotReturn]
    public static void ThrowBadLogits<T>(ReadOnlySpan<T> logits, int classes, ReadOnlySpan<int> targets, int ignoreIndex)
        where T : IFloatingPointIeee754<T>
    {
        int rows = logits.Length / classes;
        for (int i = 0; i < rows; i++)
        {
            if (!targets.IsEmpty && targets[i] == ignoreIndex)
            {
                continue;
            }

            ReadOnlySpan<T> row = logits.Slice(i * classes, classes);
            bool anyUnmasked = false;
            for (int c = 0; c < classes; c++)
            {
                T z = row[c];
                if (T.IsNaN(z) || T.IsPositiveInfinity(z))
                {
                    throw new ArgumentException(
                        $"logits row {i} class {c} is {z}; logits must be finite or −∞ (a masked class).", nameof(logits));
                }

                anyUnmasked |= !T.IsNegativeInfinity(z);
            }

            if (!anyUnmasked)
            {
                throw new ArgumentException(
                    $"Every logit of row {i} is −∞ (all classes masked), so its softmax is undefined; unmask a class or give the row the ignore index {ignoreIndex}.",
                    nameof(logits));
            }
        }

        throw new ArgumentException("The loss is NaN although every logit is finite or −∞; please report this input.", nameof(logits));
    }

    /// <summary>Applies <see cref="CrossEntropyOptions.EmptyMean"/> to a mean whose denominator is 0.</summary>
    public static double EmptyMean(CrossEntropyOptions options, int rows) => options.EmptyMean switch
    {
        EmptyMeanResult.Zero => 0,
        EmptyMeanResult.Throw => throw new ArgumentException(
            $"The mean has no counted row: all {rows} targets are the ignore index {options.IgnoreIndex} or have class weight 0. Use Reduction.Sum, or EmptyMean = Zero to get 0.",
            "targets"),
        _ => double.NaN,
    };
}
