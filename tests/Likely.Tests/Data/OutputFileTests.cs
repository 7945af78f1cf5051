using System.Diagnostics;
using System.Text;
using Likely.Data;

namespace Likely.Tests.Data;

/// <summary>A fact that needs a Linux tool (mkfifo, stat); reported as skipped where the tool is missing.</summary>
public sealed class LinuxToolFactAttribute : FactAttribute
{
    public LinuxToolFactAttribute(string tool)
    {
        if (!OperatingSystem.IsLinux() || !FileSystemTools.HasTool(tool))
        {
            Skip = $"needs Linux and '{tool}' on the PATH.";
        }
    }
}

/// <summary>
/// A fact that mounts a tmpfs (a read-only or a tiny file system, the only honest way to make a write fail when the tests
/// run as root, which chmod does not stop); reported as skipped where mounting is not permitted.
/// </summary>
public sealed class TmpfsFactAttribute : FactAttribute
{
    public TmpfsFactAttribute()
    {
        if (!FileSystemTools.CanMountTmpfs.Value)
        {
            Skip = "mounting a tmpfs is not permitted here (needs Linux and root or CAP_SYS_ADMIN).";
        }
    }
}

/// <summary>Runs the system's own tools, so that what a test expects comes from the file system, not from the code under test.</summary>
internal static class FileSystemTools
{
    public static readonly Lazy<bool> CanMountTmpfs = new(() =>
    {
        if (!OperatingSystem.IsLinux() || !HasTool("mount"))
        {
            return false;
        }

        using var probe = Tmpfs.TryMount("size=64k");
        return probe is not null;
    });

    public static bool HasTool(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(folder => File.Exists(Path.Combine(folder, tool)));

    /// <summary>Runs <paramref name="tool"/> and returns its exit status and standard output.</summary>
    public static (int Status, string Output) Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output.Trim());
    }

    /// <summary>The file type as <c>stat -c %F</c> names it ("regular file", "character special file", "fifo", "symbolic link").</summary>
    public static string FileType(string path) => Run("stat", "-c", "%F", path).Output;

    /// <summary>A process id that is surely not running: that of a process that has just exited and been reaped.</summary>
    public static int DeadProcessId()
    {
        using Process process = Process.Start("true");
        process.WaitForExit();
        return process.Id;
    }
}

/// <summary>A tmpfs mounted on a fresh folder; unmounted and removed on dispose.</summary>
internal sealed class Tmpfs : IDisposable
{
    private Tmpfs(string folder) => Folder = folder;

    public string Folder { get; }

    /// <summary>Mounts a tmpfs with <paramref name="options"/> (e.g. "size=64k"), or returns null when that is not permitted.</summary>
    public static Tmpfs? TryMount(string options)
    {
        string folder = Directory.CreateTempSubdirectory("likely-tmpfs-").FullName;
        if (FileSystemTools.Run("mount", "-t", "tmpfs", "-o", options, "tmpfs", folder).Status == 0)
        {
            return new Tmpfs(folder);
        }

        Directory.Delete(folder);
        return null;
    }

    /// <summary>Makes the file system read-only; what was written before stays readable.</summary>
    public void RemountReadOnly() =>
        Assert.Equal(0, FileSystemTools.Run("mount", "-o", "remount,ro", Folder).Status);

    public void Dispose()
    {
        FileSystemTools.Run("umount", Folder);
        Directory.Delete(Folder, recursive: true);
    }
}

