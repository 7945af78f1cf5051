using System.Text;
using Likely.Data;

namespace Likely.Cli.Output;

/// <summary>How a command writes its output file through <see cref="OutputFile"/>, with <c>-</c> going to the command's own writer.</summary>
internal static class CommandFile
{
    /// <summary>
    /// Writes the content through <paramref name="target"/>. For <c>-</c> it goes, as UTF-8 text, to the context's output
    /// (the command's writer rather than the console, so that tests capture it like any other output).
    /// </summary>
    /// <returns>Where the command's "wrote …" line belongs: standard error when the content was written in place (a
    /// device or a pipe that may be standard output itself), else the output.</returns>
    public static TextWriter Write(OutputFile target, Action<Stream> write, CliContext context)
    {
        using var standardOutput = new MemoryStream();
        target.Write(write, standardOutput);
        if (target.IsStandardOutput)
        {
            context.Output.Write(Encoding.UTF8.GetString(standardOutput.ToArray()));
        }

        return target.IsDirect ? context.Error : context.Output;
    }
}
