using Likely.Cli.Output;
using Likely.Evaluation;
using Likely.Information;
using Likely.Training;
using ScottPlot;

namespace Likely.Cli.Figures;

/// <summary>
/// The figures of a classifier, as ScottPlot plots to render at any size with <see cref="FigureFormats.Render"/> or
/// <see cref="FigureFormats.SvgMarkup"/> (which scale fonts and lines with the size): learning curves from the training
/// history, the confusion matrix, the reliability diagram and the per-class cross-entropy. Every legend sits outside the
/// axes, so it covers no data.
/// </summary>
public static class ClassifierFigures
{
    private static readonly ScottPlot.Palettes.Category10 Palette = new();
    private static Color CrossEntropyColor => Palette.GetColor(0);
    private static Color AccuracyColor => Palette.GetColor(1);

    /// <summary>
    /// Learning curves: the training and validation cross-entropy −(1/N)·Σ log q(y|x) (left axis, in the unit of
    /// <paramref name="logBase"/>) and accuracy (right axis, a fraction) after every epoch; with early stopping on, a
    /// vertical line marks the best epoch, whose weights the model keeps.
    /// </summary>
    /// <remarks>The training metrics are accumulated over each epoch's minibatches as the weights moved (with dropout
    /// when it is on); the validation metrics are measured at the epoch's end.</remarks>
    /// <exception cref="ArgumentException">The history is empty: a full-batch L-BFGS model has no epochs.</exception>
    public static Plot LearningCurves(TrainingProvenance provenance, LogBase logBase)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        IReadOnlyList<EpochReport> history = provenance.History;
        if (history.Count == 0)
        {
            throw new ArgumentException(
                $"The model has no per-epoch history to draw ({provenance.EpochsRun} epochs run; full-batch L-BFGS has none); learning curves need a model trained with --solver minibatch.",
                nameof(provenance));
        }

        var plot = new Plot();
        double[] epochs = [.. history.Select(h => (double)h.Epoch)];
        bool validated = history.All(h => h.Validation is not null);
        AddCurve(plot, epochs, [.. history.Select(h => logBase.FromNats(h.Training.CrossEntropy))], CrossEntropyColor, validation: false, right: false);
        AddCurve(plot, epochs, [.. history.Select(h => h.Training.Accuracy)], AccuracyColor, validation: false, right: true);
        if (validated)
        {
            AddCurve(plot, epochs, [.. history.Select(h => logBase.FromNats(h.Validation!.CrossEntropy))], CrossEntropyColor, validation: true, right: false);
            AddCurve(plot, epochs, [.. history.Select(h => h.Validation!.Accuracy)], AccuracyColor, validation: true, right: true);
        }

        // The colour says the metric (and matches its axis), the line says the rows: a short legend for four curves.
        plot.Legend.ManualItems.Add(StyleItem("training rows", validation: false, 0));
        if (validated)
        {
            plot.Legend.ManualItems.Add(StyleItem("validation rows", validation: true, 1));
        }

        if (provenance.Options.Patience > 0 && provenance.BestEpoch > 0)
        {
            var best = plot.Add.VerticalLine(provenance.BestEpoch, 1.5f, Colors.Gray, LinePattern.Dotted);
            best.LegendText = $"best epoch, {provenance.BestEpoch}: its weights are kept";
        }

