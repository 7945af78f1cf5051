using System.Globalization;

namespace Likely.Likelihood;

/// <summary>
/// The sufficient statistics of a sample of a continuous family, as a SQL engine computes them in one aggregation:
/// N = <c>count(x)</c>, Σ x = <c>sum(x)</c>, M₂ = N·<c>var_pop(x)</c> = Σ (x − x̄)², Σ ln x, Σ (ln x − mean ln x)²,
/// Σ ln(1 − x), and the minimum and maximum (to check the support and the degenerate all-equal sample). Each family
/// reads the ones its likelihood depends on (<see cref="RequiredFor"/>) and ignores the rest; load them into an
/// accumulator with <see cref="FitAccumulator.AddStatistics"/>.
/// </summary>
/// <remarks>
/// M₂ is carried rather than Σ x², because Σ x² − (Σ x)²/N cancels catastrophically when the mean is large beside the
/// spread; <c>var_pop</c> (SQL:2003) is computed stably by DuckDB, PostgreSQL and Spark SQL.
/// </remarks>
/// <param name="Count">N, the number of observations (missing values excluded), ≥ 0.</param>
public sealed record SufficientStatistics(long Count)
{
    /// <summary>Σ x (column <c>sum_x</c>).</summary>
    public double? Sum { get; init; }

    /// <summary>M₂ = Σ (x − x̄)² = N·var_pop(x) (column <c>var_pop_x</c> holds var_pop, the mean square deviation).</summary>
    public double? SquaredDeviations { get; init; }

    /// <summary>Σ ln x (column <c>sum_ln_x</c>).</summary>
    public double? LogSum { get; init; }

    /// <summary>Σ (ln x − mean ln x)² = N·var_pop(ln x) (column <c>var_pop_ln_x</c>).</summary>
    public double? LogSquaredDeviations { get; init; }

    /// <summary>Σ ln(1 − x) (column <c>sum_ln_1m_x</c>).</summary>
    public double? LogComplementSum { get; init; }

    /// <summary>The smallest observation (column <c>min_x</c>).</summary>
    public double? Min { get; init; }

    /// <summary>The largest observation (column <c>max_x</c>).</summary>
    public double? Max { get; init; }

    /// <summary>
    /// Whether <paramref name="family"/> is fitted from these sums (normal, log-normal, exponential, gamma, beta); the
    /// other families with an accumulator are discrete and are fitted from value counts
    /// (<see cref="FitAccumulator.AddRepeated"/>).
    /// </summary>
    public static bool IsSummedBy(DistributionFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return RequiredFor(family).Count > 0;
    }

    /// <summary>
    /// The statistics <paramref name="family"/> needs, by column name (<c>n</c>, <c>sum_x</c>, <c>var_pop_x</c>,
    /// <c>sum_ln_x</c>, <c>var_pop_ln_x</c>, <c>sum_ln_1m_x</c>, <c>min_x</c>, <c>max_x</c>); empty for a family that
    /// is fitted from value counts or needs its sample in memory.
    /// </summary>
    public static IReadOnlyList<string> RequiredFor(DistributionFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return family.Name switch
        {
            "normal" => ["n", "sum_x", "var_pop_x", "min_x", "max_x"],
            "lognormal" => ["n", "sum_ln_x", "var_pop_ln_x", "min_x", "max_x"],
            "exponential" => ["n", "sum_x", "min_x", "max_x"],
            "gamma" => ["n", "sum_x", "sum_ln_x", "min_x", "max_x"],
            "beta" => ["n", "sum_x", "var_pop_x", "sum_ln_x", "sum_ln_1m_x", "min_x", "max_x"],
            _ => [],
        };
    }

    /// <summary>The value of a statistic the family needs; an <see cref="ArgumentException"/> when it is missing or not finite.</summary>
    internal double Required(double? value, string column) =>
        value is double v && double.IsFinite(v)
            ? v
            : throw new ArgumentException(value is null
                ? $"The statistic '{column}' is missing; aggregate it (SqlAggregation emits every statistic the family needs)."
                : $"The statistic '{column}' = {value.Value.ToString("R", CultureInfo.InvariantCulture)} is not finite; check the data for values outside the support or overflow.", "statistics");
}
