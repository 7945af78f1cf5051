using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Likely.Tests.Cli;

/// <summary>
/// Every <c>$ likely …</c> line in README.md is run, in process, against the files in examples/, and what it prints is
/// compared with the output pasted under it. The conventions the README's command blocks follow:
/// <list type="bullet">
/// <item>A fenced block's lines that start with <c>$ likely </c> (or <c>$ dotnet run … -- </c>) are commands; the lines
/// under one, up to the next command or the end of the block, are what a terminal shows: standard output, then standard
/// error. Trailing white space and blank lines at the end are not compared. The only shell a command may use is
/// <c>&gt;/dev/null</c> and <c>2&gt;/dev/null</c>, for a step whose output is shown elsewhere (re-training the model
/// that a later section's block evaluates).</item>
/// <item>A last line <c>(exit status N)</c> states the exit status; without it the status is 2 when the output has an
/// <c>error: </c> line (the README's rule for bad input) and 0 otherwise.</item>
/// <item><c>…</c> in a pasted line stands for any text within that line; use it only for values that change from run to
/// run or machine to machine: a commit hash, an elapsed time, an SVG's size (its glyph positions come from the installed
/// fonts), a diverged loss (it depends on the vector path).</item>
/// <item><c>&lt;!-- readme-test: skip (REASON) --&gt;</c> on a line before a block skips its commands, and
/// <c>&lt;!-- readme-test: skip "likely train --data fashion-mnist" (REASON) --&gt;</c> only those that start so; the
/// test is reported as skipped with the reason (for commands that need Fashion-MNIST, a shell pipe or this machine).</item>
/// <item>A block is one terminal session: a command runs after the block's earlier commands that are not skipped, so it
/// can read what they wrote (a model, a checkpoint).</item>
/// </list>
/// Each command, and the block's commands before it, run in a fresh temporary folder holding a copy of examples/, made
/// the process's current folder: the commands print their paths as typed (<c>examples/data.csv has no column …</c>), so
/// the paths cannot be rewritten, and what they write (<c>--out figure.svg</c>, <c>--plot ledger.svg</c>) lands there,
/// not in the repository. The current folder belongs to the whole process, so these tests run in a collection that runs
/// alone.
/// With <c>LIKELY_UPDATE_SNAPSHOTS=1</c> each test pastes the actual output into README.md instead of failing, keeping
/// every other byte of the file and any pasted line with <c>…</c> that still matches.
/// </summary>
[Collection(WorkingDirectoryCollection.Name)]
public sealed partial class ReadmeTests(ITestOutputHelper log)
{
    private static string ReadmePath => Path.Combine(Snapshot.RepositoryRoot, "README.md");

    /// <summary>One test case per command, named by the command as typed.</summary>
    public static TheoryData<string> Commands => [.. ReadmeExamples.Parse(File.ReadAllText(ReadmePath)).Select(command => command.Key)];

    [ReadmeTheory]
    [MemberData(nameof(Commands))]
    public void Command_RunsAsPasted(string command)
    {
        ReadmeCommand[] commands = ReadmeExamples.Parse(File.ReadAllText(ReadmePath));
        ReadmeCommand example = commands.Single(c => c.Key == command);
        string[][] before = [.. commands.Where(c => c.Block == example.Block && c.Line < example.Line && c.SkipReason is null)
            .Select(c => ReadmeExamples.Arguments(c.Text))];
        (int status, string[] actual) = RunInExampleFolder(before, ReadmeExamples.Arguments(example.Text), ReadmeExamples.Discards(example.Text));

        if (Snapshot.UpdateRequested)
        {
            bool changed = Snapshot.Write(ReadmePath, ReadmeExamples.Paste(File.ReadAllText(ReadmePath), command, actual, status));
            log.WriteLine(changed ? $"README.md: pasted the actual output of `{command}` (exit status {status})." : $"README.md: `{command}` already matches.");
            return;
        }

        Assert.True(
            Snapshot.Matches(example.Expected, actual),
            $"README.md line {example.Line + 1}: `{command}` prints something else ({Snapshot.UpdateCommand(nameof(ReadmeTests))}).\n"
            + Snapshot.Describe(example.Expected, actual));
        Assert.True(
            status == example.ExpectedStatus,
            $"README.md line {example.Line + 1}: `{command}` exits with status {status}, not {example.ExpectedStatus}.");
    }

