using System.CommandLine;
using System.Text;
using Likely.Cli.Commands.Report;
using Likely.Cli.Commands.Training;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Cli.Figures;
using Likely.Evaluation;
using Likely.Information;
using Likely.Training;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely report</c>: one self-contained HTML page about a saved model on labelled data — its provenance, its
/// metrics in nats and bits, the classifier's ledger against the class prior, the pictures and the hardest rows.
/// </summary>
public static class ReportCommand
{
    private const int DefaultTopK = 5;
    private const int DefaultHardest = 12;

    /// <summary>Creates the <c>report</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("report",
            "Write one self-contained HTML page about a saved model on labelled data: the model and how it was trained, cross-entropy " +
            "(nats and bits), perplexity, accuracy, top-k and macro accuracy, the ledger against the class prior (what guessing the class " +
            "frequencies costs), learning curves, the confusion matrix, the reliability diagram, per-class cross-entropy and the hardest rows " +
            "(highest −ln q(y|x)), with images for image data. " +
            "No script, nothing loaded from the network; it prints as it shows.\n" +
            "Example: likely report --model model.safetensors --data fashion-mnist:test --out report.html");
        var model = ModelFileOption.Create();
        var data = new Option<string>("--data") { Description = DataOption.LabelledDataDescription, Required = true };
        var label = new Option<string?>("--label") { Description = DataOption.LabelDescription };
        var output = new Option<string>("--out") { Description = "The HTML file to write (atomically); - writes it to standard output. Checked before the work.", HelpName = "file", Required = true };
        var hardest = new Option<int>("--hardest") { Description = HelpText.WithDefault("How many of the hardest rows to show (0 for none).", DefaultHardest) };
        var topK = new Option<int>("--top-k") { Description = HelpText.WithDefault("k of the top-k accuracy.", DefaultTopK) };
        var threads = ThreadsOption.Create();
        var json = JsonOption.Create("{\"model\":…,\"data\":\"digits:test\",\"out\":\"report.html\",\"rows\":360,\"crossEntropy\":…,\"accuracy\":…,…}");
        foreach (Option option in new Option[] { model, data, label, output, hardest, topK, threads, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            int k = parse.IsGiven(topK) ? parse.GetValue(topK) : DefaultTopK;
            if (k < 1) throw new UsageException($"--top-k {k} must be at least 1.");
            int count = parse.IsGiven(hardest) ? parse.GetValue(hardest) : DefaultHardest;
            if (count < 0 || count > 1000) throw new UsageException($"--hardest {count} must be between 0 and 1000.");
            string modelPath = parse.GetValue(model)!, spec = parse.GetValue(data)!, path = parse.GetValue(output)!;
            int threadCount = ThreadsOption.Value(parse, threads);
            if (path == "-" && parse.GetValue(json))
            {
                throw new UsageException("--out - and --json would both write to standard output; give --out a file name.");
            }

            // Before any work: an unwritable target, or one that is an input, fails now rather than after the evaluation.
            OutputFile target = OutputFile.Prepare(path, "HTML report", "--out", allowStandardOutput: true, inputs: [spec, modelPath]);
            ClassifierModel loaded = ClassifierModel.Load(modelPath);
            Dataset dataset = DatasetCatalog.Load(spec, new CsvDatasetOptions { Label = parse.GetValue(label), Features = loaded.FeatureNames, ClassNames = loaded.ClassNames });
            ModelReport report = ModelReport.Build(modelPath, loaded, spec, dataset, k, count, threadCount, Figures);
            byte[] page = Encoding.UTF8.GetBytes(ReportPage.Render(report));
            TextWriter written = CommandFile.Write(target, stream => stream.Write(page), context);
            ClassificationMetrics m = report.Metrics;
            if (parse.GetValue(json))
            {
                JsonOutput.Write(written, ReportResult.Of(report, path, page.Length), CliJson.Default.ReportResult);
            }
            else if (!target.IsStandardOutput)
            {
                written.WriteLine($"Wrote the report on {spec} ({NumberText.Count(m.RowCount)} rows: accuracy {EvaluationReport.Metric(m.Accuracy)}, " +
                    $"cross-entropy {EvaluationReport.Metric(m.CrossEntropy)} nats) to {path}.");
            }

            return CliApp.Success;
        });
        return command;
    }

    /// <summary>
    /// The pictures of the report, as SVG at a width that fills the page: the learning curves (only when the model has a
    /// per-epoch history; full-batch L-BFGS has none), the confusion matrix, the reliability diagram and the per-class
    /// cross-entropy, in nats.
    /// </summary>
    private static IReadOnlyList<ReportFigure> Figures(ClassifierModel model, Dataset data, ClassificationMetrics metrics)
    {
        const int Width = 880;
        var figures = new List<ReportFigure>();
        if (model.Provenance is { History.Count: > 0 } provenance)
        {
            figures.Add(new("Learning curves", FigureFormats.SvgMarkup(ClassifierFigures.LearningCurves(provenance, LogBase.Nats), Width, 480)));
        }

        int classRows = Math.Max(400, 140 + 44 * model.ClassCount);
        figures.Add(new("Confusion matrix", FigureFormats.SvgMarkup(ClassifierFigures.ConfusionMatrix(metrics, model.ClassNames), Width, Math.Min(classRows + 120, 900))));
        figures.Add(new("Reliability diagram", FigureFormats.SvgMarkup(ClassifierFigures.ReliabilityDiagram(metrics), Width, 480)));
        figures.Add(new("Cross-entropy per class", FigureFormats.SvgMarkup(ClassifierFigures.PerClassCrossEntropy(metrics, model.ClassNames, LogBase.Nats), Width, Math.Min(classRows, 900))));
        return figures;
    }
}
