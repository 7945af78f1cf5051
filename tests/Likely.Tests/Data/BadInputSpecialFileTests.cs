using System.Diagnostics;
using Likely.Data;

namespace Likely.Tests.Data;

/// <summary>A fact that needs a Unix system with /dev/zero and the mkfifo tool; reported as skipped elsewhere.</summary>
public sealed class BadInputUnixFactAttribute : FactAttribute
{
    public BadInputUnixFactAttribute()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/dev/zero") || !BadInputSpecialFileTests.HasMkfifo)
        {
            Skip = "needs a Unix system with /dev/zero and mkfifo on the PATH.";
        }
    }
}

/// <summary>
/// Paths that are not regular files, given where a model file is expected: each must be rejected without being read
/// (a device such as /dev/zero never ends, and opening a pipe blocks until something writes to it).
/// </summary>
public sealed class BadInputSpecialFileTests : IDisposable
{
    private readonly DataTestFiles _files = new();

    public static bool HasMkfifo =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Any(folder => File.Exists(Path.Combine(folder, "mkfifo")));

    public void Dispose() => _files.Dispose();

    [BadInputUnixFact]
    public void SafetensorsRead_DevZero_ThrowsNotARegularFileWithoutReadingIt()
    {
        // Read whole, /dev/zero would never end; it must be rejected from its reported length of 0 alone.
        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read("/dev/zero"));

        Assert.Contains("'/dev/zero' is empty or not a regular file", error.Message, StringComparison.Ordinal);
        Assert.Contains("give the path of a .safetensors file (a model or a checkpoint)", error.Message, StringComparison.Ordinal);
    }

    [BadInputUnixFact]
    public void SafetensorsRead_Fifo_ThrowsNotARegularFileWithoutOpeningIt()
    {
        string fifo = MakeFifo("model.safetensors");

        Exception? error = ReadWithHangGuard(fifo, fifo);

        var invalid = Assert.IsType<InvalidDataException>(error);
        Assert.Contains($"'{fifo}' is empty or not a regular file", invalid.Message, StringComparison.Ordinal);
    }

    [BadInputUnixFact]
    public void SafetensorsRead_SymbolicLinkToFifo_ThrowsWithoutOpeningIt()
    {
        // A link's own length is that of the path it holds (non-zero); the check must look at what it finally names.
        string fifo = MakeFifo("pipe");
        string link = _files.PathOf("model.safetensors");
        File.CreateSymbolicLink(link, fifo);

        Exception? error = ReadWithHangGuard(fifo, link);

        var invalid = Assert.IsType<InvalidDataException>(error);
        Assert.Contains($"'{link}' is empty or not a regular file", invalid.Message, StringComparison.Ordinal);
    }

    [BadInputUnixFact]
    public void SafetensorsRead_SymbolicLinkToDevZero_ThrowsNotARegularFile()
    {
        string link = _files.PathOf("zero.safetensors");
        File.CreateSymbolicLink(link, "/dev/zero");

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(link));

        Assert.Contains($"'{link}' is empty or not a regular file", error.Message, StringComparison.Ordinal);
    }

    [BadInputUnixFact]
    public void SafetensorsRead_SymbolicLinkToAModelFile_ReadsTheFile()
    {
        // Model caches (Hugging Face's among them) link names to blobs: a link to a regular file is fine.
        string blob = _files.PathOf("blob");
        File.WriteAllBytes(blob, SafetensorsTests.HandBuiltFile());
        string link = _files.PathOf("model.safetensors");
        File.CreateSymbolicLink(link, "blob");

        SafetensorsContent content = Safetensors.Read(link);

        Assert.Equal([1.5f, -2f], content["x"].Data);
    }

    [Fact]
    public void SafetensorsRead_Directory_ThrowsNotARegularFile()
    {
        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(_files.Folder));

        Assert.Contains($"'{_files.Folder}' is a directory, not a regular file; give the path of a .safetensors file (a model or a checkpoint).", error.Message, StringComparison.Ordinal);
    }

    /// <summary>
    /// Reads <paramref name="path"/> (which is or names <paramref name="fifo"/>) and returns what it threw. Hang guard: were
    /// the reader to open the pipe, it would block until a writer came; after 30 s the guard opens the pipe read-write
    /// (which never blocks on Linux) and closes it, so such a reader sees end of file and the test fails on its
    /// assertion instead of hanging. A correct reader never opens the pipe and returns at once.
    /// </summary>
    private static Exception? ReadWithHangGuard(string fifo, string path)
    {
        using var finished = new ManualResetEventSlim();
        Task guard = Task.Run(() => UnblockIfStillWaiting(fifo, finished));
        Exception? error = Record.Exception(() => Safetensors.Read(path));
        finished.Set();
        guard.Wait();
        return error;
    }

    private string MakeFifo(string name)
    {
        string fifo = _files.PathOf(name);
        using Process mkfifo = Process.Start("mkfifo", [fifo]);
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
        return fifo;
    }

    private static void UnblockIfStillWaiting(string fifo, ManualResetEventSlim finished)
    {
        if (!finished.Wait(TimeSpan.FromSeconds(30)))
        {
            using var writer = new FileStream(fifo, FileMode.Open, FileAccess.ReadWrite);
        }
    }
}
