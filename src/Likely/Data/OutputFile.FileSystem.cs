using System.Runtime.InteropServices;

namespace Likely.Data;

/// <summary>What the file system says about a path: link resolution, entry kinds, and who writes in place.</summary>
public sealed partial class OutputFile
{
    /// <summary>
    /// The full path with every symbolic link resolved, in the folders as well as the last name (like <c>realpath</c>,
    /// but the last name need not exist).
    /// </summary>
    /// <exception cref="IOException">More than 40 links were followed: a loop.</exception>
    internal static string Canonical(string path, int followed = 0)
    {
        string full = System.IO.Path.GetFullPath(path);
        string? parent = System.IO.Path.GetDirectoryName(full);
        if (parent is null)
        {
            return full;
        }

        string joined = System.IO.Path.Combine(Canonical(parent, followed), System.IO.Path.GetFileName(full));
        if (new FileInfo(joined).LinkTarget is not { } link)
        {
            return joined;
        }

        if (followed >= MaxFollowedLinks)
        {
            throw new IOException($"more than {MaxFollowedLinks} symbolic links were followed from '{path}', so they form a loop");
        }

        // A relative link target is relative to the link's folder; Combine keeps an absolute one as it is.
        return Canonical(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(joined)!, link), followed + 1);
    }

    /// <summary>
    /// Devices, FIFOs and sockets; and a file reached through /proc or /dev/fd, such as /dev/stdout redirected to a file:
    /// renaming over it would cut the file off from the process that holds it open.
    /// </summary>
    private static bool IsWrittenInPlace(string fullPath, EntryKind kind) =>
        kind == EntryKind.Other || (kind == EntryKind.RegularFile && ReachesThroughProcess(fullPath));

    /// <summary>Whether the path, or a link on the way to its target, names a process's open file (/proc/…, /dev/fd/…).</summary>
    private static bool ReachesThroughProcess(string fullPath)
    {
        string hop = fullPath;
        for (int followed = 0; followed <= MaxFollowedLinks; followed++)
        {
            if (hop.StartsWith("/proc/", StringComparison.Ordinal) || hop.StartsWith("/dev/fd/", StringComparison.Ordinal))
            {
                return true;
            }

            if (new FileInfo(hop).LinkTarget is not { } link)
            {
                return false;
            }

            hop = System.IO.Path.GetFullPath(link, System.IO.Path.GetDirectoryName(hop)!);
        }

        return false;
    }

    /// <summary>What a path names after following symbolic links.</summary>
    private enum EntryKind
    {
        Missing,
        RegularFile,
        Directory,

        /// <summary>A character or block device, a FIFO or a socket.</summary>
        Other,
    }

    private static EntryKind KindOf(string fullPath)
    {
        if (Directory.Exists(fullPath))
        {
            return EntryKind.Directory;
        }

        if (OperatingSystem.IsLinux() && Native.TryGetFileType(fullPath, out int type))
        {
            return type switch
            {
                -1 => EntryKind.Missing,
                Native.RegularFile => EntryKind.RegularFile,
                _ => EntryKind.Other,
            };
        }

        // Without statx, .NET cannot tell a device from a file, so everything in /dev counts as a device (renaming over
        // /dev/null would be far worse than writing a regular file there in place); File.Exists is true for a dangling link.
        return new FileInfo(fullPath) switch
        {
            { Exists: false } => EntryKind.Missing,
            { LinkTarget: not null } when File.ResolveLinkTarget(fullPath, returnFinalTarget: true) is { Exists: false } => EntryKind.Missing,
            _ when fullPath.StartsWith("/dev/", StringComparison.Ordinal) => EntryKind.Other,
            _ => EntryKind.RegularFile,
        };
    }

    /// <summary>
    /// Linux's <c>statx</c>, the one stat call whose buffer layout is the same on every architecture; .NET has no public
    /// API for the file type (device, FIFO) that decides whether a destination may be renamed over.
    /// </summary>
    private static partial class Native
    {
        public const int RegularFile = 0x8000;
        private const int AtFdCwd = -100, StatxType = 0x1, FileTypeMask = 0xF000, ModeOffset = 28, BufferSize = 256;

        /// <summary>The S_IFMT bits of <paramref name="path"/> after following links, or -1 when nothing is there.</summary>
        /// <returns>False when statx is not available (old C library, not glibc); the caller then guesses.</returns>
        public static bool TryGetFileType(string path, out int type)
        {
            byte[] buffer = new byte[BufferSize];
            try
            {
                type = Statx(AtFdCwd, path, 0, StatxType, buffer) == 0
                    ? BitConverter.ToUInt16(buffer, ModeOffset) & FileTypeMask
                    : -1;
                return true;
            }
            catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
            {
                type = 0;
                return false;
            }
        }

        [LibraryImport("libc.so.6", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
        private static partial int Statx(int directory, string path, int flags, uint mask, byte[] buffer);
    }
}
