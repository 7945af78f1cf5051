using System.Diagnostics;
using System.Security.Cryptography;

namespace Likely.Data;

/// <summary>
/// A file the program is about to write (a model, a checkpoint, a CSV, a figure), checked before the long work starts and
/// then written so that a crash leaves the old file or the complete new one, never half of one.
/// </summary>
/// <remarks>
/// <para>How <see cref="Write(Action{Stream}, Stream?)"/> writes, by what the path names:</para>
/// <list type="bullet">
/// <item><c>-</c>: standard output, when the caller allows it.</item>
/// <item>An existing file that is not a regular file (a character device such as <c>/dev/null</c> or <c>/dev/stdout</c>,
/// a FIFO), or a file reached through <c>/proc/</c> or <c>/dev/fd/</c> (<c>/dev/stdout</c> redirected to a file): opened
/// and written in place, since renaming over it would replace the device or the link with a regular file.</item>
/// <item>A symbolic link: the temporary file is made beside the link's final target and renamed over that target, so the
/// link stays a link.</item>
/// <item>Otherwise: a temporary file <c>.NAME.likely-PID-RANDOM.tmp</c> in the same folder, flushed to disk and renamed
/// over the destination. Temporary files that a killed process left behind for the same destination are removed by the
/// next write.</item>
/// </list>
/// </remarks>
public sealed partial class OutputFile
{
    private const string StandardOutputName = "-";
    private const int MaxFollowedLinks = 40;
    private readonly string _what;
    private readonly string? _option;

    private OutputFile(string path, string what, string? option, bool isStandardOutput, bool isDirect)
    {
        Path = path;
        _what = what;
        _option = option;
        IsStandardOutput = isStandardOutput;
        IsDirect = isDirect;
    }

    /// <summary>The path as the user gave it (used in messages).</summary>
    public string Path { get; }

    /// <summary>Whether the path was <c>-</c>: the content goes to the standard-output stream given to <see cref="Write(Action{Stream}, Stream?)"/>.</summary>
    public bool IsStandardOutput { get; }

    /// <summary>
    /// Whether the content is written in place rather than through a temporary file: standard output, or an existing
    /// target that is not a regular file (a device such as <c>/dev/null</c> or <c>/dev/stdout</c>, a FIFO).
    /// </summary>
    public bool IsDirect { get; }

    /// <summary>
    /// Checks everything about <paramref name="path"/> that can be checked before the work that produces its content, so
    /// that a bad path fails in a second rather than after hours of training.
    /// </summary>
    /// <param name="path">The destination as the user gave it; <c>-</c> means standard output.</param>
    /// <param name="what">The kind of content, for messages: "model", "checkpoint", "CSV", "SVG figure".</param>
    /// <param name="option">The command-line option that named the path, for messages (e.g. "--out"); null outside a command line.</param>
    /// <param name="allowStandardOutput">Whether <c>-</c> is accepted (text formats); binary formats refuse it.</param>
    /// <param name="inputs">Files the same run reads; the destination must be none of them. Paths that do not exist are ignored.</param>
    /// <returns>The prepared destination, to <see cref="Write(Action{Stream}, Stream?)"/> once the content is ready.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="what"/> is null.</exception>
    /// <exception cref="OutputFileException">
    /// The path is empty; it is <c>-</c> and standard output is not allowed; it is a folder; its folder does not exist or
    /// cannot be written (read-only file system, permissions); or it is the same file as one of <paramref name="inputs"/>.
    /// </exception>
    public static OutputFile Prepare(string path, string what, string? option = "--out", bool allowStandardOutput = false, IEnumerable<string>? inputs = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(what);
        string named = option is null ? "" : $"{option}: ";
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new OutputFileException($"{named}the {what} needs a file name, but the path is empty; give one.");
        }

        if (path == StandardOutputName)
        {
            return allowStandardOutput
                ? new OutputFile(path, what, option, isStandardOutput: true, isDirect: true)
                : throw new OutputFileException($"{named}'-' (standard output) cannot receive the {what}; give a file name.");
        }

