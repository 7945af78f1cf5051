using Likely.Losses;

namespace Likely.Tests.Losses;

/// <summary>The README's "Cross-entropy losses (library)" example, compiled and checked here.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public void ReadmeExample_SmoothedMean_MatchesPyTorch()
    {
        // --- README example begins ---
        // Two rows (N = 2) of three logits (C = 3), row-major, and their classes.
        float[] logits = [2.0f, 0.5f, -1.0f,
                          0.1f, 0.2f, 3.0f];
        int[] targets = [0, 2];
        var gradient = new float[logits.Length];

        var loss = new CrossEntropyLoss(new CrossEntropyOptions { LabelSmoothing = 0.1 });
        double mean = loss.Compute(logits, classes: 3, targets, gradient); // nats; gradient = ∂mean/∂logits
        // --- README example ends ---

        // PyTorch 1.13: F.cross_entropy(z, [0, 2], label_smoothing=0.1) in float64 = 0.3454563805893112,
        // z.grad[0][0] = -0.07386814937202874, z.grad[1][2] = -0.018571052599325455.
        Assert.Equal(0.3454563805893112, mean, 6);
        Assert.Equal(-0.07386814937202874, gradient[0], 6);
        Assert.Equal(-0.018571052599325455, gradient[5], 6);
    }
}
