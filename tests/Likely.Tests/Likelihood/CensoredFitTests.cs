using System.Text.Json;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Right-censored maximum likelihood against an independent reference: Data/make_censored_reference.py maximizes
/// Σ_exact logpdf + Σ_censored logsf with SciPy's own densities and survival functions (SciPy 1.10 has no
/// CensoredData), and writes the exponential's closed form λ̂ = events / Σx beside it.
/// </summary>
public class CensoredFitTests
{
    private static readonly JsonElement[] Cases = Load();

    private static JsonElement[] Load()
    {
        string path = Path.Combine(Likely.Tests.Cli.Snapshot.RepositoryRoot, "tests", "Likely.Tests", "Data", "censored_reference.json");
        using JsonDocument document = JsonDocument.Parse(File.ReadAllText(path));
        return [.. document.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.Clone())];
    }

    private static (double[] Values, bool[] Censored) Sample(JsonElement c) =>
        ([.. c.GetProperty("values").EnumerateArray().Select(v => v.GetDouble())],
         [.. c.GetProperty("censored").EnumerateArray().Select(v => v.GetBoolean())]);

    public static TheoryData<string> Families_ => [.. Cases.Select(c => c.GetProperty("family").GetString()!)];

    [Theory]
    [MemberData(nameof(Families_))]
    public void Fit_MatchesTheIndependentMaximum(string family)
    {
        JsonElement c = Cases.Single(x => x.GetProperty("family").GetString() == family);
        (double[] values, bool[] censored) = Sample(c);
        DistributionFit fit = CensoredMaximumLikelihood.Fit(Families.Find(family), values, censored);

        double[] expected = [.. c.GetProperty("estimate").EnumerateArray().Select(v => v.GetDouble())];
        for (int j = 0; j < expected.Length; j++)
        {
            // 1e-6 relative: SciPy's Nelder–Mead + BFGS polish agrees with the exponential's closed form to 4e-9.
            Assert.True(Math.Abs(fit.Parameters[j].Estimate - expected[j]) <= 1e-6 * Math.Abs(expected[j]),
                $"{family} {fit.Parameters[j].Name}: {fit.Parameters[j].Estimate} vs SciPy {expected[j]}");
        }

        // At a maximum, Likely's censored log-likelihood is no lower than the reference's (to rounding).
        Assert.True(fit.LogLikelihood >= c.GetProperty("logLikelihood").GetDouble() - 1e-9);
        Assert.Equal(values.Length, fit.ObservationCount);
        Assert.All(fit.Parameters, p => Assert.True(p.StandardError > 0));
    }

    [Fact]
    public void Exponential_IsTheClosedForm()
    {
        // λ̂ = d / Σxᵢ (d events): the derivative of d ln λ − λ Σxᵢ is zero there. The closed form comes from the script.
        JsonElement c = Cases.Single(x => x.GetProperty("family").GetString() == "exponential");
        (double[] values, bool[] censored) = Sample(c);
        double closed = c.GetProperty("closedForm")[0].GetDouble();
        Assert.Equal(censored.Count(f => !f) / values.Sum(), closed, 12);
        DistributionFit fit = CensoredMaximumLikelihood.Fit(Families.Find("exponential"), values, censored);
        Assert.Equal(closed, fit.Parameters[0].Estimate, 1e-9 * closed);
        // Its standard error: the observed information of d ln λ − λΣx is d/λ², so SE = λ̂/√d.
        Assert.Equal(closed / Math.Sqrt(censored.Count(f => !f)), fit.Parameters[0].StandardError!.Value, 1e-6 * closed);
    }

    [Fact]
    public void NoCensoredRow_IsTheOrdinaryFit()
    {
        double[] x = [1.2, 0.4, 3.3, 2.2, 0.9, 1.7];
        DistributionFit censored = CensoredMaximumLikelihood.Fit(Families.Find("gamma"), x, new bool[x.Length]);
        DistributionFit ordinary = Families.Find("gamma").Fit(x);
        Assert.Equal(ordinary.Parameters.Select(p => p.Estimate), censored.Parameters.Select(p => p.Estimate));
        Assert.Equal(ordinary.LogLikelihood, censored.LogLikelihood);
    }

    [Fact]
    public void LogLikelihood_UsesTheSurvivalForCensoredRows()
    {
        // By hand, for Exponential(λ = 2): an event at 1 contributes ln 2 − 2, a row censored at 1 contributes −2.
        var model = new Exponential(2);
        Assert.Equal(Math.Log(2) - 2 + -2, CensoredMaximumLikelihood.LogLikelihood(model, [1.0, 1.0], [false, true]), 14);
    }

    [Fact]
    public void Refuses_WhatHasNoMle()
    {
        Assert.Contains("Every one of the 3 rows is censored",
            Assert.Throws<ArgumentException>(() => CensoredMaximumLikelihood.Fit(Families.Find("normal"), [1.0, 2, 3], [true, true, true])).Message);
        Assert.Contains("discrete",
            Assert.Throws<ArgumentException>(() => CensoredMaximumLikelihood.Fit(Families.Find("poisson"), [1.0, 2], [false, true])).Message);
        Assert.Contains("flags",
            Assert.Throws<ArgumentException>(() => CensoredMaximumLikelihood.Fit(Families.Find("normal"), [1.0, 2], [false])).Message);
    }
}
