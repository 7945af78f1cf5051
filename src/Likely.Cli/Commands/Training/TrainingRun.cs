using System.Diagnostics;
using Likely.Cli.Figures;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Information;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>
/// The work of <c>likely train</c>: check everything that can be checked, load the data, one library call
/// (<see cref="Classifier"/>'s <c>Fit</c>), then save and report — and the user-facing side of interrupts, divergence and
/// write failures.
/// </summary>
internal static class TrainingRun
{
    /// <summary>Runs the request and returns the exit status.</summary>
    public static int Run(TrainingRequest request, CliContext context)
    {
        ClassifierOptions options = request.Options;
        options.Validate();
        CheckFlags(request);
        string[] inputs = Inputs(request);
        OutputFile? model = request.Output is { } output ? OutputFile.Prepare(output, "model", "--out", inputs: inputs) : null;
        if (model is { IsDirect: false } && !model.Path.EndsWith(".safetensors", StringComparison.OrdinalIgnoreCase))
        {
            throw new UsageException($"--out '{model.Path}' should end in .safetensors (the model is saved as a safetensors file).");
        }

        if (request.Checkpoint is { } checkpoint)
        {
            // The checkpoint resumed from may be overwritten as the run goes on: it is in memory, and writes are atomic.
            OutputFile.Prepare(checkpoint, "checkpoint", "--checkpoint", inputs: inputs.Where(input => input != request.ResumePath));
        }

        (OutputFile File, FigureFormat Format)? plot = PreparePlot(request, inputs);
        if (model is { IsDirect: true })
        {
            // The model goes to a device or pipe such as /dev/stdout: keep tables and JSON off standard output.
            context = context with { Output = context.Error };
        }

        var total = Stopwatch.StartNew();
        var columns = new CsvDatasetOptions { Label = request.Label, Features = request.Features };
        StreamedDataset? parquet = request.MemoryLimit is not null ? OpenStreamed(request, context, columns) : null;
        StreamedDataset? streamed = parquet is not null && Classifier.IsStreamed(parquet, request.MemoryLimit!.Value) ? parquet : null;
        // Data that fit the limit are loaded whole (a glob too) and trained on as without it.
        Dataset? data = streamed is not null ? null : TrainingReport.Load(context, request.Json, request.Data,
            () => parquet is not null ? parquet.ReadAll() : DatasetCatalog.Load(request.Data, columns));
        string start = data is not null ? StartLine(request, data.RowCount, data.FeatureCount, data.ClassCount) : StreamedStartLine(request, streamed!);
        TrainingReport report = TrainingReport.Create(context, request.Json, options.Epochs, request.Checkpoint, start);
        using var signals = new InterruptSignals(context.Error);
        var clock = Stopwatch.StartNew();
        ClassifierModel trained;
        try
        {
            trained = report.Track(progress => (request.Resume, streamed) switch
            {
                ({ } from, null) => Classifier.Fit(data!, from, options, progress, signals.Token),
                ({ } from, { } source) => Classifier.Fit(source, from, options, request.MemoryLimit!.Value, progress, signals.Token),
                (null, null) => Classifier.Fit(data!, options, progress, signals.Token),
                (null, { } source) => Classifier.Fit(source, options, request.MemoryLimit!.Value, progress, signals.Token),
            });
        }
        catch (OperationCanceledException) when (signals.Signal is not null)
        {
            string untouched = model is not null && File.Exists(model.Path) ? $"; {model.Path} is untouched" : "";
            string when = options.Solver == SolverKind.Lbfgs ? "during full-batch L-BFGS, which has no epochs to keep" : "before the first epoch completed";
            string resume = request.ResumePath is { } from ? $" {from} still holds epoch {request.Resume!.Epoch}: {ResumeCommand(request, from)}" : "";
            context.Error.WriteLine($"Interrupted ({signals.SignalName}) {when}: nothing was written{untouched}.{resume}");
            return signals.ExitCode;
        }
        catch (TrainingDivergedException diverged)
        {
            context.Error.WriteLine($"error: {DivergenceMessage(diverged, request)}");
            return CliApp.BadInput;
        }

        double trainingSeconds = clock.Elapsed.TotalSeconds;
        bool saved = model is not null && Save(trained, model.Path, context);
        report.Summary(trained, request, trainingSeconds, total.Elapsed.TotalSeconds, saved, streamed: request.MemoryLimit is null ? null : streamed is not null);
        if (plot is { } figure && trained.Provenance!.History.Count > 0)
        {
            byte[] image = FigureFormats.Render(ClassifierFigures.LearningCurves(trained.Provenance, LogBase.Nats),
                FigureOptions.DefaultWidth, FigureOptions.DefaultHeight, figure.Format);
            figure.File.Write(stream => stream.Write(image));
            if (!request.Json)
            {
                context.Output.WriteLine($"Drew the learning curves to {request.Plot}.");
            }
        }
        if (trained.Provenance!.StopReason == StopReason.Canceled)
        {
            context.Error.WriteLine(InterruptedMessage(trained, request, report, signals, saved));
            return signals.ExitCode;
        }

        return model is null || saved ? CliApp.Success : CliApp.BadInput;
    }

