using CsCheck;
using Likely.Distributions;
using Likely.Likelihood;
using Likely.Tests.Distributions;

namespace Likely.Tests.Likelihood;

/// <summary>
/// The streaming fits (issue 12): a family's accumulator of sufficient statistics, fed in chunks or merged from shards
/// in any order, gives the family's in-memory maximum-likelihood fit (the independent oracle: it sums over the
/// sample itself, ln L included) to 1e-12 relative; hand-worked values for the normal; plain refusals otherwise.
/// </summary>
public class FitAccumulatorTests
{
    // The families whose MLE depends on the data only through fixed-size statistics, as issue 12 lists them.
    private static readonly string[] Streaming = ["bernoulli", "categorical", "binomial", "poisson", "geometric", "exponential", "normal", "lognormal", "gamma", "beta"];
    private static readonly string[] InMemory = ["negative-binomial", "laplace", "weibull", "student-t"];

    private static readonly FamilyCase[] StreamingCases = FamilyCases.All.Where(c => Streaming.Contains(c.Truth.FamilyName)).ToArray();

    [Fact]
    public void CreateAccumulator_EachFamily_StreamsExactlyWhenItHasSufficientStatistics()
    {
        Assert.Equal(Families.All.Count, Streaming.Length + InMemory.Length);
        foreach (string name in Streaming)
        {
            DistributionFamily family = Families.Find(name);
            Assert.False(family.NeedsSampleInMemory, name);
            Assert.Null(family.InMemoryReason);
            Assert.Same(family, family.CreateAccumulator()!.Family);
        }

        foreach (string name in InMemory)
        {
            DistributionFamily family = Families.Find(name);
            Assert.True(family.NeedsSampleInMemory, name);
            Assert.Null(family.CreateAccumulator());
            Assert.StartsWith($"{name} has no fixed-size sufficient statistics", family.InMemoryReason);
            Assert.Contains("8 bytes per observation", family.InMemoryReason);
        }
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Fit_ChunkedStream_EqualsInMemoryFit(string caseName)
    {
        FamilyCase c = StreamingCases.Single(x => x.Name == caseName);
        DistributionFamily family = Families.Find(c.Truth.FamilyName);
        double[] sample = c.Draw(5000, seed: 12);
        FitAccumulator accumulator = family.CreateAccumulator()!;
        for (int start = 0; start < sample.Length; start += 777)
        {
            accumulator.Add(sample.AsSpan(start, Math.Min(777, sample.Length - start)));
        }

        AssertSameFit(family.Fit(sample, c.Held), accumulator.Fit(c.Held), caseName);
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Fit_OneParameterHeld_EqualsInMemoryFit(string caseName)
    {
        // Hold each estimable parameter in turn at the truth: the held branches of every solver (ψ(k) = c for the gamma).
        FamilyCase c = StreamingCases.Single(x => x.Name == caseName);
        DistributionFamily family = Families.Find(c.Truth.FamilyName);
        double[] sample = c.Draw(3000, seed: 5);
        double[] truth = c.Truth.GetParameters();
        for (int j = 0; j < family.Parameters.Count; j++)
        {
            if (family.Parameters[j].MustBeHeld)
            {
                continue;
            }

            Dictionary<string, double> held = new(c.Held) { [family.Parameters[j].Name] = truth[j] };
            FitAccumulator accumulator = family.CreateAccumulator()!;
            accumulator.Add(sample);
            AssertSameFit(family.Fit(sample, held), accumulator.Fit(held), $"{caseName} holding {family.Parameters[j].Name}");
        }
    }

    [Fact]
    public void Merge_ShardsInAnyOrder_EqualsSinglePass()
    {
        // CsCheck: a family case, a seeded sample, cut into shards of random sizes, merged in a random order.
        Gen<(int Case, int Seed, int[] Cuts, int Order)> gen = Gen.Select(Gen.Int[0, StreamingCases.Length - 1], Gen.Int[0, 1000],
            Gen.Int[1, 1999].Array[0, 12], Gen.Int[0, 1_000_000]);
        gen.Sample(t =>
        {
            FamilyCase c = StreamingCases[t.Case];
            DistributionFamily family = Families.Find(c.Truth.FamilyName);
            double[] sample = c.Draw(2000, t.Seed);
            FitAccumulator single = family.CreateAccumulator()!;
            single.Add(sample);
            int[] bounds = [0, .. t.Cuts.Distinct().Order(), sample.Length];
            List<FitAccumulator> shards = [];
            for (int i = 0; i + 1 < bounds.Length; i++)
            {
                FitAccumulator shard = family.CreateAccumulator()!;
                shard.Add(sample.AsSpan(bounds[i], bounds[i + 1] - bounds[i]));
                shards.Add(shard);
            }

            var random = new Random(t.Order);
            FitAccumulator[] shuffled = shards.OrderBy(_ => random.Next()).ToArray();
            FitAccumulator merged = family.CreateAccumulator()!;
            foreach (FitAccumulator shard in shuffled)
            {
                merged.Merge(shard);
            }

            Assert.Equal(sample.Length, merged.Count);
            AssertSameFit(single.Fit(c.Held), merged.Fit(c.Held), c.Name);
        }, iter: 1000);
    }

    [Fact]
    public void Fit_NormalByHand_GivesClosedForm()
    {
        // x = 1, 2, 3, 4 in two shards: μ̂ = 2.5, Σ (x − μ̂)² = 5, σ̂² = 5/4,
        // ln L = −4 ln σ̂ − 2 ln 2π − 5/(2σ̂²) = −2 ln 1.25 − 2 ln 2π − 2.
        FitAccumulator a = Normal.Family.CreateAccumulator()!, b = Normal.Family.CreateAccumulator()!;
        a.Add([3.0, 1.0]);
        b.Add([4.0, 2.0]);
        a.Merge(b);
        DistributionFit fit = a.Fit();
        Assert.Equal(2.5, fit.Parameters[0].Estimate, 1e-15);
        Assert.Equal(Math.Sqrt(1.25), fit.Parameters[1].Estimate, 1e-15);
        Assert.Equal(-2 * Math.Log(1.25) - 2 * Math.Log(2 * Math.PI) - 2, fit.LogLikelihood, 1e-14);
        Assert.Equal(4, fit.ObservationCount);
    }

    [Fact]
    public void Fit_LargeOffset_KeepsTheVarianceInChunksOfOne()
    {
        // 1e6 + (−1, 0, 1) repeated: σ̂² = 2/3 exactly in the math; naive Σx² − (Σx)²/N would lose ~6 digits.
        FitAccumulator accumulator = Normal.Family.CreateAccumulator()!;
        for (int i = 0; i < 3000; i++)
        {
            accumulator.Add([1e6 + (i % 3 - 1)]);
        }

        Assert.Equal(Math.Sqrt(2.0 / 3), accumulator.Fit().Parameters[1].Estimate, 1e-11);
    }

    [Fact]
    public void Add_ValueOutsideSupport_NamesItsPositionAndAddsNothing()
    {
        FitAccumulator accumulator = Poisson.Family.CreateAccumulator()!;
        accumulator.Add([1.0, 2.0, 3.0]);
        var error = Assert.Throws<ArgumentException>(() => accumulator.Add([4.0, 2.5]));
        Assert.StartsWith("Observation 4 = 2.5 is outside the support of poisson", error.Message);
        Assert.Equal(3, accumulator.Count);
        Assert.Contains("Observation 3 is NaN", Assert.Throws<ArgumentException>(() => accumulator.Add([double.NaN])).Message);
    }

    [Fact]
    public void Merge_OtherFamilyOrItself_Refuses()
    {
        FitAccumulator normal = Normal.Family.CreateAccumulator()!;
        Assert.Contains("same family", Assert.Throws<ArgumentException>(() => normal.Merge(Gamma.Family.CreateAccumulator()!)).Message);
        Assert.Throws<ArgumentException>(() => normal.Merge(normal));
    }

    [Fact]
    public void Fit_NoObservationsOrConstantSample_RefusesAsInMemory()
    {
        Assert.Contains("No observations", Assert.Throws<ArgumentException>(() => Normal.Family.CreateAccumulator()!.Fit()).Message);
        foreach (DistributionFamily family in new[] { Gamma.Family, Beta.Family })
        {
            FitAccumulator accumulator = family.CreateAccumulator()!;
            accumulator.Add([0.5, 0.5, 0.5]);
            Assert.Contains("All 3 observations equal 0.5", Assert.Throws<ArgumentException>(() => accumulator.Fit()).Message);
        }

        FitAccumulator binomial = Binomial.Family.CreateAccumulator()!;
        binomial.Add([3.0, 7.0]);
        Assert.Contains("check n", Assert.Throws<ArgumentException>(() => binomial.Fit(new Dictionary<string, double> { ["n"] = 5 })).Message);
        Assert.Contains("needs n", Assert.Throws<ArgumentException>(() => binomial.Fit()).Message);
    }

    /// <summary>Every case name of a streaming family.</summary>
    public static TheoryData<string> CaseNames() => new(StreamingCases.Select(c => c.Name));

    private static void AssertSameFit(DistributionFit expected, DistributionFit actual, string what)
    {
        Assert.Equal(expected.ObservationCount, actual.ObservationCount);
        Assert.Equal(expected.Parameters.Count, actual.Parameters.Count);
        for (int j = 0; j < expected.Parameters.Count; j++)
        {
            FittedParameter e = expected.Parameters[j], a = actual.Parameters[j];
            Assert.Equal(e.Name, a.Name);
            Assert.Equal(e.IsFixed, a.IsFixed);
            AssertRelative(e.Estimate, a.Estimate, $"{what}: {e.Name}");
            Assert.Equal(e.StandardError is null, a.StandardError is null);
            if (e.StandardError is { } se)
            {
                AssertRelative(se, a.StandardError!.Value, $"{what}: SE({e.Name})");
            }
        }

        AssertRelative(expected.LogLikelihood, actual.LogLikelihood, $"{what}: ln L");
    }

    private static void AssertRelative(double expected, double actual, string what)
    {
        double tolerance = 1e-12 * Math.Max(Math.Abs(expected), 1e-300);
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"{what}: expected {expected:R}, got {actual:R} (difference {Math.Abs(expected - actual):G3})");
    }
}
