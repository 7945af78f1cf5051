using System.CommandLine;
using Likely.Cli.Commands.Training;
using Likely.Cli.Options;
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
        var data = new Option<string>("--data") { Description = "Training data: digits, fashion-mnist, a .csv or .parquet file (with --label) or an IDX folder; NAME means its training part.", Required = true };
        var label = new Option<string?>("--label") { Description = DataOption.LabelDescription };
        var features = new Option<string?>("--features") { Description = HelpText.WithDefault("CSV only: comma-separated feature columns.", "every other column") };
        var architecture = ChoiceOption.Create("--architecture", Architectures.Choices,
            "mlp (a multilayer perceptron with the layers of --hidden-widths) or softmax (softmax regression: no hidden layer).", Architecture.MultilayerPerceptron);
        // Hidden: train's old name for --architecture, kept for scripts; --model is the model file in evaluate and predict.
        var oldArchitecture = ChoiceOption.Create("--model", Architectures.Choices, "The old name of --architecture.");
        oldArchitecture.Hidden = true;
        var hidden = Flag<string?>(nameof(ClassifierOptions.HiddenWidths),
            HelpText.WithDefault("Hidden layer widths, comma-separated positive integers.", string.Join(",", Defaults.HiddenWidths)), "--hidden");
        var activation = Choice(nameof(ClassifierOptions.Activation), Vocabulary.Activation, "The hidden layers' activation.", Defaults.Activation);
        var initialization = Choice(nameof(ClassifierOptions.Initialization), Vocabulary.Initialization,
            "Weight initialization: uniform is PyTorch's nn.Linear default, U(±1/√inputs).", Defaults.Initialization, "--init");
        var epochs = Flag<int>(nameof(ClassifierOptions.Epochs), HelpText.WithDefault("Passes over the training data (with --resume: the total to reach).", Defaults.Epochs));
        var batch = Flag<int>(nameof(ClassifierOptions.BatchSize), HelpText.WithDefault("Rows per minibatch.", Defaults.BatchSize), "--batch");
        var optimizer = Choice(nameof(ClassifierOptions.Optimizer), Vocabulary.Optimizer,
            "The update rule: sgd (with --momentum, --nesterov), adam, or adamw (Adam with decoupled weight decay).", Defaults.Optimizer);
        var learningRate = Flag<double>(nameof(ClassifierOptions.LearningRate), HelpText.WithDefault("Base learning rate η.", Defaults.LearningRate), "--lr");
        var momentum = Flag<double>(nameof(ClassifierOptions.Momentum), HelpText.WithDefault("SGD momentum μ in [0, 1).", Defaults.Momentum));
        var nesterov = Flag<bool>(nameof(ClassifierOptions.Nesterov), "SGD with Nesterov momentum.");
        var weightDecay = Flag<double>(nameof(ClassifierOptions.WeightDecay),
            HelpText.WithDefault("Weight decay λ on weights (L2 for sgd and adam, decoupled for adamw).", Defaults.WeightDecay));
        var schedule = Choice(nameof(ClassifierOptions.Schedule), Vocabulary.Schedule, "Learning-rate schedule.", Defaults.Schedule);
        var warmup = Flag<int>(nameof(ClassifierOptions.WarmupEpochs), HelpText.WithDefault("Epochs of linear learning-rate warm-up.", Defaults.WarmupEpochs), "--warmup");
        var stepEpochs = Flag<int>(nameof(ClassifierOptions.StepEpochs), HelpText.WithDefault("Step schedule: epochs between decays.", Defaults.StepEpochs));
        var stepFactor = Flag<double>(nameof(ClassifierOptions.StepFactor), HelpText.WithDefault("Step schedule: factor γ per decay.", Defaults.StepFactor));
        var clipNorm = Flag<double>(nameof(ClassifierOptions.ClipNorm), HelpText.WithDefault("Clip the global gradient L2 norm to this value; 0 = off.", Defaults.ClipNorm));
        var dropout = Flag<double>(nameof(ClassifierOptions.Dropout), HelpText.WithDefault("Dropout probability on hidden outputs in [0, 1).", Defaults.Dropout));
        var labelSmoothing = Flag<double>(nameof(ClassifierOptions.LabelSmoothing),
            HelpText.WithDefault("Label smoothing ε in [0, 1] for the training loss.", Defaults.LabelSmoothing));
        var classWeights = Flag<string?>(nameof(ClassifierOptions.ClassWeights), "Per-class loss weights, comma-separated, in class order.");
        var validation = Flag<double>(nameof(ClassifierOptions.ValidationFraction),
            HelpText.WithDefault("Fraction of the training rows held out for validation, in [0, 1).", Defaults.ValidationFraction), "--validation");
        var patience = Flag<int>(nameof(ClassifierOptions.Patience), HelpText.WithDefault(
            "Stop after this many epochs without a lower validation cross-entropy and keep the best weights; 0 = off. Needs --validation-fraction.", Defaults.Patience));
        var solver = Choice(nameof(ClassifierOptions.Solver), Vocabulary.Solver,
            "minibatch (the optimizer above) or lbfgs (full-batch L-BFGS, softmax only).", Defaults.Solver);
        var inverseRegularization = Flag<double>(nameof(ClassifierOptions.InverseRegularization),
            HelpText.WithDefault("L-BFGS only: scikit-learn's C; the penalty is ‖W‖²/(2C).", Defaults.InverseRegularization));
        var maxIterations = Flag<int>(nameof(ClassifierOptions.MaxIterations), HelpText.WithDefault("L-BFGS only: most iterations.", Defaults.MaxIterations));
        var noStandardize = new Option<bool>("--no-standardize")
        {
            Description = "Keep the features as they are; by default they are standardized with the training mean and deviation (stored in the model).",
        };
        // The old spelling: --standardize false.
        var standardize = Flag<bool>(nameof(ClassifierOptions.Standardize), "Standardize the features (the default); --standardize false is --no-standardize.");
        standardize.Hidden = true;
        var seed = Flag<int>(nameof(ClassifierOptions.Seed), HelpText.WithDefault("Seeds initialization, the validation split, shuffling and dropout.", Defaults.Seed));
        var threads = Flag<int>(nameof(ClassifierOptions.Threads),
            HelpText.WithDefault("Threads for the matrix multiplies (the result does not depend on it).", "all cores"));
        var topK = Flag<int>(nameof(ClassifierOptions.TopK), HelpText.WithDefault("k of the top-k accuracy reported.", Defaults.TopK));
        var output = new Option<string?>("--out") { Description = "Where to save the model (.safetensors); omitted: not saved. Checked before training starts." };
        var checkpoint = new Option<string?>("--checkpoint") { Description = "Write a checkpoint here after every epoch (atomically), to continue later with --resume." };
        var resume = new Option<string?>("--resume") { Description = "Continue from this checkpoint, on the same --data, up to --epochs (only --epochs and --threads may change)." };
        var keepLastGood = new Option<bool>("--keep-last-good") { Description = "If training diverges, save the last good epoch's model beside --out as NAME.last-good.safetensors (--out itself is never overwritten by a diverged run)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per epoch (JSON lines), then a summary object, instead of tables." };
        var memoryLimit = new Option<string?>("--memory-limit")
        {
            Description = "Parquet only: train from data bigger than this size (e.g. 512MB, 2GB, 1.5GiB), reading a window of row groups at a time " +
                "in an order seeded by --seed; --validation-fraction then holds out whole row groups. Data that fit are loaded whole, as without it.",
        };
        var plot = new Option<string?>("--plot")
        {
            Description = "Draw the learning curves (cross-entropy and accuracy per epoch) to this .png or .svg file after training. Checked before training starts.",
        };

        foreach (Option option in new Option[]
                 {
                     data, label, features, architecture, oldArchitecture, hidden, activation, initialization, epochs, batch, optimizer, learningRate,
                     momentum, nesterov, weightDecay, schedule, warmup, stepEpochs, stepFactor, clipNorm, dropout, labelSmoothing, classWeights,
                     validation, patience, solver, inverseRegularization, maxIterations, noStandardize, standardize, seed, threads, topK, output,
                     checkpoint, resume, keepLastGood, json, plot, memoryLimit,
                 })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string? resumePath = parse.GetValue(resume);
            TrainingCheckpoint? from = resumePath is null ? null : TrainingCheckpoint.Load(resumePath);
            ClassifierOptions start = from is null ? Defaults : from.Options with { Threads = Environment.ProcessorCount };
            T Pick<T>(Option<T> option, T fallback) => parse.IsGiven(option) ? parse.GetValue(option)! : fallback;
            (string Flag, Architecture Value)? chosen = ChosenArchitecture(
                (architecture.Name, parse.GetValue(architecture)), (oldArchitecture.Name, parse.GetValue(oldArchitecture)));

            var options = start with
            {
                HiddenWidths = HiddenWidths(chosen, parse.IsGiven(hidden) ? parse.GetValue(hidden) : null, hidden.Name, start.HiddenWidths),
                Activation = parse.GetValue(activation) ?? start.Activation,
                Initialization = parse.GetValue(initialization) ?? start.Initialization,
                Epochs = Pick(epochs, start.Epochs),
                BatchSize = Pick(batch, start.BatchSize),
                Optimizer = parse.GetValue(optimizer) ?? start.Optimizer,
                LearningRate = Pick(learningRate, start.LearningRate),
                Momentum = Pick(momentum, start.Momentum),
                Nesterov = Pick(nesterov, start.Nesterov),
                WeightDecay = Pick(weightDecay, start.WeightDecay),
                Schedule = parse.GetValue(schedule) ?? start.Schedule,
                WarmupEpochs = Pick(warmup, start.WarmupEpochs),
                StepEpochs = Pick(stepEpochs, start.StepEpochs),
                StepFactor = Pick(stepFactor, start.StepFactor),
                ClipNorm = Pick(clipNorm, start.ClipNorm),
                Dropout = Pick(dropout, start.Dropout),
                LabelSmoothing = Pick(labelSmoothing, start.LabelSmoothing),
                ClassWeights = parse.IsGiven(classWeights) ? OptionParsing.Numbers(parse.GetValue(classWeights), classWeights.Name) : start.ClassWeights,
                ValidationFraction = Pick(validation, start.ValidationFraction),
                Patience = Pick(patience, start.Patience),
                Solver = parse.GetValue(solver) ?? start.Solver,
                InverseRegularization = Pick(inverseRegularization, start.InverseRegularization),
                MaxIterations = Pick(maxIterations, start.MaxIterations),
                Standardize = Standardize(parse.GetValue(noStandardize), parse.IsGiven(standardize) ? parse.GetValue(standardize) : null, start.Standardize),
                Seed = Pick(seed, start.Seed),
                Threads = Pick(threads, start.Threads),
                TopK = Pick(topK, start.TopK),
            };
            var request = new TrainingRequest(
                parse.GetValue(data)!, parse.GetValue(label), OptionParsing.Names(parse.GetValue(features)), options,
                parse.GetValue(output), parse.GetValue(checkpoint), resumePath, from, parse.GetValue(keepLastGood), parse.GetValue(json),
                parse.GetValue(plot), parse.GetValue(memoryLimit) is { } size ? OptionParsing.Bytes(size, memoryLimit.Name) : null);
            return TrainingRun.Run(request, context);
        });
        return command;
    }

    /// <summary>An option for the <see cref="ClassifierOptions"/> property <paramref name="property"/>: its flag is the name in kebab case.</summary>
    private static Option<T> Flag<T>(string property, string description, params string[] aliases) =>
        new(OptionNames.Flag(property), aliases) { Description = description };

    /// <summary>A typed option for the enumeration-valued property <paramref name="property"/>, spelled by <paramref name="choices"/>.</summary>
    private static Option<T?> Choice<T>(string property, Choices<T> choices, string description, T defaultValue, params string[] aliases)
        where T : struct, Enum => ChoiceOption.Create(OptionNames.Flag(property), choices, description, defaultValue, aliases);

    /// <summary>The architecture asked for with --architecture or its old name --model (the flag typed comes along for errors), or null.</summary>
    private static (string Flag, Architecture Value)? ChosenArchitecture((string Flag, Architecture? Value) given, (string Flag, Architecture? Value) old)
    {
        if (given.Value is { } value && old.Value is { } oldValue && value != oldValue)
        {
            throw new UsageException(
                $"{given.Flag} {Architectures.Choices.NameOf(value)} and {old.Flag} {Architectures.Choices.NameOf(oldValue)} disagree; {old.Flag} is the old name of {given.Flag}: give {given.Flag} only.");
        }

        return given.Value is { } a ? (given.Flag, a) : old.Value is { } b ? (old.Flag, b) : null;
    }

    /// <summary>The hidden widths from --architecture and --hidden-widths: softmax means none; an explicit list must be positive widths.</summary>
    private static IReadOnlyList<int> HiddenWidths((string Flag, Architecture Value)? architecture, string? hidden, string flag, IReadOnlyList<int> fallback)
    {
        if (architecture is (string typed, Architecture.SoftmaxRegression))
        {
            if (hidden is not null) throw new UsageException($"{typed} softmax has no hidden layer; drop {flag} (or use --architecture mlp).");
            return [];
        }

        if (hidden is not null) return OptionParsing.Widths(hidden, flag);
        return architecture is not null && fallback.Count == 0 ? Defaults.HiddenWidths : fallback;
    }

    /// <summary>Whether to standardize: --no-standardize, or the old --standardize true|false, or the fallback.</summary>
    private static bool Standardize(bool noStandardize, bool? standardize, bool fallback)
    {
        if (noStandardize && standardize == true)
        {
            throw new UsageException("--no-standardize and --standardize contradict each other; give --no-standardize alone to keep the features as they are.");
        }

        return !noStandardize && (standardize ?? fallback);
    }
}
