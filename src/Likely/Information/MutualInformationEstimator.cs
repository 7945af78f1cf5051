namespace Likely.Information;

/// <summary>How mutual information I(X; Y) is estimated from paired observations.</summary>
public enum MutualInformationEstimator
{
    /// <summary>
    /// Plug-in estimate for categories: the mutual information of the empirical joint distribution n_xy / N of the
    /// contingency table (<see cref="ContingencyTable.MutualInformation"/>).
    /// </summary>
    PlugIn,

    /// <summary>
    /// The Kraskov–Stögbauer–Grassberger k-nearest-neighbour estimate for two continuous variables (KSG, algorithm 1):
    /// I = ψ(k) + ψ(N) − ⟨ψ(n_x + 1) + ψ(n_y + 1)⟩ (<see cref="KraskovMutualInformation"/>).
    /// </summary>
    Kraskov,
}
