using System.Xml.Linq;
using Likely.Cli.Figures;
using Likely.Cli.Output;
using Likely.Evaluation;
using Likely.Information;
using Likely.Training;
using ScottPlot;
using ScottPlot.Plottables;

namespace Likely.Tests.Cli;

/// <summary>What <see cref="ClassifierFigures"/> draws, checked on hand-worked metrics and a hand-written training history.</summary>
public sealed class ClassifierFiguresTests
{
    /// <summary>
    /// Five rows, three classes, logits ln p (softmax gives p back). Predicted (argmax): 0, 0, 0, 1, 2; labels 0, 1, 0, 2, 2.
    /// Confusion matrix (row = actual): [2 0 0; 1 0 0; 0 1 1]. Top-class probabilities 0.50, 0.45, 0.90, 0.85, 0.70: with
    /// 15 bins of width 1/15, bins 6 [0.4, 0.467) holds 0.45, 7 [0.467, 0.533) holds 0.50, 10 [0.667, 0.733) holds 0.70,
    /// 12 [0.8, 0.867) holds 0.85 and 13 [0.867, 0.933) holds 0.90 — one row each.
    /// </summary>
    private static ClassificationMetrics FiveRows()
    {
        double[][] p = [[0.50, 0.30, 0.20], [0.45, 0.35, 0.20], [0.90, 0.05, 0.05], [0.10, 0.85, 0.05], [0.10, 0.20, 0.70]];
        float[] logits = p.SelectMany(row => row).Select(x => (float)Math.Log(x)).ToArray();
        return ClassificationMetrics.Compute(logits, [0, 1, 0, 2, 2], 3);
    }

    private static readonly string[] Names = ["cat", "dog", "owl"];

