using Likely.Cli.Commands.Training;
using Likely.Training;

namespace Likely.Tests.Cli;

/// <summary>The live display's lines of <c>likely train</c>: hand-written expected text, and no line that wraps at 80 columns.</summary>
public sealed class TrainingProgressLinesTests
{
    [Fact]
    public void Bar_80Columns_LabelFortyCellsPercentAndEta()
    {
        BarLine bar = TrainingProgressLines.Bar(80, 3, 10, 0.25, TimeSpan.FromSeconds(61.2));
        // 25% of 40 cells = 10 done; ETA rounds up to whole seconds: 61.2 s → 1:02.
        Assert.Equal("epoch 3/10", bar.Label);
        Assert.Equal((10, 30), (bar.Filled, bar.Empty));
        Assert.Equal(" 25% ETA 1:02", bar.Status);
        Assert.Equal("epoch 3/10 ━━━━━━━━━━──────────────────────────────  25% ETA 1:02", bar.Text);
    }

    [Fact]
    public void Bar_NarrowTerminal_BarShrinksThenGoes()
    {
        BarLine narrow = TrainingProgressLines.Bar(50, 12, 100, 0.5, TimeSpan.FromHours(1.5));
        Assert.Equal("epoch 12/100 ━━━━━━━━━━─────────  50% ETA 1:30:00", narrow.Text);
        Assert.True(narrow.Text.Length <= 49);
        BarLine none = TrainingProgressLines.Bar(20, 12, 100, 0.5, null); // 20 − 1 − 12 − 4 − 2 = 1 cell: no bar
        Assert.Equal("epoch 12/100  50%", none.Text);
    }

    [Theory]
    [InlineData(0.0, "0:00")]
    [InlineData(59.01, "1:00")]
    [InlineData(3599, "59:59")]
    [InlineData(3600, "1:00:00")]
    [InlineData(86399, "23:59:59")]
    public void Duration_Seconds_MinutesOrHours(double seconds, string expected) =>
        Assert.Equal(expected, TrainingProgressLines.Duration(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Epoch_WithValidation_FitsIn80Columns()
    {
        var report = new EpochReport(10, new EpochMetrics(0.45678, 0.84123, 0.99), new EpochMetrics(0.47101, 0.83333, 0.98), 1e-3, 123.4, 45_678);
        string line = TrainingProgressLines.Epoch(80, report);
        Assert.Equal("epoch 10: train 0.4568 nats, acc 0.8412; val 0.4710 nats, acc 0.8333; 123 s", line);
        Assert.True(line.Length <= 79);
    }

    [Fact]
    public void Running_80Columns_CrossEntropyAccuracyRowsPerSecond()
    {
        var progress = new BatchProgress(2, 100, 469, 0.3, 12_800, 0.36171, 0.87203);
        string line = TrainingProgressLines.Running(80, progress, 1_234_567.4);
        Assert.Equal("  this epoch: cross-entropy 0.3617 nats, accuracy 0.8720, 1,234,567 rows/s", line);
        Assert.True(line.Length <= 79);
    }

    [Fact]
    public void Lines_NarrowTerminal_CroppedWithEllipsis()
    {
        var report = new EpochReport(1, new EpochMetrics(0.5, 0.8, 0.9), new EpochMetrics(0.6, 0.7, 0.9), 1e-3, 1.5, 1000);
        string line = TrainingProgressLines.Epoch(40, report);
        Assert.Equal(39, line.Length);
        Assert.EndsWith("…", line, StringComparison.Ordinal);
        Assert.StartsWith("epoch 1: train 0.5000 nats, acc 0.8000", line, StringComparison.Ordinal);
    }
}
