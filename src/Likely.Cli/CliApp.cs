using System.CommandLine;
using System.CommandLine.Parsing;
using Likely.Data;

namespace Likely.Cli;

/// <summary>
/// Runs the <c>likely</c> command tree against injected writers and maps failures to exit codes:
/// 0 success, 2 bad input or an environment problem the user can fix (one line on stderr saying what is wrong and how
/// to fix it: a missing file, a full disk, a read-only folder), 1 unexpected failure.
/// </summary>
public static class CliApp
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
        Command root = CommandTree.Build(context);
        ParseResult parsed = root.Parse(args);
        if (SurfaceProblem(root, parsed, args) is { } problem)
        {
            error.WriteLine($"error: {problem}");
            return BadInput;
        }

        if (parsed.Errors.Count > 0)
        {
            error.WriteLine($"error: {parsed.Errors[0].Message} (run with --help to see the options and an example)");
            return BadInput;
        }

        try
        {
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

            if (!first.StartsWith('-'))
            {
                string commands = string.Join(", ", root.Subcommands.Select(sub => sub.Name));
                return $"'{first}' is not a likely command; the commands are: {commands}.";
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
                    return $"{path} has no option '{name}'; run {path} --help to see its options.";
                }
            }
        }

        return null;
    }

    /// <summary>The command as typed, e.g. "likely plot binary-entropy".</summary>
    private static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (SymbolResult? current = result; current is not null; current = current.Parent)
        {
            if (current is CommandResult command) names.Add(command.Command.Name);
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
