using System.Globalization;
using Likely.Cli;

namespace Likely.Tests.Cli;

/// <summary>Runs the <c>likely</c> command tree in process, as the real program does, capturing both writers.</summary>
internal static class CliRunner
{
    /// <summary>Runs <c>likely <paramref name="args"/></c> and returns the exit status and what it wrote to stdout and stderr.</summary>
    public static (int Status, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter(CultureInfo.InvariantCulture);
        var error = new StringWriter(CultureInfo.InvariantCulture);
        int status = CliApp.Run(args, output, error);
        return (status, output.ToString(), error.ToString());
    }
}
