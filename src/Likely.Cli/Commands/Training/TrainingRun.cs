using System.Diagnostics;
using Likely.Data;
using Likely.Evaluation;
using Likely.Models;
using Likely.Optimization;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>The work of <c>likely train</c>: load, split, standardize, fit, report, save.</summary>
internal static class TrainingRun
{
    /// <summary>The command-line flag of each <see cref="TrainingOptions"/> property, for error messages.</summary>
    private static readonly Dictionary<string, string> Flags = new()
    {
        [nameof(TrainingOptions.Epochs)] = "--epochs",
        [nameof(TrainingOptions.BatchSize)] = "--batch",
        [nameof(TrainingOptions.LearningRate)] = "--lr",
        [nameof(TrainingOptions.Momentum)] = "--momentum",
        [nameof(TrainingOptions.WeightDecay)] = "--weight-decay",
        [nameof(TrainingOptions.WarmupEpochs)] = "--warmup",
        [nameof(TrainingOptions.StepEpochs)] = "--step-epochs",
        [nameof(TrainingOptions.StepFactor)] = "--step-factor",
        [nameof(TrainingOptions.ClipNorm)] = "--clip-norm",
        [nameof(TrainingOptions.Dropout)] = "--dropout",
        [nameof(TrainingOptions.LabelSmoothing)] = "--label-smoothing",
        [nameof(TrainingOptions.Patience)] = "--patience",
        [nameof(TrainingOptions.Threads)] = "--threads",
    };

    public static void Run(TrainingSettings settings, CliContext context)
    {
        if (settings.ValidationFraction is < 0 or >= 1 || double.IsNaN(settings.ValidationFraction))
        {
            throw new UsageException($"--validation {settings.ValidationFraction} is outside [0, 1); hold out for example --validation 0.1.");
        }

        if (settings.Options.Patience > 0 && settings.ValidationFraction == 0)
        {
            throw new UsageException("--patience needs validation data to watch; add --validation 0.1 (or drop --patience).");
        }

        if (settings.Output is { } output && !output.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--out '{output}' should end in .safetensors (the model is saved as a safetensors file).");
        }

        try
        {
            settings.Options.Validate();
        }
        catch (ArgumentOutOfRangeException exception) when (exception.ParamName is { } name && Flags.TryGetValue(name, out string? flag))
        {
            // "LearningRate is -1; it must be a finite number > 0." → "--lr is -1; it must be a finite number > 0."
            string first = exception.Message.Split('\n')[0].Replace($" (Parameter '{name}')", "", StringComparison.Ordinal);
            throw new UsageException(flag + first[name.Length..]);
        }

        var total = Stopwatch.StartNew();
        Dataset all = DatasetCatalog.Load(settings.Data, new CsvDatasetOptions { Label = settings.Label, Features = settings.Features });
        (Dataset training, Dataset? validation) = settings.ValidationFraction > 0
            ? DatasetSplit.Split(all, settings.ValidationFraction, settings.Options.Seed)
            : (all, null);
        Standardizer? standardizer = settings.Standardize ? Standardizer.Fit(training) : null;
        if (standardizer is not null)
        {
            training = standardizer.Apply(training);
            validation = validation is null ? null : standardizer.Apply(validation);
        }

        var report = new TrainingReport(context, settings.Json, settings.Options.Epochs);
        MultilayerPerceptron network;
        TrainingResult? result = null;
        LbfgsResult? fit = null;
        var clock = Stopwatch.StartNew();
        if (settings.Lbfgs)
        {
            var lbfgs = new LbfgsOptions { MaxIterations = settings.MaxIterations, GradientTolerance = 1e-5, RelativeFunctionTolerance = 1e-10 };
            (network, fit) = SoftmaxRegression.FitLbfgs(training, settings.InverseRegularization, lbfgs, settings.Options.Threads);
        }
        else
        {
            Initialization initialization = settings.Options.Initialization ?? Initialization.Uniform;
            MultilayerPerceptron initial = MultilayerPerceptron.Initialize(
                training.FeatureCount, settings.Hidden, training.ClassCount, settings.Activation, initialization, settings.Options.Seed);
            result = report.Track(trainer => trainer.Fit(initial, training, validation, report.EpochCompleted, report.BatchCompleted), new Trainer(settings.Options));
            network = result.Model;
        }

        clock.Stop();
        ClassificationMetrics trainingMetrics = ModelEvaluation.Evaluate(network, training.Features, training.Labels, settings.Options.TopK, settings.Options.Threads);
        ClassificationMetrics? validationMetrics = validation is null
            ? null
            : ModelEvaluation.Evaluate(network, validation.Features, validation.Labels, settings.Options.TopK, settings.Options.Threads);
        if (settings.Output is { } path)
        {
            ModelFile.Save(path, new ModelFileContent(network, all.ClassNames, all.FeatureNames, standardizer));
        }

        report.Summary(new TrainingSummary(network, settings, training.RowCount, validation?.RowCount ?? 0, result, fit,
            trainingMetrics, validationMetrics, clock.Elapsed.TotalSeconds, total.Elapsed.TotalSeconds));
    }
}
