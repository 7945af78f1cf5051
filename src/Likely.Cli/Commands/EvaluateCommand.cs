using System.CommandLine;
using Likely.Cli.Commands.Training;
using Likely.Data;
using Likely.Evaluation;
using Likely.Training;

namespace Likely.Cli.Commands;

/// <summary><c>likely evaluate</c>: cross-entropy, accuracy and calibration of a saved model on labelled data.</summary>
public static class EvaluateCommand
{
    /// <summary>Creates the <c>evaluate</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("evaluate",
            "Evaluate a saved model on labelled data: mean cross-entropy (nats, bits), perplexity, accuracy, top-k accuracy, macro/micro accuracy, " +
            "log-loss reduction against the class prior, expected calibration error, per-class log-loss and the confusion matrix.\n" +
            "Example: likely evaluate --model model.safetensors --data fashion-mnist:test");
        var model = new Option<string>("--model") { Description = "The model file written by 'likely train'.", Required = true };
        var data = new Option<string>("--data") { Description = "Labelled data: digits:test, fashion-mnist:test, a .csv file (with --label) or an IDX folder.", Required = true };
        var label = new Option<string?>("--label") { Description = "CSV only: the label column." };
        var topK = new Option<int>("--top-k") { Description = "k of the top-k accuracy. Default 5.", DefaultValueFactory = _ => 5 };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix multiplies. Default: all cores.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        foreach (Option option in new Option[] { model, data, label, topK, threads, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            int k = parse.GetValue(topK);
            if (k < 1) throw new UsageException($"--top-k {k} must be at least 1.");
            int threadCount = Math.Max(1, parse.GetValue(threads));
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
