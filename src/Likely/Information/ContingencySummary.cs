namespace Likely.Information;

/// <summary>
/// The plug-in information quantities of a contingency table of N pairs (x, y), in the unit they were asked in:
/// I(X; Y) = H(X) + H(Y) − H(X, Y), with each term computed from the counts (see <see cref="ContingencyCounts{TX, TY}.Summarize"/>).
/// </summary>
/// <param name="MutualInformation">I(X; Y) ≥ 0, summed term by term.</param>
/// <param name="RowEntropy">H(X), from the counts of each x.</param>
/// <param name="ColumnEntropy">H(Y), from the counts of each y.</param>
/// <param name="JointEntropy">H(X, Y), from the counts of each distinct pair.</param>
/// <param name="Total">N, the pairs counted.</param>
public sealed record ContingencySummary(double MutualInformation, double RowEntropy, double ColumnEntropy, double JointEntropy, long Total);
