namespace Likely.Data;

/// <summary>
/// A destination file that cannot be written because of the user's environment or arguments, not because of a bug:
/// the message is one line that names the problem and the fix.
/// </summary>
public sealed class OutputFileException : IOException
{
    /// <summary>The words <see cref="DescribeCause"/> uses for a full disk; messages about a full disk contain them.</summary>
    public const string NoSpaceLeft = "no space left on device";

    private const int UnixNoSpace = 28, UnixReadOnly = 30, UnixQuota = 122, UnixTooLarge = 27, UnixBrokenPipe = 32;
    private const int WindowsDiskFull = 112, WindowsHandleDiskFull = 39;

    /// <summary>Creates the exception with a one-line message that names the problem and the fix.</summary>
    public OutputFileException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a one-line message and the failure it explains.</summary>
    public OutputFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The cause of a file-system failure in a few words ("no space left on device", "read-only file system",
    /// "permission denied", "disk quota exceeded"), or null when the failure is not one that the environment explains.
    /// </summary>
    /// <param name="exception">The failure; its error number (Unix errno in the low 16 bits of HResult) or message decides.</param>
    public static string? DescribeCause(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is UnauthorizedAccessException)
        {
            return "permission denied";
        }

        if (exception is not IOException)
        {
            return null;
        }

        int code = exception.HResult & 0xFFFF;
        string message = exception.Message;
        if (OperatingSystem.IsWindows())
        {
            return code is WindowsDiskFull or WindowsHandleDiskFull ? NoSpaceLeft : null;
        }

        return code switch
        {
            UnixNoSpace => NoSpaceLeft,
            UnixReadOnly => "read-only file system",
            UnixQuota => "disk quota exceeded",
            UnixTooLarge => "file too large for the file system",
            UnixBrokenPipe => "the reader closed the pipe",
            _ when message.Contains("No space left", StringComparison.OrdinalIgnoreCase) => NoSpaceLeft,
            _ when message.Contains("Read-only file system", StringComparison.OrdinalIgnoreCase) => "read-only file system",
            _ => null,
        };
    }
}
