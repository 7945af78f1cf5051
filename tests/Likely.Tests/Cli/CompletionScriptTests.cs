using System.Diagnostics;
using Likely.Cli;

namespace Likely.Tests.Cli;

/// <summary>A theory that needs bash on a Unix system (the completion script is a bash script).</summary>
public sealed class BashTheoryAttribute : TheoryAttribute
{
    /// <summary>Skips the theory, saying why, where there is no /bin/bash.</summary>
    public BashTheoryAttribute()
    {
        if (OperatingSystem.IsWindows() || !File.Exists("/bin/bash"))
        {
            Skip = "needs /bin/bash on a Unix system.";
        }
    }
}

/// <summary>The bash completion script in completions/ completes through the real program (issue 10).</summary>
public class CompletionScriptTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("likely-completion-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [BashTheory]
    [InlineData("likely entr", "entropy")]
    [InlineData("likely entropy --est", "--estimator")]
    [InlineData("likely entropy --estimator m", "miller-madow")]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Bash_CompletesCommandsOptionsAndValues(string line, string expected)
    {
        string script = Path.Combine(Snapshot.RepositoryRoot, "completions", "likely.bash");
        string[] completions = Complete(script, line);
        Assert.Contains(expected, completions);
        Assert.All(completions, completion => Assert.StartsWith(line.Split(' ')[^1], completion, StringComparison.Ordinal));
    }

    /// <summary>Sources the script in bash with a <c>likely</c> on PATH that runs this build, and completes <paramref name="line"/>.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private string[] Complete(string script, string line)
    {
        // The executable a user has is called likely; here it is a wrapper around the Likely.Cli.dll under test.
        string dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        string wrapper = Path.Combine(_folder, "likely");
        File.WriteAllText(wrapper, $"#!/bin/sh\nexec \"{dotnet}\" \"{typeof(CliApp).Assembly.Location}\" \"$@\"\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        string words = string.Join(' ', line.Split(' ').Select(word => $"'{word}'"));
        string program =
            $"source '{script}'\n" +
            $"COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1))\n" +
            "_likely_complete\nprintf '%s\\n' \"${COMPREPLY[@]}\"\n";
        var start = new ProcessStartInfo("/bin/bash", ["-c", program]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PATH"] = _folder + ":" + Environment.GetEnvironmentVariable("PATH");
        using Process bash = Process.Start(start)!;
        string output = bash.StandardOutput.ReadToEnd();
        bash.WaitForExit();
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