    [Fact]
    public void RepositoryPaths_InTheReadmeTheTourAndTheHelp_Exist()
    {
        // Every path into the repository that README.md or the CLI's sources (the tour, help examples) name, e.g.
        // examples/counts.csv or scripts/check_accuracy.sh; build outputs (…/bin/…) exist only after a build.
        string root = Snapshot.RepositoryRoot;
        string[] sources = [ReadmePath, .. Directory.GetFiles(Path.Combine(root, "src", "Likely.Cli"), "*.cs", SearchOption.AllDirectories)
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))];
        var mentioned = sources
            .SelectMany(source => RepositoryPath().Matches(File.ReadAllText(source)).Select(match => (Source: source, Path: match.Value)))
            .Where(m => !m.Path.Contains("/bin/", StringComparison.Ordinal))
            .ToList();

        Assert.Contains(mentioned, m => m.Source == ReadmePath && m.Path.StartsWith("examples/", StringComparison.Ordinal));
        Assert.Contains(mentioned, m => m.Source.Contains("Tour", StringComparison.Ordinal) && m.Path.StartsWith("examples/", StringComparison.Ordinal));
        string[] missing = [.. mentioned.Where(m => !File.Exists(Path.Combine(root, m.Path)) && !Directory.Exists(Path.Combine(root, m.Path)))
            .Select(m => $"{Path.GetRelativePath(root, m.Source)} names {m.Path}")];
        Assert.True(missing.Length == 0, "No such file: " + string.Join("; ", missing));
    }

    [Fact]
    public void FamilyList_IsTheRegistrys()
    {
        // The README's list of families and parameter names is the registry's, so adding a family there shows here.
        Assert.Contains("\n" + Likely.Distributions.Families.Describe() + ".\n", File.ReadAllText(ReadmePath).ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void ExampleFiles_AreEachWrittenByTheSeededScript()
    {
        // The tests need no Python, so this checks the script names every file; that running it reproduces the
        // committed files byte for byte is checked by hand (see the script's docstring).
        string folder = Path.Combine(Snapshot.RepositoryRoot, "examples");
        string script = File.ReadAllText(Path.Combine(folder, "make_likelihood_examples.py"));
        string[] unmade = [.. Directory.GetFiles(folder).Select(Path.GetFileName)
            .Where(name => name != "make_likelihood_examples.py" && !script.Contains($"\"{name}\"", StringComparison.Ordinal))!];
        Assert.True(unmade.Length == 0, "examples/make_likelihood_examples.py does not write: " + string.Join(", ", unmade));
    }

    [Fact]
    public void Paste_ChangesOnlyTheCommandsOutput()
    {
        const string readme = "Intro\r\nwith a CR\n\n<!-- readme-test: skip \"likely b\" (why) -->\n```text\n"
            + "$ likely a --x\nold line\nversion 1.…\n\n$ likely b\nerror: no\n```\ntail, no final newline";

        string updated = ReadmeExamples.Paste(readme, "likely a --x", ["new line", "more", "version 1.2.3"], status: 3);
        Assert.Equal(readme.Replace("old line\n", "new line\nmore\n", StringComparison.Ordinal).Replace("1.…\n", "1.…\n(exit status 3)\n", StringComparison.Ordinal), updated);

        ReadmeCommand[] parsed = ReadmeExamples.Parse(updated);
        Assert.Equal(["likely a --x", "likely b"], parsed.Select(c => c.Key));
        Assert.Equal(parsed[0].Block, parsed[1].Block);
        Assert.Equal(3, parsed[0].ExpectedStatus);
        Assert.Null(parsed[0].SkipReason);
        Assert.Equal(2, parsed[1].ExpectedStatus);
        Assert.Equal("why", parsed[1].SkipReason);
        Assert.Equal(updated, ReadmeExamples.Paste(updated, "likely a --x", ["new line", "more", "version 1.2.4"], status: 3));
    }

    [Fact]
    public void Merge_KeepsAPlaceholderLine_WhereLinesAreAddedAroundIt()
    {
        string[] merged = Snapshot.Merge(["error: lost … nats", "last"], ["Training on digits", "error: lost 93.75 nats", "new last"]);
        Assert.Equal(["Training on digits", "error: lost … nats", "new last"], merged);
    }

    [Theory]
    [InlineData("likely 1.0.0+…", "likely 1.0.0+3beb8ee", true)]
    [InlineData("Trained in … s.", "Trained in 0.24 s.", true)]
    [InlineData("Trained in … s.", "Trained in 0.24 ms.", false)]
    [InlineData("a (b)", "a (b)", true)]
    [InlineData("a (b)", "a  (b)", false)]
    public void LineMatches_Ellipsis_StandsForAnyTextWithinTheLine(string expected, string actual, bool matches) =>
        Assert.Equal(matches, Snapshot.LineMatches(expected, actual));

    [GeneratedRegex(@"\b(?:src|tests|bench|scripts|docs|examples)/[\w./-]+\.\w+")]
    private static partial Regex RepositoryPath();

    /// <summary>
    /// Runs <c>likely <paramref name="args"/></c>, after the commands <paramref name="before"/> (their output unread), with
    /// the current folder a fresh one that holds a copy of examples/.
    /// </summary>
    private static (int Status, string[] Lines) RunInExampleFolder(string[][] before, string[] args, (bool Output, bool Error) discards)
    {
        DirectoryInfo folder = Directory.CreateTempSubdirectory("likely-readme-");
        string examples = Path.Combine(Snapshot.RepositoryRoot, "examples");
        foreach (string file in Directory.GetFiles(examples, "*", SearchOption.AllDirectories))
        {
            string copy = Path.Combine(folder.FullName, "examples", Path.GetRelativePath(examples, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }

        string previous = Environment.CurrentDirectory;
        Environment.CurrentDirectory = folder.FullName;
        try
        {
            foreach (string[] earlier in before) CliRunner.Run(earlier);
            var (status, output, error) = CliRunner.Run(args);
            return (status, Snapshot.Lines((discards.Output ? "" : output) + (discards.Error ? "" : error)));
        }
        finally
        {
            Environment.CurrentDirectory = previous;
            folder.Delete(recursive: true);
        }
    }
}

/// <summary>Tests that change the process's current folder: they run alone, after the parallel collections.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WorkingDirectoryCollection
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Process current folder";
}

/// <summary>One <c>$ likely …</c> line of README.md and the output pasted under it.</summary>
/// <param name="Key">The command as typed, with <c> (2)</c>, <c> (3)</c> … after a repeat: the test case's name.</param>
/// <param name="Text">The command as typed, after <c>$ </c>.</param>
/// <param name="Block">The line of the fence that opens the command's block, from 0.</param>
/// <param name="Line">The command's line, from 0.</param>
/// <param name="OutputStart">The first line of the pasted output.</param>
/// <param name="OutputEnd">The line after the pasted output and its <c>(exit status N)</c> line, before any blank lines.</param>
/// <param name="Expected">The pasted output without its trailing white space and exit status line.</param>
/// <param name="StatedStatus">The N of an <c>(exit status N)</c> line, if there is one.</param>
/// <param name="SkipReason">Why a marker skips the command, or null.</param>
internal sealed record ReadmeCommand(
    string Key, string Text, int Block, int Line, int OutputStart, int OutputEnd, string[] Expected, int? StatedStatus, string? SkipReason)
{
    /// <summary>The stated status, else 2 where the output has an <c>error: </c> line and 0 where it has none.</summary>
    public int ExpectedStatus => StatedStatus ?? ReadmeExamples.ImpliedStatus(Expected);
}

/// <summary>Finds the README's commands and pastes new outputs under them (see <see cref="ReadmeTests"/> for the conventions).</summary>
internal static partial class ReadmeExamples
{
    /// <summary>What <c>dotnet run</c> is given before the arguments, in the README's quick start.</summary>
    private const string DotnetRun = "dotnet run --project src/Likely.Cli -c Release -- ";

    /// <summary>The commands of <paramref name="readme"/>, in order.</summary>
    /// <exception cref="InvalidDataException">A <c>readme-test</c> marker that is malformed or matches no command.</exception>
    public static ReadmeCommand[] Parse(string readme)
    {
        string[] lines = readme.Split('\n');
        var commands = new List<ReadmeCommand>();
        var markers = new List<(string? Prefix, string Reason, int Line)>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        bool inBlock = false;
        List<(string? Prefix, string Reason, int Line)> blockMarkers = [];
        int block = -1; // the line of the current block's opening fence
        int command = -1; // the current command's line, or -1

        for (int i = 0; i <= lines.Length; i++)
        {
            string line = i < lines.Length ? lines[i].TrimEnd() : "```";
            bool closes = inBlock && line == "```";
            if ((closes || (inBlock && line.StartsWith("$ ", StringComparison.Ordinal))) && command >= 0)
            {
                commands.Add(Command(lines, block, command, end: i, blockMarkers, seen));
                command = -1;
            }

            if (!inBlock)
            {
                if (line.StartsWith("<!-- readme-test:", StringComparison.Ordinal))
                {
                    Match marker = MarkerPattern().Match(line);
                    if (!marker.Success)
                    {
                        throw new InvalidDataException($"README.md line {i + 1}: '{line}' is not <!-- readme-test: skip (REASON) --> or <!-- readme-test: skip \"COMMAND PREFIX\" (REASON) -->.");
                    }

                    markers.Add((marker.Groups["prefix"].Success ? marker.Groups["prefix"].Value : null, marker.Groups["reason"].Value, i));
                }
                else if (line.StartsWith("```", StringComparison.Ordinal) && i < lines.Length)
                {
                    inBlock = true;
                    block = i;
                    blockMarkers = markers;
                    markers = [];
                }
            }
            else if (closes)
            {
                inBlock = false;
                foreach (var unused in blockMarkers.Where(m => m.Prefix is not null && !commands.Any(c => c.Line > m.Line && c.Line < i && c.Text.StartsWith(m.Prefix, StringComparison.Ordinal))))
                {
                    throw new InvalidDataException($"README.md line {unused.Line + 1}: no command in the next block starts with \"{unused.Prefix}\".");
                }
            }
            else if (line.StartsWith("$ ", StringComparison.Ordinal))
            {
                command = i;
            }
        }

        return [.. commands];
    }

    /// <summary>The status a pasted output implies when it states none: 2 (bad input) if it shows an error, else 0.</summary>
    public static int ImpliedStatus(IEnumerable<string> output) =>
        output.Any(line => line.StartsWith("error: ", StringComparison.Ordinal)) ? 2 : 0;

    /// <summary>
    /// <paramref name="readme"/> with <paramref name="actual"/> pasted as the output of <paramref name="key"/>, and every
    /// other character unchanged. Pasted lines with <c>…</c> that still match are kept; an <c>(exit status N)</c> line
    /// is written where the README had one or where the status is not the one the output implies.
    /// </summary>
    public static string Paste(string readme, string key, IReadOnlyList<string> actual, int status)
    {
        ReadmeCommand command = Parse(readme).Single(c => c.Key == key);
        List<string> pasted = [.. Snapshot.Merge(command.Expected, actual)];
        if (command.StatedStatus is not null || status != ImpliedStatus(pasted)) pasted.Add($"(exit status {status})");

        string[] lines = readme.Split('\n');
        return string.Join('\n', [.. lines[..command.OutputStart], .. pasted, .. lines[command.OutputEnd..]]);
    }

    /// <summary>The arguments of a README command line: what follows <c>likely</c> (or <c>dotnet run … --</c>).</summary>
    /// <exception cref="InvalidOperationException">The line uses the shell (a pipe or a redirection), which an in-process run cannot.</exception>
    public static string[] Arguments(string command)
    {
        string arguments = command.StartsWith("likely ", StringComparison.Ordinal) ? command["likely ".Length..]
            : command.StartsWith(DotnetRun, StringComparison.Ordinal) ? command[DotnetRun.Length..]
            : throw new InvalidOperationException($"`{command}` does not start with 'likely ' or '{DotnetRun}'.");

        var tokens = new List<string>();
        foreach (Match token in TokenPattern().Matches(arguments))
        {
            string value = token.Value;
            if (value is ">/dev/null" or "2>/dev/null")
            {
                continue; // what Discards reports: the run's output or errors are not shown
            }

            if (ShellPattern().IsMatch(value))
            {
                throw new InvalidOperationException($"`{command}` uses the shell ('{value}'), which the in-process test cannot run; precede its block with <!-- readme-test: skip \"{command}\" (REASON) -->.");
            }

            tokens.Add(value.Length >= 2 && value[0] is '\'' or '"' && value[^1] == value[0] ? value[1..^1] : value);
        }

        return [.. tokens];
    }

    /// <summary>
    /// Whether the command sends standard output (<c>&gt;/dev/null</c>) or standard error (<c>2&gt;/dev/null</c>) to
    /// /dev/null: the only redirections a README line may use, for a step whose output is shown elsewhere.
    /// </summary>
    public static (bool Output, bool Error) Discards(string command)
    {
        string[] tokens = [.. TokenPattern().Matches(command).Select(match => match.Value)];
        return (tokens.Contains(">/dev/null"), tokens.Contains("2>/dev/null"));
    }

    private static ReadmeCommand Command(string[] lines, int block, int line, int end, List<(string? Prefix, string Reason, int Line)> markers, Dictionary<string, int> seen)
    {
        string text = lines[line].TrimEnd()[2..];
        int start = line + 1, last = end;
        while (last > start && lines[last - 1].Trim().Length == 0) last--;
        string[] output = [.. lines[start..last].Select(l => l.TrimEnd())];
        int? status = null;
        if (output.Length > 0 && StatusPattern().Match(output[^1]) is { Success: true } stated)
        {
            status = int.Parse(stated.Groups[1].Value, CultureInfo.InvariantCulture);
            output = output[..^1];
        }

        int repeat = seen[text] = seen.GetValueOrDefault(text) + 1;
        string key = repeat == 1 ? text : $"{text} ({repeat})";
        string? skip = markers.FirstOrDefault(m => m.Prefix is null || text.StartsWith(m.Prefix, StringComparison.Ordinal)).Reason;
        return new ReadmeCommand(key, text, block, line, start, last, output, status, skip);
    }

    [GeneratedRegex("""^<!-- readme-test: skip(?: "(?<prefix>[^"]+)")? \((?<reason>.+)\) -->$""")]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"^\(exit status (\d+)\)$")]
    private static partial Regex StatusPattern();

    [GeneratedRegex("""'[^']*'|"[^"]*"|\S+""")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"^(\||\|\||&&?|;|[0-9]*>.*|&>.*|<.*)$")]
    private static partial Regex ShellPattern();
}

