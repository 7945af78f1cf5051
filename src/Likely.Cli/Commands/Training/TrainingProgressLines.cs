using Likely.Cli.Output;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>
/// The text of <c>likely train</c>'s live display on a terminal, fitted to its width so that no line wraps: an overall
/// bar over every epoch's minibatches with the epoch, percentage and ETA; the epoch's running training cross-entropy,
/// accuracy and throughput; a short line per completed epoch; and the status while data load. (Without a terminal the
/// report prints <see cref="TrainingReport"/>'s plain lines instead.)
/// </summary>
internal static class TrainingProgressLines
{
    /// <summary>The widest bar drawn; narrower where the terminal is.</summary>
    private const int MaxBar = 40;

    /// <summary>What the display shows between loading and the first minibatch (standardizing, splitting, shuffling).</summary>
    public const string Preparing = "preparing the first epoch…";

    /// <summary>The status shown while <paramref name="spec"/> loads, e.g. <c>loading fashion-mnist:train…</c>.</summary>
    public static string Loading(string spec) => $"loading {spec}…";

    /// <summary>The bar line: <c>epoch 3/10 ━━━━━━━───── 42% ETA 0:31</c>, at most <paramref name="width"/> − 1 columns
    /// (the last column is left free: some terminals wrap a line that fills it).</summary>
    /// <param name="width">The terminal's columns.</param>
    /// <param name="epoch">The epoch under way (one-based).</param>
    /// <param name="epochs">The epochs of the run.</param>
    /// <param name="fraction">The fraction of the run's minibatches done, in [0, 1].</param>
    /// <param name="remaining">The estimated time left, or null before it can be estimated.</param>
    public static BarLine Bar(int width, int epoch, int epochs, double fraction, TimeSpan? remaining)
    {
        fraction = Math.Clamp(fraction, 0, 1);
        string label = $"epoch {epoch}/{epochs}";
        string status = $"{(int)Math.Floor(fraction * 100),3}%" + (remaining is { } left ? $" ETA {Duration(left)}" : "");
        int bar = Math.Min(MaxBar, width - 1 - label.Length - status.Length - 2);
        if (bar < 5)
        {
            return new BarLine(Crop($"{label} {status}", width), 0, 0, "");
        }

        int filled = (int)Math.Round(fraction * bar);
        return new BarLine(label, filled, bar - filled, status);
    }

    /// <summary>The running line: <c>  cross-entropy 0.4521 nats, accuracy 0.8412, 12,345 rows/s</c> (this epoch so far), cropped to the width.</summary>
    public static string Running(int width, BatchProgress progress, double rowsPerSecond) =>
        Crop($"  this epoch: cross-entropy {EvaluationReport.Metric(progress.CrossEntropy)} nats, accuracy {EvaluationReport.Metric(progress.Accuracy)}, " +
             $"{NumberText.Count((long)Math.Round(rowsPerSecond))} rows/s", width);

    /// <summary>A completed epoch in one short line, e.g. <c>epoch 3: train 0.4521 nats, acc 0.8412; val 0.4710 nats, acc 0.8333; 3.12 s</c>
    /// (cross-entropies in nats; the summary table after training has every column), cropped to the width.</summary>
    public static string Epoch(int width, EpochReport report) =>
        Crop($"epoch {report.Epoch}: train {EvaluationReport.Metric(report.Training.CrossEntropy)} nats, acc {EvaluationReport.Metric(report.Training.Accuracy)}" +
             (report.Validation is { } v ? $"; val {EvaluationReport.Metric(v.CrossEntropy)} nats, acc {EvaluationReport.Metric(v.Accuracy)}" : "") +
             $"; {NumberText.Format(report.Seconds, 3)} s", width);

    /// <summary>A duration as m:ss, or h:mm:ss from an hour on.</summary>
    public static string Duration(TimeSpan time)
    {
        long seconds = (long)Math.Ceiling(Math.Max(0, time.TotalSeconds));
        return seconds >= 3600
            ? $"{seconds / 3600}:{seconds / 60 % 60:00}:{seconds % 60:00}"
            : $"{seconds / 60}:{seconds % 60:00}";
    }

    /// <summary>The text cut to <paramref name="width"/> − 1 columns, ending in … where it was cut.</summary>
    private static string Crop(string text, int width)
    {
        int room = Math.Max(1, width - 1);
        return text.Length <= room ? text : text[..(room - 1)] + "…";
    }
}

/// <summary>The bar line in its parts, so the display can colour the bar: <c>Label</c>, a space, <c>Filled</c> done cells,
/// <c>Empty</c> cells to go, a space, <c>Status</c>.</summary>
/// <param name="Label">E.g. <c>epoch 3/10</c>.</param>
/// <param name="Filled">Bar cells done.</param>
/// <param name="Empty">Bar cells to go.</param>
/// <param name="Status">E.g. <c> 42% ETA 0:31</c>.</param>
internal readonly record struct BarLine(string Label, int Filled, int Empty, string Status)
{
    /// <summary>The line as plain text (━ done, ─ to go).</summary>
    public string Text => Filled + Empty == 0 ? Label : $"{Label} {new string('━', Filled)}{new string('─', Empty)} {Status}";
}
