using System.CommandLine;
using Likely.Cli.Commands.Training;
using Likely.Cli.Options;
using Likely.Data;
using Likely.Evaluation;
using Likely.Training;

namespace Likely.Cli.Commands;

/// <summary><c>likely evaluate</c>: cross-entropy, accuracy and calibration of a saved model on labelled data.</summary>
public static class EvaluateCommand
{
    private const int DefaultTopK = 5;

    /// <summary>Creates the <c>evaluate</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("evaluate",
            "Evaluate a saved model on labelled data: cross-entropy (the mean negative log-likelihood, in nats and bits), perplexity, accuracy, " +
            "top-k accuracy, macro/micro accuracy, cross-entropy reduction against the class prior, expected calibration error, " +
            "per-class cross-entropy and the confusion matrix.\n" +
            "Example: likely evaluate --model model.safetensors --data fashion-mnist:test");
        var model = ModelFileOption.Create();
        var data = new Option<string>("--data") { Description = DataOption.LabelledDataDescription, Required = true };
        var label = new Option<string?>("--label") { Description = DataOption.LabelDescription };
        var topK = new Option<int>("--top-k") { Description = HelpText.WithDefault("k of the top-k accuracy.", DefaultTopK) };
        var threads = ThreadsOption.Create();
        var json = JsonOption.Create("{\"model\":…,\"data\":\"digits:test\",\"rows\":360,\"crossEntropy\":…,\"accuracy\":…,…}");
        foreach (Option option in new Option[] { model, data, label, topK, threads, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            int k = parse.IsGiven(topK) ? parse.GetValue(topK) : DefaultTopK;
            if (k < 1) throw new UsageException($"--top-k {k} must be at least 1.");
            int threadCount = ThreadsOption.Value(parse, threads);
            string spec = parse.GetValue(data)!;
            ClassifierModel loaded = ClassifierModel.Load(parse.GetValue(model)!);
            // CSV columns are picked by the model's feature names and labels mapped to its classes; Evaluate checks the rest.
            Dataset dataset = DatasetCatalog.Load(spec, new CsvDatasetOptions { Label = parse.GetValue(label), Features = loaded.FeatureNames, ClassNames = loaded.ClassNames });
            ClassificationMetrics metrics = loaded.Evaluate(dataset, k, threadCount);
            if (parse.GetValue(json))
            {
                EvaluationReport.WriteJson(context.Output, loaded, spec, metrics);
            }
            else
            {
                EvaluationReport.WriteTables(context.Output, loaded, spec, metrics);
            }

            return CliApp.Success;
        });
        return command;
    }
}