        string fullPath = System.IO.Path.GetFullPath(path);
        EntryKind kind = KindOf(fullPath);
        // "models/" names a folder whether or not it exists yet: there is no file name to write.
        if (kind == EntryKind.Directory || System.IO.Path.EndsInDirectorySeparator(path))
        {
            throw new OutputFileException($"{named}'{path}' is a folder; give a file name, e.g. '{System.IO.Path.Combine(path, "out")}'.");
        }

        if (IsWrittenInPlace(fullPath, kind))
        {
            return new OutputFile(path, what, option, isStandardOutput: false, isDirect: true);
        }

        var prepared = new OutputFile(path, what, option, isStandardOutput: false, isDirect: false);
        string target = prepared.ResolveTarget(fullPath);
        prepared.CheckNotAnInput(target, inputs ?? []);
        prepared.ProbeFolder(target);
        return prepared;
    }

    /// <summary>Prepares <paramref name="path"/> (no standard output, no inputs) and writes it through <paramref name="write"/>.</summary>
    /// <param name="path">The destination file.</param>
    /// <param name="what">The kind of content, for messages.</param>
    /// <param name="write">Writes the whole content to the stream it is given, and leaves the stream open.</param>
    /// <param name="option">The command-line option that named the path, for messages; null outside a command line.</param>
    /// <exception cref="OutputFileException">The path cannot be written; the message says why and what to do.</exception>
    public static void Write(string path, string what, Action<Stream> write, string? option = null) =>
        Prepare(path, what, option).Write(write);

    /// <summary>
    /// Writes the whole content through <paramref name="write"/>: to standard output, in place for a device or FIFO, or
    /// atomically through a temporary file renamed over the destination (see the type's remarks).
    /// </summary>
    /// <param name="write">Writes the whole content to the stream it is given, and leaves the stream open.</param>
    /// <param name="standardOutput">Where <c>-</c> writes; needed only when <see cref="IsStandardOutput"/>.</param>
    /// <exception cref="InvalidOperationException">The path is <c>-</c> but no <paramref name="standardOutput"/> was given.</exception>
    /// <exception cref="OutputFileException">
    /// Writing failed for a reason of the environment (no space left, read-only file system, permissions); the message
    /// names the path and the cause, the original exception is the inner exception, and no temporary file is left.
    /// </exception>
    /// <remarks>An exception thrown by <paramref name="write"/> itself leaves the destination unchanged and is rethrown as it is,
    /// unless it is an <see cref="IOException"/> or <see cref="UnauthorizedAccessException"/>, which count as a write failure.</remarks>
    public void Write(Action<Stream> write, Stream? standardOutput = null)
    {
        ArgumentNullException.ThrowIfNull(write);
        try
        {
            if (IsStandardOutput)
            {
                WriteToStandardOutput(write, standardOutput);
            }
            else if (IsDirect)
            {
                WriteInPlace(write);
            }
            else
            {
                WriteAtomically(write);
            }
        }
        catch (Exception exception) when (exception is (IOException or UnauthorizedAccessException) and not OutputFileException)
        {
            throw WriteFailure(exception);
        }
    }

    private void WriteToStandardOutput(Action<Stream> write, Stream? standardOutput)
    {
        if (standardOutput is null)
        {
            throw new InvalidOperationException(
                $"The {_what} goes to standard output ('-'), but Write was given no standard-output stream; pass one as standardOutput.");
        }

        write(standardOutput);
        standardOutput.Flush();
    }

    /// <summary>Devices and FIFOs are opened as they are: no truncation, no fsync (a pipe has no disk to flush to).</summary>
    private void WriteInPlace(Action<Stream> write)
    {
        using var stream = new FileStream(System.IO.Path.GetFullPath(Path), FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        write(stream);
        stream.Flush();
    }

    private void WriteAtomically(Action<Stream> write)
    {
        // Resolved again (not remembered from Prepare): the link or the folder may have changed during the long work.
        string target = ResolveTarget(System.IO.Path.GetFullPath(Path));
        string folder = System.IO.Path.GetDirectoryName(target)!;
        string fileName = System.IO.Path.GetFileName(target);
        RemoveStaleTemporaries(folder, fileName);
        string temporary = System.IO.Path.Combine(folder, TemporaryName(fileName));
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, target, overwrite: true);
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>The final file a write lands on: every symbolic link resolved, and its folder required to exist.</summary>
    private string ResolveTarget(string fullPath)
    {
        string target;
        try
        {
            target = Canonical(fullPath);
        }
        catch (IOException exception)
        {
            throw new OutputFileException($"{Named}'{Path}' cannot be resolved ({exception.Message}); {ChooseAnother}.", exception);
        }

        string folder = System.IO.Path.GetDirectoryName(target) ?? target;
        if (!Directory.Exists(folder))
        {
            string link = new FileInfo(fullPath).LinkTarget is null ? "" : $" (a symbolic link to '{target}')";
            throw new OutputFileException($"{Named}the folder of '{Path}'{link}, '{folder}', does not exist; create it or {ChooseAnother}.");
        }

        return target;
    }

    private void CheckNotAnInput(string target, IEnumerable<string> inputs)
    {
        StringComparison comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        foreach (string input in inputs)
        {
            if (!File.Exists(input) || !string.Equals(Canonical(input), target, comparison))
            {
                continue;
            }

            throw new OutputFileException(
                $"{Named}'{Path}' is the input file '{input}'; writing the {_what} there would destroy the input, so {ChooseAnother}.");
        }
    }

    /// <summary>Creating and deleting a file is the only test that catches a read-only mount, ACLs and root squash alike.</summary>
    private void ProbeFolder(string target)
    {
        string folder = System.IO.Path.GetDirectoryName(target)!;
        string probe = System.IO.Path.Combine(folder, TemporaryName(System.IO.Path.GetFileName(target)));
        try
        {
            new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None).Dispose();
            File.Delete(probe);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            TryDelete(probe);
            string cause = OutputFileException.DescribeCause(exception) ?? exception.Message.ReplaceLineEndings(" ");
            throw new OutputFileException($"{Named}cannot create files in '{folder}' ({cause}); {ChooseAnother}.", exception);
        }
    }

    private OutputFileException WriteFailure(Exception exception)
    {
        string cause = OutputFileException.DescribeCause(exception) ?? exception.Message.ReplaceLineEndings(" ").Trim();
        string where = IsStandardOutput ? "standard output" : $"'{Path}'";
        string fix = cause == OutputFileException.NoSpaceLeft ? $"free some space or {ChooseAnother}" : ChooseAnother;
        return new OutputFileException($"Could not write the {_what} to {where}: {cause}; {fix}.", exception);
    }

    private string Named => _option is null ? "" : $"{_option}: ";

    private string ChooseAnother => _option is null ? "choose another path" : $"choose another {_option}";

    /// <summary>Names carry the writer's process id, so a later write can tell a live writer's file from a dead one's.</summary>
    private static string TemporaryName(string fileName) =>
        $".{fileName}.likely-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp";

    /// <summary>Removes temporary files of this destination whose writer is gone (killed during a save); never a live one's.</summary>
    private static void RemoveStaleTemporaries(string folder, string fileName)
    {
        string prefix = $".{fileName}.likely-";
        foreach (string file in Directory.EnumerateFiles(folder, "*.tmp"))
        {
            string name = System.IO.Path.GetFileName(file);
            if (!name.StartsWith(prefix, StringComparison.Ordinal))
            {
                continue;
            }

            string rest = name[prefix.Length..^".tmp".Length];
            int dash = rest.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && int.TryParse(rest.AsSpan(0, dash), out int pid) && pid != Environment.ProcessId && !IsRunning(pid))
            {
                TryDelete(file);
            }
        }
    }

    private static bool IsRunning(int pid)
    {
        if (OperatingSystem.IsLinux())
        {
            return Directory.Exists($"/proc/{pid}");
        }

        try
        {
            using Process process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception exception) when (exception is ArgumentException or InvalidOperationException)
        {
            return false;
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            // Best effort: the original failure is the one worth reporting.
        }
    }
}
