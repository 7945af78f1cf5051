using System.CommandLine;
using Likely.Cli.Commands.Training;
using Likely.Cli.Options;
using Likely.Data;
using Likely.Training;

namespace Likely.Cli.Commands;

/// <summary><c>likely calibrate</c>: fits a saved model's temperature (or a scale and bias per class) by maximum likelihood on validation data and saves the calibrated model.</summary>
public static class CalibrateCommand
{
    /// <summary>Creates the <c>calibrate</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("calibrate",
            "Calibrate a saved model by temperature scaling (Guo et al., 2017): fit T > 0 by maximum likelihood, minimizing the cross-entropy of " +
            "softmax(z/T) on validation labels, and save the model with T (predict and evaluate then use it; accuracy does not change). " +
            "--method vector fits a scale and a bias per class instead, softmax(w*z + b) (vector scaling; it can change the accuracy). " +
            "Fit on held-out validation rows, never on the test set; --test shows the test cross-entropy and expected calibration error before and after.\n" +
            "Example: likely calibrate --model model.safetensors --data validation --out calibrated.safetensors --test fashion-mnist:test");
        var model = ModelFileOption.Create("The model file written by 'likely train' (or calibrated before: the calibration is refitted, not composed).");
        var data = new Option<string>("--data")
        {
            Description = "Labelled validation data: validation (the rows the model held out when trained with --validation, rebuilt from its provenance), " +
                "a .csv or .parquet file (with --label), digits:…, fashion-mnist:… or an IDX folder.",
            Required = true,
        };
        var output = new Option<string>("--out") { Description = "The calibrated model file to write (atomically; it may be the --model file).", HelpName = "file", Required = true };
        var test = new Option<string?>("--test") { Description = "Labelled test data, other than --data: shows its cross-entropy, calibration error and accuracy before and after." };
        var label = new Option<string?>("--label") { Description = DataOption.LabelDescription + " Of --data and --test." };
        var method = ChoiceOption.Create("--method", Vocabulary.CalibrationMethod,
            "temperature: one T > 0 for every class (1 parameter); vector: a scale and a bias per class (2C parameters, fitted by L-BFGS).",
            CalibrationMethod.Temperature);
        var threads = ThreadsOption.Create();
        var json = JsonOption.Create("{\"model\":…,\"data\":\"validation\",\"out\":…,\"rows\":6000,\"temperature\":…,\"crossEntropyBefore\":…,\"crossEntropyAfter\":…,…,\"method\":\"temperature\"}");
        foreach (Option option in new Option[] { model, data, output, method, test, label, threads, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string modelPath = parse.GetValue(model)!, spec = parse.GetValue(data)!, path = parse.GetValue(output)!;
            string? testSpec = parse.GetValue(test);
            string? labelColumn = parse.GetValue(label);
            int threadCount = ThreadsOption.Value(parse, threads);
            if (testSpec is not null && string.Equals(testSpec.Trim(), spec.Trim(), StringComparison.OrdinalIgnoreCase))
            {
                throw new UsageException($"--test {testSpec} is the --data T is fitted on; a test of calibration needs other rows (e.g. --data validation --test fashion-mnist:test).");
            }

            // Before any work: an unwritable target, or one that is a data file, fails now. The model itself may be the
            // target: it is read whole before the calibrated one replaces it atomically.
            string[] inputs = new[] { spec, testSpec }.OfType<string>().Where(File.Exists).ToArray();
            OutputFile target = OutputFile.Prepare(path, "model", "--out", inputs: inputs);
            ClassifierModel loaded = ClassifierModel.Load(modelPath);
            Dataset validation = CalibrationData.Load(spec, loaded, labelColumn);
            Dataset? testData = testSpec is null
                ? null
                : DatasetCatalog.Load(testSpec, new CsvDatasetOptions { Label = labelColumn, Features = loaded.FeatureNames, ClassNames = loaded.ClassNames });

            CalibrationOutcome fit = CalibrationOutcome.Fit(parse.GetValue(method) ?? CalibrationMethod.Temperature, loaded, validation, threadCount);
            ClassifierModel calibrated = loaded.WithCalibration(fit.Calibration);
            TestComparison? comparison = testData is null
                ? null
                : new TestComparison(testSpec!, loaded.Calibration, loaded.Evaluate(testData, threads: threadCount), calibrated.Evaluate(testData, threads: threadCount));
            calibrated.Save(target.Path);
            if (parse.GetValue(json))
            {
                CalibrationReport.WriteJson(context.Output, modelPath, spec, path, fit, comparison);
            }
            else
            {
                CalibrationReport.WriteText(context.Output, fit, validation.Name, comparison);
                context.Output.WriteLine($"Saved the calibrated model ({CalibrationReport.Describe(fit.Calibration)}) to {path}.");
            }

            return CliApp.Success;
        });
        return command;
    }
}
