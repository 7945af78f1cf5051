using CsCheck;
using Likely.Information;

namespace Likely.Tests.Information;

/// <summary>Identities and inequalities of information theory over generated distributions (CsCheck).</summary>
public class InformationPropertyTests
{
    // Weights in [0, 1] with some exact zeros; normalized before use. Lengths cover the vector tails and several blocks.
    private static readonly Gen<double[]> Weights =
        Gen.Frequency((1, Gen.Const(0.0)), (4, Gen.Double[0.0, 1.0])).Array[1, 2500]
           .Where(w => w.Any(x => x > 0));

    private static readonly Gen<(double[] P, double[] Q)> Pairs =
        Gen.Int[1, 2500].SelectMany(n => Gen.Select(
            Gen.Frequency((1, Gen.Const(0.0)), (4, Gen.Double[0.0, 1.0])).Array[n].Where(w => w.Any(x => x > 0)),
            Gen.Double[1e-6, 1.0].Array[n]));

    private static double[] Normalized(double[] weights)
    {
        var p = new double[weights.Length];
        ProbabilityVector.Normalize(weights, p);
        return p;
    }

    [Fact]
    public void CrossEntropy_EqualsEntropyPlusKullbackLeibler()
    {
        // H(p, q) = H(p) + D(p‖q); tolerance 1e-12 relative to H(p, q) (each side is accurate to ~1e-15).
        Pairs.Sample(pair =>
        {
            double[] p = Normalized(pair.P), q = Normalized(pair.Q);
            double crossEntropy = CrossEntropy.Compute(p, q);
            double sum = Entropy.Compute(p) + KullbackLeiblerDivergence.Compute(p, q);
            Assert.Equal(crossEntropy, sum, 1e-12 * Math.Max(1, crossEntropy));
        });
    }

    [Fact]
    public void KullbackLeibler_IsNonNegative_Gibbs()
    {
        // Gibbs' inequality D(p‖q) ≥ 0, up to rounding: −1e-14.
        Pairs.Sample(pair => KullbackLeiblerDivergence.Compute(Normalized(pair.P), Normalized(pair.Q)) >= -1e-14);
    }

    [Fact]
    public void Entropy_IsBetweenZeroAndLogN()
    {
        // 0 ≤ H(p) ≤ log n, with 1e-12·log n of slack for rounding.
        Weights.Sample(w =>
        {
            double h = Entropy.Compute(w, normalize: true);
            return h >= 0 && h <= Math.Log(w.Length) * (1 + 1e-12) + 1e-15;
        });
    }

    [Fact]
    public void JensenShannon_IsSymmetricAndAtMostLog2()
    {
        // JS(p, q) = JS(q, p) to 1e-14 absolute, and 0 ≤ JS ≤ ln 2 (+1e-15 for rounding).
        Pairs.Sample(pair =>
        {
            double[] p = Normalized(pair.P), q = Normalized(pair.Q);
            double forward = JensenShannonDivergence.Compute(p, q), backward = JensenShannonDivergence.Compute(q, p);
            Assert.Equal(forward, backward, 1e-14);
            Assert.InRange(forward, -1e-15, Math.Log(2) + 1e-15);
        });
    }

    [Fact]
    public void Entropy_BaseConversion_IsDivisionByLogOfBase()
    {
        // H_b = H_nats / ln b for any base b in (1, 100].
        Gen.Select(Weights, Gen.Double[1.01, 100.0]).Sample((w, b) =>
        {
            double nats = Entropy.Compute(w, normalize: true);
            Assert.Equal(nats / Math.Log(b), Entropy.Compute(w, LogBase.Of(b), normalize: true), 1e-14 * Math.Max(1, nats));
        });
    }
}
