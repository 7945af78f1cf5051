using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Text.RegularExpressions;
using Likely.Data;

namespace Likely.Cli;

/// <summary>
/// Runs the <c>likely</c> command tree against injected writers and maps failures to exit codes:
/// 0 success, 2 bad input or an environment problem the user can fix (one line on stderr saying what is wrong and how
/// to fix it: a missing file, a full disk, a read-only folder), 1 unexpected failure.
/// </summary>
public static partial class CliApp
{
    /// <summary>Exit status for success.</summary>
    public const int Success = 0;

    /// <summary>Exit status for an unexpected failure: a bug.</summary>
    public const int UnexpectedFailure = 1;

    /// <summary>Exit status for bad input (malformed arguments, missing files, invalid data) and for an environment the
    /// user can fix (no space left on device, a read-only file system, no permission).</summary>
    public const int BadInput = 2;

    /// <summary>Parses <paramref name="args"/>, runs the chosen command and returns the process exit status.</summary>
    /// <param name="args">The command-line arguments, without the program name.</param>
    /// <param name="output">Where results go (standard output in the real program).</param>
    /// <param name="error">Where diagnostics go (standard error in the real program).</param>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        // A bad LIKELY_VECTOR_PATH is refused before any work, like a bad flag (the kernels would ignore it silently).
        Numerics.VectorPaths.Parse(Environment.GetEnvironmentVariable(Numerics.VectorPaths.EnvironmentVariable), out string? pathProblem);
        if (pathProblem is not null)
        {
            error.WriteLine($"error: {pathProblem}");
            return BadInput;
        }

        var context = new CliContext(output, error);
        RootCommand root = CommandTree.Build(context);
        ParseResult parsed = root.Parse(args);
        if (SurfaceProblem(root, parsed, args) is { } problem)
        {
            error.WriteLine($"error: {problem}");
            return BadInput;
        }

        if (parsed.Errors.Count > 0)
        {
            string path = CommandPath(parsed.CommandResult);
            error.WriteLine($"error: {Describe(parsed.Errors[0]).TrimEnd('.')}; run {path} --help to see the options and an example.");
            return BadInput;
        }

