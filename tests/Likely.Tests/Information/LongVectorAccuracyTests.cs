using Likely.Information;

namespace Likely.Tests.Information;

/// <summary>
/// The 10-million-entry accuracy requirement: results within 1e-12 relative of an oracle that sums the scalar terms
/// (Math.Log, not the vector log) with Neumaier compensation, written here independently of the library.
/// </summary>
public class LongVectorAccuracyTests
{
    private const int Length = 10_000_000;

    [Fact]
    public void EntropyCrossEntropyKullbackLeibler_TenMillionEntries_WithinOneInATrillion()
    {
        var random = new Random(10_000_000);
        double[] p = new double[Length], q = new double[Length];
        for (int i = 0; i < Length; i++)
        {
            // Entries spanning six orders of magnitude, so terms differ widely in size.
            p[i] = Math.Pow(10, -6 * random.NextDouble());
            q[i] = Math.Pow(10, -6 * random.NextDouble());
        }

        ProbabilityVector.Normalize(p, p);
        ProbabilityVector.Normalize(q, q);

        double entropy = -OracleSum(i => p[i] * Math.Log(p[i]));
        double crossEntropy = -OracleSum(i => p[i] * Math.Log(q[i]));
        double divergence = OracleSum(i => p[i] * Math.Log(p[i] / q[i]));

        Assert.Equal(1.0, Entropy.Compute(p) / entropy, 1e-12);
        Assert.Equal(1.0, CrossEntropy.Compute(p, q) / crossEntropy, 1e-12);
        Assert.Equal(1.0, KullbackLeiblerDivergence.Compute(p, q) / divergence, 1e-12);
    }

    /// <summary>Neumaier-compensated Σ term(i) for i in [0, Length).</summary>
    private static double OracleSum(Func<int, double> term)
    {
        double sum = 0, compensation = 0;
        for (int i = 0; i < Length; i++)
        {
            double x = term(i), t = sum + x;
            compensation += Math.Abs(sum) >= Math.Abs(x) ? (sum - t) + x : (x - t) + sum;
            sum = t;
        }

        return sum + compensation;
    }
}
