using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Evaluation;
using Likely.Training;

namespace Likely.Cli.Commands.Report;

/// <summary>The figures, the hardest rows, the model and its provenance.</summary>
internal static partial class ReportPage
{
    /// <summary>Each figure's SVG inline, under its title; nothing when there is none.</summary>
    private static void Figures(StringBuilder html, IReadOnlyList<ReportFigure> figures)
    {
        if (figures.Count == 0)
        {
            return;
        }

        html.Append("<section id=\"figures\">\n<h2>Pictures</h2>\n");
        foreach (ReportFigure figure in figures)
        {
            // Each picture carries its own title; the figure is named by it for screen readers rather than captioned twice.
            html.Append("<figure role=\"group\" aria-label=\"").Append(H(figure.Title)).Append("\">\n")
                .Append(Scalable(FigureFormats.StripDeclaration(figure.SvgMarkup).Trim())).Append("\n</figure>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>
    /// The SVG with a <c>viewBox</c> of its own width and height, when it has none, so that it scales down to a narrow
    /// window or a printed page instead of being cut off.
    /// </summary>
    internal static string Scalable(string svg)
    {
        Match root = SvgRoot().Match(svg);
        if (!root.Success || root.Value.Contains("viewBox", StringComparison.Ordinal))
        {
            return svg;
        }

        Match width = SvgWidth().Match(root.Value), height = SvgHeight().Match(root.Value);
        return width.Success && height.Success
            ? svg.Insert(root.Index + "<svg".Length, $" viewBox=\"0 0 {width.Groups[1].Value} {height.Groups[1].Value}\"")
            : svg;
    }

    [GeneratedRegex(@"<svg\b[^>]*>")]
    private static partial Regex SvgRoot();

    [GeneratedRegex(@"\swidth=""([0-9.]+)""")]
    private static partial Regex SvgWidth();

    [GeneratedRegex(@"\sheight=""([0-9.]+)""")]
    private static partial Regex SvgHeight();

    /// <summary>The rows with the highest −ln q(y|x), with their labels and, for image data, the image.</summary>
    private static void Hardest(StringBuilder html, ModelReport report)
    {
        if (report.Hardest.Count == 0)
        {
            return;
        }

        IReadOnlyList<string> names = report.Model.ClassNames;
        bool images = report.ImageSide is not null;
        html.Append("<section id=\"hardest\">\n<h2>Hardest examples</h2>\n")
            .Append("<p>The rows whose true label the model found least likely: the highest −ln q(y|x), the rows that add most to the cross-entropy. ")
            .Append("Rows are numbered from 0 in the order of the data.</p>\n<table>\n<thead><tr><th class=\"num\">row</th>")
            .Append(images ? "<th>image</th>" : "")
            .Append("<th>true label y</th><th>predicted ŷ</th><th class=\"num\">q(y|x)</th><th class=\"num\">q(ŷ|x)</th><th class=\"num\">−ln q(y|x) (nats)</th></tr></thead>\n<tbody>\n");
        foreach (HardExample row in report.Hardest)
        {
            bool right = row.Predicted == row.Label;
            html.Append("<tr><td class=\"num\">").Append(NumberText.Count(row.Row)).Append("</td>");
            if (report.ImageSide is { } side)
            {
                byte[] png = GrayscalePng.Encode(report.Data.Row(row.Row), side);
                html.Append("<td><img class=\"example\" alt=\"row ").Append(row.Row).Append(", labelled ").Append(H(names[row.Label]))
                    .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png)).Append("\"></td>");
            }

            html.Append("<td>").Append(H(names[row.Label])).Append("</td><td class=\"").Append(right ? "right" : "wrong").Append("\">")
                .Append(H(names[row.Predicted])).Append("</td><td class=\"num\">").Append(H(Probability(row.LabelProbability)))
                .Append("</td><td class=\"num\">").Append(H(Probability(row.PredictedProbability))).Append("</td><td class=\"num\">")
                .Append(Metric(row.CrossEntropy)).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>A probability to 4 decimals, or to 3 significant digits below 0.0001 (so a tiny q(y|x) does not read 0).</summary>
    private static string Probability(double p) => p >= 1e-4 || p == 0 ? NumberText.Fixed(p, 4) : NumberText.Format(p, 3);

    /// <summary>The network, its inputs and outputs, and the calibration of its logits (with a table of w and b for vector scaling).</summary>
    private static void ModelSection(StringBuilder html, ClassifierModel model)
    {
        html.Append("<section id=\"model\">\n<h2>The model</h2>\n<dl class=\"facts\">\n");
        Fact(html, "network", model.Network.ToString());
        Fact(html, "parameters", NumberText.Count(model.Network.ParameterCount));
        Fact(html, "hidden activation", model.Network.IsSoftmaxRegression ? "none (softmax regression)" : Vocabulary.Activation.NameOf(model.Network.Activation));
        Fact(html, "classes", $"{model.ClassCount}: {string.Join(", ", model.ClassNames)}");
        Fact(html, "features", model.FeatureCount <= 12
            ? $"{model.FeatureCount}: {string.Join(", ", model.FeatureNames)}"
            : $"{model.FeatureCount}: {string.Join(", ", model.FeatureNames.Take(6))}, …, {model.FeatureNames[^1]}");
        Fact(html, "standardizer", model.Standardizer is null ? "none (the network takes the raw features)" : "z = (x − μ)/s per feature, fitted on the training rows");
        LogitCalibration calibration = model.Calibration;
        if (calibration.Method == CalibrationMethod.Vector)
        {
            Fact(html, "calibration", "vector scaling (a scale and bias per class; likely calibrate --method vector): q(c|x) = softmax(w ⊙ z + b)_c");
            html.Append("</dl>\n");
            VectorTable(html, model);
        }
        else
        {
            Fact(html, "temperature", model.Temperature == 1
                ? "T = 1 (not calibrated): q(c|x) = softmax(z)_c"
                : $"T = {NumberText.Format(model.Temperature, 6)} (likely calibrate): q(c|x) = softmax(z/T)_c");
            html.Append("</dl>\n");
        }

        html.Append("</section>\n");
    }

    /// <summary>The scale w_c and bias b_c of each class (z′_c = w_c·z_c + b_c), to 4 significant digits.</summary>
    private static void VectorTable(StringBuilder html, ClassifierModel model)
    {
        html.Append("<table class=\"calibration\">\n")
            .Append("<thead><tr><th>class</th><th class=\"num\">scale w</th><th class=\"num\">bias b</th></tr></thead>\n<tbody>\n");
        for (int c = 0; c < model.ClassCount; c++)
        {
            html.Append("<tr><td>").Append(H(model.ClassNames[c])).Append("</td><td class=\"num\">").Append(H(NumberText.Format(model.Calibration.ScaleOf(c), 4)))
                .Append("</td><td class=\"num\">").Append(H(NumberText.Format(model.Calibration.BiasOf(c), 4))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table>\n");
    }

    /// <summary>How the model was trained, or a sentence saying the file does not say.</summary>
    private static void Provenance(StringBuilder html, TrainingProvenance? p)
    {
        html.Append("<section id=\"provenance\">\n<h2>Provenance</h2>\n");
        if (p is null)
        {
            html.Append("<p>This model file holds no provenance (it was written before Likely kept one, or by another program): ")
                .Append("the training data, options and history are unknown.</p>\n</section>\n");
            return;
        }

        html.Append("<dl class=\"facts\">\n");
        Fact(html, "trained by", $"Likely {p.LikelyVersion}");
        Fact(html, "training data", $"{p.DataName}: {NumberText.Count(p.DataRows)} rows ({NumberText.Count(p.TrainingRows)} trained on, {NumberText.Count(p.ValidationRows)} held out for validation)");
        Fact(html, "data fingerprint (SHA-256)", p.DataFingerprint);
        if (p.LbfgsIterations is { } iterations)
        {
            Fact(html, "L-BFGS", $"{NumberText.Count(iterations)} iterations, objective {NumberText.Format(p.LbfgsObjective ?? double.NaN)}");
        }
        else
        {
            Fact(html, "epochs", $"{p.EpochsRun} run; the weights are epoch {p.BestEpoch}'s");
        }

        Fact(html, "stop reason", Vocabulary.StopReason.NameOf(p.StopReason));
        if (p.FinalTraining is { } training) Fact(html, "training rows", Summary(training));
        if (p.FinalValidation is { } validation) Fact(html, "validation rows", Summary(validation));
        html.Append("</dl>\n<h3>Options of <code>likely train</code></h3>\n<dl class=\"facts options\">\n");
        foreach ((string flag, string value) in Options(p.Options))
        {
            html.Append("<dt><code>").Append(H(flag)).Append("</code></dt><dd>").Append(H(value)).Append("</dd>\n");
        }

        html.Append("</dl>\n");
        History(html, p.History);
        html.Append("</section>\n");
    }

    private static string Summary(EpochMetrics m) =>
        $"cross-entropy {Metric(m.CrossEntropy)} nats ({Metric(m.CrossEntropyBits)} bits), accuracy {Metric(m.Accuracy)}";

    /// <summary>The options that applied to the run, by their <c>likely train</c> flags (the solver's own only).</summary>
    internal static IEnumerable<(string Flag, string Value)> Options(ClassifierOptions o)
    {
        string F(string property) => OptionNames.Flag(property);
        static string N(double v) => NumberText.Format(v, 6);
        bool lbfgs = o.Solver == SolverKind.Lbfgs;
        yield return (F(nameof(o.Solver)), Vocabulary.Solver.NameOf(o.Solver));
        yield return (F(nameof(o.HiddenWidths)), o.HiddenWidths.Count == 0 ? "none (softmax regression)" : string.Join(",", o.HiddenWidths));
        if (o.HiddenWidths.Count > 0) yield return (F(nameof(o.Activation)), Vocabulary.Activation.NameOf(o.Activation));
        yield return (F(nameof(o.Standardize)), o.Standardize ? "true" : "false");
        if (lbfgs)
        {
            yield return (F(nameof(o.InverseRegularization)), N(o.InverseRegularization));
            yield return (F(nameof(o.MaxIterations)), o.MaxIterations.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            yield return (F(nameof(o.Initialization)), Vocabulary.Initialization.NameOf(o.Initialization));
            yield return (F(nameof(o.Epochs)), o.Epochs.ToString(CultureInfo.InvariantCulture));
            yield return (F(nameof(o.BatchSize)), o.BatchSize.ToString(CultureInfo.InvariantCulture));
            yield return (F(nameof(o.Optimizer)), Vocabulary.Optimizer.NameOf(o.Optimizer));
            yield return (F(nameof(o.LearningRate)), N(o.LearningRate));
            if (o.Optimizer == OptimizerKind.Sgd)
            {
                yield return (F(nameof(o.Momentum)), N(o.Momentum));
                yield return (F(nameof(o.Nesterov)), o.Nesterov ? "true" : "false");
            }
            else
            {
                yield return (F(nameof(o.Beta1)), N(o.Beta1));
                yield return (F(nameof(o.Beta2)), N(o.Beta2));
                yield return (F(nameof(o.Epsilon)), N(o.Epsilon));
            }

            yield return (F(nameof(o.WeightDecay)), N(o.WeightDecay));
            yield return (F(nameof(o.Schedule)), Vocabulary.Schedule.NameOf(o.Schedule));
            yield return (F(nameof(o.WarmupEpochs)), o.WarmupEpochs.ToString(CultureInfo.InvariantCulture));
            if (o.Schedule == ScheduleKind.Step)
            {
                yield return (F(nameof(o.StepEpochs)), o.StepEpochs.ToString(CultureInfo.InvariantCulture));
                yield return (F(nameof(o.StepFactor)), N(o.StepFactor));
            }

            yield return (F(nameof(o.ClipNorm)), N(o.ClipNorm));
            yield return (F(nameof(o.Dropout)), N(o.Dropout));
            yield return (F(nameof(o.LabelSmoothing)), N(o.LabelSmoothing));
            yield return (F(nameof(o.Patience)), o.Patience.ToString(CultureInfo.InvariantCulture));
        }

        yield return (F(nameof(o.ValidationFraction)), N(o.ValidationFraction));
        yield return (F(nameof(o.ClassWeights)), o.ClassWeights is null ? "none" : string.Join(",", o.ClassWeights.Select(w => N(w))));
        yield return (F(nameof(o.Seed)), o.Seed.ToString(CultureInfo.InvariantCulture));
        yield return (F(nameof(o.Threads)), o.Threads.ToString(CultureInfo.InvariantCulture));
        yield return (F(nameof(o.TopK)), o.TopK.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The per-epoch history as a table (the learning-curve figure draws the same numbers).</summary>
    private static void History(StringBuilder html, IReadOnlyList<EpochReport> history)
    {
        if (history.Count == 0)
        {
            return;
        }

        bool validation = history.Any(r => r.Validation is not null);
        html.Append("<h3>Training history</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th class=\"num\">epoch</th>")
            .Append("<th class=\"num\">training cross-entropy (nats)</th><th class=\"num\">training accuracy</th>")
            .Append(validation ? "<th class=\"num\">validation cross-entropy (nats)</th><th class=\"num\">validation accuracy</th>" : "")
            .Append("<th class=\"num\">learning rate</th></tr></thead>\n<tbody>\n");
        foreach (EpochReport r in history)
        {
            html.Append("<tr><td class=\"num\">").Append(r.Epoch).Append("</td><td class=\"num\">").Append(Metric(r.Training.CrossEntropy))
                .Append("</td><td class=\"num\">").Append(Metric(r.Training.Accuracy)).Append("</td>");
            if (validation)
            {
                html.Append("<td class=\"num\">").Append(r.Validation is { } v ? Metric(v.CrossEntropy) : "-").Append("</td><td class=\"num\">")
                    .Append(r.Validation is { } w ? Metric(w.Accuracy) : "-").Append("</td>");
            }

            html.Append("<td class=\"num\">").Append(H(NumberText.Format(r.LearningRate, 4))).Append("</td></tr>\n");
        }

        html.Append("</tbody>\n</table></div>\n");
    }

    private static void Fact(StringBuilder html, string name, string value) =>
        html.Append("<dt>").Append(H(name)).Append("</dt><dd>").Append(H(value)).Append("</dd>\n");
}
