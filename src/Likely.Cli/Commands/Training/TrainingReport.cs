using System.Globalization;
using System.Text.Json;
using Likely.Cli.Options;
using Likely.Data;
using Likely.Training;
using Spectre.Console;

namespace Likely.Cli.Commands.Training;

/// <summary>
/// Progress and results of <c>likely train</c>: a live progress bar per epoch on a terminal (standard error), one line per
/// epoch otherwise, then a summary table on the output; with <c>--json</c>, one JSON object per epoch and a summary
/// object. With a checkpoint path it also writes the checkpoint after every epoch (see <see cref="Checkpointing"/>).
/// </summary>
internal class TrainingReport(CliContext context, bool json, int epochs, string? checkpointPath, string startLine)
    : IProgress<EpochReport>, IProgress<BatchProgress>
{
    private bool started;
    private static JsonSerializerOptions JsonOptions => EvaluationReport.JsonOptions;

    private ProgressTask? task;
    private ProgressContext? progress;
    private bool checkpointFailed;

    /// <summary>The epoch of the last checkpoint written, or 0.</summary>
    public int CheckpointEpoch { get; private set; }

    /// <summary>The report for a run: one that also receives checkpoints only when a checkpoint path is given, so the
    /// library makes them (copies of the weights and moments) only then.</summary>
    public static TrainingReport Create(CliContext context, bool json, int epochs, string? checkpointPath, string startLine) =>
        checkpointPath is null ? new TrainingReport(context, json, epochs, null, startLine) : new Checkpointing(context, json, epochs, checkpointPath, startLine);

    /// <summary>Runs <paramref name="train"/>, inside a live progress display when standard error is a terminal.</summary>
    public ClassifierModel Track(Func<IProgress<EpochReport>, ClassifierModel> train)
    {
        IAnsiConsole? live = json ? null : ConsoleFactory.Live(context);
        if (live is null)
        {
            return train(this);
        }

        try
        {
            return live.Progress()
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .Start(ctx =>
                {
                    progress = ctx;
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
        if (progress is null)
        {
            // Without a live display, say once what is being trained and what Ctrl-C does.
            if (!started) context.Error.WriteLine(startLine);
            started = true;
            return;
        }

        task ??= progress.AddTask($"epoch {value.Epoch}/{epochs}", maxValue: value.BatchesPerEpoch);
        task.Value = value.Batch;
    }

    /// <inheritdoc/>
    public void Report(EpochReport report)
    {
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                type = "epoch",
                epoch = report.Epoch,
                training = Metrics(report.Training, null),
                validation = report.Validation is null ? null : Metrics(report.Validation, null),
                learningRate = report.LearningRate,
                seconds = report.Seconds,
                rowsPerSecond = report.RowsPerSecond,
            }, JsonOptions));
            return;
        }

        string line = EpochLine(report);
        if (task is not null)
        {
            task.Description = line;
            task.StopTask();
            task = null;
        }
        else
        {
            context.Error.WriteLine(line);
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
    public void Summary(ClassifierModel model, TrainingRequest request, double trainingSeconds, double totalSeconds, bool saved)
    {
        TrainingProvenance p = model.Provenance!;
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                type = "summary",
                model = model.ToString(),
                parameters = model.Network.ParameterCount,
                solver = p.Options.Solver == SolverKind.Lbfgs ? "lbfgs" : OptionNames.Kebab(p.Options.Optimizer.ToString()),
                trainingRows = p.TrainingRows,
                validationRows = p.ValidationRows,
                epochs = p.Options.Solver == SolverKind.Lbfgs ? (int?)null : p.EpochsRun,
                bestEpoch = p.Options.Solver == SolverKind.Lbfgs ? (int?)null : p.BestEpoch,
                stoppedEarly = p.StopReason == StopReason.EarlyStopping,
                stopReason = OptionNames.Kebab(p.StopReason.ToString()),
                lbfgsIterations = p.LbfgsIterations,
                lbfgsConverged = p.LbfgsIterations is null ? (bool?)null : p.StopReason == StopReason.Converged,
                lbfgsObjective = p.LbfgsObjective,
                training = p.FinalTraining is { } t ? Metrics(t, p.TrainingRows) : null,
                validation = p.FinalValidation is { } v ? Metrics(v, p.ValidationRows) : null,
                trainingSeconds,
                totalSeconds,
                output = saved ? request.Output : null,
                checkpoint = CheckpointEpoch > 0 ? request.Checkpoint : null,
                dataFingerprint = p.DataFingerprint,
            }, JsonOptions));
            return;
        }

        IAnsiConsole console = ConsoleFactory.Plain(context.Output);
        if (p.History.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("Training by minimizing cross-entropy");
            table.AddColumns("epoch", "train CE (nats)", "train acc", "val CE (nats)", "val acc", "lr", "seconds", "rows/s");
            foreach (EpochReport r in p.History)
            {
                table.AddRow(
                    r.Epoch.ToString(CultureInfo.InvariantCulture), F(r.Training.CrossEntropy), F(r.Training.Accuracy),
                    r.Validation is null ? "-" : F(r.Validation.CrossEntropy), r.Validation is null ? "-" : F(r.Validation.Accuracy),
                    r.LearningRate.ToString("G3", CultureInfo.InvariantCulture), r.Seconds.ToString("F2", CultureInfo.InvariantCulture),
                    r.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        context.Output.WriteLine(FormattableString.Invariant($"{model}: {model.Network.ParameterCount:N0} parameters"));
        var final = new Table().Border(TableBorder.Simple);
        final.AddColumns("data", "rows", "CE (nats)", "CE (bits)", "perplexity", "accuracy", $"top-{p.Options.TopK} acc");
        if (p.FinalTraining is { } training) AddMetricsRow(final, "training", p.TrainingRows, training);
        if (p.FinalValidation is { } validation) AddMetricsRow(final, "validation", p.ValidationRows, validation);
        console.Write(final);

        if (p.LbfgsIterations is { } iterations)
        {
            context.Output.WriteLine(FormattableString.Invariant(
                $"L-BFGS: {iterations} iterations, objective {p.LbfgsObjective:G10} ({(p.StopReason == StopReason.Converged ? "converged" : "not converged: iteration limit")})"));
        }

        if (p.StopReason == StopReason.EarlyStopping)
        {
            context.Output.WriteLine($"Stopped early after epoch {p.EpochsRun}; kept the weights of epoch {p.BestEpoch} (lowest validation cross-entropy).");
        }

        context.Output.WriteLine(FormattableString.Invariant($"Trained in {trainingSeconds:F2} s ({totalSeconds:F2} s in all).") +
            (saved ? $" Saved the model to {request.Output}." : request.Output is null ? " The model was not saved (add --out model.safetensors)." : ""));
    }

    private static void AddMetricsRow(Table table, string name, int rows, EpochMetrics m) =>
        table.AddRow(name, rows.ToString("N0", CultureInfo.InvariantCulture), F(m.CrossEntropy), F(m.CrossEntropyBits),
            F(m.Perplexity), F(m.Accuracy), F(m.TopKAccuracy));

    private static string EpochLine(EpochReport r) =>
        FormattableString.Invariant($"epoch {r.Epoch}: train CE {r.Training.CrossEntropy:F4} nats, acc {r.Training.Accuracy:F4}") +
        (r.Validation is { } v ? FormattableString.Invariant($"; validation CE {v.CrossEntropy:F4} nats, acc {v.Accuracy:F4}") : "") +
        FormattableString.Invariant($"; {r.Seconds:F2} s, {r.RowsPerSecond:N0} rows/s");

    private static object Metrics(EpochMetrics m, int? rows) => new
    {
        rows,
        crossEntropyNats = m.CrossEntropy,
        crossEntropyBits = m.CrossEntropyBits,
        perplexity = m.Perplexity,
        accuracy = m.Accuracy,
        topKAccuracy = m.TopKAccuracy,
    };

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);

    /// <summary>The report of a run with <c>--checkpoint</c>: it also receives the checkpoint after every epoch.</summary>
    private sealed class Checkpointing(CliContext context, bool json, int epochs, string checkpointPath, string startLine)
        : TrainingReport(context, json, epochs, checkpointPath, startLine), IProgress<TrainingCheckpoint>
    {
        /// <inheritdoc/>
        public void Report(TrainingCheckpoint value) => WriteCheckpoint(value);
    }
}
