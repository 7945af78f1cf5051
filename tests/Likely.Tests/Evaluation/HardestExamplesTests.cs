using Likely.Evaluation;

namespace Likely.Tests.Evaluation;

public class HardestExamplesTests
{
    [Fact]
    public void Find_HandWorkedFourRows_OrdersByNegativeLogProbability()
    {
        // Two classes. Logits (0, 0) give q = (1/2, 1/2); logits (ln 3, 0) give q = (3/4, 1/4).
        // row 0: (0, 0),    y = 1: −ln q(y|x) = ln 2     = 0.693…, predicted 0 (tie → first), q(ŷ|x) = 1/2
        // row 1: (ln 3, 0), y = 1: −ln q(y|x) = ln 4     = 1.386…, predicted 0, q(ŷ|x) = 3/4
        // row 2: (ln 3, 0), y = 0: −ln q(y|x) = ln (4/3) = 0.287…, predicted 0
        // row 3: (0, 0),    y = 0: −ln q(y|x) = ln 2, equal to row 0, so it comes after row 0
        float ln3 = (float)Math.Log(3);
        float[] logits = [0, 0, ln3, 0, ln3, 0, 0, 0];
        int[] labels = [1, 1, 0, 0];

        IReadOnlyList<HardExample> hardest = HardestExamples.Find(logits, labels, classes: 2, count: 3);

        Assert.Equal([1, 0, 3], hardest.Select(h => h.Row));
        HardExample first = hardest[0];
        Assert.Equal(1, first.Label);
        Assert.Equal(0, first.Predicted);
        Assert.Equal(Math.Log(4), first.CrossEntropy, 1e-6);
        Assert.Equal(0.25, first.LabelProbability, 1e-6);
        Assert.Equal(0.75, first.PredictedProbability, 1e-6);
        Assert.Equal(Math.Log(2), hardest[1].CrossEntropy, 1e-12);
        Assert.Equal(0, hardest[1].Predicted);
        Assert.Equal(0.5, hardest[1].LabelProbability, 1e-12);
        Assert.Equal(0, hardest[2].Label);
    }

    [Fact]
    public void Find_CountAboveRows_ReturnsEveryRow()
    {
        IReadOnlyList<HardExample> hardest = HardestExamples.Find([1, 0, 0, 1], [0, 0], classes: 2, count: 10);

        // Row 1 gives its label e^0/(e^0 + e^1): −ln q = ln(1 + e) = 1.3133; row 0 gives ln(1 + e^(−1)) = 0.3133.
        Assert.Equal([1, 0], hardest.Select(h => h.Row));
        Assert.Equal(Math.Log(1 + Math.E), hardest[0].CrossEntropy, 1e-6);
        Assert.Equal(Math.Log(1 + 1 / Math.E), hardest[1].CrossEntropy, 1e-6);
    }

    [Fact]
    public void Find_LabelProbabilityUnderflows_CrossEntropyStaysFinite()
    {
        // q(y|x) = e^(−1000)/(1 + e^(−1000)) is 0 in double, but −ln q(y|x) = 1000 + ln(1 + e^(−1000)) = 1000.
        IReadOnlyList<HardExample> hardest = HardestExamples.Find([1000, 0], [1], classes: 2, count: 1);

        Assert.Equal(1000, hardest[0].CrossEntropy, 1e-9);
        Assert.Equal(0, hardest[0].LabelProbability);
        Assert.Equal(1, hardest[0].PredictedProbability, 1e-12);
    }

    [Fact]
    public void Find_LabelOutOfRange_ThrowsNamingTheRow()
    {
        var error = Assert.Throws<ArgumentException>(() => HardestExamples.Find([0, 0, 0, 0], [0, 2], classes: 2, count: 1));
        Assert.Equal("labels", error.ParamName);
        Assert.Contains("row 1", error.Message);
    }

    [Fact]
    public void Find_NaNLogitOrWrongShape_Throws()
    {
        Assert.Equal("logits", Assert.Throws<ArgumentException>(() => HardestExamples.Find([0, float.NaN], [0], 2, 1)).ParamName);
        Assert.Equal("logits", Assert.Throws<ArgumentException>(() => HardestExamples.Find([0, 0, 0], [0], 2, 1)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => HardestExamples.Find([0, 0], [0], 2, -1));
    }
}
