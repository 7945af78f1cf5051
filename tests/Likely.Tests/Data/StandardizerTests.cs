using Likely.Data;

namespace Likely.Tests.Data;

public sealed class StandardizerTests
{
    [Fact]
    public void Fit_SmallData_GivesMaximumLikelihoodMeanAndScale()
    {
        // Column 0: 1, 3, 5 → μ = 3, s = √((4 + 0 + 4) / 3) = √(8/3) ≈ 1.6329932 (divides by N, the MLE).
        // Column 1: constant 10 → μ = 10, s = 1 by convention.
        var data = new Dataset([1f, 10f, 3f, 10f, 5f, 10f], [0, 1, 0], 2, ["a", "b"]);

        Standardizer standardizer = Standardizer.Fit(data);

        Assert.Equal(3f, standardizer.Mean[0]);
        Assert.Equal(10f, standardizer.Mean[1]);
        Assert.Equal(1.6329932f, standardizer.Scale[0], 6);
        Assert.Equal(1f, standardizer.Scale[1]);
    }

    [Fact]
    public void Apply_Dataset_StandardizesACopy()
    {
        var data = new Dataset([1f, 10f, 3f, 10f, 5f, 10f], [0, 1, 0], 2, ["a", "b"]);
        Standardizer standardizer = Standardizer.Fit(data);

        Dataset z = standardizer.Apply(data);

        // (1 − 3) / √(8/3) = −√(3/2) ≈ −1.2247449; the constant column becomes 0.
        float[] expected = [-1.2247449f, 0f, 0f, 0f, 1.2247449f, 0f];
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], z.Features[i], 5);
        }

        Assert.Equal(1f, data.Features[0]); // the input is untouched
        Assert.Equal(data.Labels, z.Labels);
    }

    [Fact]
    public void Fit_ConstantColumnWithInexactMean_GivesScaleOneAndExactZeros()
    {
        // 0.1f does not sum exactly in binary; a variance computed from a rounded mean could come out tiny but non-zero.
        float[] features = [.. Enumerable.Repeat(0.1f, 7)];
        var data = new Dataset(features, new int[7], 1, ["only"]);

        Standardizer standardizer = Standardizer.Fit(data);
        Dataset z = standardizer.Apply(data);

        Assert.Equal(1f, standardizer.Scale[0]);
        Assert.All(z.Features, x => Assert.Equal(0f, x));
    }

    [Fact]
    public void Apply_Span_WrongLength_Throws()
    {
        var standardizer = new Standardizer([0f, 0f], [1f, 1f]);

        Assert.Throws<ArgumentException>(() => standardizer.Apply(new float[3].AsSpan()));
    }

    [Fact]
    public void Apply_Span_UsesGivenMeanAndScale()
    {
        var standardizer = new Standardizer([1f, -2f], [2f, 4f]);
        float[] features = [3f, 2f, 1f, -2f];

        standardizer.Apply(features);

        // Worked by hand: (3 − 1)/2 = 1, (2 + 2)/4 = 1, (1 − 1)/2 = 0, (−2 + 2)/4 = 0.
        Assert.Equal([1f, 1f, 0f, 0f], features);
    }

    [Theory]
    [InlineData(0f)]
    [InlineData(-1f)]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    public void Constructor_BadScale_Throws(float scale)
    {
        Assert.Throws<ArgumentException>(() => new Standardizer([0f], [scale]));
    }
}