    private static void AssertClose(IEnumerable<double> expected, IEnumerable<double> actual, double tolerance)
    {
        double[] e = [.. expected], a = [.. actual];
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++) Assert.Equal(e[i], a[i], tolerance);
    }

    private static TrainingProvenance History(int patience, params (double TrainCe, double TrainAcc, double ValCe, double ValAcc)[] epochs) => new(
        new ClassifierOptions { ValidationFraction = 0.2, Patience = patience }, "test", "made-up", 100, "0", 80, 20, epochs.Length, 2, StopReason.Completed,
        [.. epochs.Select((e, i) => new EpochReport(i + 1, new EpochMetrics(e.TrainCe, e.TrainAcc, 1), new EpochMetrics(e.ValCe, e.ValAcc, 1), 0.01, 1, 80))]);

    [Fact]
    public void ConfusionMatrix_FiveRows_CellsHoldCountAndRowFraction()
    {
        Plot plot = ClassifierFigures.ConfusionMatrix(FiveRows(), Names);
        plot.RenderInMemory(640, 400); // lays out the axes, which fills in their ticks

        // Cell text at (x = predicted, y = C − 1 − actual): the first class on top.
        Dictionary<(double, double), string> cells = plot.GetPlottables().OfType<Text>().ToDictionary(t => (t.Location.X, t.Location.Y), t => t.LabelText);
        Assert.Equal(9, cells.Count);
        Assert.Equal("2\n1.00", cells[(0, 2)]); // actual cat, predicted cat: 2 of 2
        Assert.Equal("1\n1.00", cells[(0, 1)]); // actual dog, predicted cat: 1 of 1
        Assert.Equal("0\n0.00", cells[(1, 1)]);
        Assert.Equal("1\n0.50", cells[(1, 0)]); // actual owl, predicted dog: 1 of 2
        Assert.Equal("1\n0.50", cells[(2, 0)]);
        Assert.Equal(["cat", "dog", "owl"], plot.Axes.Bottom.TickGenerator.Ticks.Where(t => t.IsMajor).OrderBy(t => t.Position).Select(t => t.Label));
    }

    [Fact]
    public void ConfusionMatrix_WrongNameCount_ThrowsArgumentException()
    {
        var thrown = Assert.Throws<ArgumentException>(() => ClassifierFigures.ConfusionMatrix(FiveRows(), ["cat", "dog"]));
        Assert.Equal("classNames", thrown.ParamName);
    }

    [Fact]
    public void ReliabilityDiagram_FiveRows_OneBarPerNonEmptyBinAndEceInTheTitle()
    {
        ClassificationMetrics metrics = FiveRows();

        Plot plot = ClassifierFigures.ReliabilityDiagram(metrics);

        BarPlot accuracy = plot.GetPlottables().OfType<BarPlot>().First();
        // Bins 6, 7, 10, 12, 13 of 15 (see FiveRows): centres (b + ½)/15; accuracies 0, 1, 1, 0, 1.
        AssertClose([6.5 / 15, 7.5 / 15, 10.5 / 15, 12.5 / 15, 13.5 / 15], accuracy.Bars.Select(b => b.Position), 1e-12);
        Assert.Equal([0.0, 1, 1, 0, 1], accuracy.Bars.Select(b => b.Value));
        Assert.Equal(["1", "1", "1", "1", "1"], plot.GetPlottables().OfType<Text>().Select(t => t.LabelText)); // one row per bin
        // ECE = (1/5)(|0 − 0.45| + |1 − 0.5| + |1 − 0.7| + |0 − 0.85| + |1 − 0.9|) = (0.45 + 0.5 + 0.3 + 0.85 + 0.1)/5 = 0.44.
        Assert.StartsWith("Reliability diagram: ECE = 0.44 over 15 bins, 5 rows", plot.Axes.Title.Label.Text);
    }

    [Fact]
    public void PerClassCrossEntropy_Bits_BarsAreTheClassMeansOverLn2()
    {
        Plot plot = ClassifierFigures.PerClassCrossEntropy(FiveRows(), Names, LogBase.Bits);

        // cat: rows 0 and 2, −(ln 0.5 + ln 0.9)/2; dog: row 1, −ln 0.35; owl: rows 3 and 4, −(ln 0.05 + ln 0.7)/2; the first class on top.
        double[] nats = [-(Math.Log(0.5) + Math.Log(0.9)) / 2, -Math.Log(0.35), -(Math.Log(0.05) + Math.Log(0.7)) / 2];
        BarPlot bars = plot.GetPlottables().OfType<BarPlot>().Single();
        Assert.Equal([2.0, 1, 0], bars.Bars.Select(b => b.Position));
        AssertClose(nats.Select(h => h / Math.Log(2)), bars.Bars.Select(b => b.Value), 1e-6);
        Assert.Equal((2 * nats[0] + nats[1] + 2 * nats[2]) / 5 / Math.Log(2), plot.GetPlottables().OfType<VerticalLine>().Single().X, 1e-6); // all rows
        Assert.Equal("mean −log q(y|x) over the rows of the class (bits)", plot.Axes.Bottom.Label.Text);
    }

    [Fact]
    public void LearningCurves_Bits_CrossEntropyLeftAccuracyRightBestEpochMarked()
    {
        TrainingProvenance history = History(patience: 1, (1.0, 0.5, 0.9, 0.6), (0.6, 0.7, 0.7, 0.65), (0.5, 0.8, 0.8, 0.64));

        Plot plot = ClassifierFigures.LearningCurves(history, LogBase.Bits);

        Scatter[] curves = [.. plot.GetPlottables().OfType<Scatter>()];
        Assert.Equal(4, curves.Length);
        double[][] left = [.. curves.Where(c => c.Axes.YAxis != plot.Axes.Right).Select(c => c.Data.GetScatterPoints().Select(p => p.Y).ToArray())];
        double[][] right = [.. curves.Where(c => c.Axes.YAxis == plot.Axes.Right).Select(c => c.Data.GetScatterPoints().Select(p => p.Y).ToArray())];
        Assert.Equal(2, left.Length);
        Assert.Contains(left, ys => ys.Zip([1.0, 0.6, 0.5], (y, nats) => Math.Abs(y - nats / Math.Log(2)) < 1e-12).All(ok => ok));
        Assert.Contains(left, ys => ys.Zip([0.9, 0.7, 0.8], (y, nats) => Math.Abs(y - nats / Math.Log(2)) < 1e-12).All(ok => ok));
        Assert.Contains([0.5, 0.7, 0.8], right);
        Assert.Contains([0.6, 0.65, 0.64], right);
        Assert.Equal(2, plot.GetPlottables().OfType<VerticalLine>().Single().X); // the best epoch
        Assert.Equal("cross-entropy (bits)", plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void LearningCurves_NoEarlyStopping_NoBestEpochLine()
    {
        Plot plot = ClassifierFigures.LearningCurves(History(patience: 0, (1.0, 0.5, 0.9, 0.6), (0.6, 0.7, 0.7, 0.65)), LogBase.Nats);

        Assert.Empty(plot.GetPlottables().OfType<VerticalLine>());
    }

    [Fact]
    public void LearningCurves_EmptyHistory_ThrowsArgumentException()
    {
        var thrown = Assert.Throws<ArgumentException>(() => ClassifierFigures.LearningCurves(History(patience: 0), LogBase.Nats));
        Assert.Equal("provenance", thrown.ParamName);
    }

    [Theory]
    [InlineData(640, 400, 1.0)] // the reference size: ScottPlot's own font sizes
    [InlineData(1600, 1000, 2.5)] // 2.5× wider and higher: everything 2.5× larger
    [InlineData(1600, 400, 1.0)] // the smaller ratio decides, so text never outgrows the height
    [InlineData(200, 150, 0.75)] // a thumbnail keeps three quarters of the size, not 0.3125
    public void Scale_IsTheSmallerRatioToTheReferenceSize(int width, int height, double expected) =>
        Assert.Equal(expected, FigureFormats.Scale(width, height), 1e-12);

    [Fact]
    public void SvgMarkup_HasNoDeclarationAndTheRequestedSize()
    {
        Plot plot = ClassifierFigures.ReliabilityDiagram(FiveRows());

        string svg = FigureFormats.SvgMarkup(plot, 1600, 1000);

        Assert.StartsWith("<svg", svg);
        XElement root = XElement.Parse(svg);
        Assert.Equal(("1600", "1000"), (root.Attribute("width")!.Value, root.Attribute("height")!.Value));
        Assert.Equal(2.5, plot.ScaleFactor, 1e-12);
    }
}
