using System.CommandLine;
using System.Globalization;
using Likely.Cli.Commands.Training;
using Likely.Data;
using Likely.Models;

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
        var model = new Option<string>("--model") { Description = "The model file written by 'likely train'.", Required = true };
        var data = new Option<string>("--data") { Description = "Rows to predict: a .csv file with the model's feature columns, or digits:test, fashion-mnist:test, an IDX folder.", Required = true };
        var output = new Option<string>("--out") { Description = "The CSV file to write (atomically).", Required = true };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix multiplies. Default: all cores.", DefaultValueFactory = _ => Environment.ProcessorCount };
        foreach (Option option in new Option[] { model, data, output, threads })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string spec = parse.GetValue(data)!;
            string path = parse.GetValue(output)!;
            ModelFileContent loaded = ModelFile.Load(parse.GetValue(model)!);
            float[] raw;
            int rows;
            if (spec.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            {
                raw = CsvDataset.ReadFeatures(spec, loaded.FeatureNames, out rows);
            }
            else
            {
                Dataset dataset = DatasetCatalog.Load(spec);
                ModelData.CheckShape(dataset.FeatureCount, spec, loaded);
                (raw, rows) = (dataset.Features, dataset.RowCount);
            }

            float[] features = ModelData.Prepare(raw, loaded);
            int classes = loaded.Network.ClassCount;
            var probabilities = new float[rows * classes];
            loaded.Network.PredictProbabilities(features, probabilities, Math.Max(1, parse.GetValue(threads)));
            AtomicFile.Write(path, stream =>
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
            });
            context.Output.WriteLine($"Wrote the probabilities of {rows:N0} rows over {classes} classes ({string.Join(", ", loaded.ClassNames)}) to {path}.");
            return CliApp.Success;
        });
        return command;
    }

    /// <summary>Quotes a CSV field when it holds a comma, a quote or a line break (RFC 4180).</summary>
    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
