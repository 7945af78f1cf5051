using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>Likely against SciPy on the same data: estimates, log-densities, entropies, special functions.</summary>
public class ScipyComparisonTests
{
    public static TheoryData<string> FitNames() => new(ScipyReference.Fits.Select(f => f.GetProperty("name").GetString()!));

    [Theory]
    [MemberData(nameof(FitNames))]
    public void Fit_SameSampleAsScipy_MatchesScipyEstimate(string name)
    {
        // Expected: scipy.stats.<dist>.fit (or scipy.stats.fit for discrete families) on the committed sample.
        JsonElement reference = ScipyReference.Fit(name);
        string family = reference.GetProperty("family").GetString()!;
        double[] x = ScipyReference.Doubles(reference.GetProperty("sample"));
        Dictionary<string, double> held = ScipyReference.Map(reference.GetProperty("fixed"));
        Dictionary<string, double> expected = ScipyReference.Map(reference.GetProperty("estimate"));

        MaximumLikelihoodFit fit = ScipyReference.FitWithLikely(family, x, held);

        // Closed forms agree to rounding. SciPy's numerical fits (Nelder–Mead at xtol 1e-12 for gamma/beta/t, bounded
        // L-BFGS-B for the discrete families) stop a little short of the optimum: 1e-5 relative covers them.
        bool closedForm = family is "normal" or "exponential" or "laplace" or "lognormal"
            || (family == "gamma" && held.ContainsKey("shape")) || (family == "weibull" && held.ContainsKey("k"));
        double tolerance = closedForm ? 1e-11 : 1e-5;
        foreach ((string parameter, double value) in expected)
        {
            Assert.Equal(value, fit[ScipyReference.ParameterName(family, parameter)].Estimate, tolerance * Math.Max(1, Math.Abs(value)));
        }

        // At the maximum, Likely's log-likelihood is at least SciPy's (up to rounding) and very close to it.
        double scipyLogLikelihood = reference.GetProperty("logLikelihood").GetDouble();
        Assert.True(fit.LogLikelihood >= scipyLogLikelihood - 1e-9 * Math.Abs(scipyLogLikelihood), $"{fit.LogLikelihood} < {scipyLogLikelihood}");
        Assert.Equal(scipyLogLikelihood, fit.LogLikelihood, 1e-7 * Math.Abs(scipyLogLikelihood));
    }

    [Fact]
    public void Families_EachHasAFitReference()
    {
        // Every registered family is compared with SciPy on a committed sample, or names the independent check that
        // stands in for one: a new family without a reference fails here.
        string[] withScipyFit = ScipyReference.Fits.Select(f => f.GetProperty("family").GetString()!).Distinct().ToArray();
        string[] missing = Families.All.Select(f => f.Name)
            .Where(name => !withScipyFit.Contains(name) && !ScipyReference.FitsCheckedElsewhere.ContainsKey(name)).ToArray();

        Assert.True(missing.Length == 0, $"No SciPy fit reference for {string.Join(", ", missing)}: add one to make_scipy_fits.py and scipy_fits.json.");
        Assert.All(ScipyReference.FitsCheckedElsewhere.Keys, name => Assert.True(Families.TryFind(name, out _), $"{name} is not a registered family."));
    }

    [Fact]
    public void LogDensity_ScipyPoints_MatchesScipyLogPdf()
    {
        foreach (JsonElement entry in ScipyReference.Root.GetProperty("densities").EnumerateArray())
        {
            string family = entry.GetProperty("family").GetString()!;
            var distribution = ScipyReference.Create(family, ScipyReference.Doubles(entry.GetProperty("parameters")));
            double[] x = ScipyReference.Doubles(entry.GetProperty("x"));
            double[] expected = ScipyReference.Doubles(entry.GetProperty("logDensity")); // scipy logpdf / logpmf
            double[] actual = new double[x.Length];
            distribution.LogDensity(x, actual);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-12 * Math.Max(1, Math.Abs(expected[i])), $"{family} at {x[i]}: {actual[i]} vs scipy {expected[i]}");
                Assert.Equal(actual[i], distribution.LogDensity(x[i]), 1e-15 * Math.Max(1, Math.Abs(actual[i]))); // span and scalar paths agree
            }
        }
    }

    [Fact]
    public void Entropy_ScipyParameters_MatchesScipyEntropy()
    {
        foreach (JsonElement entry in ScipyReference.Root.GetProperty("entropies").EnumerateArray())
        {
            string family = entry.GetProperty("family").GetString()!;
            double[] parameters = ScipyReference.Doubles(entry.GetProperty("parameters"));
            var distribution = ScipyReference.Create(family, parameters);
            double expected = entry.GetProperty("entropy").GetDouble(); // scipy .entropy()
            Assert.True(Math.Abs(expected - distribution.Entropy) <= 1e-10 * Math.Max(1, Math.Abs(expected)), $"{family}({string.Join(", ", parameters)}): {distribution.Entropy} vs scipy {expected}");
        }
    }

    [Fact]
    public void SpecialFunctions_ScipyPoints_MatchScipySpecial()
    {
        JsonElement special = ScipyReference.Root.GetProperty("special");
        double[] x = ScipyReference.Doubles(special.GetProperty("x"));
        double[] gammaln = ScipyReference.Doubles(special.GetProperty("gammaln"));
        double[] digamma = ScipyReference.Doubles(special.GetProperty("digamma"));
        double[] trigamma = ScipyReference.Doubles(special.GetProperty("trigamma"));
        for (int i = 0; i < x.Length; i++)
        {
            Assert.True(Math.Abs(gammaln[i] - Likely.Distributions.SpecialFunctions.LogGamma(x[i])) <= 2e-14 * Math.Max(1, Math.Abs(gammaln[i])), $"lgamma({x[i]}) = {Likely.Distributions.SpecialFunctions.LogGamma(x[i])}, scipy {gammaln[i]}");
            Assert.True(Math.Abs(digamma[i] - Likely.Distributions.SpecialFunctions.Digamma(x[i])) <= 2e-14 * Math.Max(1, Math.Abs(digamma[i])), $"digamma({x[i]}) = {Likely.Distributions.SpecialFunctions.Digamma(x[i])}, scipy {digamma[i]}");
            Assert.True(Math.Abs(trigamma[i] - Likely.Distributions.SpecialFunctions.Trigamma(x[i])) <= 2e-14 * Math.Max(1, Math.Abs(trigamma[i])), $"trigamma({x[i]}) = {Likely.Distributions.SpecialFunctions.Trigamma(x[i])}, scipy {trigamma[i]}");
        }
    }
}
