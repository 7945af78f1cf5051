using System.Text.Json;
using Likely.Losses;
using Likely.Numerics;

namespace Likely.Tests.Losses;

/// <summary>
/// Every expected value here is PyTorch 1.13's, from Data/torch_losses.json (see make_torch_losses.py); the one
/// documented difference (a mean over no counted row) is stated where it is tested.
/// </summary>
public class TorchReferenceTests
{
    public static IEnumerable<object[]> IndexCases => TorchReference.Names("ce_index");
    public static IEnumerable<object[]> ProbabilityCases => TorchReference.Names("ce_prob");
    public static IEnumerable<object[]> NllCases => TorchReference.Names("nll");
    public static IEnumerable<object[]> BceCases => TorchReference.Names("bce");
    public static IEnumerable<object[]> KlCases => TorchReference.Names("kl");

    public static IEnumerable<object[]> IndexEmptyMeanCases =>
        TorchReference.Names("ce_index_empty_mean").SelectMany(c => VectorPaths.All.Select(path => new object[] { c[0], path }));

    public static IEnumerable<object[]> NllEmptyMeanCases => TorchReference.Names("nll_empty_mean");

    [Theory]
    [MemberData(nameof(IndexCases))]
    public void Compute_IndexTargets_MatchesPyTorch(string name)
    {
        JsonElement c = TorchReference.Case(name);
        int classes = c.GetProperty("classes").GetInt32();
        int[] targets = TorchReference.Ints(c, "targets");
        CrossEntropyOptions options = Options(c);
        double[] logits = TorchReference.Doubles(c, "logits");

        // Double path: agrees with PyTorch's float64 to ~1e-12.
        var gradient = new double[logits.Length];
        var rows = new double[targets.Length];
        double loss = SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, options, rows);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), loss, 1e-12);
        AssertAllClose(TorchReference.Doubles(c, "gradient"), gradient, 1e-12);
        AssertAllClose(TorchReference.Doubles(c, "rowLosses"), rows, 1e-12);

        // Float path (fused kernel): the same within float rounding.
        float[] floatLogits = logits.Select(v => (float)v).ToArray();
        var floatGradient = new float[logits.Length];
        double floatLoss = SoftmaxCrossEntropy.Compute(floatLogits, classes, targets, floatGradient, options);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), floatLoss, 2e-6);
        AssertAllClose(TorchReference.Doubles(c, "gradient"), floatGradient.Select(v => (double)v).ToArray(), 2e-6);
    }

    [Theory]
    [MemberData(nameof(ProbabilityCases))]
    public void Compute_ProbabilityTargets_MatchesPyTorch(string name)
    {
        JsonElement c = TorchReference.Case(name);
        int classes = c.GetProperty("classes").GetInt32();
        double[] logits = TorchReference.Doubles(c, "logits"), targets = TorchReference.Doubles(c, "targets");
        var gradient = new double[logits.Length];
        var rows = new double[logits.Length / classes];
        double loss = SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, Options(c), rows);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), loss, 1e-12);
        AssertAllClose(TorchReference.Doubles(c, "gradient"), gradient, 1e-12);
        AssertAllClose(TorchReference.Doubles(c, "rowLosses"), rows, 1e-12);

        var floatGradient = new float[logits.Length];
        double floatLoss = SoftmaxCrossEntropy.Compute(
            logits.Select(v => (float)v).ToArray(), classes, targets.Select(v => (float)v).ToArray(), floatGradient, Options(c));
        AssertClose(TorchReference.Number(c.GetProperty("loss")), floatLoss, 1e-6);
        AssertAllClose(TorchReference.Doubles(c, "gradient"), floatGradient.Select(v => (double)v).ToArray(), 1e-6);
    }

    [Theory]
    [MemberData(nameof(NllCases))]
    public void NegativeLogLikelihood_Compute_MatchesPyTorch(string name)
    {
        JsonElement c = TorchReference.Case(name);
        float[] x = TorchReference.Floats(c, "logits");
        int[] targets = TorchReference.Ints(c, "targets");
        var gradient = new float[x.Length];
        var rows = new float[targets.Length];
        double loss = NegativeLogLikelihood.Compute(x, c.GetProperty("classes").GetInt32(), targets, gradient, Options(c), rows);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), loss, 1e-6);
        AssertAllClose(TorchReference.Doubles(c, "gradient"), gradient.Select(v => (double)v).ToArray(), 1e-6);
        AssertAllClose(TorchReference.Doubles(c, "rowLosses"), rows.Select(v => (double)v).ToArray(), 1e-6);
    }

    [Theory]
    [MemberData(nameof(BceCases))]
    public void BinaryCrossEntropyWithLogits_Compute_MatchesPyTorch(string name)
    {
        JsonElement c = TorchReference.Case(name);
        float[] x = TorchReference.Floats(c, "logits"), y = TorchReference.Floats(c, "targets");
        var options = new BinaryCrossEntropyOptions
        {
            Weights = TorchReference.OptionalFloats(c, "weights"),
            PositiveWeights = TorchReference.OptionalFloats(c, "positiveWeights"),
            Reduction = ParseReduction(c.GetProperty("reduction").GetString()!),
        };
        var gradient = new float[x.Length];
        var elements = new float[x.Length];
        double loss = BinaryCrossEntropyWithLogits.Compute(x, y, gradient, options, elements);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), loss, 1e-6);
        AssertAllClose(TorchReference.Doubles(c, "gradient"), gradient.Select(v => (double)v).ToArray(), 1e-6);
        AssertAllClose(TorchReference.Doubles(c, "rowLosses"), elements.Select(v => (double)v).ToArray(), 1e-6);
    }

    [Theory]
    [MemberData(nameof(KlCases))]
    public void KullbackLeiblerDivergenceLoss_Compute_MatchesPyTorch(string name)
    {
        JsonElement c = TorchReference.Case(name);
        float[] x = TorchReference.Floats(c, "logits"), targets = TorchReference.Floats(c, "targets");
        int classes = c.GetProperty("classes").GetInt32();
        var gradient = new float[x.Length];
        var rows = new float[x.Length / classes];
        double loss = KullbackLeiblerDivergenceLoss.Compute(
            x, classes, targets, gradient, ParseReduction(c.GetProperty("reduction").GetString()!), c.GetProperty("logTarget").GetBoolean(), rows);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), loss, 1e-6);
        AssertAllClose(TorchReference.Doubles(c, "gradient"), gradient.Select(v => (double)v).ToArray(), 1e-6);
        AssertAllClose(TorchReference.Doubles(c, "rowLosses"), rows.Select(v => (double)v).ToArray(), 1e-6);
    }

    [Theory]
    [MemberData(nameof(IndexEmptyMeanCases))]
    public void Compute_MeanOverNoCountedRow_PyTorchLossAndZeroGradient(string name, VectorPath path)
    {
        // Every target ignored, or every counted row's class at weight 0: the mean is 0/0. The loss and the row losses
        // are PyTorch's; the gradient is PyTorch's where it is a number and 0 where PyTorch's is NaN (the deliberate
        // difference documented on EmptyMeanResult.NaN).
        JsonElement c = TorchReference.Case(name);
        int classes = c.GetProperty("classes").GetInt32();
        int[] targets = TorchReference.Ints(c, "targets");
        double[] logits = TorchReference.Doubles(c, "logits");
        double[] expectedGradient = GradientWithNaNAsZero(name, c);

        var floatGradient = Enumerable.Repeat(9f, logits.Length).ToArray(); // every entry must be overwritten
        var floatRows = new float[targets.Length];
        double floatLoss = SoftmaxCrossEntropy.Compute(
            logits.Select(v => (float)v).ToArray(), classes, targets, floatGradient, Options(c), floatRows, maxDegreeOfParallelism: 1, path);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), floatLoss, 0);
        AssertAllClose(expectedGradient, floatGradient.Select(v => (double)v).ToArray(), 0);
        AssertAllClose(TorchReference.Doubles(c, "rowLosses"), floatRows.Select(v => (double)v).ToArray(), 2e-6);

        var gradient = Enumerable.Repeat(9.0, logits.Length).ToArray();
        var rows = new double[targets.Length];
        double loss = SoftmaxCrossEntropy.Compute(logits, classes, targets, gradient, Options(c), rows);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), loss, 0);
        AssertAllClose(expectedGradient, gradient, 0);
        AssertAllClose(TorchReference.Doubles(c, "rowLosses"), rows, 1e-12);
    }

    [Theory]
    [MemberData(nameof(NllEmptyMeanCases))]
    public void NegativeLogLikelihood_MeanOverNoCountedRow_PyTorchLossAndZeroGradient(string name)
    {
        // As for the softmax cross-entropy above: PyTorch's NaN loss, and 0 where its gradient is NaN (at the targets).
        JsonElement c = TorchReference.Case(name);
        float[] x = TorchReference.Floats(c, "logits");
        int[] targets = TorchReference.Ints(c, "targets");
        var gradient = Enumerable.Repeat(9f, x.Length).ToArray();
        var rows = new float[targets.Length];
        double loss = NegativeLogLikelihood.Compute(x, c.GetProperty("classes").GetInt32(), targets, gradient, Options(c), rows);
        AssertClose(TorchReference.Number(c.GetProperty("loss")), loss, 0);
        AssertAllClose(GradientWithNaNAsZero(name, c), gradient.Select(v => (double)v).ToArray(), 0);
        AssertAllClose(TorchReference.Doubles(c, "rowLosses"), rows.Select(v => (double)v).ToArray(), 1e-6);
    }

    /// <summary>
    /// PyTorch's gradient with NaN replaced by 0, after checking that PyTorch's is NaN exactly in the weight-0 cases
    /// (0·(1/0)) and a number when every row is ignored, as EmptyMeanResult.NaN's documentation says.
    /// </summary>
    private static double[] GradientWithNaNAsZero(string name, JsonElement c)
    {
        double[] torch = TorchReference.Doubles(c, "gradient");
        Assert.Equal(name.Contains("weight0", StringComparison.Ordinal), torch.Any(double.IsNaN));
        return torch.Select(g => double.IsNaN(g) ? 0 : g).ToArray();
    }

    private static CrossEntropyOptions Options(JsonElement c) => new()
    {
        ClassWeights = TorchReference.OptionalFloats(c, "weights"),
        IgnoreIndex = c.TryGetProperty("ignoreIndex", out JsonElement ignore) ? ignore.GetInt32() : -100,
        LabelSmoothing = c.GetProperty("labelSmoothing").GetDouble(),
        Reduction = ParseReduction(c.GetProperty("reduction").GetString()!),
    };

    private static Reduction ParseReduction(string name) => name switch
    {
        "mean" => Reduction.Mean,
        "sum" => Reduction.Sum,
        "none" => Reduction.None,
        "batchmean" => Reduction.BatchMean,
        _ => throw new ArgumentException(name),
    };

    /// <summary>|expected − actual| ≤ tolerance·max(1, |expected|); infinities must match exactly.</summary>
    internal static void AssertClose(double expected, double actual, double tolerance)
    {
        if (double.IsInfinity(expected) || double.IsNaN(expected))
        {
            Assert.Equal(expected, actual);
            return;
        }

        Assert.True(
            Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)),
            $"expected {expected:R}, got {actual:R} (tolerance {tolerance})");
    }

    internal static void AssertAllClose(double[] expected, double[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int k = 0; k < expected.Length; k++)
        {
            double e = expected[k], a = actual[k];
            bool ok = double.IsInfinity(e) || double.IsNaN(e) ? e.Equals(a) : Math.Abs(e - a) <= tolerance * Math.Max(1, Math.Abs(e));
            Assert.True(ok, $"entry {k}: expected {e:R}, got {a:R} (tolerance {tolerance})");
        }
    }
}