/// <summary>A theory whose data rows are README commands: each case is named by the whole command (xunit would cut it
/// at 50 characters), and one that a <c>readme-test: skip</c> marker names is reported as skipped, with the reason.</summary>
[XunitTestCaseDiscoverer("Likely.Tests.Cli.ReadmeTheoryDiscoverer", "Likely.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ReadmeTheoryAttribute : TheoryAttribute;

/// <summary>Makes a <see cref="ReadmeCommandTestCase"/> of each data row.</summary>
public sealed class ReadmeTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    /// <inheritdoc />
    protected override IEnumerable<IXunitTestCase> CreateTestCasesForDataRow(
        ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute, object[] dataRow) =>
        [new ReadmeCommandTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, dataRow)];
}

/// <summary>One README command as a test case: its name is the whole command, its skip reason the marker's.</summary>
public sealed class ReadmeCommandTestCase : XunitTestCase
{
    /// <summary>For the de-serializer only.</summary>
    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public ReadmeCommandTestCase()
    {
    }

    /// <summary>The test case of <paramref name="testMethod"/> with the data row <paramref name="dataRow"/>.</summary>
    public ReadmeCommandTestCase(
        IMessageSink diagnosticMessageSink, TestMethodDisplay methodDisplay, TestMethodDisplayOptions methodDisplayOptions, ITestMethod testMethod, object[] dataRow)
        : base(diagnosticMessageSink, methodDisplay, methodDisplayOptions, testMethod, dataRow)
    {
    }

    private string Command => (string)TestMethodArguments[0];

    /// <inheritdoc />
    protected override string GetDisplayName(IAttributeInfo factAttribute, string displayName) => $"{displayName}: {Command}";

    /// <inheritdoc />
    protected override string? GetSkipReason(IAttributeInfo factAttribute) =>
        ReadmeExamples.Parse(File.ReadAllText(Path.Combine(Snapshot.RepositoryRoot, "README.md"))).FirstOrDefault(c => c.Key == Command)?.SkipReason
        ?? base.GetSkipReason(factAttribute);
}
