namespace Likely.Likelihood;

/// <summary>
/// The outcome of <see cref="ModelSelection.Compare"/>: every candidate family, best first by held-out cross-entropy,
/// with its AIC rank on all rows beside it.
/// </summary>
/// <param name="ObservationCount">N, the rows compared.</param>
/// <param name="TrainCount">Rows each family was fitted to for the held-out score.</param>
/// <param name="TestCount">Rows held out and scored.</param>
/// <param name="Seed">The seed of the train/test shuffle.</param>
/// <param name="Discrete">True when every value is a whole number, so only discrete families were compared.</param>
/// <param name="Rows">One row per candidate family: fitted ones by held-out cross-entropy (lowest first), then those that could not be fitted.</param>
/// <param name="LeftOut">Families of the compared kind left out because a parameter must be held (the binomial's n).</param>
public sealed record ModelComparison(int ObservationCount, int TrainCount, int TestCount, int Seed, bool Discrete,
    IReadOnlyList<FamilyScore> Rows, IReadOnlyList<DistributionFamily> LeftOut)
{
    /// <summary>The Vuong test of the best-ranked family (first in each result) against every other fitted family, on all N rows.</summary>
    public IReadOnlyList<VuongResult> Vuong { get; init; } = [];

    /// <summary>The likelihood-ratio test of each nested pair (<see cref="LikelihoodRatioTest.Nestings"/>) whose two families were both fitted.</summary>
    public IReadOnlyList<LikelihoodRatioResult> LikelihoodRatio { get; init; } = [];
}

/// <summary>One family's row in a <see cref="ModelComparison"/>.</summary>
/// <param name="Family">The family.</param>
/// <param name="Rank">1 for the lowest held-out cross-entropy; null when the family could not be fitted.</param>
/// <param name="HeldOutCrossEntropy">
/// −(1/T) Σ ln p(xᵢ; θ̂_train) over the T held-out rows, nats (lower is better); +∞ when a held-out value has
/// probability 0 under the fit to the other rows, or when the family could not be fitted.
/// </param>
/// <param name="Fit">The fit to all N rows (for the parameters and the AIC); null when it failed.</param>
/// <param name="AicRank">1 for the lowest AIC among the fitted families; null when the family could not be fitted.</param>
/// <param name="Failure">Why the family could not be fitted (the fit's exception); null when it was.</param>
public sealed record FamilyScore(DistributionFamily Family, int? Rank, double HeldOutCrossEntropy, DistributionFit? Fit, int? AicRank, Exception? Failure)
{
    /// <summary>The failure's message without the "(Parameter '…')" suffix .NET appends to argument exceptions; null when the fit succeeded.</summary>
    public string? Error => Failure switch
    {
        null => null,
        ArgumentException { ParamName: { } name } argument => argument.Message.Replace($" (Parameter '{name}')", "", StringComparison.Ordinal),
        _ => Failure.Message,
    };
}
