using Likely.Data;
using Likely.Evaluation;
using Likely.Information;
using Likely.Training;

namespace Likely.Cli.Commands.Report;

/// <summary>A figure of the report: its title and its SVG markup (an <c>&lt;svg&gt;</c> element, drawn by Likely).</summary>
/// <param name="Title">The caption shown above the figure (escaped on the page).</param>
/// <param name="SvgMarkup">The figure as SVG; an XML declaration in front is dropped.</param>
internal sealed record ReportFigure(string Title, string SvgMarkup);

/// <summary>
/// Everything <c>likely report</c> shows: the model, the data it was evaluated on, the metrics, the class-prior
/// baseline, the hardest rows and the figures. Made by <see cref="Build"/>; rendered by <see cref="ReportPage"/>.
/// </summary>
/// <param name="ModelPath">The model file as the user named it.</param>
/// <param name="Model">The loaded model.</param>
/// <param name="DataName">The data spec as the user gave it.</param>
/// <param name="Data">The labelled rows evaluated.</param>
/// <param name="Metrics">The model's metrics on <paramref name="Data"/>.</param>
/// <param name="ClassPriorEntropy">H(π) = −Σ_c π_c ln π_c in nats, π the class frequencies of the labels: the
/// cross-entropy of always predicting π, the baseline of <see cref="ClassificationMetrics.CrossEntropyReduction"/>.</param>
/// <param name="Hardest">The rows with the highest −ln q(y|x), highest first.</param>
/// <param name="ImageSide">The side s of a square image when the rows are s×s pixel images (digits, Fashion-MNIST, IDX folders); null otherwise.</param>
/// <param name="Figures">The pictures to show (none: the section is left out).</param>
internal sealed record ModelReport(
    string ModelPath, ClassifierModel Model, string DataName, Dataset Data, ClassificationMetrics Metrics, double ClassPriorEntropy,
    IReadOnlyList<HardExample> Hardest, int? ImageSide, IReadOnlyList<ReportFigure> Figures)
{
    /// <summary>Evaluates <paramref name="model"/> on <paramref name="data"/> and finds its <paramref name="hardest"/> hardest rows.</summary>
    /// <exception cref="ArgumentException">The data have other features or classes than the model.</exception>
    public static ModelReport Build(string modelPath, ClassifierModel model, string dataName, Dataset data, int topK, int hardest, int threads,
        Func<ClassifierModel, Dataset, ClassificationMetrics, IReadOnlyList<ReportFigure>> figures)
    {
        ClassificationMetrics metrics = model.Evaluate(data, topK, threads);
        float[] logits = model.PredictLogits(data.Features, data.RowCount, threads);
        IReadOnlyList<HardExample> rows = HardestExamples.Find(logits, data.Labels, model.ClassCount, hardest);
        var counts = new long[model.ClassCount];
        foreach (int label in data.Labels) counts[label]++;
        double prior = CountEntropy.Compute(counts);
        return new ModelReport(modelPath, model, dataName, data, metrics, prior, rows, ImageSideOf(dataName, data), figures(model, data, metrics));
    }

    /// <summary>
    /// s when the rows are s×s images: data that are not a CSV file (the built-in digits and Fashion-MNIST, IDX
    /// folders) with D = s² features, s ≥ 4. A CSV file's columns are a table, whatever their count.
    /// </summary>
    internal static int? ImageSideOf(string dataName, Dataset data)
    {
        if (dataName.Trim().EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        int side = (int)Math.Round(Math.Sqrt(data.FeatureCount));
        return side >= 4 && side * side == data.FeatureCount ? side : null;
    }
}
