using Likely.Information;

namespace Likely.Cli.Output;

/// <summary>
/// The JSON of the information commands (<c>entropy</c>, <c>cross-entropy</c>, <c>kl</c>, <c>js</c>), e.g.
/// <c>{"quantity":"entropy","value":1.5,"base":2,"unit":"bits"}</c>; the count-based entropies add the estimator
/// and the number of observations (and categories, from a column), and <c>--ci</c> its bootstrap interval.
/// </summary>
/// <param name="Quantity">The quantity's name in kebab case: entropy, cross-entropy, kl-divergence, js-divergence.</param>
/// <param name="Value">The value in <paramref name="Unit"/>.</param>
/// <param name="Base">The logarithm base (e as 2.718281828459045).</param>
/// <param name="Unit">bits, nats, hartleys or "base-b units".</param>
/// <param name="Estimator">plugin, miller-madow or chao-shen, for an entropy estimated from counts.</param>
/// <param name="Observations">N, for an entropy estimated from counts.</param>
/// <param name="Categories">The number of distinct categories, for an entropy of a column of categories.</param>
/// <param name="Lower">With --ci: the lower end of the bootstrap interval, in <paramref name="Unit"/>.</param>
/// <param name="Upper">With --ci: its upper end.</param>
/// <param name="Level">With --ci: its confidence level, e.g. 0.95.</param>
/// <param name="Resamples">With --ci: the number of bootstrap resamples.</param>
/// <param name="Seed">With --ci: the seed of the resamples.</param>
/// <param name="Interval">With --ci: bootstrap (BCa) or bootstrap-percentile, as --ci spells it.</param>
/// <param name="Engine">For a column read from --data or --query: embedded or duckdb, the engine that read it.</param>
public sealed record QuantityResult(
    string Quantity, double Value, double Base, string Unit, string? Estimator = null, long? Observations = null, int? Categories = null,
    double? Lower = null, double? Upper = null, double? Level = null, int? Resamples = null, int? Seed = null, string? Interval = null,
    string? Engine = null)
{
    /// <summary>The result for <paramref name="value"/> measured in <paramref name="logBase"/>.</summary>
    public static QuantityResult Of(string quantity, double value, LogBase logBase) => new(quantity, value, logBase.Value, logBase.Unit);
}

/// <summary>
/// The JSON of <c>likely mi</c>: I(X; Y), with the entropies it is made of (I = H(X) + H(Y) − H(X, Y)) for the plug-in
/// estimate, or the number of neighbours for KSG.
/// </summary>
/// <param name="Quantity">Always mutual-information.</param>
/// <param name="Value">I(X; Y) in <paramref name="Unit"/>.</param>
/// <param name="Base">The logarithm base.</param>
/// <param name="Unit">The unit's name.</param>
/// <param name="EntropyX">H(X), for the plug-in estimate.</param>
/// <param name="EntropyY">H(Y), for the plug-in estimate.</param>
/// <param name="JointEntropy">H(X, Y), for the plug-in estimate.</param>
/// <param name="Observations">N, the number of (x, y) rows.</param>
/// <param name="Estimator">ksg; absent for the plug-in estimate (the default), whose JSON is as it always was.</param>
/// <param name="Neighbors">k, for KSG.</param>
/// <param name="Lower">With --ci: the lower end of the bootstrap interval, in <paramref name="Unit"/>.</param>
/// <param name="Upper">With --ci: its upper end.</param>
/// <param name="Level">With --ci: its confidence level, e.g. 0.95.</param>
/// <param name="Resamples">With --ci: the number of bootstrap resamples.</param>
/// <param name="Seed">With --ci: the seed of the resamples.</param>
/// <param name="Interval">With --ci: bootstrap (BCa) or bootstrap-percentile, as --ci spells it.</param>
/// <param name="Engine">embedded or duckdb, the engine that read --data or --query; absent with --from-stats.</param>
public sealed record MutualInformationResult(
    string Quantity, double Value, double Base, string Unit, double? EntropyX, double? EntropyY, double? JointEntropy, long Observations,
    string? Estimator = null, int? Neighbors = null, double? Lower = null, double? Upper = null, double? Level = null, int? Resamples = null,
    int? Seed = null, string? Interval = null, string? Engine = null);

/// <summary>The JSON of <c>likely info</c>: what to attach to a bug report.</summary>
/// <param name="Version">Likely's version.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="Platform">Operating system and architecture.</param>
/// <param name="Processor">The CPU's model name.</param>
/// <param name="Cores">Logical cores available to the process.</param>
/// <param name="VectorPath">The path the kernels use (scalar, vector128, vector256, vector512).</param>
/// <param name="InstructionSet">That path's instruction set in words (AVX-512, AVX2, …).</param>
/// <param name="BestVectorPath">The widest path this CPU runs.</param>
/// <param name="DataSets">Where each built-in data set is looked for.</param>
public sealed record RuntimeResult(
    string Version, string Runtime, string Platform, string Processor, int Cores, string VectorPath, string InstructionSet,
    string BestVectorPath, IReadOnlyList<DataSetResult> DataSets);

/// <summary>A built-in data set in <c>likely info --json</c>.</summary>
/// <param name="Name">Its name as <c>--data</c> takes it, e.g. fashion-mnist.</param>
/// <param name="Location">Its folder (or "embedded in Likely").</param>
/// <param name="Available">False when it is not installed there.</param>
public sealed record DataSetResult(string Name, string Location, bool Available);
