using Likely.Data;

namespace Likely.Tests.Data;

public sealed class DatasetSplitTests
{
    private static Dataset Numbered(int rows) =>
        // Feature = row index, label = row index mod 2, so every row can be traced after the split.
        new([.. Enumerable.Range(0, rows).Select(i => (float)i)], [.. Enumerable.Range(0, rows).Select(i => i % 2)], 1, ["even", "odd"]);

    [Fact]
    public void Split_TenRows_HoldsOutThreeAndKeepsEveryRowOnce()
    {
        (Dataset train, Dataset validation) = DatasetSplit.Split(Numbered(10), 0.3, seed: 7);

        Assert.Equal(7, train.RowCount);
        Assert.Equal(3, validation.RowCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => (float)i), train.Features.Concat(validation.Features).Order());
        Assert.Equal(train.Features.Order(), train.Features); // original order kept
        Assert.Equal(validation.Features.Order(), validation.Features);
        Assert.All(Enumerable.Range(0, 7), i => Assert.Equal((int)train.Features[i] % 2, train.Labels[i]));
    }

    [Fact]
    public void Split_SameSeed_SameSplit_OtherSeed_OtherSplit()
    {
        Dataset data = Numbered(100);

        (Dataset _, Dataset first) = DatasetSplit.Split(data, 0.2, seed: 1);
        (Dataset _, Dataset again) = DatasetSplit.Split(data, 0.2, seed: 1);
        (Dataset _, Dataset other) = DatasetSplit.Split(data, 0.2, seed: 2);

        Assert.Equal(first.Features, again.Features);
        Assert.NotEqual(first.Features, other.Features);
    }

    [Fact]
    public void Split_ZeroFraction_GivesEmptyValidation()
    {
        (Dataset train, Dataset validation) = DatasetSplit.Split(Numbered(5), 0, seed: 1);

        Assert.Equal(5, train.RowCount);
        Assert.Equal(0, validation.RowCount);
    }

    [Fact]
    public void Split_TinyFraction_HoldsOutAtLeastOneRow()
    {
        (Dataset train, Dataset validation) = DatasetSplit.Split(Numbered(5), 0.01, seed: 1);

        Assert.Equal(4, train.RowCount);
        Assert.Equal(1, validation.RowCount);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Split_FractionOutOfRange_Throws(double fraction)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DatasetSplit.Split(Numbered(5), fraction, seed: 1));
    }

    [Fact]
    public void SplitMix64_SeedZero_MatchesPublishedOutputs()
    {
        // First outputs of Vigna's splitmix64.c from state 0 (also SplittableRandom's mixer): 0xE220A8397B1DCDAF,
        // 0x6E789E6AA1B965F4, 0x06C45D188009454F.
        ulong state = 0;

        Assert.Equal(0xE220A8397B1DCDAFUL, SeededShuffle.Next(ref state));
        Assert.Equal(0x6E789E6AA1B965F4UL, SeededShuffle.Next(ref state));
        Assert.Equal(0x06C45D188009454FUL, SeededShuffle.Next(ref state));
    }
}