    /// <summary>Checks of the command line that the library cannot make.</summary>
    private static void CheckFlags(TrainingRequest request)
    {
        if (request.Checkpoint is not null && request.Options.Solver == SolverKind.Lbfgs)
        {
            throw new UsageException("--checkpoint works with minibatch training; full-batch L-BFGS has no epochs to resume between. Drop --checkpoint or --solver lbfgs.");
        }

        if (request.Checkpoint is { } checkpoint && request.Output is { } model && SamePath(checkpoint, model))
        {
            throw new UsageException($"--checkpoint and --out are the same file '{model}'; give the checkpoint its own name, e.g. run.ckpt.safetensors.");
        }

        if (request.Plot is not null && request.Options.Solver == SolverKind.Lbfgs)
        {
            throw new UsageException("--plot draws the learning curves per epoch; full-batch L-BFGS has no epochs. Drop --plot or --solver lbfgs.");
        }

        if (request.Plot is { } plot && new[] { request.Output, request.Checkpoint }.OfType<string>().Any(other => SamePath(plot, other)))
        {
            throw new UsageException($"--plot '{plot}' is also the model or checkpoint file; give the figure its own name, e.g. curves.png.");
        }

        if (request.KeepLastGood && request.Output is null)
        {
            throw new UsageException("--keep-last-good saves beside --out; add --out model.safetensors.");
        }

        if (request.MemoryLimit is not null && !DataFiles.IsParquet(request.Data))
        {
            throw new UsageException(
                $"--memory-limit reads Parquet a row group at a time, and '{request.Data}' is not a .parquet file (or glob of them); convert the data to Parquet, or drop --memory-limit to load them whole.");
        }
    }

    /// <summary>Opens the Parquet data of --memory-limit, reading the label column once.</summary>
    private static StreamedDataset OpenStreamed(TrainingRequest request, CliContext context, CsvDatasetOptions columns)
    {
        if (string.IsNullOrWhiteSpace(request.Label))
        {
            throw new UsageException($"The Parquet data set '{request.Data}' needs the name of its label column; pass it with --label NAME.");
        }

        return TrainingReport.Load(context, request.Json, request.Data, () => StreamedDataset.Open(request.Data, columns));
    }

    /// <summary>Bytes in MB (10⁶ bytes), to one decimal.</summary>
    private static string Megabytes(long bytes) => FormattableString.Invariant($"{bytes / 1e6:0.0} MB");

    /// <summary>Checks --plot before any data is read: a .png or .svg file that can be written (not '-': standard output carries the report).</summary>
    private static (OutputFile File, FigureFormat Format)? PreparePlot(TrainingRequest request, string[] inputs)
    {
        if (request.Plot is not { } path) return null;
        if (path == "-")
        {
            throw new UsageException("--plot: '-' cannot receive the learning curves, because standard output carries the training report; give a file name ending in .png or .svg.");
        }

        if (!Vocabulary.FigureFormat.TryParse(Path.GetExtension(path).TrimStart('.'), out FigureFormat format))
        {
            throw new UsageException($"--plot {path}: the learning curves are drawn as PNG or SVG; give a file name ending in .png or .svg.");
        }

        return (OutputFile.Prepare(path, format == FigureFormat.Svg ? "SVG figure" : "PNG figure", "--plot", inputs: inputs), format);
    }

    /// <summary>The files training reads, which no output may overwrite.</summary>
    private static string[] Inputs(TrainingRequest request) =>
        new[] { request.Data, request.ResumePath }.OfType<string>().Where(File.Exists).ToArray();

    /// <summary>Saves the model; when the disk is full or the target cannot be written, saves it to a temporary file instead so the training is not lost.</summary>
    private static bool Save(ClassifierModel model, string path, CliContext context)
    {
        try
        {
            model.Save(path);
            return true;
        }
        catch (OutputFileException exception)
        {
            string rescue = Path.Combine(Path.GetTempPath(), $"likely-{Path.GetFileNameWithoutExtension(path)}-{Environment.ProcessId}.safetensors");
            try
            {
                model.Save(rescue);
                context.Error.WriteLine($"error: {exception.Message} The trained model was saved to {rescue} instead; move it where you want it.");
            }
            catch (OutputFileException second)
            {
                context.Error.WriteLine($"error: {exception.Message} Saving it to {rescue} failed too: {second.Message}");
            }

            return false;
        }
    }