        try
        {
            if (parsed.Action is HelpAction)
            {
                return WriteHelp(parsed, output, error);
            }

            return parsed.Invoke(new InvocationConfiguration
            {
                Output = output,
                Error = error,
                EnableDefaultExceptionHandler = false,
            });
        }
        catch (Exception exception) when (IsBadInput(exception))
        {
            error.WriteLine($"error: {OneLine(exception)}");
            return BadInput;
        }
        catch (Exception exception)
        {
            error.WriteLine($"unexpected failure ({exception.GetType().Name}): {OneLine(exception)}");
            error.WriteLine("This is a bug in likely; please report it with the command you ran.");
            return UnexpectedFailure;
        }
    }

    /// <summary>
    /// Writes System.CommandLine's help with the command named <c>likely</c> in its usage lines whatever the executable
    /// file is called (Likely.Cli under <c>dotnet</c>, testhost in tests), and without trailing spaces.
    /// </summary>
    private static int WriteHelp(ParseResult parsed, TextWriter output, TextWriter error)
    {
        using var help = new StringWriter();
        int status = parsed.Invoke(new InvocationConfiguration { Output = help, Error = error, EnableDefaultExceptionHandler = false });
        string executable = RootCommand.ExecutableName;
        foreach (string line in help.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'))
        {
            string trimmed = line.TrimEnd();
            string indent = trimmed[..(trimmed.Length - trimmed.TrimStart().Length)];
            bool namesExecutable = executable != CommandTree.Name && indent.Length > 0
                && (trimmed.TrimStart() == executable || trimmed.TrimStart().StartsWith(executable + " ", StringComparison.Ordinal));
            output.WriteLine(namesExecutable ? indent + CommandTree.Name + trimmed.TrimStart()[executable.Length..] : trimmed);
        }

        return status;
    }

    /// <summary>
    /// Mistakes the parser reports in its own words, said in the user's: no command, a command that does not exist, an
    /// option the command does not have (which a command taking free-form values would otherwise read as a value and
    /// reject as, say, "not a number").
    /// </summary>
    private static string? SurfaceProblem(Command root, ParseResult parsed, string[] args)
    {
        Command command = parsed.CommandResult.Command;
        if (command == root)
        {
            string? first = args.FirstOrDefault();
            if (first is null)
            {
                return "no command given; run likely tour for a guided start, or likely --help for the commands.";
            }

            // Options of the root (--help, --version) and directives ([suggest], which shell completion sends) are the parser's.
            if (!first.StartsWith('-') && !first.StartsWith('['))
            {
                string[] names = root.Subcommands.Where(sub => !sub.Hidden).Select(sub => sub.Name).ToArray();
                string? meant = Options.Spelling.Closest(first, names);
                return $"'{first}' is not a likely command{(meant is null ? "" : $" (did you mean {meant}?)")}; the commands are: {string.Join(", ", names)}.";
            }

            return null;
        }

        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (Option option in command.Options.Concat(root.Options))
        {
            known.Add(option.Name);
            foreach (string alias in option.Aliases) known.Add(alias);
        }

        // Only tokens before a "--" separator can be options; a negative number starts with one dash, not two.
        foreach (string token in args.TakeWhile(token => token != "--"))
        {
            if (token.StartsWith("--", StringComparison.Ordinal) && token.Length > 2)
            {
                string name = token.Split('=', 2)[0];
                if (!known.Contains(name))
                {
                    string path = CommandPath(parsed.CommandResult);
                    string[] visible = command.Options.Concat(root.Options).Where(option => !option.Hidden).Select(option => option.Name).ToArray();
                    string? meant = Options.Spelling.Closest(name, visible);
                    return $"{path} has no option '{name}'{(meant is null ? "" : $" (did you mean {meant}?)")}; run {path} --help to see its options.";
                }
            }
        }

        return null;
    }

    /// <summary>
    /// A parse error in the user's words: System.CommandLine's "Cannot parse argument 'x' for option '--epochs' as expected
    /// type 'System.Int32'" names a .NET type; the user needs to hear what to type instead.
    /// </summary>
    private static string Describe(ParseError parseError)
    {
        Match match = CannotParse().Match(parseError.Message);
        if (!match.Success) return parseError.Message.ReplaceLineEndings(" ").Trim();
        string expected = match.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.Double" or "System.Single" => "a number",
            "System.Boolean" => "true or false",
            string other => $"a value of type {other}",
        };
        return $"{match.Groups["option"].Value} '{match.Groups["value"].Value}' is not {expected}";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for (?:option|argument) '(?<option>[^']*)' as expected type '(?<type>[^']*)'")]
    private static partial Regex CannotParse();

    /// <summary>The command as typed, e.g. "likely plot binary-entropy".</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command) names.Add(command.Command is RootCommand ? CommandTree.Name : command.Command.Name);
        }

        names.Reverse();
        return string.Join(' ', names);
    }

    /// <summary>Exceptions that mean the user's input or environment was wrong, as opposed to a bug.</summary>
    private static bool IsBadInput(Exception exception) => exception is
        UsageException or ArgumentException or FormatException or FileNotFoundException
        or DirectoryNotFoundException or InvalidDataException or UnauthorizedAccessException or OutputFileException
        || OutputFileException.DescribeCause(exception) is not null;

    /// <summary>The message on one line: the library's messages can carry the parameter name on a second line.</summary>
    private static string OneLine(Exception exception)
    {
        if (exception is Likely.Training.OptionOutOfRangeException option)
        {
            // The flag is the option's property name in kebab case (LearningRate → --learning-rate).
            return $"{Options.OptionNames.Flag(option.ParamName!)} {Likely.Training.OptionOutOfRangeException.Format(option.ActualValue)} is out of range: it must be {option.Requirement}.";
        }

        string message = exception is ArgumentException argument && argument.ParamName is not null
            ? argument.Message.Replace($" (Parameter '{argument.ParamName}')", "", StringComparison.Ordinal)
            : exception.Message;
        return message.ReplaceLineEndings(" ").Trim();
    }
}
