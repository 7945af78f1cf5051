using System.Reflection;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Distributions;

/// <summary>
/// The registry states each family once, and everything else agrees with it: the members' names and supports, the
/// constructor's and typed fit's argument names, the fit results, and held parameters (names, aliases, ranges).
/// </summary>
public class FamilyRegistryTests
{
    public static TheoryData<string> FamilyNames() => new(Families.All.Select(f => f.Name));

    /// <summary>A valid θ for each family (its first known case), in the family's order.</summary>
    private static double[] SomeParameters(string family) => FamilyCases.Of(family).Truth.GetParameters();

    [Fact]
    public void All_NamesAreDistinctLowerCaseAndFindable()
    {
        string[] names = Families.All.Select(f => f.Name).ToArray();

        Assert.Equal(names.Length, names.Distinct().Count());
        Assert.All(names, name => Assert.Same(Families.All.Single(f => f.Name == name), Families.Find($" {name.ToUpperInvariant()} ")));
        Assert.Equal(14, names.Length); // the twelve families of the README, then weibull and negative-binomial
    }

    [Fact]
    public void Find_UnknownName_ThrowsListingEveryFamily()
    {
        var error = Assert.Throws<ArgumentException>(() => Families.Find("gumbel"));

        Assert.Contains("Unknown family 'gumbel'", error.Message);
        Assert.All(Families.All, f => Assert.Contains(f.Name, error.Message));
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Create_AnyFamily_MemberAgreesWithDescriptor(string name)
    {
        DistributionFamily family = Families.Find(name);

        IUnivariateDistribution member = family.Create(SomeParameters(name));

        Assert.Equal(name, member.FamilyName);
        Assert.Equal(family.IsDiscrete, member.IsDiscrete);
        Assert.Equal(SomeParameters(name), member.GetParameters());
        if (family.Parameters.Count > 0)
        {
            Assert.Equal(family.ParameterNames, member.ParameterNames);
        }

        // Draws from the member lie in the family's support.
        double[] draws = new double[200];
        member.Sample(new Random(1), draws);
        Assert.All(draws, x => Assert.True(family.IsInSupport(x), $"{name}: draw {x} outside the family's support"));
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void ArgumentNames_ConstructorAndTypedFit_AreTheParameterNames(string name)
    {
        // One name per parameter: the constructor's arguments and the typed Fit's held arguments are spelled as the
        // registry, the fit result, --fix and the JSON spell them (categorical: one vector p of p0…pK−1, nothing held).
        DistributionFamily family = Families.Find(name);
        Type type = family.Create(SomeParameters(name)).GetType();

        string[] constructor = type.GetConstructors().Single().GetParameters().Select(p => p.Name!).ToArray();
        string[] fit = type.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.Name == "Fit")
            .SelectMany(m => m.GetParameters().Skip(1)).Select(p => p.Name!).Distinct().ToArray();

        if (name == "categorical")
        {
            Assert.Equal(["p"], constructor);
            Assert.Equal(["categoryCount"], fit);
            return;
        }

        Assert.Equal(family.ParameterNames, constructor);
        Assert.Equal(family.ParameterNames, fit);
    }

    [Fact]
    public void Fit_Categorical_MatchesHandCountedFrequencies()
    {
        // Classes 0, 2, 2, 1, 2, 0: counts 2, 1, 3 of N = 6, so p̂ = (1/3, 1/6, 1/2) and, by hand,
        // ln L = 2 ln(1/3) + ln(1/6) + 3 ln(1/2) = −6.0163105321598..., k = K − 1 = 2.
        DistributionFit fit = Categorical.Family.Fit([0, 2, 2, 1, 2, 0]);

        Assert.Equal(["p0", "p1", "p2"], fit.Parameters.Select(p => p.Name));
        Assert.Equal(1.0 / 3, fit["p0"].Estimate, 1e-15);
        Assert.Equal(1.0 / 6, fit["p1"].Estimate, 1e-15);
        Assert.Equal(0.5, fit["p2"].Estimate, 1e-15);
        Assert.Equal(2 * Math.Log(1.0 / 3) + Math.Log(1.0 / 6) + 3 * Math.Log(0.5), fit.LogLikelihood, 1e-13);
        Assert.Equal(2, fit.FreeParameterCount);
        // √(p̂(1 − p̂)/N) for p2: √(0.25/6).
        Assert.Equal(Math.Sqrt(0.25 / 6), fit["p2"].StandardError!.Value, 1e-15);
    }

    [Theory]
    [MemberData(nameof(FamilyNames))]
    public void Fit_HeldValueOutsideItsRange_ThrowsNamingParameterAndRange(string name)
    {
        // Each parameter held at NaN, then at +∞: refused with one line naming the family, the parameter and its range,
        // never passed on (a held μ = NaN once made σ̂ NaN and the error said "All N observations equal …").
        DistributionFamily family = Families.Find(name);
        FamilyCase known = FamilyCases.Of(name);
        double[] sample = known.Draw(50, 2);
        foreach (FamilyParameter parameter in family.Parameters)
        {
            foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
            {
                Dictionary<string, double> held = known.Held; // a parameter that must be held stays held (binomial: n)
                held[parameter.Name] = bad;

                var error = Assert.Throws<ArgumentException>(() => family.Fit(sample, held));

                string expected = $"{name}: held parameter {parameter.Name} = {(double.IsNaN(bad) ? "NaN" : "Infinity")} is out of range; it must be {parameter.Range.Description}.";
                Assert.StartsWith(expected, error.Message);
                Assert.DoesNotContain('\n', error.Message);
            }
        }
    }

    [Fact]
    public void Fit_HeldValueOutOfRange_MessagesSpellTheRanges()
    {
        // The range texts themselves, written out by hand for one parameter of each kind.
        Assert.StartsWith("normal: held parameter mu = NaN is out of range; it must be a finite number.",
            Assert.Throws<ArgumentException>(() => Normal.Fit([1, 2, 3], mu: double.NaN)).Message);
        Assert.StartsWith("normal: held parameter sigma = -1 is out of range; it must be finite and > 0.",
            Assert.Throws<ArgumentException>(() => Normal.Fit([1, 2, 3], sigma: -1)).Message);
        Assert.StartsWith("bernoulli: held parameter p = 1.5 is out of range; it must be in [0, 1].",
            Assert.Throws<ArgumentException>(() => Bernoulli.Fit([0, 1], p: 1.5)).Message);
        Assert.StartsWith("geometric: held parameter p = 0 is out of range; it must be in (0, 1].",
            Assert.Throws<ArgumentException>(() => Geometric.Fit([1, 2], p: 0)).Message);
        Assert.StartsWith("binomial: held parameter n = 2.5 is out of range; it must be a whole number ≥ 1 and ≤ 2147483647.",
            Assert.Throws<ArgumentException>(() => Binomial.Family.Fit([1, 2], new Dictionary<string, double> { ["n"] = 2.5 })).Message);
    }

    [Fact]
    public void Fit_UnknownHeldName_ThrowsListingTheParameters()
    {
        var error = Assert.Throws<ArgumentException>(() => Normal.Family.Fit([1, 2, 3], new Dictionary<string, double> { ["lambda"] = 1 }));

        Assert.StartsWith("normal has no parameter 'lambda' to hold; its parameters are: mu, sigma.", error.Message);
    }

    [Fact]
    public void Fit_ExponentialHeldAsRate_IsTheSameAsLambda()
    {
        // rate is lambda's alias: the same fit, reported under the one name lambda.
        double[] x = [0.5, 1.5, 2, 4];
        DistributionFit byAlias = Exponential.Family.Fit(x, new Dictionary<string, double> { ["rate"] = 0.8 });

        Assert.Equal(["lambda"], byAlias.Parameters.Select(p => p.Name));
        Assert.Equal(0.8, byAlias["lambda"].Estimate);
        Assert.True(byAlias["lambda"].IsFixed);
        // ln L = N ln λ − λ Σx = 4 ln 0.8 − 0.8·8, by hand.
        Assert.Equal(4 * Math.Log(0.8) - 0.8 * 8, byAlias.LogLikelihood, 1e-13);
    }

    [Fact]
    public void Fit_BinomialWithoutN_ThrowsSayingNMustBeHeld()
    {
        var error = Assert.Throws<ArgumentException>(() => Binomial.Family.Fit([1, 2, 3]));

        Assert.StartsWith("binomial needs n (the number of trials per observation) held", error.Message);
    }

    [Fact]
    public void Describe_ListsEveryFamilyWithItsParameters()
    {
        // The list help, the tour and the README show.
        Assert.Equal(
            "bernoulli (p), categorical (p0, …, pK−1), binomial (n, p), poisson (lambda), geometric (p), negative-binomial (r, p), normal (mu, sigma), "
            + "exponential (lambda), laplace (mu, b), lognormal (mu, sigma), gamma (shape, scale), weibull (k, lambda), beta (alpha, beta), student-t (nu, mu, sigma)",
            Families.Describe());
    }

    [Fact]
    public void WithParameter_Categorical_RescalesTheOthersToSumToOne()
    {
        // p = (0.2, 0.5, 0.3) with p1 moved to 0.75: the others keep their 2 : 3 ratio in the remaining 0.25,
        // so (0.1, 0.75, 0.15), by hand.
        IUnivariateDistribution moved = ((IUnivariateDistribution)new Categorical([0.2, 0.5, 0.3])).WithParameter(1, 0.75);

        double[] p = moved.GetParameters();
        Assert.Equal(0.1, p[0], 1e-15);
        Assert.Equal(0.75, p[1], 1e-15);
        Assert.Equal(0.15, p[2], 1e-15);
    }
}
