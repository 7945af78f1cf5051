using Likely.Numerics;

namespace Likely.Information;

/// <summary>
/// The validated entry point shared by the information quantities: checks p (and q), rescales them when asked, and runs
/// the fused <see cref="BlockReduction"/> pass that computes Σ f and validates in one read of the data.
/// </summary>
internal static class ProbabilityKernel
{
    /// <summary>Σᵢ f(pᵢ) in nats over a validated (or, with <paramref name="normalize"/>, rescaled) probability vector.</summary>
    public static double Unary<TTerm>(ReadOnlySpan<double> p, bool normalize)
        where TTerm : IUnaryReductionTerm<TTerm>
    {
        ProbabilityVector.ThrowIfEmpty(p.Length, nameof(p));
        double scale = normalize ? ProbabilityVector.NormalizingScale(p, nameof(p)) : 1;
        ReductionResult result = BlockReduction.Reduce<TTerm>(p, scale);
        if (result.HasInvalidEntry) ProbabilityVector.ThrowInvalidEntry(p, nameof(p));
        if (!normalize) ProbabilityVector.ThrowIfSumIsNotOne(result.SumX, nameof(p), ProbabilityVector.SumTolerance);
        return result.Total;
    }

    /// <inheritdoc cref="Unary{TTerm}(ReadOnlySpan{double}, bool)"/>
    public static double Unary<TTerm>(ReadOnlySpan<float> p, bool normalize)
        where TTerm : IUnaryReductionTerm<TTerm>
    {
        ProbabilityVector.ThrowIfEmpty(p.Length, nameof(p));
        double scale = normalize ? ProbabilityVector.NormalizingScale(p, nameof(p)) : 1;
        ReductionResult result = BlockReduction.Reduce<TTerm>(p, scale);
        if (result.HasInvalidEntry) ProbabilityVector.ThrowInvalidEntry(p, nameof(p));
        if (!normalize) ProbabilityVector.ThrowIfSumIsNotOne(result.SumX, nameof(p), ProbabilityVector.SingleSumTolerance);
        return result.Total;
    }

    /// <summary>Σᵢ f(pᵢ, qᵢ) in nats over two validated (or rescaled) probability vectors of the same length.</summary>
    public static double Binary<TTerm>(ReadOnlySpan<double> p, ReadOnlySpan<double> q, bool normalize)
        where TTerm : IBinaryReductionTerm<TTerm>
    {
        ProbabilityVector.ThrowIfEmpty(p.Length, nameof(p));
        ProbabilityVector.ThrowIfEmpty(q.Length, nameof(q));
        ProbabilityVector.ThrowIfLengthsDiffer(p.Length, q.Length);
        double scaleP = 1, scaleQ = 1;
        if (normalize)
        {
            scaleP = ProbabilityVector.NormalizingScale(p, nameof(p));
            scaleQ = ProbabilityVector.NormalizingScale(q, nameof(q));
        }

        ReductionResult result = BlockReduction.Reduce<TTerm>(p, q, scaleP, scaleQ);
        if (result.HasInvalidEntry)
        {
            ProbabilityVector.ThrowIfInvalidEntry(p, nameof(p)); // the culprit may be in p or in q
            ProbabilityVector.ThrowInvalidEntry(q, nameof(q));
        }

        if (!normalize)
        {
            ProbabilityVector.ThrowIfSumIsNotOne(result.SumX, nameof(p), ProbabilityVector.SumTolerance);
            ProbabilityVector.ThrowIfSumIsNotOne(result.SumY, nameof(q), ProbabilityVector.SumTolerance);
        }

        return result.Total;
    }

    /// <inheritdoc cref="Binary{TTerm}(ReadOnlySpan{double}, ReadOnlySpan{double}, bool)"/>
    public static double Binary<TTerm>(ReadOnlySpan<float> p, ReadOnlySpan<float> q, bool normalize)
        where TTerm : IBinaryReductionTerm<TTerm>
    {
        ProbabilityVector.ThrowIfEmpty(p.Length, nameof(p));
        ProbabilityVector.ThrowIfEmpty(q.Length, nameof(q));
        ProbabilityVector.ThrowIfLengthsDiffer(p.Length, q.Length);
        double scaleP = 1, scaleQ = 1;
        if (normalize)
        {
            scaleP = ProbabilityVector.NormalizingScale(p, nameof(p));
            scaleQ = ProbabilityVector.NormalizingScale(q, nameof(q));
        }

        ReductionResult result = BlockReduction.Reduce<TTerm>(p, q, scaleP, scaleQ);
        if (result.HasInvalidEntry)
        {
            ProbabilityVector.ThrowIfInvalidEntry(p, nameof(p));
            ProbabilityVector.ThrowInvalidEntry(q, nameof(q));
        }

        if (!normalize)
        {
            ProbabilityVector.ThrowIfSumIsNotOne(result.SumX, nameof(p), ProbabilityVector.SingleSumTolerance);
            ProbabilityVector.ThrowIfSumIsNotOne(result.SumY, nameof(q), ProbabilityVector.SingleSumTolerance);
        }

        return result.Total;
    }
}
