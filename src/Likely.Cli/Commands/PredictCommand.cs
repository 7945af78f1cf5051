using System.CommandLine;
using System.Globalization;
using Likely.Cli.Commands.Training;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Training;

namespace Likely.Cli.Commands;

/// <summary><c>likely predict</c>: writes a saved model's class probabilities for every row of a data file.</summary>
public static class PredictCommand
{
    /// <summary>Creates the <c>predict</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("predict",
            "Write a saved model's class probabilities q(c|x) for every row to a CSV file (one column per class, named by class, rows in input order). " +
            "A CSV input needs the model's feature columns (any label column is ignored).\n" +
            "Example: likely predict --model model.safetensors --data new.csv --out probs.csv");
        var model = ModelFileOption.Create();
        var data = new Option<string>("--data") { Description = "Rows to predict: a .csv or .parquet file with the model's feature columns, or digits:test, fashion-mnist:test, an IDX folder.", Required = true };
        var output = new Option<string>("--out") { Description = "The CSV file to write (atomically); - writes to standard output.", Required = true };
        var threads = ThreadsOption.Create();
        foreach (Option option in new Option[] { model, data, output, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string spec = parse.GetValue(data)!;
            string path = parse.GetValue(output)!;
            string modelPath = parse.GetValue(model)!;
            // Before any work: a target that cannot be written, or that is one of the inputs, is an error now, not after predicting.
            OutputFile target = OutputFile.Prepare(path, "CSV", "--out", allowStandardOutput: true, inputs: [spec, modelPath]);
            ClassifierModel loaded = ClassifierModel.Load(modelPath);
            float[] raw;
            int rows;
            if (spec.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                raw = CsvDataset.ReadFeatures(spec, loaded.FeatureNames, out rows);
            }
            else if (DataFiles.IsParquet(spec))
            {
                raw = ParquetDataset.ReadFeatures(spec, loaded.FeatureNames, out rows);
            }
            else
            {
                // The model's class names: the labels are not used here, and data lacking some classes are fine to predict on.
                Dataset dataset = DatasetCatalog.Load(spec, new CsvDatasetOptions { ClassNames = loaded.ClassNames });
                loaded.CheckFeatures(dataset);
                (raw, rows) = (dataset.Features, dataset.RowCount);
            }

            int classes = loaded.ClassCount;
            float[] probabilities = loaded.PredictProbabilities(raw, rows, ThreadsOption.Value(parse, threads));
            TextWriter report = CommandFile.Write(target, stream =>
            {
                using var writer = new StreamWriter(stream, leaveOpen: true);
                writer.WriteLine(string.Join(",", loaded.ClassNames.Select(Quote)));
                var line = new System.Text.StringBuilder();
                for (int r = 0; r < rows; r++)
                {
                    line.Clear();
                    for (int c = 0; c < classes; c++)
                    {
                        if (c > 0) line.Append(',');
                        line.Append(probabilities[r * classes + c].ToString("R", CultureInfo.InvariantCulture));
                    }

                    writer.WriteLine(line);
                }
            }, context);
            if (target.IsStandardOutput)
            {
                return CliApp.Success; // the CSV is the output; nothing to add
            }

            report.WriteLine($"Wrote the probabilities of {NumberText.Count(rows)} rows over {classes} classes ({string.Join(", ", loaded.ClassNames)}) to {path}.");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180).</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
