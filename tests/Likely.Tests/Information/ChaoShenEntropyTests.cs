using System.Text.Json;
using Likely.Information;

namespace Likely.Tests.Information;

public class ChaoShenEntropyTests
{
    [Fact]
    public void Compute_ChaoShen_MatchesHandWorkedCase()
    {
        // Counts (3, 1, 0), worked by hand from Chao & Shen (2003): N = 4, f₁ = 1, Ĉ = 1 − 1/4 = 3/4,
        // p̃ = (3/4·3/4, 3/4·1/4) = (9/16, 3/16), weights 1 − (1 − p̃)⁴ = 1 − (7/16)⁴ and 1 − (13/16)⁴.
        double expected = -(9.0 / 16) * Math.Log(9.0 / 16) / (1 - Math.Pow(7.0 / 16, 4))
                          - (3.0 / 16) * Math.Log(3.0 / 16) / (1 - Math.Pow(13.0 / 16, 4));
        Assert.Equal(expected, CountEntropy.Compute([3, 1, 0], EntropyEstimator.ChaoShen), 14);
    }

    [Fact]
    public void Compute_ChaoShenAllSingletons_UsesNMinusOne()
    {
        // Four singletons: f₁ = N = 4 is replaced by 3, so Ĉ = 1/4 and every p̃ = 1/16 (by hand).
        double expected = -4 * (1.0 / 16) * Math.Log(1.0 / 16) / (1 - Math.Pow(15.0 / 16, 4));
        Assert.Equal(expected, CountEntropy.Compute([1, 1, 1, 1], EntropyEstimator.ChaoShen), 14);
    }

    [Fact]
    public void Compute_ChaoShenOneCategory_IsZero()
    {
        // p̃ = 1, weight 1 − 0^N = 1, −1·ln 1 = 0; also for a single observation (f₁ = N = 1 → 0, Ĉ = 1).
        Assert.Equal(0.0, CountEntropy.Compute([0, 42], EntropyEstimator.ChaoShen));
        Assert.Equal(0.0, CountEntropy.Compute([1], EntropyEstimator.ChaoShen));
    }

    [Fact]
    public void Compute_ChaoShen_MatchesNumpyTranscription()
    {
        // Expected: make_information_estimators.py's chao_shen (numpy, the paper's formula step by step).
        foreach (JsonElement item in InformationEstimatorReference.Root.GetProperty("chao_shen").EnumerateArray())
        {
            long[] counts = item.GetProperty("counts").EnumerateArray().Select(e => e.GetInt64()).ToArray();
            double expected = item.GetProperty("nats").GetDouble();
            double actual = CountEntropy.Compute(counts, EntropyEstimator.ChaoShen);
            Assert.True(Math.Abs(expected - actual) <= 1e-12 * Math.Max(1, expected), $"counts [{string.Join(",", counts)}]: expected {expected:R}, got {actual:R}");
        }
    }

    [Fact]
    public void Compute_ChaoShenInBits_IsNatsOverLnTwo()
    {
        double nats = CountEntropy.Compute([5, 2, 1, 1], EntropyEstimator.ChaoShen);
        Assert.Equal(nats / Math.Log(2), CountEntropy.Compute([5, 2, 1, 1], EntropyEstimator.ChaoShen, LogBase.Bits), 14);
    }

    [Fact]
    public void Compute_ChaoShenRareCategoryInLargeSample_KeepsWeightAccurate()
    {
        // Counts (10⁹, 2): p̃ = 2·10⁻⁹ for the rare one, N·p̃ = 2, weight 1 − e^(N·ln(1 − p̃)) ≈ 1 − e⁻² (no singletons,
        // Ĉ = 1). By hand with the limit (1 − p)^N → e^(−Np): the rare term is −p ln p / (1 − e⁻²) up to O(Np²) relative.
        // Relative 1e-9: computing (1 − p)^N directly would be off by about N·ε ≈ 1e-7 relative.
        double n = 1e9 + 2, p = 2 / n, q = 1e9 / n;
        double expected = -p * Math.Log(p) / (1 - Math.Exp(-n * p)) - q * Math.Log(q);
        double actual = CountEntropy.Compute([1_000_000_000, 2], EntropyEstimator.ChaoShen);
        Assert.True(Math.Abs(actual - expected) <= 1e-9 * expected, $"expected {expected:R}, got {actual:R}");
    }
}
