namespace Likely.Cli;

/// <summary>
/// Bad input detected by the command layer (a malformed value, a missing column, conflicting options).
/// The message says what is wrong and how to fix it; the process exits with status 2.
/// </summary>
public sealed class UsageException(string message) : Exception(message);
