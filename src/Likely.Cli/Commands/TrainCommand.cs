using System.CommandLine;
using Likely.Cli.Commands.Training;
using Likely.Models;
using Likely.Training;

namespace Likely.Cli.Commands;

/// <summary><c>likely train</c>: trains a softmax regression or an MLP by minimizing cross-entropy and saves it.</summary>
public static class TrainCommand
{
    /// <summary>Creates the <c>train</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var command = new Command("train",
            "Train a classifier by minimizing cross-entropy (maximum likelihood of the labels) and save it as a safetensors file.\n" +
            "Example: likely train --data fashion-mnist --model mlp --hidden 256,128 --activation relu --epochs 10 --batch 128 --optimizer adam --lr 1e-3 --seed 1 --out model.safetensors");
        var data = new Option<string>("--data") { Description = "Training data: digits, fashion-mnist, a .csv file (with --label) or an IDX folder; NAME means its training part.", Required = true };
        var label = new Option<string?>("--label") { Description = "CSV only: the label column." };
        var features = new Option<string?>("--features") { Description = "CSV only: comma-separated feature columns (default: every other column)." };
        var model = new Option<string>("--model") { Description = "mlp or softmax (softmax regression). Default mlp.", DefaultValueFactory = _ => "mlp" };
        var hidden = new Option<string>("--hidden") { Description = "MLP hidden widths, comma-separated. Default 256,128.", DefaultValueFactory = _ => "256,128" };
        var activation = new Option<string>("--activation") { Description = "relu, leaky-relu, tanh, sigmoid or gelu. Default relu.", DefaultValueFactory = _ => "relu" };
        var initialization = new Option<string?>("--init") { Description = "Weight initialization: uniform (PyTorch's nn.Linear default, U(±1/√inputs)), he or xavier. Default uniform." };
        var epochs = new Option<int>("--epochs") { Description = "Passes over the training data. Default 10.", DefaultValueFactory = _ => 10 };
        var batch = new Option<int>("--batch") { Description = "Rows per minibatch. Default 128.", DefaultValueFactory = _ => 128 };
        var optimizer = new Option<string>("--optimizer") { Description = "adam, adamw or sgd. Default adam.", DefaultValueFactory = _ => "adam" };
        var learningRate = new Option<double>("--lr") { Description = "Base learning rate η. Default 1e-3.", DefaultValueFactory = _ => 1e-3 };
        var momentum = new Option<double>("--momentum") { Description = "SGD momentum μ in [0, 1). Default 0.9.", DefaultValueFactory = _ => 0.9 };
        var nesterov = new Option<bool>("--nesterov") { Description = "SGD with Nesterov momentum." };
        var weightDecay = new Option<double>("--weight-decay") { Description = "Weight decay λ on weights (L2 for sgd/adam, decoupled for adamw). Default 0.", DefaultValueFactory = _ => 0 };
        var schedule = new Option<string>("--schedule") { Description = "Learning-rate schedule: constant, step or cosine. Default constant.", DefaultValueFactory = _ => "constant" };
        var warmup = new Option<int>("--warmup") { Description = "Epochs of linear learning-rate warm-up. Default 0.", DefaultValueFactory = _ => 0 };
        var stepEpochs = new Option<int>("--step-epochs") { Description = "Step schedule: epochs between decays. Default 3.", DefaultValueFactory = _ => 3 };
        var stepFactor = new Option<double>("--step-factor") { Description = "Step schedule: factor γ per decay. Default 0.1.", DefaultValueFactory = _ => 0.1 };
        var clipNorm = new Option<double>("--clip-norm") { Description = "Clip the global gradient L2 norm to this value; 0 = off. Default 0.", DefaultValueFactory = _ => 0 };
        var dropout = new Option<double>("--dropout") { Description = "Dropout probability on hidden outputs in [0, 1). Default 0.", DefaultValueFactory = _ => 0 };
        var labelSmoothing = new Option<double>("--label-smoothing") { Description = "Label smoothing ε in [0, 1] for the training loss. Default 0.", DefaultValueFactory = _ => 0 };
        var classWeights = new Option<string?>("--class-weights") { Description = "Per-class loss weights, comma-separated, in class order." };
        var validation = new Option<double>("--validation") { Description = "Fraction of the training rows held out for validation, in [0, 1). Default 0.", DefaultValueFactory = _ => 0 };
        var patience = new Option<int>("--patience") { Description = "Stop after this many epochs without a lower validation cross-entropy and keep the best weights; 0 = off. Needs --validation.", DefaultValueFactory = _ => 0 };
        var solver = new Option<string>("--solver") { Description = "minibatch (the optimizer above) or lbfgs (full-batch L-BFGS, softmax only). Default minibatch.", DefaultValueFactory = _ => "minibatch" };
        var inverseRegularization = new Option<double>("--inverse-regularization") { Description = "L-BFGS only: scikit-learn's C; the penalty is ‖W‖²/(2C). Default 1.", DefaultValueFactory = _ => 1.0 };
        var maxIterations = new Option<int>("--max-iterations") { Description = "L-BFGS only: most iterations. Default 100.", DefaultValueFactory = _ => 100 };
        var standardize = new Option<bool>("--standardize") { Description = "Standardize features with the training mean and deviation (stored in the model). Default true.", DefaultValueFactory = _ => true };
        var seed = new Option<int>("--seed") { Description = "Seeds initialization, shuffling, dropout and the validation split. Default 1.", DefaultValueFactory = _ => 1 };
        var threads = new Option<int>("--threads") { Description = "Threads for the matrix multiplies (the result does not depend on it). Default: all cores.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var output = new Option<string?>("--out") { Description = "Where to save the model (.safetensors); omitted: not saved." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per epoch (JSON lines), then a summary object, instead of tables." };

        foreach (Option option in new Option[]
                 {
                     data, label, features, model, hidden, activation, initialization, epochs, batch, optimizer, learningRate, momentum, nesterov,
                     weightDecay, schedule, warmup, stepEpochs, stepFactor, clipNorm, dropout, labelSmoothing, classWeights, validation, patience,
                     solver, inverseRegularization, maxIterations, standardize, seed, threads, output, json,
                 })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            string modelKind = parse.GetValue(model)!.Trim().ToLowerInvariant();
            if (modelKind is not ("mlp" or "softmax"))
            {
                throw new UsageException($"--model '{modelKind}' is not one of: mlp, softmax.");
            }

            string solverKind = parse.GetValue(solver)!.Trim().ToLowerInvariant();
            if (solverKind is not ("minibatch" or "lbfgs"))
            {
                throw new UsageException($"--solver '{solverKind}' is not one of: minibatch, lbfgs.");
            }

            if (solverKind == "lbfgs" && modelKind != "softmax")
            {
                throw new UsageException("--solver lbfgs fits softmax regression only (the MLP objective is not convex); add --model softmax or drop --solver.");
            }

            string? initName = parse.GetValue(initialization);
            var options = new TrainingOptions
            {
                Epochs = parse.GetValue(epochs),
                BatchSize = parse.GetValue(batch),
                Optimizer = OptionParsing.Enum<OptimizerKind>(parse.GetValue(optimizer)!, "--optimizer"),
                LearningRate = parse.GetValue(learningRate),
                Momentum = parse.GetValue(momentum),
                Nesterov = parse.GetValue(nesterov),
                WeightDecay = parse.GetValue(weightDecay),
                Schedule = OptionParsing.Enum<ScheduleKind>(parse.GetValue(schedule)!, "--schedule"),
                WarmupEpochs = parse.GetValue(warmup),
                StepEpochs = parse.GetValue(stepEpochs),
                StepFactor = parse.GetValue(stepFactor),
                ClipNorm = parse.GetValue(clipNorm),
                Dropout = parse.GetValue(dropout),
                LabelSmoothing = parse.GetValue(labelSmoothing),
                ClassWeights = OptionParsing.Numbers(parse.GetValue(classWeights), "--class-weights"),
                Patience = parse.GetValue(patience),
                Seed = parse.GetValue(seed),
                Threads = parse.GetValue(threads),
                Initialization = initName is null ? null : OptionParsing.Enum<Initialization>(initName, "--init"),
            };
            var settings = new TrainingSettings(
                parse.GetValue(data)!, parse.GetValue(label), OptionParsing.Names(parse.GetValue(features)),
                modelKind == "softmax" ? [] : OptionParsing.Widths(parse.GetValue(hidden), "--hidden"),
                OptionParsing.Enum<Activation>(parse.GetValue(activation)!, "--activation"),
                options, parse.GetValue(validation), solverKind == "lbfgs", parse.GetValue(inverseRegularization), parse.GetValue(maxIterations),
                parse.GetValue(standardize), parse.GetValue(output), parse.GetValue(json));
            TrainingRun.Run(settings, context);
            return CliApp.Success;
        });
        return command;
    }
}
