using System.Runtime.InteropServices;

namespace Likely.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl-C) or SIGTERM into a cancellation request, so that long work can stop after its current
/// step and save what it has; a second signal exits at once (status 130 or 143) after showing the terminal's cursor
/// again. Files are always written atomically, so exiting at once never leaves a half-written one.
/// </summary>
internal sealed class InterruptSignals : IDisposable
{
    private readonly CancellationTokenSource source = new();
    private readonly PosixSignalRegistration[] registrations;
    private readonly TextWriter error;
    private int received;

    /// <summary>Starts listening; dispose to restore the default behaviour (the process ends on the signal).</summary>
    /// <param name="error">Where to print the line for a second signal.</param>
    public InterruptSignals(TextWriter error)
    {
        this.error = error;
        registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle), PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle)];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => source.Token;

    /// <summary>The first signal received (SIGINT or SIGTERM), or null.</summary>
    public PosixSignal? Signal { get; private set; }

    /// <summary>The conventional exit status for <see cref="Signal"/>: 128 + its number (130 for SIGINT, 143 for SIGTERM).</summary>
    public int ExitCode => ExitCodeOf(Signal ?? PosixSignal.SIGINT);

    /// <summary>"SIGINT" or "SIGTERM".</summary>
    public string SignalName => NameOf(Signal ?? PosixSignal.SIGINT);

    /// <summary>The escape sequence that shows the cursor again (a live progress display hides it).</summary>
    public const string ShowCursor = "\u001b[?25h";

    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true; // keep the process alive: the work stops at its next check
        if (Interlocked.Increment(ref received) == 1)
        {
            Signal = context.Signal;
            source.Cancel();
            return;
        }

        if (!Console.IsErrorRedirected) Console.Error.Write(ShowCursor);
        error.WriteLine($"{Environment.NewLine}Interrupted again ({NameOf(context.Signal)}): stopped at once; files already written are complete.");
        error.Flush();
        Environment.Exit(ExitCodeOf(context.Signal));
    }

    private static string NameOf(PosixSignal signal) => signal == PosixSignal.SIGTERM ? "SIGTERM" : "SIGINT";

    private static int ExitCodeOf(PosixSignal signal) => signal == PosixSignal.SIGTERM ? 143 : 130;

    /// <inheritdoc/>
    public void Dispose()
    {
        foreach (PosixSignalRegistration registration in registrations) registration.Dispose();
        source.Dispose();
    }
}
