using System.Globalization;
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
        output.WriteLine(FormattableString.Invariant(
            $"   {model} trained with Adam for {options.Epochs} epochs on {train.RowCount:N0} embedded UCI digits (8×8 pixels)."));
        output.WriteLine(FormattableString.Invariant(
            $"   Training cross-entropy fell from {history[0].Training.CrossEntropy:F3} to {history[^1].Training.CrossEntropy:F3} nats per image."));
        output.WriteLine(FormattableString.Invariant(
            $"   On {test.RowCount} held-out digits: accuracy {metrics.Accuracy:F4}, log-loss {metrics.CrossEntropyBits:F4} bits ({metrics.CrossEntropy:F4} nats), perplexity {metrics.Perplexity:F3}."));
        output.WriteLine("   Try: likely train --data fashion-mnist --model mlp --hidden 256,128 --epochs 10 --out model.safetensors");
    }
}
