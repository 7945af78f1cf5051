using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Likelihood;

/// <summary>
/// Model selection over the registry: which families are compared, hand-worked scores on a two-point sample, and the
/// generating family winning on seeded samples.
/// </summary>
public class ModelSelectionTests
{
    [Fact]
    public void Compare_TwoPoints_ScoresTheExponentialByHand()
    {
        // x = (1.5, 3.5), one row held out. Only the exponential can be fitted to a single training value (the others
        // need two distinct values; beta needs x < 1 and is no candidate). Fitted to x_a it has λ = 1/x_a, so the
        // held-out cross-entropy −ln λ + λ x_b is ln 1.5 + 3.5/1.5 = 2.7387984414414976 (train on 1.5) or
        // ln 3.5 + 1.5/3.5 = 1.6813343970667967 (train on 3.5), whichever the seed picks. On both rows λ̂ = 1/2.5,
        // ln L = 2 ln 0.4 − 0.4·5, and AIC = 2 − 2 ln L = 6 + 4 ln 2.5 = 9.66516292749662, by hand.
        ModelComparison comparison = ModelSelection.Compare([1.5, 3.5], Families.All, testFraction: 0.5, seed: 1);

        Assert.False(comparison.Discrete);
        FamilyScore first = comparison.Rows[0];
        Assert.Equal("exponential", first.Family.Name);
        Assert.Equal(1, first.Rank);
        Assert.Equal(1, first.AicRank);
        double score = first.HeldOutCrossEntropy;
        Assert.True(Math.Abs(score - 2.7387984414414976) < 1e-14 || Math.Abs(score - 1.6813343970667967) < 1e-14, $"held-out cross-entropy {score}");
        Assert.Equal(9.66516292749662, first.Fit!.Aic, 1e-13);
        Assert.All(comparison.Rows.Skip(1), row => Assert.Null(row.Fit));
        Assert.DoesNotContain(comparison.Rows, row => row.Family.Name == "beta");
    }

    [Fact]
    public void Compare_WholeNumbers_ComparesDiscreteFamiliesAndLeavesOutBinomial()
    {
        // Whole numbers ≥ 0: the discrete families whose support holds them; a probability and a density cannot be
        // ranked together, so no continuous family; the binomial needs n held, so it is listed as left out.
        double[] x = new double[400];
        new Poisson(3).Sample(new Random(4), x);

        ModelComparison comparison = ModelSelection.Compare(x, Families.All);

        Assert.True(comparison.Discrete);
        Assert.Equal(["binomial"], comparison.LeftOut.Select(f => f.Name));
        Assert.All(comparison.Rows, row => Assert.True(row.Family.IsDiscrete));
        Assert.DoesNotContain(comparison.Rows, row => row.Family.Name is "geometric" or "bernoulli"); // 0 or values > 1 in the sample
        // The categorical's fit is the empirical distribution p̂, which maximizes ln L over every distribution on the
        // integers (Gibbs' inequality), so its ln L is at least the Poisson's; the Poisson row is the Poisson's own fit.
        DistributionFit poisson = comparison.Rows.Single(r => r.Family.Name == "poisson").Fit!;
        Assert.Equal(Poisson.Fit(x).LogLikelihood, poisson.LogLikelihood);
        Assert.True(comparison.Rows.Single(r => r.Family.Name == "categorical").Fit!.LogLikelihood >= poisson.LogLikelihood);
        Assert.Equal(80, comparison.TestCount); // round(0.2 · 400)
        Assert.Equal(320, comparison.TrainCount);
    }

    [Fact]
    public void Compare_GammaSample_RanksGammaAboveNormalAndAicRanksFollowAic()
    {
        double[] x = new double[400];
        new Gamma(2, 1).Sample(new Random(3), x);

        ModelComparison comparison = ModelSelection.Compare(x, Families.All);

        FamilyScore Row(string name) => comparison.Rows.Single(r => r.Family.Name == name);
        Assert.True(Row("gamma").HeldOutCrossEntropy < Row("normal").HeldOutCrossEntropy); // a right-skewed sample
        Assert.DoesNotContain(comparison.Rows, r => r.Family.Name == "beta"); // values above 1
        FamilyScore[] fitted = comparison.Rows.Where(r => r.Fit is not null).ToArray();
        Assert.Equal(Enumerable.Range(1, fitted.Length), fitted.Select(r => r.Rank!.Value));
        Assert.Equal(fitted.OrderBy(r => r.Fit!.Aic).Select(r => r.Family.Name), fitted.OrderBy(r => r.AicRank).Select(r => r.Family.Name));
        // Each fit to all rows is the family's own fit of the sample.
        Assert.Equal(Gamma.Fit(x).LogLikelihood, Row("gamma").Fit!.LogLikelihood);
    }

    [Fact]
    public void Compare_NormalSample_KeepsStudentTWithItsReason()
    {
        // A light-tailed normal sample: the Student-t has no finite ν̂, and the comparison keeps it, unranked, with the
        // fit's own explanation.
        double[] x = new double[500];
        new Normal(170, 8).Sample(new Random(6), x);

        ModelComparison comparison = ModelSelection.Compare(x, Families.All);

        FamilyScore t = comparison.Rows.Single(r => r.Family.Name == "student-t");
        Assert.Null(t.Rank);
        Assert.Equal(double.PositiveInfinity, t.HeldOutCrossEntropy);
        Assert.Contains("fit normal instead", t.Error);
        Assert.Same(t, comparison.Rows[^1]);
    }

    [Fact]
    public void Compare_BadArguments_Throw()
    {
        Assert.Throws<ArgumentException>(() => ModelSelection.Compare([1.5], Families.All));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSelection.Compare([1.5, 2.5], Families.All, testFraction: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ModelSelection.Compare([1.5, 2.5], Families.All, testFraction: double.NaN));
    }
}
