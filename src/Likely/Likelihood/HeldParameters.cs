namespace Likely.Likelihood;

/// <summary>
/// The parameters a fit holds at given values, checked against the family: every name is a parameter of the family
/// (aliases resolved to the name), every value is in its range, and every parameter a fit cannot estimate is present.
/// <see cref="DistributionFamily.Fit"/> builds it and hands it to the family's fit function.
/// </summary>
public sealed class HeldParameters
{
    private readonly Dictionary<string, double> values;

    internal HeldParameters(Dictionary<string, double> values) => this.values = values;

    /// <summary>The held value of the parameter named <paramref name="name"/>, or null when it is to be estimated.</summary>
    public double? this[string name] => values.TryGetValue(name, out double value) ? value : null;

    /// <summary>The number of held parameters.</summary>
    public int Count => values.Count;
}
