using Likely.Numerics;

namespace Likely.Tests.Numerics;

[Trait("Category", "Kernel")]
public class BlockReductionTests
{
    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_IdentityOverManyBlocks_MatchesExactDecimalSum(VectorPath path)
    {
        // Oracle: the same values summed in decimal (exact for these 2^-20-multiples, whose every partial sum is exact in
        // double too, in any order), across many blocks and chunks.
        var random = new Random(3);
        double[] x = new double[300_001];
        decimal exact = 0;
        for (int i = 0; i < x.Length; i++)
        {
            x[i] = random.Next(1, 1 << 20) / (double)(1 << 20);
            exact += (decimal)x[i];
        }

        ReductionResult result = BlockReduction.Reduce<IdentityTerm>(x, 1, path);
        Assert.Equal((double)exact, result.Total);
        Assert.Equal((double)exact, result.SumX);
        Assert.False(result.HasInvalidEntry);
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_InvalidEntryInTail_IsReported(VectorPath path)
    {
        double[] x = [1, 2, 3, 4, 5, 6, 7, 8, 9, -1];
        Assert.True(BlockReduction.Reduce<IdentityTerm>(x, 1, path).HasInvalidEntry);
    }

    [Theory]
    [MemberData(nameof(VectorPathData.EveryPath), MemberType = typeof(VectorPathData))]
    public void Reduce_Float32Input_WidensExactly(VectorPath path)
    {
        float[] x = Enumerable.Range(1, 5000).Select(i => i / 8f).ToArray();
        // Σ i/8 for i = 1..5000 = 5000·5001/16, exact in binary.
        Assert.Equal(5000.0 * 5001 / 16, BlockReduction.Reduce<IdentityTerm>(x, 1, path).Total);
    }

    [Fact]
    public void Reduce_PublicEntry_SumsToAnIndependentOracle()
    {
        // Oracle: the same 1/i values summed in decimal (28 digits), independent of the kernel's blocks and paths.
        double[] x = Enumerable.Range(1, 1000).Select(i => 1.0 / i).ToArray();
        double expected = (double)x.Aggregate(0m, (sum, value) => sum + (decimal)value);
        ReductionResult result = BlockReduction.Reduce<IdentityTerm>(x, 1);
        Assert.Equal(expected, result.Total, expected * 1e-14);
        Assert.Equal(expected, result.SumX, expected * 1e-14);
        Assert.False(result.HasInvalidEntry);
    }
}
