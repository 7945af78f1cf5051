namespace Likely.Data;

/// <summary>
/// Writes a file so that readers see either the old file or the complete new one, never a half-written one.
/// A thin wrapper over <see cref="OutputFile"/>, which also handles symbolic links, devices, stale temporary files and
/// environment failures; new code should call <see cref="OutputFile.Prepare"/> before its long work instead.
/// </summary>
public static class AtomicFile
{
    /// <summary>Writes <paramref name="path"/> through <paramref name="write"/>, atomically (see <see cref="OutputFile"/>).</summary>
    /// <param name="path">The destination file; its folder must exist. <c>-</c> is refused: this entry point has no standard output.</param>
    /// <param name="write">Writes the whole content to the stream it is given, and leaves the stream open.</param>
    /// <exception cref="OutputFileException">
    /// The path is empty, <c>-</c> or a folder; its folder is missing or not writable; or writing failed (no space left,
    /// read-only file system). The message names the path, the cause and the fix.
    /// </exception>
    public static void Write(string path, Action<Stream> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        OutputFile.Write(path, "output", write);
    }

    /// <summary>Writes <paramref name="text"/> (UTF-8, no byte-order mark) to <paramref name="path"/>, atomically.</summary>
    /// <exception cref="OutputFileException">As for <see cref="Write"/>.</exception>
    public static void WriteAllText(string path, string text) =>
        Write(path, stream =>
        {
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write(text);
        });
}
