using System.CommandLine;
using Likely.Cli.Commands.Training;
using Likely.Cli.Figures;
using Likely.Cli.Options;
using Likely.Data;
using Likely.Evaluation;
using Likely.Information;
using Likely.Training;
using ScottPlot;

namespace Likely.Cli.Commands;

/// <summary>
/// The classifier figures of <c>likely plot</c>: <c>learning-curves</c> from a saved model's training history, and
/// <c>confusion-matrix</c>, <c>reliability-diagram</c> and <c>per-class-cross-entropy</c> from the model evaluated on
/// labelled data (the numbers <c>likely evaluate</c> prints). Each checks its --out before loading anything.
/// </summary>
internal static class ClassifierPlotCommands
{
    /// <summary>Creates the four subcommands.</summary>
    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return LearningCurves(context);
        yield return Evaluated(context, "confusion-matrix",
            "The confusion matrix of a saved model on labelled data as a heat map: rows are the actual classes, columns the predicted ones; " +
            "each cell holds its count and the fraction of its row.\n" +
            "Example: likely plot confusion-matrix --model model.safetensors --data fashion-mnist:test --out confusion.png",
            withBase: false,
            (metrics, model, _) => (ClassifierFigures.ConfusionMatrix(metrics, model.ClassNames), "confusion matrix"));
        yield return Evaluated(context, "reliability-diagram",
            "The reliability diagram of a saved model on labelled data: the accuracy of the rows in each confidence bin against their mean confidence, " +
            "with the bins' row counts and the expected calibration error (the one likely evaluate reports).\n" +
            "Example: likely plot reliability-diagram --model model.safetensors --data fashion-mnist:test --out reliability.png",
            withBase: false,
            (metrics, _, _) => (ClassifierFigures.ReliabilityDiagram(metrics), $"reliability diagram, ECE = {Output.NumberText.Format(metrics.ExpectedCalibrationError, 4)}"));
        yield return Evaluated(context, "per-class-cross-entropy",
            "The cross-entropy of a saved model on the rows of each class of labelled data, as bars, with the overall cross-entropy.\n" +
            "Example: likely plot per-class-cross-entropy --model model.safetensors --data fashion-mnist:test --base 2 --out per-class.png",
            withBase: true,
            (metrics, model, logBase) => (ClassifierFigures.PerClassCrossEntropy(metrics, model.ClassNames, logBase), $"cross-entropy per class in {logBase.Unit}"));
    }

    private static Command LearningCurves(CliContext context)
    {
        var command = new Command("learning-curves",
            "The learning curves stored in a saved model: training and validation cross-entropy and accuracy after every epoch, " +
            "with the best epoch marked when early stopping was on (likely train --plot draws the same figure).\n" +
            "Example: likely plot learning-curves --model model.safetensors --out curves.png");
        var model = ModelFileOption.Create();
        var logBase = BaseOption.Create();
        var figure = new FigureOptions();
        command.Options.Add(model);
        command.Options.Add(logBase);
        figure.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(model)!;
            FigureTarget target = figure.Prepare(parse, path);
            ClassifierModel loaded = ClassifierModel.Load(path);
            TrainingProvenance provenance = loaded.Provenance
                ?? throw new UsageException($"--model {path} holds no training history; learning curves need a model saved by likely train.");
            if (provenance.History.Count == 0)
            {
                throw new UsageException($"--model {path} was trained by full-batch L-BFGS, which has no epochs; learning curves need a model trained with --solver minibatch.");
            }

            LogBase unit = parse.GetValue(logBase);
            target.Write(ClassifierFigures.LearningCurves(provenance, unit), context, $"learning curves of {provenance.History.Count} epochs, cross-entropy in {unit.Unit}");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>A figure of the model's metrics on --data: load the model, load and evaluate the data, draw, write.</summary>
    private static Command Evaluated(CliContext context, string name, string description, bool withBase,
        Func<ClassificationMetrics, ClassifierModel, LogBase, (Plot Plot, string What)> draw)
    {
        var command = new Command(name, description);
        var model = ModelFileOption.Create();
        var data = new Option<string>("--data") { Description = DataOption.LabelledDataDescription, Required = true };
        var label = new Option<string?>("--label") { Description = DataOption.LabelDescription };
        var threads = ThreadsOption.Create();
        var logBase = withBase ? BaseOption.Create() : null;
        var figure = new FigureOptions();
        foreach (Option option in new Option?[] { model, data, label, logBase, threads }.OfType<Option>())
        {
            command.Options.Add(option);
        }

        figure.AddTo(command);
        command.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!, spec = parse.GetValue(data)!;
            FigureTarget target = figure.Prepare(parse, modelPath, spec);
            int threadCount = ThreadsOption.Value(parse, threads);
            ClassifierModel loaded = ClassifierModel.Load(modelPath);
            // As in likely evaluate: CSV columns picked by the model's feature names, labels mapped to its classes.
            Dataset dataset = DatasetCatalog.Load(spec, new CsvDatasetOptions { Label = parse.GetValue(label), Features = loaded.FeatureNames, ClassNames = loaded.ClassNames });
            ClassificationMetrics metrics = loaded.Evaluate(dataset, threads: threadCount);
            (Plot plot, string what) = draw(metrics, loaded, logBase is null ? LogBase.Nats : parse.GetValue(logBase));
            target.Write(plot, context, $"{what} of {spec}");
            return CliApp.Success;
        });
        return command;
    }
}
