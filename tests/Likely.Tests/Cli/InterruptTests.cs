using System.Diagnostics;
using Likely.Tests.Data;
using Likely.Training;

namespace Likely.Tests.Cli;

/// <summary>
/// End to end: a real <c>likely train</c> process receives SIGINT or SIGTERM after its first epoch. The expected
/// behaviour is the issue's: exit 130/143, one line naming what was saved and how to resume, a model file of the last
/// completed epoch, and — on a terminal — the cursor shown again after the progress display hid it.
/// </summary>
public sealed class InterruptTests : IDisposable
{
    private const string HideCursor = "\u001b[?25l", ShowCursor = "\u001b[?25h";
    private readonly string folder = Directory.CreateTempSubdirectory("likely-interrupt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static string Cli => Path.Combine(AppContext.BaseDirectory, "Likely.Cli.dll");

    [Theory]
    [InlineData("INT", 130, "SIGINT")]
    [InlineData("TERM", 143, "SIGTERM")]
    public void Train_SignalAfterFirstEpoch_SavesLastEpochAndPrintsResumeCommand(string signal, int expectedStatus, string name)
    {
        string model = Path.Combine(folder, "m.safetensors"), checkpoint = Path.Combine(folder, "run.ckpt");
        using Process process = Start("dotnet", Cli, "train", "--data", "digits", "--hidden-widths", "256,256", "--batch-size", "8", "--epochs", "500",
            "--out", model, "--checkpoint", checkpoint);
        WaitFor(() => File.Exists(checkpoint), process);
        Signal(process.Id, signal);
        Assert.True(process.WaitForExit(60_000), "the process did not stop within a minute of the signal");
        process.WaitForExit(); // flushes the asynchronous readers
        string error = Errors;

        Assert.Equal(expectedStatus, process.ExitCode);
        string line = error.Split('\n').Single(l => l.StartsWith($"Interrupted ({name}) after epoch ", StringComparison.Ordinal));
        Assert.EndsWith($"Resume with: likely train --resume {checkpoint} --data digits --out {model} --checkpoint {checkpoint}", line);
        ClassifierModel saved = ClassifierModel.Load(model);
        Assert.Equal(StopReason.Canceled, saved.Provenance!.StopReason);
        Assert.True(saved.Provenance.EpochsRun >= 1);
        Assert.Equal(TrainingCheckpoint.Load(checkpoint).Epoch, saved.Provenance.EpochsRun);
        Assert.Empty(Directory.GetFiles(folder, ".*.tmp"));
    }

    [LinuxToolFact("script")]
    public void Train_SigintOnTerminal_RestoresCursor()
    {
        // `script` gives the process a pseudo-terminal, so the live progress display runs and hides the cursor.
        string model = Path.Combine(folder, "t.safetensors"), checkpoint = Path.Combine(folder, "t.ckpt"), log = Path.Combine(folder, "terminal.log");
        string command = $"exec dotnet '{Cli}' train --data digits --hidden-widths 256,256 --batch-size 8 --epochs 500 --out '{model}' --checkpoint '{checkpoint}'";
        using Process script = Start("script", "-qfec", command, log);
        WaitFor(() => File.Exists(checkpoint), script);
        int child = ChildOf(script.Id);
        Signal(child, "INT");
        Assert.True(script.WaitForExit(60_000), "the process did not stop within a minute of the signal");

        string terminal = File.ReadAllText(log);
        Assert.Equal(130, script.ExitCode);
        Assert.Contains(HideCursor, terminal);
        Assert.True(terminal.LastIndexOf(ShowCursor, StringComparison.Ordinal) > terminal.LastIndexOf(HideCursor, StringComparison.Ordinal),
            "the cursor is still hidden after the program ended");
        Assert.Contains("Interrupted (SIGINT) after epoch ", terminal);
        Assert.True(File.Exists(model));
    }

    [Fact]
    public void Train_SigintBeforeFirstEpoch_WritesNothingAndKeepsExistingModel()
    {
        string model = Path.Combine(folder, "keep.safetensors");
        byte[] before = "an existing file the user cares about"u8.ToArray();
        File.WriteAllBytes(model, before);
        // A network wide enough that its first epoch takes seconds: the signal arrives while it runs.
        using Process process = Start("dotnet", Cli, "train", "--data", "digits", "--hidden-widths", "4096,4096", "--batch-size", "1", "--epochs", "3", "--out", model);
        // The start line is printed once the signal handlers are in place; the first epoch then takes far longer than a second.
        WaitFor(() => Errors.Contains("Training on 'digits'", StringComparison.Ordinal), process);
        Thread.Sleep(1000);
        Signal(process.Id, "INT");
        Assert.True(process.WaitForExit(60_000));
        process.WaitForExit();
        string error = Errors;

        Assert.Equal(130, process.ExitCode);
        Assert.Contains($"Interrupted (SIGINT) before the first epoch completed: nothing was written; {model} is untouched.", error);
        Assert.Equal(before, File.ReadAllBytes(model));
    }

    /// <summary>Starts a process whose output is drained as it comes (an unread pipe would fill and block it) into <see cref="Errors"/>.</summary>
    private Process Start(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string argument in arguments) info.ArgumentList.Add(argument);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (errors) errors.AppendLine(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private readonly System.Text.StringBuilder errors = new();

    /// <summary>What the started processes wrote on standard error so far.</summary>
    private string Errors
    {
        get
        {
            lock (errors) return errors.ToString();
        }
    }

    private void WaitFor(Func<bool> condition, Process process)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            Assert.False(process.HasExited && !condition(), $"the process exited early: {Errors}");
            Assert.True(clock.Elapsed < TimeSpan.FromMinutes(2), "timed out waiting for the first epoch");
            Thread.Sleep(50);
        }
    }

    private void Signal(int pid, string signal)
    {
        using Process kill = Start("kill", $"-{signal}", pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    /// <summary>The pid of the one child of <paramref name="parent"/> (from /proc), waiting until it exists.</summary>
    private static int ChildOf(int parent)
    {
        string children = $"/proc/{parent}/task/{parent}/children";
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            string text = File.Exists(children) ? File.ReadAllText(children).Trim() : "";
            if (text.Length > 0) return int.Parse(text.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
            Thread.Sleep(20);
        }

        throw new InvalidOperationException($"process {parent} has no child");
    }
}
