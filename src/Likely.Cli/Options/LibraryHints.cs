namespace Likely.Cli.Options;

/// <summary>
/// Rewrites the library's advice into command-line terms: "pass normalize: true to rescale" becomes "pass --normalize
/// to rescale", so the one-line error names the flag the user can actually type.
/// </summary>
public static class LibraryHints
{
    /// <summary>Runs <paramref name="compute"/>, translating the library's normalize hint into the <c>--normalize</c> flag.</summary>
    /// <exception cref="UsageException">The library rejected the input with a hint about normalize.</exception>
    public static T Run<T>(Func<T> compute)
    {
        ArgumentNullException.ThrowIfNull(compute);
        try
        {
            return compute();
        }
        catch (ArgumentException exception) when (exception.Message.Contains("normalize: true", StringComparison.Ordinal))
        {
            string message = exception.ParamName is null
                ? exception.Message
                : exception.Message.Replace($" (Parameter '{exception.ParamName}')", "", StringComparison.Ordinal);
            throw new UsageException(message.Replace("normalize: true", "--normalize", StringComparison.Ordinal));
        }
    }
}
