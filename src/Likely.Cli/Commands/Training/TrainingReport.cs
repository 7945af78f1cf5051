using System.Globalization;
using System.Text.Json;
using Likely.Evaluation;
using Likely.Training;
using Spectre.Console;

namespace Likely.Cli.Commands.Training;

/// <summary>
/// Progress and results of <c>likely train</c>: a live progress bar per epoch on a terminal (standard error), one line per
/// epoch otherwise, then a summary table on the output; with <c>--json</c>, one JSON object per epoch and a summary object.
/// </summary>
internal sealed class TrainingReport(CliContext context, bool json, int epochs)
{
    private static JsonSerializerOptions JsonOptions => EvaluationReport.JsonOptions;

    private readonly List<EpochReport> epochReports = [];
    private ProgressTask? task;
    private ProgressContext? progress;
    private int epoch = 1;

    /// <summary>Runs <paramref name="train"/>, inside a live progress display when standard error is a terminal.</summary>
    public TrainingResult Track(Func<Trainer, TrainingResult> train, Trainer trainer)
    {
        IAnsiConsole? live = json ? null : ConsoleFactory.Live(context);
        if (live is null)
        {
            return train(trainer);
        }

        return live.Progress()
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .Start(ctx =>
            {
                progress = ctx;
                return train(trainer);
            });
    }

    /// <summary>Called after each optimizer step.</summary>
    public void BatchCompleted(int step, int steps)
    {
        if (progress is null) return;
        task ??= progress.AddTask($"epoch {epoch}/{epochs}", maxValue: steps);
        task.Value = step;
    }

    /// <summary>Called after each epoch.</summary>
    public void EpochCompleted(EpochReport report)
    {
        epochReports.Add(report);
        epoch = report.Epoch + 1;
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                type = "epoch",
                epoch = report.Epoch,
                training = Metrics(report.Training),
                validation = report.Validation is null ? null : Metrics(report.Validation),
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

    /// <summary>Prints the summary: a table of epochs and the final metrics, or one JSON object.</summary>
    public void Summary(TrainingSummary summary)
    {
        if (json)
        {
            context.Output.WriteLine(JsonSerializer.Serialize(new
            {
                type = "summary",
                model = summary.Network.ToString(),
                parameters = summary.Network.ParameterCount,
                solver = summary.Settings.Lbfgs ? "lbfgs" : OptionParsing.Kebab(summary.Settings.Options.Optimizer.ToString()),
                trainingRows = summary.TrainingRows,
                validationRows = summary.ValidationRows,
                epochs = summary.Result?.History.Count,
                bestEpoch = summary.Result?.BestEpoch,
                stoppedEarly = summary.Result?.StoppedEarly,
                lbfgsIterations = summary.Fit?.Iterations,
                lbfgsConverged = summary.Fit?.Converged,
                lbfgsObjective = summary.Fit?.Value,
                training = Metrics(summary.Training),
                validation = summary.Validation is null ? null : Metrics(summary.Validation),
                trainingSeconds = summary.TrainingSeconds,
                totalSeconds = summary.TotalSeconds,
                output = summary.Settings.Output,
            }, JsonOptions));
            return;
        }

        IAnsiConsole console = ConsoleFactory.Plain(context.Output);
        if (epochReports.Count > 0)
        {
            var table = new Table().Border(TableBorder.Simple).Title("Training by minimizing cross-entropy");
            table.AddColumns("epoch", "train CE (nats)", "train acc", "val CE (nats)", "val acc", "lr", "seconds", "rows/s");
            foreach (EpochReport r in epochReports)
            {
                table.AddRow(
                    r.Epoch.ToString(CultureInfo.InvariantCulture), F(r.Training.MeanCrossEntropy), F(r.Training.Accuracy),
                    r.Validation is null ? "-" : F(r.Validation.MeanCrossEntropy), r.Validation is null ? "-" : F(r.Validation.Accuracy),
                    r.LearningRate.ToString("G3", CultureInfo.InvariantCulture), r.Seconds.ToString("F2", CultureInfo.InvariantCulture),
                    r.RowsPerSecond.ToString("N0", CultureInfo.InvariantCulture));
            }

            console.Write(table);
        }

        context.Output.WriteLine(FormattableString.Invariant($"{summary.Network}: {summary.Network.ParameterCount:N0} parameters"));
        var final = new Table().Border(TableBorder.Simple);
        final.AddColumns("data", "rows", "CE (nats)", "CE (bits)", "perplexity", "accuracy", $"top-{summary.Training.TopK} acc");
        AddMetricsRow(final, "training", summary.Training);
        if (summary.Validation is { } validation) AddMetricsRow(final, "validation", validation);
        console.Write(final);

        if (summary.Fit is { } fit)
        {
            context.Output.WriteLine($"L-BFGS: {fit.Iterations} iterations, {fit.Evaluations} evaluations, objective {fit.Value:G10} ({(fit.Converged ? "converged" : "not converged")}: {fit.Message})");
        }

        if (summary.Result is { StoppedEarly: true } result)
        {
            context.Output.WriteLine($"Stopped early after epoch {result.History.Count}; kept the weights of epoch {result.BestEpoch} (lowest validation cross-entropy).");
        }

        context.Output.WriteLine(FormattableString.Invariant($"Trained in {summary.TrainingSeconds:F2} s ({summary.TotalSeconds:F2} s in all).") +
            (summary.Settings.Output is { } path ? $" Saved the model to {path}." : " The model was not saved (add --out model.safetensors)."));
    }

    private static void AddMetricsRow(Table table, string name, ClassificationMetrics m) =>
        table.AddRow(name, m.RowCount.ToString("N0", CultureInfo.InvariantCulture), F(m.MeanCrossEntropy), F(m.MeanCrossEntropyBits),
            F(m.Perplexity), F(m.Accuracy), F(m.TopKAccuracy));

    private static string EpochLine(EpochReport r) =>
        FormattableString.Invariant($"epoch {r.Epoch}: train CE {r.Training.MeanCrossEntropy:F4} nats, acc {r.Training.Accuracy:F4}") +
        (r.Validation is { } v ? FormattableString.Invariant($"; validation CE {v.MeanCrossEntropy:F4} nats, acc {v.Accuracy:F4}") : "") +
        FormattableString.Invariant($"; {r.Seconds:F2} s, {r.RowsPerSecond:N0} rows/s");

    private static object Metrics(EpochMetrics m) => new
    {
        crossEntropyNats = m.MeanCrossEntropy,
        crossEntropyBits = m.MeanCrossEntropyBits,
        perplexity = m.Perplexity,
        accuracy = m.Accuracy,
        topKAccuracy = m.TopKAccuracy,
    };

    private static object Metrics(ClassificationMetrics m) => new
    {
        rows = m.RowCount,
        crossEntropyNats = m.MeanCrossEntropy,
        crossEntropyBits = m.MeanCrossEntropyBits,
        perplexity = m.Perplexity,
        accuracy = m.Accuracy,
        topKAccuracy = m.TopKAccuracy,
        topK = m.TopK,
    };

    private static string F(double value) => value.ToString("F4", CultureInfo.InvariantCulture);
}
