using System.Globalization;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>
/// The command line's side of the family registry (<see cref="Families"/>): a family named on the command line, its
/// <c>--fix name=value</c> pairs, the fit, and the help text listing every family with its parameters. What a family
/// is, is the library's; this class only reads words into it and its errors back out as usage errors.
/// </summary>
internal static class FamilyOptions
{
    /// <summary>"bernoulli (p), categorical (p0, …, pK−1), …, student-t (nu, mu, sigma)": every family with the parameters <c>--fix</c> names.</summary>
    public static string FamilyList => Families.Describe();

    /// <summary>The help of <c>--fix</c>: the syntax, and which families need or refuse a held parameter, from the registry.</summary>
    public static string FixDescription
    {
        get
        {
            IEnumerable<string> needed = Families.All.SelectMany(f => f.Parameters.Where(p => p.MustBeHeld)
                .Select(p => $"{f.Name} needs --fix {p.Name}=… ({p.Meaning})"));
            IEnumerable<string> none = Families.All.Where(f => f.Parameters.Count == 0).Select(f => $"{f.Name}'s {f.ParameterSummary} cannot be held");
            return $"Hold a parameter at a value instead of estimating it, as name=value (repeatable), e.g. --fix sigma=1.5; "
                + $"the names are the family's parameters listed above; {string.Join("; ", needed.Concat(none))}.";
        }
    }

    /// <summary>The family named <paramref name="name"/>.</summary>
    /// <param name="name">As typed.</param>
    /// <param name="alternatives">What else the command accepts, e.g. "(or auto)", appended to the list in the error.</param>
    /// <exception cref="UsageException">No such family; the message lists them.</exception>
    public static DistributionFamily Resolve(string name, string alternatives = "") =>
        Families.TryFind(name, out DistributionFamily? family)
            ? family
            : throw new UsageException($"Unknown family '{name}'; choose one of: {string.Join(", ", Families.All.Select(f => f.Name))}{alternatives}.");

    /// <summary>Parses <c>name=value</c> pairs (the family checks the names and values when it fits).</summary>
    /// <exception cref="UsageException">A pair is not name=value with a number.</exception>
    public static Dictionary<string, double> ParseFixed(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0 || !double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new UsageException($"--fix '{pair}' is not name=value with a number, e.g. --fix sigma=1.5.");
            }

            result[pair[..equals].Trim()] = value;
        }

        return result;
    }

    /// <summary>Fits <paramref name="family"/> to <paramref name="sample"/> with the parameters in <paramref name="held"/> held.</summary>
    /// <exception cref="UsageException">A parameter that must be held is missing (said as the --fix to add), or the fit found no maximum.</exception>
    /// <exception cref="ArgumentException">Bad sample, unknown parameter name or held value out of range (the library's message).</exception>
    public static DistributionFit Fit(DistributionFamily family, LikelihoodSample sample, IReadOnlyDictionary<string, double> held)
    {
        CheckHeld(family, held);
        try
        {
            return family.Fit(sample.Values, held);
        }
        catch (InvalidOperationException exception)
        {
            // The library's message already names the family and says what to do (fit normal instead, hold nu, …).
            throw new UsageException(exception.Message);
        }
    }

    /// <summary>Refuses a fit that lacks a parameter the family needs held (binomial's n), naming the --fix to add.</summary>
    /// <exception cref="UsageException">A parameter that must be held is missing.</exception>
    public static void CheckHeld(DistributionFamily family, IReadOnlyDictionary<string, double> held)
    {
        foreach (FamilyParameter parameter in family.Parameters.Where(p => p.MustBeHeld && !held.Keys.Any(p.IsCalled)))
        {
            throw new UsageException($"{family.Name} needs {parameter.Name} ({parameter.Meaning}) held: pass --fix {parameter.Name}=<value>, e.g. --fix {parameter.Name}=10.");
        }
    }
}
