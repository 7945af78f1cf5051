using Likely.Data;

namespace Likely.Tests.Data;

/// <summary>A fact that runs only where Fashion-MNIST is installed, and is reported as skipped (not passed) elsewhere.</summary>
public sealed class FashionMnistFactAttribute : FactAttribute
{
    public FashionMnistFactAttribute()
    {
        if (!Directory.Exists(DatasetCatalog.FashionMnistFolder))
        {
            Skip = $"Fashion-MNIST is not installed at {DatasetCatalog.FashionMnistFolder} (sudo apt-get install dataset-fashion-mnist).";
        }
    }
}

public sealed class FashionMnistTests
{
    [FashionMnistFact]
    public void Load_TrainAndTest_HaveTheOfficialSizesAndBalancedClasses()
    {
        Dataset train = DatasetCatalog.Load("fashion-mnist");
        Dataset test = DatasetCatalog.Load("fashion-mnist:test");

        // Zalando's README (label table: 7 Sneaker, 8 Bag): 60,000 training and 10,000 test images of 28×28, 6,000 / 1,000 per class.
        Assert.Equal(60_000, train.RowCount);
        Assert.Equal(10_000, test.RowCount);
        Assert.Equal(784, train.FeatureCount);
        Assert.Equal(["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"], train.ClassNames);
        Assert.All(Enumerable.Range(0, 10), k => Assert.Equal(6000, train.Labels.Count(y => y == k)));
        Assert.All(Enumerable.Range(0, 10), k => Assert.Equal(1000, test.Labels.Count(y => y == k)));
        // The first training image is an ankle boot (label 9), as in Zalando's and torchvision's loaders.
        Assert.Equal(9, train.Labels[0]);
        Assert.Equal(1f, train.Features.Max());
        Assert.Equal(0f, train.Features.Min());
    }
}
