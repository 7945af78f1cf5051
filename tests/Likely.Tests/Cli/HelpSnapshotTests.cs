using System.CommandLine;
using Likely.Cli;
using Xunit.Abstractions;

namespace Likely.Tests.Cli;

/// <summary>
/// <c>likely … --help</c> for the root and every command and subcommand, found in <see cref="CommandTree.Build"/>,
/// compared with a committed snapshot, Snapshots/help/likely.&lt;command&gt;.&lt;subcommand&gt;.txt
/// (<c>LIKELY_UPDATE_SNAPSHOTS=1</c> writes them; see <see cref="Snapshot"/>).
/// </summary>
/// <remarks>
/// System.CommandLine 2.0.0 wraps help at <c>HelpAction.MaxWidth</c>, which defaults to <c>Console.WindowWidth</c>
/// when the process's standard output is a terminal and to no limit when it is redirected, whatever writer the help is
/// written to. The test host's output is redirected, so these snapshots are the unwrapped help, as
/// <c>likely … --help | less</c> shows it; <see cref="Help"/> refuses to run otherwise rather than compare a wrapped one.
/// </remarks>
public sealed class HelpSnapshotTests(ITestOutputHelper log)
{
    private static string Folder => Path.Combine(Snapshot.RepositoryRoot, "tests", "Likely.Tests", "Cli", "Snapshots", "help");

    /// <summary>Every command's path: "likely" for the root, "likely plot binary-entropy" for a subcommand.</summary>
    public static TheoryData<string> Commands => [.. CommandPaths()];

    [Theory]
    [MemberData(nameof(Commands))]
    public void Help_MatchesTheSnapshot(string command)
    {
        string actual = Help(command);
        string path = SnapshotPath(command);

        if (Snapshot.UpdateRequested)
        {
            bool changed = Snapshot.Write(path, actual);
            log.WriteLine(changed ? $"Wrote {Path.GetRelativePath(Snapshot.RepositoryRoot, path)}." : $"{command} --help already matches.");
            return;
        }

        Assert.True(
            File.Exists(path),
            $"No snapshot of `{command} --help` at {Path.GetRelativePath(Snapshot.RepositoryRoot, path)}; write it with {Snapshot.UpdateCommand(nameof(HelpSnapshotTests))}.");
        string expected = File.ReadAllText(path);
        Assert.True(
            expected == actual,
            $"`{command} --help` differs from its snapshot ({Snapshot.UpdateCommand(nameof(HelpSnapshotTests))}).\n"
            + Snapshot.Describe(expected.Split('\n'), actual.Split('\n'), placeholders: false));
    }

    [Fact]
    public void Snapshots_EachBelongToACommand()
    {
        string[] expected = [.. CommandPaths().Select(SnapshotPath)];
        string[] stale = Directory.Exists(Folder) ? [.. Directory.GetFiles(Folder).Where(file => !expected.Contains(file))] : [];
        if (Snapshot.UpdateRequested)
        {
            foreach (string file in stale)
            {
                File.Delete(file);
                log.WriteLine($"Deleted {Path.GetRelativePath(Snapshot.RepositoryRoot, file)}: no such command.");
            }

            return;
        }

        Assert.True(stale.Length == 0, $"Snapshots of commands that do not exist: {string.Join(", ", stale.Select(Path.GetFileName))} ({Snapshot.UpdateCommand(nameof(HelpSnapshotTests))} deletes them).");
    }

    [Fact]
    public void Help_NoLineEndsWithWhiteSpace()
    {
        string[] offending = [.. CommandPaths().SelectMany(command => Help(command).Split('\n')
            .Select((line, index) => (line, index))
            .Where(pair => pair.line.Length > 0 && char.IsWhiteSpace(pair.line[^1]))
            .Select(pair => $"`{command} --help` line {pair.index + 1}: \"{pair.line}\""))];
        Assert.True(offending.Length == 0, "Help lines ending with white space:\n" + string.Join('\n', offending));
    }

    [Fact]
    public void Commands_IncludeTheRootAndSubcommands()
    {
        string[] commands = [.. CommandPaths()];
        Assert.Equal("likely", commands[0]);
        Assert.Contains("likely entropy", commands);
        Assert.Contains("likely plot binary-entropy", commands);
    }

    /// <summary>What <c><paramref name="command"/> --help</c> prints, run in process as the real program runs.</summary>
    private static string Help(string command)
    {
        Assert.True(Console.IsOutputRedirected, "Help wraps at the terminal's width when standard output is a terminal; run these tests under dotnet test, whose test host's output is redirected.");
        var (status, output, error) = CliRunner.Run([.. command.Split(' ').Skip(1), "--help"]);
        Assert.True(status == 0 && error.Length == 0, $"`{command} --help` exited with {status}: {error}");
        return output.ReplaceLineEndings("\n");
    }

    private static string SnapshotPath(string command) => Path.Combine(Folder, command.Replace(' ', '.') + ".txt");

    /// <summary>The root and every visible command under it, depth first, in the order help lists them.</summary>
    private static IEnumerable<string> CommandPaths()
    {
        var context = new CliContext(TextWriter.Null, TextWriter.Null);
        return Walk(CommandTree.Build(context), "likely");

        static IEnumerable<string> Walk(Command command, string path)
        {
            yield return path;
            foreach (Command subcommand in command.Subcommands.Where(sub => !sub.Hidden))
            {
                foreach (string descendant in Walk(subcommand, $"{path} {subcommand.Name}")) yield return descendant;
            }
        }
    }
}
