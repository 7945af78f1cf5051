using System.Globalization;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Training;
using Spectre.Console;

namespace Likely.Cli.Commands.Training;

/// <summary>
/// Progress and results of <c>likely train</c>: on a terminal (standard error), a live display — an overall bar with the
/// epoch, percentage and ETA, the epoch's running training cross-entropy, accuracy and rows/s, and a short line per
/// completed epoch, all fitted to the terminal's width (<see cref="TrainingProgressLines"/>); one line per epoch
/// otherwise; then a summary table on the output. With <c>--json</c>, one JSON object per epoch and a summary object.
/// With a checkpoint path it also writes the checkpoint after every epoch (see <see cref="Checkpointing"/>).
/// </summary>
internal class TrainingReport(CliContext context, bool json, int epochs, string? checkpointPath, string startLine)
    : IProgress<EpochReport>, IProgress<BatchProgress>
{
    private bool started;

    /// <summary>How often the live display is redrawn at most: a redraw per minibatch would cost more than small minibatches.</summary>
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);

    private readonly System.Diagnostics.Stopwatch clock = new();
    private IAnsiConsole? console;
    private LiveDisplayContext? display;
    private TimeSpan? lastRedraw;

    // The paces are measured from the first minibatch reported (of the run, of the epoch), not from the start: loading,
    // standardizing and validating before it are no part of a minibatch's cost.
    private (long Batch, TimeSpan Time)? runStart;
    private (int Epoch, long Rows, TimeSpan Time)? epochStart;
    private bool checkpointFailed;

    /// <summary>The epoch of the last checkpoint written, or 0.</summary>
    public int CheckpointEpoch { get; private set; }

    /// <summary>The report for a run: one that also receives checkpoints only when a checkpoint path is given, so the
    /// library makes them (copies of the weights and moments) only then.</summary>
    public static TrainingReport Create(CliContext context, bool json, int epochs, string? checkpointPath, string startLine) =>
        checkpointPath is null ? new TrainingReport(context, json, epochs, null, startLine) : new Checkpointing(context, json, epochs, checkpointPath, startLine);

    /// <summary>Runs <paramref name="load"/> with the status line <c>loading SPEC…</c> on standard error when it is a terminal
    /// (a few seconds for Fashion-MNIST); without a terminal, or with <c>--json</c>, it prints nothing.</summary>
    public static T Load<T>(CliContext context, bool json, string spec, Func<T> load)
    {
        IAnsiConsole? live = json ? null : CliConsole.Live(context);
        return live is null ? load() : live.Status().Start(Markup.Escape(TrainingProgressLines.Loading(spec)), _ => load());
    }

    /// <summary>Runs <paramref name="train"/>, inside a live progress display when standard error is a terminal.</summary>
    public ClassifierModel Track(Func<IProgress<EpochReport>, ClassifierModel> train)
    {
        IAnsiConsole? live = json ? null : CliConsole.Live(context);
        if (live is null)
        {
            return train(this);
        }

        try
        {
            console = live;
            clock.Start();
            // Cleared at the end: the completed epochs' lines stay above it, the summary follows them.
            return live.Live(new Text(TrainingProgressLines.Preparing))
                .AutoClear(true)
                .Overflow(VerticalOverflow.Ellipsis)
                .Start(ctx =>
                {
                    display = ctx;
                    ctx.Refresh(); // the Preparing line, until the first minibatch is done
                    return train(this);
                });
        }
        finally
        {
            // Spectre shows the cursor again when its display ends; say it once more in case the display was torn down by an exception.
            context.Error.Write(InterruptSignals.ShowCursor);
        }
    }

    /// <inheritdoc/>
    public void Report(BatchProgress value)
    {
        if (display is null)
        {
            // Without a live display, say once what is being trained and what Ctrl-C does.
            if (!started) context.Error.WriteLine(startLine);
            started = true;
            return;
        }

        TimeSpan now = clock.Elapsed;
        if (value.Batch < value.BatchesPerEpoch && lastRedraw is { } previous && now - previous < RedrawInterval)
        {
            return;
        }

        lastRedraw = now;
        Redraw(value, now);
    }

    /// <summary>Draws the bar over every epoch's minibatches (the ETA from this run's pace so far) and the running line.</summary>
    private void Redraw(BatchProgress value, TimeSpan now)
    {
        long total = (long)epochs * value.BatchesPerEpoch, done = (long)(value.Epoch - 1) * value.BatchesPerEpoch + value.Batch;
        // A resumed run starts part-way: its pace counts from its own first minibatch.
        (long firstBatch, TimeSpan runTime) = runStart ??= (done, now);
        if (epochStart is not { } e || e.Epoch != value.Epoch) epochStart = (value.Epoch, value.Rows, now);
        (_, long firstRows, TimeSpan epochTime) = epochStart.Value;
        double seconds = (now - runTime).TotalSeconds;
        TimeSpan? remaining = done > firstBatch && seconds > 0 ? TimeSpan.FromSeconds(seconds * (total - done) / (done - firstBatch)) : null;
        double epochSeconds = (now - epochTime).TotalSeconds;
        double rowsPerSecond = epochSeconds > 0 ? (value.Rows - firstRows) / epochSeconds : 0;

        int width = console!.Profile.Width;
        BarLine bar = TrainingProgressLines.Bar(width, value.Epoch, epochs, (double)done / total, remaining);
        // Done cells thick and green, cells to go thin and grey: the two differ without colour too.
        string barMarkup = bar.Filled + bar.Empty == 0
            ? Markup.Escape(bar.Label)
            : $"{Markup.Escape(bar.Label)} [green]{new string('━', bar.Filled)}[/][grey]{new string('─', bar.Empty)}[/] {Markup.Escape(bar.Status)}";
        string running = TrainingProgressLines.Running(width, value, rowsPerSecond);
        display!.UpdateTarget(new Rows(new Markup(barMarkup) { Overflow = Overflow.Crop }, new Text(running) { Overflow = Overflow.Crop }));
    }

    /// <inheritdoc/>
    public void Report(EpochReport report)
    {
        if (json)
        {
            JsonOutput.Write(context.Output, EpochResult.Of(report), CliJson.Default.EpochResult);
            return;
        }

        if (console is not null)
        {
            // Above the live bar, and short enough not to wrap (also with validation).
            console.Write(new Text(TrainingProgressLines.Epoch(console.Profile.Width, report) + "\n") { Overflow = Overflow.Crop });
        }
        else
        {
            context.Error.WriteLine(EpochLine(report));
        }
    }

    /// <summary>Writes the checkpoint atomically; a failure is reported once and training goes on.</summary>
    private void WriteCheckpoint(TrainingCheckpoint checkpoint)
    {
        if (checkpointPath is null) return;
        try
        {
            checkpoint.Save(checkpointPath);
            CheckpointEpoch = checkpoint.Epoch;
        }
        catch (OutputFileException exception) when (!checkpointFailed)
        {
            checkpointFailed = true;
            context.Error.WriteLine($"warning: {exception.Message} Training goes on; the model is still saved to --out at the end.");
        }
        catch (OutputFileException)
        {
            // Already reported once.
        }
    }

    /// <summary>Prints the summary: a table of epochs and the final metrics, or one JSON object.</summary>
    /// <param name="streamed">With --memory-limit: whether the data were streamed; null without it.</param>
    public void Summary(ClassifierModel model, TrainingRequest request, double trainingSeconds, double totalSeconds, bool saved, bool? streamed = null)
    {
        TrainingProvenance p = model.Provenance!;
        if (json)
        {
            JsonOutput.Write(context.Output, SummaryResult(model, request, trainingSeconds, totalSeconds, saved) with { Streamed = streamed }, CliJson.Default.TrainingSummaryResult);
            return;
        }

        if (p.History.Count > 0)
        {
            var table = CliConsole.Table(
                "epoch", "train cross-entropy (nats)", "train accuracy", "val cross-entropy (nats)", "val accuracy", "learning rate", "seconds", "rows/s")
                .Title("Training by minimizing cross-entropy");
            foreach (EpochReport r in p.History)
            {
                CliConsole.AddRow(table,
                    r.Epoch.ToString(CultureInfo.InvariantCulture), Metric(r.Training.CrossEntropy), Metric(r.Training.Accuracy),
                    r.Validation is null ? "-" : Metric(r.Validation.CrossEntropy), r.Validation is null ? "-" : Metric(r.Validation.Accuracy),
                    NumberText.Format(r.LearningRate, 3), Seconds(r.Seconds), NumberText.Count((long)Math.Round(r.RowsPerSecond)));
            }

            CliConsole.Write(context.Output, table);
        }

        context.Output.WriteLine($"{model}: {NumberText.Count(model.Network.ParameterCount)} parameters");
        var final = CliConsole.Table("data", "rows", "cross-entropy (nats)", "cross-entropy (bits)", "perplexity", "accuracy", $"top-{p.Options.TopK} accuracy");
        if (p.FinalTraining is { } training) AddMetricsRow(final, "training", p.TrainingRows, training);
        if (p.FinalValidation is { } validation) AddMetricsRow(final, "validation", p.ValidationRows, validation);
        CliConsole.Write(context.Output, final);

        if (p.LbfgsIterations is { } iterations)
        {
            string stopped = p.StopReason == StopReason.Converged ? "converged" : "not converged: iteration limit";
            context.Output.WriteLine($"L-BFGS: {NumberText.Count(iterations)} iterations, objective {NumberText.Format(p.LbfgsObjective ?? double.NaN)} ({stopped})");
        }

        if (p.StopReason == StopReason.EarlyStopping)
        {
            context.Output.WriteLine($"Stopped early after epoch {p.EpochsRun}; kept the weights of epoch {p.BestEpoch} (lowest validation cross-entropy).");
        }

        context.Output.WriteLine($"Trained in {Seconds(trainingSeconds)} s ({Seconds(totalSeconds)} s in all)." +
            (saved ? $" Saved the model to {request.Output}." : request.Output is null ? " The model was not saved (add --out model.safetensors)." : ""));
    }

    /// <summary>The summary object of <c>--json</c>; optimizer, epochs and best epoch are left out for L-BFGS, which has none.</summary>
    private TrainingSummaryResult SummaryResult(ClassifierModel model, TrainingRequest request, double trainingSeconds, double totalSeconds, bool saved)
    {
        TrainingProvenance p = model.Provenance!;
        bool lbfgs = p.Options.Solver == SolverKind.Lbfgs;
        return new TrainingSummaryResult(
            Type: "summary",
            Model: model.ToString(),
            Parameters: model.Network.ParameterCount,
            Solver: Vocabulary.Solver.NameOf(p.Options.Solver),
            Optimizer: lbfgs ? null : Vocabulary.Optimizer.NameOf(p.Options.Optimizer),
            TrainingRows: p.TrainingRows,
            ValidationRows: p.ValidationRows,
            Epochs: lbfgs ? null : p.EpochsRun,
            BestEpoch: lbfgs ? null : p.BestEpoch,
            StoppedEarly: p.StopReason == StopReason.EarlyStopping,
            StopReason: Vocabulary.StopReason.NameOf(p.StopReason),
            LbfgsIterations: p.LbfgsIterations,
            LbfgsConverged: p.LbfgsIterations is null ? null : p.StopReason == StopReason.Converged,
            LbfgsObjective: p.LbfgsObjective,
            Training: p.FinalTraining is { } t ? MetricsResult.Of(t, p.TrainingRows) : null,
            Validation: p.FinalValidation is { } v ? MetricsResult.Of(v, p.ValidationRows) : null,
            TrainingSeconds: trainingSeconds,
            TotalSeconds: totalSeconds,
            Output: saved ? request.Output : null,
            Checkpoint: CheckpointEpoch > 0 ? request.Checkpoint : null,
            DataFingerprint: p.DataFingerprint);
    }

    private static void AddMetricsRow(Spectre.Console.Table table, string name, int rows, EpochMetrics m) =>
        CliConsole.AddRow(table, name, NumberText.Count(rows), Metric(m.CrossEntropy), Metric(m.CrossEntropyBits),
            Metric(m.Perplexity), Metric(m.Accuracy), Metric(m.TopKAccuracy));

    private static string EpochLine(EpochReport r) =>
        $"epoch {r.Epoch}: training cross-entropy {Metric(r.Training.CrossEntropy)} nats, accuracy {Metric(r.Training.Accuracy)}" +
        (r.Validation is { } v ? $"; validation cross-entropy {Metric(v.CrossEntropy)} nats, accuracy {Metric(v.Accuracy)}" : "") +
        $"; {Seconds(r.Seconds)} s, {NumberText.Count((long)Math.Round(r.RowsPerSecond))} rows/s";

    private static string Metric(double value) => EvaluationReport.Metric(value);

    /// <summary>Seconds to three significant digits: 0.123, 12.3, 123.</summary>
    private static string Seconds(double value) => NumberText.Format(value, 3);

    /// <summary>The report of a run with <c>--checkpoint</c>: it also receives the checkpoint after every epoch.</summary>
    private sealed class Checkpointing(CliContext context, bool json, int epochs, string checkpointPath, string startLine)
        : TrainingReport(context, json, epochs, checkpointPath, startLine), IProgress<TrainingCheckpoint>
    {
        /// <inheritdoc/>
        public void Report(TrainingCheckpoint value) => WriteCheckpoint(value);
    }
}
