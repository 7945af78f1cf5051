using System.Globalization;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Cli.Commands.Likelihood;

/// <summary>A fit with the fitted member of its family.</summary>
internal sealed record FamilyFit(MaximumLikelihoodFit Fit, IUnivariateDistribution Distribution);

/// <summary>
/// Maps the family names of the command line to Likely's typed <c>Fit</c> methods, and <c>--fix name=value</c> to
/// their held-parameter arguments. The library stays typed; only the command line speaks in strings.
/// </summary>
internal static class FamilyCatalog
{
    /// <summary>Every family <c>likely fit</c> accepts, in the order help and <c>auto</c> list them.</summary>
    public static readonly string[] Names =
        ["bernoulli", "categorical", "binomial", "poisson", "geometric", "normal", "exponential", "laplace", "lognormal", "gamma", "beta", "student-t"];

    private static readonly Dictionary<string, string[]> Parameters = new()
    {
        ["bernoulli"] = ["p"], ["categorical"] = [], ["binomial"] = ["n", "p"], ["poisson"] = ["lambda"], ["geometric"] = ["p"],
        ["normal"] = ["mu", "sigma"], ["exponential"] = ["rate"], ["laplace"] = ["mu", "b"], ["lognormal"] = ["mu", "sigma"],
        ["gamma"] = ["shape", "scale"], ["beta"] = ["alpha", "beta"], ["student-t"] = ["nu", "mu", "sigma"],
    };

    /// <summary>The family name, lower-cased and checked.</summary>
    /// <exception cref="UsageException">Unknown family.</exception>
    public static string Resolve(string name)
    {
        string family = name.Trim().ToLowerInvariant();
        return Parameters.ContainsKey(family)
            ? family
            : throw new UsageException($"Unknown family '{name}'; choose one of: {string.Join(", ", Names)} (or auto).");
    }

    /// <summary>Parses <c>name=value</c> pairs and checks each name against the family's parameters.</summary>
    /// <exception cref="UsageException">Malformed pair, unknown name, or a value that is not a number.</exception>
    public static Dictionary<string, double> ParseFixed(string family, IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (string pair in pairs)
        {
            int equals = pair.IndexOf('=', StringComparison.Ordinal);
            string name = equals > 0 ? pair[..equals].Trim() : "";
            if (equals <= 0 || !double.TryParse(pair[(equals + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                throw new UsageException($"--fix '{pair}' is not name=value with a number, e.g. --fix sigma=1.5.");
            }

            if (!Parameters[family].Contains(name))
            {
                string names = Parameters[family].Length == 0 ? "none" : string.Join(", ", Parameters[family]);
                throw new UsageException($"{family} has no parameter '{name}' to fix; its parameters are: {names}.");
            }

            result[name] = value;
        }

        return result;
    }

    /// <summary>Fits <paramref name="family"/> to <paramref name="sample"/> with the held parameters.</summary>
    /// <exception cref="ArgumentException">Bad sample or parameter (the library's message).</exception>
    /// <exception cref="UsageException">Binomial without n, or the optimizer did not converge.</exception>
    public static FamilyFit Fit(string family, LikelihoodSample sample, IReadOnlyDictionary<string, double> held, int? categoryCount = null)
    {
        double? Held(string name) => held.TryGetValue(name, out double v) ? v : null;
        double[] x = sample.Values;
        try
        {
            return family switch
            {
                "bernoulli" => Wrap(Bernoulli.Fit(x, Held("p"))),
                "categorical" => Wrap(Categorical.Fit(x.Select(v => (int)v).ToArray(), categoryCount ?? sample.Labels?.Length)),
                "binomial" => Wrap(Binomial.Fit(x, Trials(Held("n")), Held("p"))),
                "poisson" => Wrap(Poisson.Fit(x, Held("lambda"))),
                "geometric" => Wrap(Geometric.Fit(x, Held("p"))),
                "normal" => Wrap(Normal.Fit(x, Held("mu"), Held("sigma"))),
                "exponential" => Wrap(Exponential.Fit(x, Held("rate"))),
                "laplace" => Wrap(Laplace.Fit(x, Held("mu"), Held("b"))),
                "lognormal" => Wrap(LogNormal.Fit(x, Held("mu"), Held("sigma"))),
                "gamma" => Wrap(Gamma.Fit(x, Held("shape"), Held("scale"))),
                "beta" => Wrap(Beta.Fit(x, Held("alpha"), Held("beta"))),
                "student-t" => Wrap(StudentT.Fit(x, Held("nu"), Held("mu"), Held("sigma"))),
                _ => throw new UsageException($"Unknown family '{family}'."),
            };
        }
        catch (InvalidOperationException exception)
        {
            throw new UsageException(exception.Message.StartsWith($"The {family}", StringComparison.Ordinal) ? exception.Message : $"{family}: {exception.Message}");
        }
    }

    /// <summary>True when every value lies in the family's support (the test <c>auto</c> uses to pick candidates).</summary>
    public static bool SupportContains(string family, double[] x) => family switch
    {
        "bernoulli" => x.All(v => v is 0 or 1),
        "poisson" => x.All(v => v >= 0 && Math.Floor(v) == v),
        "geometric" => x.All(v => v >= 1 && Math.Floor(v) == v),
        "normal" or "laplace" or "student-t" => true,
        "exponential" => x.All(v => v >= 0),
        "lognormal" or "gamma" => x.All(v => v > 0),
        "beta" => x.All(v => v is > 0 and < 1),
        _ => false,
    };

    private static int Trials(double? n)
    {
        if (n is not { } trials)
        {
            throw new UsageException("binomial needs the number of trials per observation; pass --fix n=<trials>, e.g. --fix n=10.");
        }

        if (Math.Floor(trials) != trials || trials < 1 || trials > int.MaxValue)
        {
            throw new UsageException($"--fix n={trials.ToString(CultureInfo.InvariantCulture)} is not a whole number of trials ≥ 1.");
        }

        return (int)trials;
    }

    private static FamilyFit Wrap<T>(DistributionFit<T> fit)
        where T : IUnivariateDistribution => new(fit, fit.Distribution);
}
