using Likely.Models;
using Likely.Numerics;

namespace Likely.Tests.Models;

public class DenseLayerTests
{
    [Theory]
    [InlineData(10)] // narrow: computed as Yᵀ = W·Xᵀ
    [InlineData(17)] // wide: computed as X·Wᵀ
    public void Forward_NarrowOrWide_BitIdenticalToDirectProduct(int outputs)
    {
        const int rows = 37, inputs = 300;
        var random = new Random(1);
        float[] x = Enumerable.Range(0, rows * inputs).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] w = Enumerable.Range(0, outputs * inputs).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        float[] b = Enumerable.Range(0, outputs).Select(_ => (float)random.NextDouble()).ToArray();
        var actual = new float[rows * outputs];
        DenseLayer.Forward(w, b, inputs, outputs, x, rows, actual, threads: 2);

        // Oracle: X·Wᵀ through the matrix multiply, then + b; each element is the same fused chain either way.
        var expected = new float[rows * outputs];
        MatrixMultiply.Multiply(x, false, w, true, expected, rows, outputs, inputs);
        for (int i = 0; i < expected.Length; i++) expected[i] += b[i % outputs];
        Assert.Equal(expected, actual);
    }
}