    private static string DivergenceMessage(TrainingDivergedException diverged, TrainingRequest request)
    {
        string advice =
            $" The learning rate {NumberText.Format(diverged.LearningRate, 4)} is too large: try {OptionNames.Flag(nameof(ClassifierOptions.LearningRate))} " +
            $"{NumberText.Format(diverged.SuggestedLearningRate, 4)}, or clip the gradient norm with {OptionNames.Flag(nameof(ClassifierOptions.ClipNorm))} 1.";
        string kept = "";
        if (request.Output is { } output)
        {
            kept = File.Exists(output) ? $" {output} is untouched." : $" {output} was not written.";
            if (diverged.LastGoodModel is { } good && request.KeepLastGood)
            {
                string beside = Path.Combine(Path.GetDirectoryName(output) ?? "", Path.GetFileNameWithoutExtension(output) + ".last-good.safetensors");
                good.Save(beside);
                kept += $" Saved the model of epoch {good.Provenance!.BestEpoch} to {beside}.";
            }
            else if (diverged.LastGoodModel is not null)
            {
                kept += " Add --keep-last-good to save the last good epoch's model beside it.";
            }
        }

        return diverged.Diagnosis + advice + kept;
    }

    private static string InterruptedMessage(ClassifierModel model, TrainingRequest request, TrainingReport report, InterruptSignals signals, bool saved)
    {
        TrainingProvenance p = model.Provenance!;
        string what = saved ? $"saved the model of epoch {p.BestEpoch} to {request.Output}" : request.Output is null ? "the model was not saved (no --out)" : "the model could not be saved";
        // The newest checkpoint: this run's, or else the one it resumed from.
        (string? file, int epoch) = report.CheckpointEpoch > 0 ? (request.Checkpoint, report.CheckpointEpoch) : (request.ResumePath, request.Resume?.Epoch ?? 0);
        string resume = file is null
            ? ". No checkpoint was kept: add --checkpoint FILE to be able to resume."
            : $"; the checkpoint of epoch {epoch} is in {file}. {ResumeCommand(request, file)}";
        return $"Interrupted ({signals.SignalName}) after epoch {p.EpochsRun} of {p.Options.Epochs}: {what}{resume}";
    }

    /// <summary>"Resume with: likely train --resume …" with the data flags and outputs of this run.</summary>
    private static string ResumeCommand(TrainingRequest request, string checkpoint) =>
        $"Resume with: likely train --resume {Quote(checkpoint)} --data {Quote(request.Data)}" +
        (request.Label is { } label ? $" --label {Quote(label)}" : "") +
        (request.Features is { } features ? $" --features {Quote(string.Join(",", features))}" : "") +
        (request.Output is { } output ? $" --out {Quote(output)}" : "") +
        (request.Checkpoint is { } next ? $" --checkpoint {Quote(next)}" : "") +
        (request.MemoryLimit is { } limit ? $" --memory-limit {limit}B" : "");

    /// <summary>The line shown when the first minibatch is done (so that a bad option fails alone, on one line): what is trained on, and what Ctrl-C does.</summary>
    private static string StartLine(TrainingRequest request, int rowCount, int featureCount, int classCount, string streamed = "")
    {
        string rows = $"'{request.Data}': {NumberText.Count(rowCount)} rows, {NumberText.Count(featureCount)} features, {NumberText.Count(classCount)} classes{streamed}";
        const string interrupt = "Ctrl-C stops after the current minibatch and keeps the last completed epoch.";
        return request.Resume is { } from
            ? $"Resuming after epoch {from.Epoch} on {rows}. {interrupt}"
            : $"Training on {rows}. {interrupt}";
    }

    /// <summary>The start line of a streamed run: the data, and that they are streamed a window at a time.</summary>
    private static string StreamedStartLine(TrainingRequest request, StreamedDataset source) =>
        StartLine(request, source.RowCount, source.FeatureCount, source.ClassCount,
            $", streamed from {NumberText.Count(source.RowGroups.Count)} row groups ({Megabytes(source.EstimatedBytes)} of rows, at most {Megabytes(request.MemoryLimit!.Value)} in memory at a time)");

    private static bool SamePath(string a, string b) => Path.GetFullPath(a) == Path.GetFullPath(b);

    private static string Quote(string text) =>
        text.All(ch => char.IsLetterOrDigit(ch) || "-_./:=,".Contains(ch)) ? text : "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
