using Likely.Information;

namespace Likely.Tests.Information;

public class ContingencyTableTests
{
    [Fact]
    public void MutualInformation_PerfectlyDependent_IsOneBit()
    {
        // [[2, 0], [0, 2]]: Y = X, a fair bit, so I = H(X) = 1 bit and H(Y|X) = 0.
        var table = new ContingencyTable([2, 0, 0, 2], 2, 2);
        Assert.Equal(1.0, table.MutualInformation(LogBase.Bits), 15);
        Assert.Equal(0.0, table.ConditionalEntropyOfColumnsGivenRows(LogBase.Bits), 15);
        Assert.Equal(1.0, table.JointEntropy(LogBase.Bits), 15);
    }

    [Fact]
    public void MutualInformation_IndependentCounts_IsZero()
    {
        // n_xy = n_x·n_y/N for every cell ([[1, 2], [2, 4]]), so every log term is log 1 = 0.
        var table = new ContingencyTable([1, 2, 2, 4], 2, 2);
        Assert.Equal(0.0, table.MutualInformation(), 15);
    }

    [Fact]
    public void Entropies_SatisfyChainRule()
    {
        // I = H(X) + H(Y) − H(X, Y) and H(Y|X) = H(X, Y) − H(X), checked on an arbitrary 2×3 table.
        var table = new ContingencyTable([5, 1, 0, 2, 3, 4], 2, 3);
        double hx = table.RowEntropy(), hy = table.ColumnEntropy(), hxy = table.JointEntropy();
        Assert.Equal(hx + hy - hxy, table.MutualInformation(), 14);
        Assert.Equal(hxy - hx, table.ConditionalEntropyOfColumnsGivenRows(), 14);
        Assert.Equal(hxy - hy, table.ConditionalEntropyOfRowsGivenColumns(), 14);
    }

    [Fact]
    public void FromPairs_CountsInOrderOfFirstAppearance()
    {
        var table = ContingencyTable.FromPairs(["a", "b", "a", "a"], ["x", "y", "y", "x"]);
        Assert.Equal(2, table.Rows);
        Assert.Equal(2, table.Columns);
        Assert.Equal(2, table[0, 0]); // (a, x) twice
        Assert.Equal(1, table[0, 1]); // (a, y)
        Assert.Equal(0, table[1, 0]);
        Assert.Equal(1, table[1, 1]); // (b, y)
    }

    [Fact]
    public void FromPairs_LengthMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => ContingencyTable.FromPairs(["a"], ["x", "y"]));
        Assert.Contains("'x' has 1 observations but 'y' has 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ShapeMismatch_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() => new ContingencyTable([1, 2, 3], 2, 2));
        Assert.Contains("2×2 table needs 4", error.Message, StringComparison.Ordinal);
    }
}
