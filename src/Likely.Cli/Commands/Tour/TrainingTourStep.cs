using Likely.Cli.Commands.Training;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Evaluation;
using Likely.Models;
using Likely.Training;

namespace Likely.Cli.Commands.Tour;

/// <summary>The tour's step on training a classifier on the embedded digits (issue 5).</summary>
internal static class TrainingTourStep
{
    /// <summary>Prints this step of the tour to <paramref name="context"/>'s output.</summary>
    public static void Run(CliContext context)
    {
        TextWriter output = context.Output;
        output.WriteLine();
        output.WriteLine("3. Training a classifier is maximum likelihood of its labels (embedded digits)");
        Dataset train = DatasetCatalog.Load("digits:train"), test = DatasetCatalog.Load("digits:test");
        var options = new ClassifierOptions
        {
            HiddenWidths = [64], Initialization = Initialization.He, Epochs = 20, BatchSize = 32, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, Seed = 1,
        };
        ClassifierModel model = Classifier.Fit(train, options);
        ClassificationMetrics metrics = model.Evaluate(test);
        IReadOnlyList<EpochReport> history = model.Provenance!.History;
        output.WriteLine($"   {model} trained with Adam for {options.Epochs} epochs on {NumberText.Count(train.RowCount)} embedded UCI digits (8×8 pixels).");
        output.WriteLine(
            $"   Training cross-entropy fell from {Metric(history[0].Training.CrossEntropy)} to {Metric(history[^1].Training.CrossEntropy)} nats per image.");
        output.WriteLine(
            $"   On {NumberText.Count(test.RowCount)} held-out digits: accuracy {Metric(metrics.Accuracy)}, cross-entropy {Metric(metrics.CrossEntropyBits)} bits " +
            $"({Metric(metrics.CrossEntropy)} nats), perplexity {Metric(metrics.Perplexity)}.");
        output.WriteLine("   Try: likely train --data fashion-mnist --architecture mlp --hidden-widths 256,128 --epochs 10 --out model.safetensors");
    }

    private static string Metric(double value) => EvaluationReport.Metric(value);
}