public sealed class OutputFileTests : IDisposable
{
    private static readonly byte[] Old = "old content"u8.ToArray();
    private static readonly byte[] New = "new content, longer than the old"u8.ToArray();
    private readonly string folder = Directory.CreateTempSubdirectory("likely-output-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string FileWith(string name, byte[] content)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static Action<Stream> Writes(byte[] content) => stream => stream.Write(content);

    private static string[] Names(string inFolder) => Directory.GetFileSystemEntries(inFolder).Select(Path.GetFileName).Order().ToArray()!;

    [Fact]
    public void Write_RegularFile_ReplacesContentAndLeavesNoTemporary()
    {
        string path = FileWith("m.safetensors", Old);

        OutputFile file = OutputFile.Prepare(path, "model");
        file.Write(Writes(New));

        Assert.False(file.IsDirect);
        Assert.Equal(New, File.ReadAllBytes(path));
        Assert.Equal(["m.safetensors"], Names(folder));
        Assert.Equal("regular file", FileSystemTools.FileType(path));
    }

    [Fact]
    public void Write_NewFile_CreatesItAndLeavesNoTemporary()
    {
        string path = Path.Combine(folder, "new.csv");

        OutputFile.Write(path, "CSV", Writes(New));

        Assert.Equal(New, File.ReadAllBytes(path));
        Assert.Equal(["new.csv"], Names(folder));
    }

    [Fact]
    public void Write_Dash_WritesIntoTheGivenStreamAndCreatesNoFile()
    {
        using var standardOutput = new MemoryStream();

        OutputFile file = OutputFile.Prepare("-", "SVG figure", allowStandardOutput: true);
        file.Write(Writes(New), standardOutput);

        Assert.True(file.IsStandardOutput);
        Assert.True(file.IsDirect);
        Assert.Equal(New, standardOutput.ToArray());
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")));
    }

    [Fact]
    public void Write_DashWithoutStream_ThrowsInvalidOperation()
    {
        OutputFile file = OutputFile.Prepare("-", "SVG figure", allowStandardOutput: true);

        var exception = Assert.Throws<InvalidOperationException>(() => file.Write(Writes(New)));
        Assert.Contains("standard output", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_DashNotAllowed_ThrowsNamingStandardOutputAndTheFix()
    {
        var exception = Assert.Throws<OutputFileException>(() => OutputFile.Prepare("-", "model", "--out"));

        Assert.Equal("--out: '-' (standard output) cannot receive the model; give a file name.", exception.Message);
    }

    [Fact]
    public void Prepare_PathEndingInSeparatorOfMissingFolder_ThrowsNamingAFolder()
    {
        string path = Path.Combine(folder, "models") + "/";
        var exception = Assert.Throws<OutputFileException>(() => OutputFile.Prepare(path, "model", "--out"));
        Assert.Contains("is a folder; give a file name", exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Prepare_EmptyPath_Throws(string path) =>
        Assert.Throws<OutputFileException>(() => OutputFile.Prepare(path, "model"));

    [Fact]
    public void Write_ExistingDirectory_ThrowsBeforeTheCallbackRuns()
    {
        bool called = false;

        var exception = Assert.Throws<OutputFileException>(() => OutputFile.Write(folder, "model", _ => called = true, "--out"));

        Assert.False(called);
        Assert.Contains("is a folder", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.True(Directory.Exists(folder));
        Assert.Empty(Names(folder));
    }

    [Fact]
    public void Write_MissingFolder_ThrowsBeforeTheCallbackRuns()
    {
        bool called = false;
        string path = Path.Combine(folder, "no", "such", "m.safetensors");

        var exception = Assert.Throws<OutputFileException>(() => OutputFile.Write(path, "model", _ => called = true, "--out"));

        Assert.False(called);
        Assert.Contains("does not exist", exception.Message, StringComparison.Ordinal);
        Assert.Contains("--out", exception.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder, "no")));
    }

    [Fact]
    public void Prepare_SameFileAsInput_Throws()
    {
        string input = FileWith("data.csv", Old);

        var exception = Assert.Throws<OutputFileException>(() => OutputFile.Prepare(input, "CSV", inputs: [input]));

        Assert.Contains("input", exception.Message, StringComparison.Ordinal);
        Assert.Equal(Old, File.ReadAllBytes(input));
    }

    [Fact]
    public void Prepare_SymlinkToInputOrInputThroughSymlinkedFolder_Throws()
    {
        string input = FileWith("data.csv", Old);
        string link = Path.Combine(folder, "link.csv");
        File.CreateSymbolicLink(link, "data.csv");
        string linkedFolder = Path.Combine(folder, "alias");
        Directory.CreateSymbolicLink(linkedFolder, folder);

        Assert.Throws<OutputFileException>(() => OutputFile.Prepare(link, "CSV", inputs: [input]));
        Assert.Throws<OutputFileException>(() => OutputFile.Prepare(input, "CSV", inputs: [link]));
        Assert.Throws<OutputFileException>(() => OutputFile.Prepare(Path.Combine(linkedFolder, "data.csv"), "CSV", inputs: [input]));
    }

    [Fact]
    public void Prepare_MissingOrOtherInputs_AreIgnored()
    {
        string other = FileWith("other.csv", Old);

        OutputFile file = OutputFile.Prepare(Path.Combine(folder, "out.csv"), "CSV", inputs: [other, Path.Combine(folder, "missing.csv")]);

        Assert.False(file.IsDirect);
    }

    [Fact]
    public void Write_SymlinkToRegularFile_KeepsTheLinkAndReplacesItsTarget()
    {
        Directory.CreateDirectory(Path.Combine(folder, "real"));
        string target = FileWith(Path.Combine("real", "m.bin"), Old);
        string link = Path.Combine(folder, "m.bin");
        File.CreateSymbolicLink(link, Path.Combine("real", "m.bin"));

        OutputFile.Write(link, "model", Writes(New));

        Assert.Equal(Path.Combine("real", "m.bin"), new FileInfo(link).LinkTarget);
        Assert.Equal("symbolic link", FileSystemTools.FileType(link));
        Assert.Equal("regular file", FileSystemTools.FileType(target));
        Assert.Equal(New, File.ReadAllBytes(target));
        Assert.Equal(["m.bin", "real"], Names(folder));
        Assert.Equal(["m.bin"], Names(Path.Combine(folder, "real")));
    }

    [Fact]
    public void Write_DanglingSymlink_CreatesTheTargetAndKeepsTheLink()
    {
        Directory.CreateDirectory(Path.Combine(folder, "real"));
        string link = Path.Combine(folder, "m.bin");
        File.CreateSymbolicLink(link, Path.Combine(folder, "real", "new.bin"));

        OutputFile.Write(link, "model", Writes(New));

        Assert.NotNull(new FileInfo(link).LinkTarget);
        Assert.Equal(New, File.ReadAllBytes(Path.Combine(folder, "real", "new.bin")));
        Assert.Equal(["new.bin"], Names(Path.Combine(folder, "real")));
    }

    [LinuxToolFact("stat")]
    public void Write_DevNull_WritesInPlaceAndLeavesACharacterDevice()
    {
        Assert.Equal("character special file", FileSystemTools.FileType("/dev/null"));

        OutputFile file = OutputFile.Prepare("/dev/null", "model");
        file.Write(Writes(New));

        Assert.True(file.IsDirect);
        Assert.Equal("character special file", FileSystemTools.FileType("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", ".null.likely-*"));
    }

    [LinuxToolFact("mkfifo")]
    public async Task Write_Fifo_WritesInPlaceToTheReader()
    {
        string fifo = Path.Combine(folder, "pipe");
        Assert.Equal(0, FileSystemTools.Run("mkfifo", fifo).Status);
        Task<byte[]> reader = Task.Run(() => File.ReadAllBytes(fifo));

        OutputFile file = OutputFile.Prepare(fifo, "CSV");
        file.Write(Writes(New));

        Assert.True(file.IsDirect);
        Assert.Equal(New, await reader.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("fifo", FileSystemTools.FileType(fifo));
        Assert.Equal(["pipe"], Names(folder));
    }

    [LinuxToolFact("true")]
    public void Write_StaleTemporaryOfDeadProcess_IsRemoved()
    {
        string path = FileWith("m.bin", Old);
        string stale = FileWith($".m.bin.likely-{FileSystemTools.DeadProcessId()}-0badf00d.tmp", Old);
        string otherTarget = FileWith($".other.bin.likely-{FileSystemTools.DeadProcessId()}-0badf00d.tmp", Old);

        OutputFile.Write(path, "model", Writes(New));

        Assert.False(File.Exists(stale));
        Assert.True(File.Exists(otherTarget)); // another destination's temporary is not this write's business
        Assert.Equal(New, File.ReadAllBytes(path));
    }

    [LinuxToolFact("sleep")]
    public void Write_TemporaryOfLiveProcess_IsKept()
    {
        using Process sleeper = Process.Start("sleep", "60");
        try
        {
            string path = FileWith("m.bin", Old);
            string ours = FileWith($".m.bin.likely-{Environment.ProcessId}-0badf00d.tmp", Old);
            string theirs = FileWith($".m.bin.likely-{sleeper.Id}-0badf00d.tmp", Old);

            OutputFile.Write(path, "model", Writes(New));

            Assert.True(File.Exists(ours));
            Assert.True(File.Exists(theirs));
            Assert.Equal(New, File.ReadAllBytes(path));
        }
        finally
        {
            sleeper.Kill();
            sleeper.WaitForExit();
        }
    }

    [Fact]
    public void Write_CallbackThrows_LeavesTargetUnchangedAndNoTemporary()
    {
        string path = FileWith("m.bin", Old);

        Assert.Throws<InvalidOperationException>(() => OutputFile.Write(path, "model", stream =>
        {
            stream.Write(New);
            throw new InvalidOperationException("the model diverged");
        }));

        Assert.Equal(Old, File.ReadAllBytes(path));
        Assert.Equal(["m.bin"], Names(folder));
    }

    [TmpfsFact]
    public void Prepare_ReadOnlyFileSystem_ThrowsBeforeTheWork()
    {
        using Tmpfs mount = Tmpfs.TryMount("size=1m")!;
        string path = Path.Combine(mount.Folder, "m.bin");
        File.WriteAllBytes(path, Old);
        mount.RemountReadOnly();

        var exception = Assert.Throws<OutputFileException>(() => OutputFile.Prepare(path, "model", "--out"));
        var fresh = Assert.Throws<OutputFileException>(() => OutputFile.Prepare(Path.Combine(mount.Folder, "new.bin"), "model", "--out"));

        Assert.Contains("read-only file system", exception.Message, StringComparison.Ordinal);
        Assert.Contains("--out", exception.Message, StringComparison.Ordinal);
        Assert.Contains("read-only file system", fresh.Message, StringComparison.Ordinal);
        Assert.Equal(Old, File.ReadAllBytes(path));
        Assert.Equal(["m.bin"], Names(mount.Folder));
    }

    [TmpfsFact]
    public void Write_DiskFull_ThrowsNoSpaceLeftAndKeepsTheOldFile()
    {
        using Tmpfs mount = Tmpfs.TryMount("size=64k")!;
        string path = Path.Combine(mount.Folder, "m.safetensors");
        File.WriteAllBytes(path, Old);
        OutputFile file = OutputFile.Prepare(path, "model", "--out");

        var exception = Assert.Throws<OutputFileException>(() => file.Write(Writes(new byte[1 << 20])));

        Assert.Contains("no space left on device", exception.Message, StringComparison.Ordinal);
        Assert.Contains(path, exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', exception.Message);
        Assert.IsAssignableFrom<IOException>(exception.InnerException);
        Assert.Equal(Old, File.ReadAllBytes(path));
        Assert.Equal(["m.safetensors"], Names(mount.Folder));
    }
}
