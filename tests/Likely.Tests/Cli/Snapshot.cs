using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Likely.Tests.Cli;

/// <summary>
/// Committed expected outputs (the README's pasted outputs, the <c>--help</c> snapshots) and the one way to refresh
/// them: run the tests with <c>LIKELY_UPDATE_SNAPSHOTS=1</c>, and they write the actual outputs in place of the
/// expected ones and pass, instead of failing; <c>git diff</c> then shows a person what changed.
/// </summary>
internal static class Snapshot
{
    /// <summary>The environment variable that turns comparing into updating when it is <c>1</c>.</summary>
    public const string UpdateVariable = "LIKELY_UPDATE_SNAPSHOTS";

    /// <summary>Whether this run rewrites expected outputs instead of failing on them.</summary>
    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The folder holding Likely.sln, found upwards from the test binaries, so that updates land in the source
    /// tree rather than in bin/.</summary>
    public static string RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The command that rewrites the expected outputs of the tests whose name contains <paramref name="filter"/>.</summary>
    public static string UpdateCommand(string filter) =>
        $"{UpdateVariable}=1 dotnet test -c Release --filter FullyQualifiedName~{filter}, then review git diff";

    /// <summary>
    /// The lines of <paramref name="text"/> as compared: any line ending, no trailing white space on a line, no blank
    /// lines at the end.
    /// </summary>
    public static string[] Lines(string text)
    {
        List<string> lines = text.ReplaceLineEndings("\n").Split('\n').Select(line => line.TrimEnd()).ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return [.. lines];
    }

    /// <summary>
    /// Whether an expected line matches an actual one. An ellipsis <c>…</c> in the expected line stands for any text
    /// within the line (possibly none, possibly a literal <c>…</c>): for values that change from run to run or machine to
    /// machine, such as a version's commit hash or an elapsed time.
    /// </summary>
    public static bool LineMatches(string expected, string actual)
    {
        if (!expected.Contains('…', StringComparison.Ordinal)) return string.Equals(expected, actual, StringComparison.Ordinal);
        string pattern = "^" + string.Join(".*", expected.Split('…').Select(Regex.Escape)) + "$";
        return Regex.IsMatch(actual, pattern, RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    /// <summary>Whether every expected line matches its actual line (see <see cref="LineMatches"/>).</summary>
    public static bool Matches(IReadOnlyList<string> expected, IReadOnlyList<string> actual) =>
        expected.Count == actual.Count && expected.Zip(actual).All(pair => LineMatches(pair.First, pair.Second));

    /// <summary>
    /// The actual lines to paste in place of <paramref name="expected"/>: an expected line that still matches its actual
    /// line (the two texts aligned by their longest common run of matching lines) is kept, so its <c>…</c> placeholders
    /// survive an update; every other line is the actual one.
    /// </summary>
    public static string[] Merge(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        // common[i, j]: the longest common subsequence of expected[i..] and actual[j..] under LineMatches (not an
        // equivalence: a line of … matches any, so a match is taken only where it is part of a longest one).
        var common = new int[expected.Count + 1, actual.Count + 1];
        for (int i = expected.Count - 1; i >= 0; i--)
        {
            for (int j = actual.Count - 1; j >= 0; j--)
            {
                int skip = Math.Max(common[i + 1, j], common[i, j + 1]);
                common[i, j] = LineMatches(expected[i], actual[j]) ? Math.Max(common[i + 1, j + 1] + 1, skip) : skip;
            }
        }

        var merged = new List<string>(actual.Count);
        for (int i = 0, j = 0; j < actual.Count;)
        {
            if (i < expected.Count && LineMatches(expected[i], actual[j]) && common[i, j] == common[i + 1, j + 1] + 1)
            {
                merged.Add(expected[i++]);
                j++;
            }
            else if (i < expected.Count && common[i + 1, j] == common[i, j])
            {
                i++;
            }
            else
            {
                merged.Add(actual[j++]);
            }
        }

        return [.. merged];
    }

    /// <summary>A failure message: the first line that differs, then both texts in full.</summary>
    /// <param name="expected">The expected lines.</param>
    /// <param name="actual">The actual lines.</param>
    /// <param name="placeholders">Whether <c>…</c> in an expected line stands for any text (see <see cref="LineMatches"/>).</param>
    public static string Describe(IReadOnlyList<string> expected, IReadOnlyList<string> actual, bool placeholders = true)
    {
        int line = 0;
        while (line < expected.Count && line < actual.Count
            && (placeholders ? LineMatches(expected[line], actual[line]) : expected[line] == actual[line])) line++;
        var message = new StringBuilder();
        message.AppendLine(CultureInfo.InvariantCulture, $"First difference at output line {line + 1}:");
        message.AppendLine(CultureInfo.InvariantCulture, $"  expected: {(line < expected.Count ? expected[line] : "(end of output)")}");
        message.AppendLine(CultureInfo.InvariantCulture, $"  actual:   {(line < actual.Count ? actual[line] : "(end of output)")}");
        message.AppendLine("--- expected ---").AppendLine(string.Join('\n', expected));
        message.AppendLine("--- actual ---").AppendLine(string.Join('\n', actual));
        return message.ToString();
    }

    /// <summary>Writes <paramref name="text"/> as UTF-8 without a byte-order mark, atomically, if it differs from what is there.</summary>
    /// <returns>Whether the file changed.</returns>
    public static bool Write(string path, string text)
    {
        if (File.Exists(path) && File.ReadAllText(path) == text) return false;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        string temporary = path + ".tmp";
        File.WriteAllText(temporary, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        File.Move(temporary, path, overwrite: true);
        return true;
    }

    private static string FindRepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Likely.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"No Likely.sln above {AppContext.BaseDirectory}; the snapshot tests read README.md and tests/ from the source tree.");
    }
}
