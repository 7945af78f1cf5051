using Likely.Numerics;
using Likely.Training;

namespace Likely.Tests.Training;

/// <summary>
/// The optimizer steps on every vector path (a path this CPU lacks runs emulated) against the scalar reference loop.
/// Every lane performs the scalar loop's float operations in the same order (no fused multiply-add), so the weights and
/// moments must match bit for bit, for tensor lengths 0..70 (every partial last vector of every width). The scalar loop
/// itself is pinned to PyTorch's rules by the hand-worked values in <see cref="OptimizerTests"/>.
/// </summary>
[Trait("Category", "Kernel")]
public class OptimizerPathTests
{
    public static TheoryData<string, VectorPath> EveryRuleOnEveryPath()
    {
        var data = new TheoryData<string, VectorPath>();
        foreach (string rule in Rules.Keys)
        {
            foreach (VectorPath path in new[] { VectorPath.Vector128, VectorPath.Vector256, VectorPath.Vector512 }) data.Add(rule, path);
        }

        return data;
    }

    private static readonly Dictionary<string, ClassifierOptions> Rules = new()
    {
        ["adam"] = new ClassifierOptions { Optimizer = OptimizerKind.Adam },
        ["adam-l2"] = new ClassifierOptions { Optimizer = OptimizerKind.Adam, WeightDecay = 0.01 },
        ["adamw"] = new ClassifierOptions { Optimizer = OptimizerKind.AdamW, WeightDecay = 0.05, Beta1 = 0.8, Beta2 = 0.99, Epsilon = 1e-6 },
        ["sgd"] = new ClassifierOptions { Optimizer = OptimizerKind.Sgd },
        ["sgd-momentum"] = new ClassifierOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0.9, WeightDecay = 0.001 },
        ["sgd-nesterov"] = new ClassifierOptions { Optimizer = OptimizerKind.Sgd, Momentum = 0.9, Nesterov = true, WeightDecay = 0.001 },
    };

    [Theory]
    [MemberData(nameof(EveryRuleOnEveryPath))]
    public void Step_EveryTensorLength_BitIdenticalToScalarReference(string rule, VectorPath path)
    {
        int[] lengths = Enumerable.Range(0, 71).ToArray();
        (float[][] expectedWeights, Optimizer expected) = Run(Rules[rule], lengths, VectorPath.Scalar);
        (float[][] actualWeights, Optimizer actual) = Run(Rules[rule], lengths, path);
        for (int t = 0; t < lengths.Length; t++)
        {
            Assert.Equal(Bits(expectedWeights[t]), Bits(actualWeights[t]));
            foreach ((string name, float[][] moments) in expected.Moments)
            {
                Assert.Equal(Bits(moments[t]), Bits(actual.Moments[name][t]));
            }
        }
    }

    /// <summary>Three steps with changing gradients (edge values included) and learning rates; decay on odd tensors.</summary>
    private static (float[][] Weights, Optimizer Optimizer) Run(ClassifierOptions options, int[] lengths, VectorPath path)
    {
        var random = new Random(17);
        float[][] weights = lengths.Select(n => Enumerable.Range(0, n).Select(_ => (float)(2 * random.NextDouble() - 1)).ToArray()).ToArray();
        float[][] gradients = lengths.Select(n => new float[n]).ToArray();
        bool[] decay = lengths.Select(n => n % 2 == 1).ToArray();
        Optimizer optimizer = Optimizer.Create(options, weights, gradients, decay, path);
        foreach (double rate in new[] { 0.1, 0.05, 0.01 })
        {
            foreach (float[] g in gradients)
            {
                for (int i = 0; i < g.Length; i++) g[i] = i % 11 == 3 ? 0f : i % 13 == 5 ? 1e4f : (float)(random.NextDouble() - 0.5);
            }

            optimizer.Step(rate);
        }

        return (weights, optimizer);
    }

    private static int[] Bits(float[] values) => values.Select(BitConverter.SingleToInt32Bits).ToArray();
}