        plot.Title($"Learning curves: {provenance.DataName}, {history.Count} epoch{(history.Count == 1 ? "" : "s")}");
        plot.XLabel("epoch");
        plot.YLabel($"cross-entropy ({logBase.Unit})");
        plot.Axes.Left.Label.ForeColor = CrossEntropyColor;
        plot.Axes.Left.TickLabelStyle.ForeColor = CrossEntropyColor;
        plot.Axes.Right.Label.Text = "accuracy";
        plot.Axes.Right.Label.ForeColor = AccuracyColor;
        plot.Axes.Right.TickLabelStyle.ForeColor = AccuracyColor;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        double first = epochs[0], last = epochs[^1];
        double pad = Math.Max(0.5, 0.03 * (last - first));
        plot.Axes.SetLimitsX(first - pad, last + pad);
        LegendBelow(plot);
        return plot;
    }

    /// <summary>
    /// The confusion matrix as a heat map: row = the actual class (the label), column = the predicted class; each cell
    /// shows its count and its row-normalized rate (the fraction of the actual class predicted so; the diagonal is the
    /// per-class recall), and its colour is that rate.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> does not have one name per class.</exception>
    public static Plot ConfusionMatrix(ClassificationMetrics metrics, IReadOnlyList<string> classNames)
    {
        CheckNames(metrics, classNames);
        int classes = metrics.ClassCount;
        var plot = new Plot();
        var colormap = new ScottPlot.Colormaps.Reversed(new ScottPlot.Colormaps.Blues()); // white at 0, dark blue at 1
        float fontSize = (float)Math.Clamp(100.0 / classes, 6, 14);
        for (int actual = 0; actual < classes; actual++)
        {
            long rowTotal = 0;
            for (int predicted = 0; predicted < classes; predicted++) rowTotal += metrics.Count(actual, predicted);
            double y = classes - 1 - actual; // the first class on top
            for (int predicted = 0; predicted < classes; predicted++)
            {
                int count = metrics.Count(actual, predicted);
                double rate = rowTotal == 0 ? 0 : count / (double)rowTotal;
                var cell = plot.Add.Rectangle(predicted - 0.5, predicted + 0.5, y - 0.5, y + 0.5);
                cell.FillColor = colormap.GetColor(rate);
                cell.LineColor = Colors.White;
                cell.LineWidth = 1;
                string text = rowTotal == 0 ? "0" : $"{NumberText.Count(count)}\n{NumberText.Fixed(rate, 2)}";
                var label = plot.Add.Text(text, predicted, y);
                label.Alignment = Alignment.MiddleCenter;
                label.LabelFontSize = fontSize;
                label.LabelFontColor = rate > 0.5 ? Colors.White : Colors.Black;
            }
        }

        double[] positions = [.. Enumerable.Range(0, classes).Select(i => (double)i)];
        plot.Axes.Bottom.SetTicks(positions, [.. classNames]);
        plot.Axes.Left.SetTicks([.. positions.Select(p => classes - 1 - p)], [.. classNames]);
        RotateBottomLabels(plot, classNames);
        plot.Axes.SetLimits(-0.5, classes - 0.5, -0.5, classes - 0.5);
        plot.HideGrid();
        plot.Title($"Confusion matrix: accuracy {NumberText.Format(metrics.Accuracy, 4)} on {NumberText.Count(metrics.RowCount)} rows");
        plot.XLabel("predicted class · cell: count, fraction of the row");
        plot.YLabel("actual class");
        return plot;
    }

    /// <summary>
    /// The reliability diagram: for each equal-width bin of confidence (the top class's probability), the accuracy of
    /// its rows as a bar over the bin, the gap to the rows' mean confidence above or below it, the bin's row count over
    /// the bar, and the diagonal accuracy = confidence of a calibrated model; the expected calibration error
    /// Σ_b (n_b/N)·|accuracy_b − confidence_b| is in the title. Empty bins are left blank.
    /// </summary>
    public static Plot ReliabilityDiagram(ClassificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var plot = new Plot();
        IReadOnlyList<CalibrationBin> bins = metrics.CalibrationBins;
        var accuracyBars = new List<Bar>();
        var gapBars = new List<Bar>();
        Color gapColor = Colors.Red;
        foreach (CalibrationBin bin in bins.Where(b => b.Count > 0))
        {
            double center = 0.5 * (bin.Lower + bin.Upper), width = bin.Upper - bin.Lower;
            accuracyBars.Add(new Bar { Position = center, Value = bin.Accuracy, Size = width, FillColor = CrossEntropyColor, LineColor = Colors.White });
            // Guo et al.'s "gap": red stripes between the accuracy and the mean confidence, over the bar or above it.
            gapBars.Add(new Bar
            {
                Position = center, ValueBase = bin.Accuracy, Value = bin.MeanConfidence, Size = width, FillColor = gapColor.WithAlpha(0.25),
                FillHatch = new ScottPlot.Hatches.Striped(), FillHatchColor = gapColor.WithAlpha(0.6), LineColor = gapColor, LineWidth = 1,
            });
            var count = plot.Add.Text(NumberText.Count(bin.Count), center, Math.Max(bin.Accuracy, bin.MeanConfidence));
            count.Alignment = Alignment.LowerCenter;
            count.OffsetY = -2;
            count.LabelFontSize = bins.Count > 20 ? 7 : 9;
        }

        var accuracy = plot.Add.Bars(accuracyBars);
        accuracy.LegendText = "accuracy of the bin's rows (number above: rows)";
        var gap = plot.Add.Bars(gapBars);
        gap.LegendText = "gap to their mean confidence";
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LineColor = Colors.Black;
        diagonal.LegendText = "calibrated: accuracy = confidence";
        plot.Title($"Reliability diagram: ECE = {NumberText.Format(metrics.ExpectedCalibrationError, 4)} over {bins.Count} bins, {NumberText.Count(metrics.RowCount)} rows");
        plot.XLabel("confidence (probability of the top class)");
        plot.YLabel("accuracy");
        plot.Axes.SetLimits(0, 1, 0, 1.1);
        LegendBelow(plot);
        return plot;
    }

    /// <summary>
    /// The cross-entropy of each class, −mean log q(y|x) over the rows labelled with it, as horizontal bars (in the unit
    /// of <paramref name="logBase"/>), with the overall cross-entropy as a vertical line. A class with no row has no bar.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="classNames"/> does not have one name per class.</exception>
    public static Plot PerClassCrossEntropy(ClassificationMetrics metrics, IReadOnlyList<string> classNames, LogBase logBase)
    {
        CheckNames(metrics, classNames);
        int classes = metrics.ClassCount;
        var plot = new Plot();
        var bars = new List<Bar>();
        double largest = 0;
        for (int c = 0; c < classes; c++)
        {
            double value = logBase.FromNats(metrics.PerClassCrossEntropy[c]);
            double position = classes - 1 - c; // the first class on top
            if (double.IsNaN(value))
            {
                var none = plot.Add.Text("no rows", 0, position);
                none.Alignment = Alignment.MiddleLeft;
                none.LabelFontSize = 10;
                continue;
            }

            largest = Math.Max(largest, value);
            bars.Add(new Bar
            {
                Position = position, Value = value, Size = 0.7, FillColor = CrossEntropyColor, LineColor = CrossEntropyColor,
                Label = NumberText.Format(value, 3), Orientation = Orientation.Horizontal,
            });
        }

        var barPlot = plot.Add.Bars(bars);
        barPlot.Horizontal = true;
        barPlot.ValueLabelStyle.FontSize = 10;
        double overall = logBase.FromNats(metrics.CrossEntropy);
        var line = plot.Add.VerticalLine(overall, 1.5f, Colors.Black, LinePattern.Dashed);
        line.LegendText = $"all rows: {NumberText.Format(overall, 4)} {logBase.Unit}";
        plot.Axes.Left.SetTicks([.. Enumerable.Range(0, classes).Select(c => (double)(classes - 1 - c))], [.. classNames]);
        plot.Axes.SetLimits(0, Math.Max(largest, overall) * 1.18 + 1e-9, -0.6, classes - 0.4);
        plot.Axes.Left.MajorTickStyle.Length = 0;
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { TickDensity = 0.6 }; // labels like 0.32 need room
        plot.Title("Cross-entropy per class");
        plot.XLabel($"mean −log q(y|x) over the rows of the class ({logBase.Unit})");
        plot.YLabel("actual class");
        LegendBelow(plot);
        return plot;
    }

    /// <summary>The legend in a panel below the axes, where it covers no data; items packed, symbols long enough to show a dash.</summary>
    private static void LegendBelow(Plot plot)
    {
        plot.ShowLegend(Edge.Bottom);
        plot.Legend.TightHorizontalWrapping = true;
        plot.Legend.SymbolWidth = 30;
    }

    private static LegendItem StyleItem(string text, bool validation, int index) => new()
    {
        LabelText = text,
        Index = index,
        LineColor = Colors.Black,
        LineWidth = 2,
        LinePattern = validation ? LinePattern.Dashed : LinePattern.Solid,
        MarkerShape = validation ? MarkerShape.OpenCircle : MarkerShape.FilledCircle,
        MarkerSize = 6,
        MarkerColor = Colors.Black,
    };

    private static void AddCurve(Plot plot, double[] epochs, double[] values, Color color, bool validation, bool right)
    {
        var curve = plot.Add.Scatter(epochs, values);
        curve.Color = color;
        curve.LineWidth = 2;
        curve.MarkerSize = epochs.Length > 40 ? 0 : 6;
        curve.MarkerShape = validation ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
        curve.LinePattern = validation ? LinePattern.Dashed : LinePattern.Solid;
        if (right)
        {
            curve.Axes.YAxis = plot.Axes.Right;
        }
    }

    /// <summary>Class names along the bottom axis, turned 45° when the longest would not fit under its column.</summary>
    private static void RotateBottomLabels(Plot plot, IReadOnlyList<string> classNames)
    {
        int longest = classNames.Max(name => name.Length);
        if (longest * classNames.Count <= 60) return;
        plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        using Paint paint = Paint.NewDisposablePaint();
        float widest = classNames.Max(name => plot.Axes.Bottom.TickLabelStyle.Measure(name, paint).Size.Width);
        // The turned labels reach down by about sin 45°·width; the axis label sits below them.
        plot.Axes.Bottom.MinimumSize = widest * 0.72f + 36;
    }

    private static void CheckNames(ClassificationMetrics metrics, IReadOnlyList<string> classNames)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(classNames);
        if (classNames.Count != metrics.ClassCount)
        {
            throw new ArgumentException($"{classNames.Count} class names were given for {metrics.ClassCount} classes; give one name per class, in class order.", nameof(classNames));
        }
    }
}
