using System.CommandLine;
using Likely.Cli.Commands.Training;
using Likely.Cli.Options;
using Likely.Models;
using Likely.Training;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely train</c>: trains a softmax regression or an MLP by minimizing cross-entropy and saves it. Each training
/// flag is a <see cref="ClassifierOptions"/> property in kebab case (<c>--learning-rate</c> sets <c>LearningRate</c>);
/// its default is the library's.
/// </summary>
public static class TrainCommand
{
    private static readonly ClassifierOptions Defaults = new();

    /// <summary>Creates the <c>train</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("train",
            "Train a classifier by minimizing cross-entropy (maximum likelihood of the labels) and save it as a safetensors file.\n" +
            "Ctrl-C (or SIGTERM) stops after the current minibatch and saves the last completed epoch; --checkpoint lets a run be resumed with --resume.\n" +
            "Example: likely train --data fashion-mnist --hidden-widths 256,128 --epochs 10 --learning-rate 1e-3 --out model.safetensors --checkpoint run.ckpt");
        var data = new Option<string>("--data") { Description = "Training data: digits, fashion-mnist, a .csv file (with --label) or an IDX folder; NAME means its training part.", Required = true };
        var label = new Option<string?>("--label") { Description = "CSV only: the label column." };
        var features = new Option<string?>("--features") { Description = "CSV only: comma-separated feature columns (default: every other column)." };
        var model = new Option<string?>("--model") { Description = "mlp or softmax (softmax regression: no hidden layer). Default mlp." };
        var hidden = Flag<string?>(nameof(ClassifierOptions.HiddenWidths), $"Hidden layer widths, comma-separated positive integers. Default {string.Join(",", Defaults.HiddenWidths)}.", "--hidden");
        var activation = Flag<string?>(nameof(ClassifierOptions.Activation), "relu, leaky-relu, tanh, sigmoid or gelu. Default relu.");
        var initialization = Flag<string?>(nameof(ClassifierOptions.Initialization), "Weight initialization: uniform (PyTorch's nn.Linear default, U(±1/√inputs)), he or xavier. Default uniform.", "--init");
        var epochs = Flag<int>(nameof(ClassifierOptions.Epochs), $"Passes over the training data (with --resume: the total to reach). Default {Defaults.Epochs}.");
        var batch = Flag<int>(nameof(ClassifierOptions.BatchSize), $"Rows per minibatch. Default {Defaults.BatchSize}.", "--batch");
        var optimizer = Flag<string?>(nameof(ClassifierOptions.Optimizer), "adam, adam-w or sgd. Default adam.");
        var learningRate = Flag<double>(nameof(ClassifierOptions.LearningRate), "Base learning rate η. Default 1e-3.", "--lr");
        var momentum = Flag<double>(nameof(ClassifierOptions.Momentum), $"SGD momentum μ in [0, 1). Default {Defaults.Momentum}.");
        var nesterov = Flag<bool>(nameof(ClassifierOptions.Nesterov), "SGD with Nesterov momentum.");
        var weightDecay = Flag<double>(nameof(ClassifierOptions.WeightDecay), "Weight decay λ on weights (L2 for sgd/adam, decoupled for adam-w). Default 0.");
        var schedule = Flag<string?>(nameof(ClassifierOptions.Schedule), "Learning-rate schedule: constant, step or cosine. Default constant.");
        var warmup = Flag<int>(nameof(ClassifierOptions.WarmupEpochs), "Epochs of linear learning-rate warm-up. Default 0.", "--warmup");
        var stepEpochs = Flag<int>(nameof(ClassifierOptions.StepEpochs), $"Step schedule: epochs between decays. Default {Defaults.StepEpochs}.");
        var stepFactor = Flag<double>(nameof(ClassifierOptions.StepFactor), $"Step schedule: factor γ per decay. Default {Defaults.StepFactor}.");
        var clipNorm = Flag<double>(nameof(ClassifierOptions.ClipNorm), "Clip the global gradient L2 norm to this value; 0 = off. Default 0.");
        var dropout = Flag<double>(nameof(ClassifierOptions.Dropout), "Dropout probability on hidden outputs in [0, 1). Default 0.");
        var labelSmoothing = Flag<double>(nameof(ClassifierOptions.LabelSmoothing), "Label smoothing ε in [0, 1] for the training loss. Default 0.");
        var classWeights = Flag<string?>(nameof(ClassifierOptions.ClassWeights), "Per-class loss weights, comma-separated, in class order.");
        var validation = Flag<double>(nameof(ClassifierOptions.ValidationFraction), "Fraction of the training rows held out for validation, in [0, 1). Default 0.", "--validation");
        var patience = Flag<int>(nameof(ClassifierOptions.Patience), "Stop after this many epochs without a lower validation cross-entropy and keep the best weights; 0 = off. Needs --validation-fraction.");
        var solver = Flag<string?>(nameof(ClassifierOptions.Solver), "minibatch (the optimizer above) or lbfgs (full-batch L-BFGS, softmax only). Default minibatch.");
        var inverseRegularization = Flag<double>(nameof(ClassifierOptions.InverseRegularization), "L-BFGS only: scikit-learn's C; the penalty is ‖W‖²/(2C). Default 1.");
        var maxIterations = Flag<int>(nameof(ClassifierOptions.MaxIterations), $"L-BFGS only: most iterations. Default {Defaults.MaxIterations}.");
        var standardize = Flag<bool>(nameof(ClassifierOptions.Standardize), "Standardize features with the training mean and deviation (stored in the model). Default true; --standardize false turns it off.");
        var seed = Flag<int>(nameof(ClassifierOptions.Seed), $"Seeds initialization, the validation split, shuffling and dropout. Default {Defaults.Seed}.");
        var threads = Flag<int>(nameof(ClassifierOptions.Threads), "Threads for the matrix multiplies (the result does not depend on it). Default: all cores.");
        var topK = Flag<int>(nameof(ClassifierOptions.TopK), $"k of the top-k accuracy reported. Default {Defaults.TopK}.");
        var output = new Option<string?>("--out") { Description = "Where to save the model (.safetensors); omitted: not saved. Checked before training starts." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Write a checkpoint here after every epoch (atomically), to continue later with --resume." };
        var resume = new Option<string?>("--resume") { Description = "Continue from this checkpoint, on the same --data, up to --epochs (only --epochs and --threads may change)." };
        var keepLastGood = new Option<bool>("--keep-last-good") { Description = "If training diverges, save the last good epoch's model beside --out as NAME.last-good.safetensors (--out itself is never overwritten by a diverged run)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per epoch (JSON lines), then a summary object, instead of tables." };

        foreach (Option option in new Option[]
                 {
                     data, label, features, model, hidden, activation, initialization, epochs, batch, optimizer, learningRate, momentum, nesterov,
                     weightDecay, schedule, warmup, stepEpochs, stepFactor, clipNorm, dropout, labelSmoothing, classWeights, validation, patience,
                     solver, inverseRegularization, maxIterations, standardize, seed, threads, topK, output, checkpoint, resume, keepLastGood, json,
                 })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string? resumePath = parse.GetValue(resume);
            TrainingCheckpoint? from = resumePath is null ? null : TrainingCheckpoint.Load(resumePath);
            ClassifierOptions start = from is null ? Defaults : from.Options with { Threads = Environment.ProcessorCount };
            T Pick<T>(Option<T> option, T fallback) => parse.GetResult(option) is { Implicit: false } ? parse.GetValue(option)! : fallback;
            T PickEnum<T>(Option<string?> option, T fallback)
                where T : struct, Enum => parse.GetResult(option) is { Implicit: false } ? OptionParsing.Enum<T>(parse.GetValue(option)!, option.Name) : fallback;

            var options = start with
            {
                HiddenWidths = HiddenWidths(parse.GetValue(model), parse.GetResult(hidden) is { Implicit: false } ? parse.GetValue(hidden) : null, hidden.Name, start.HiddenWidths),
                Activation = PickEnum(activation, start.Activation),
                Initialization = PickEnum(initialization, start.Initialization),
                Epochs = Pick(epochs, start.Epochs),
                BatchSize = Pick(batch, start.BatchSize),
                Optimizer = PickEnum(optimizer, start.Optimizer),
                LearningRate = Pick(learningRate, start.LearningRate),
                Momentum = Pick(momentum, start.Momentum),
                Nesterov = Pick(nesterov, start.Nesterov),
                WeightDecay = Pick(weightDecay, start.WeightDecay),
                Schedule = PickEnum(schedule, start.Schedule),
                WarmupEpochs = Pick(warmup, start.WarmupEpochs),
                StepEpochs = Pick(stepEpochs, start.StepEpochs),
                StepFactor = Pick(stepFactor, start.StepFactor),
                ClipNorm = Pick(clipNorm, start.ClipNorm),
                Dropout = Pick(dropout, start.Dropout),
                LabelSmoothing = Pick(labelSmoothing, start.LabelSmoothing),
                ClassWeights = parse.GetResult(classWeights) is { Implicit: false } ? OptionParsing.Numbers(parse.GetValue(classWeights), classWeights.Name) : start.ClassWeights,
                ValidationFraction = Pick(validation, start.ValidationFraction),
                Patience = Pick(patience, start.Patience),
                Solver = PickEnum(solver, start.Solver),
                InverseRegularization = Pick(inverseRegularization, start.InverseRegularization),
                MaxIterations = Pick(maxIterations, start.MaxIterations),
                Standardize = Pick(standardize, start.Standardize),
                Seed = Pick(seed, start.Seed),
                Threads = Pick(threads, start.Threads),
                TopK = Pick(topK, start.TopK),
            };
            var request = new TrainingRequest(
                parse.GetValue(data)!, parse.GetValue(label), OptionParsing.Names(parse.GetValue(features)), options,
                parse.GetValue(output), parse.GetValue(checkpoint), resumePath, from, parse.GetValue(keepLastGood), parse.GetValue(json));
            return TrainingRun.Run(request, context);
        });
        return command;
    }

    /// <summary>An option for the <see cref="ClassifierOptions"/> property <paramref name="property"/>: its flag is the name in kebab case.</summary>
    private static Option<T> Flag<T>(string property, string description, params string[] aliases) =>
        new(OptionNames.Flag(property), aliases) { Description = description };

    /// <summary>The hidden widths from --model and --hidden-widths: softmax means none; an explicit list must be positive widths.</summary>
    private static IReadOnlyList<int> HiddenWidths(string? model, string? hidden, string flag, IReadOnlyList<int> fallback)
    {
        string kind = (model ?? "").Trim().ToLowerInvariant();
        if (kind is not ("" or "mlp" or "softmax"))
        {
            throw new UsageException($"--model '{model}' is not one of: mlp, softmax.");
        }

        if (kind == "softmax")
        {
            if (hidden is not null) throw new UsageException($"--model softmax has no hidden layer; drop {flag} (or use --model mlp).");
            return [];
        }

        if (hidden is not null) return OptionParsing.Widths(hidden, flag);
        return kind == "mlp" && fallback.Count == 0 ? Defaults.HiddenWidths : fallback;
    }
}
