using System.CommandLine;

namespace Likely.Cli.Options;

/// <summary>
/// <c>--data FILE</c>: where a command reads its observations, the one name every command uses for its input
/// (<c>train --data digits</c>, <c>fit normal --data heights.csv</c>). Commands that once said <c>--file</c> still
/// accept it as a hidden alias, so existing scripts keep working.
/// </summary>
public sealed class DataOption
{
    private readonly Option<string?> data;
    private readonly Option<string?> legacyFile;
    private readonly bool required;

    private DataOption(Option<string?> data, Option<string?> legacyFile, bool required)
    {
        this.data = data;
        this.legacyFile = legacyFile;
        this.required = required;
    }

    /// <summary>Creates the option (and its hidden <c>--file</c> alias) for one command.</summary>
    /// <param name="description">What the file holds for this command.</param>
    /// <param name="required">True when the command cannot run without it.</param>
    public static DataOption Create(string description, bool required)
    {
        // Not System.CommandLine's Required: with two spellings, the check is whether either was given.
        var data = new Option<string?>("--data") { Description = required ? description + " Required." : description, HelpName = "file" };
        var legacy = new Option<string?>("--file") { Description = "The old name of --data.", Hidden = true };
        return new DataOption(data, legacy, required);
    }

    /// <summary>Adds both spellings to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(data);
        command.Options.Add(legacyFile);
    }

    /// <summary>The path given, or null when neither spelling was given (and the option is not required).</summary>
    /// <exception cref="UsageException">Both spellings given, or neither when required.</exception>
    public string? GetValue(ParseResult parseResult, string commandPath)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        string? viaData = parseResult.GetValue(data), viaFile = parseResult.GetValue(legacyFile);
        if (viaData is not null && viaFile is not null)
        {
            throw new UsageException($"{commandPath}: give the file once, as --data (--file is its old name).");
        }

        string? path = viaData ?? viaFile;
        if (path is null && required)
        {
            throw new UsageException($"{commandPath} needs --data FILE (a CSV file with a header row); run {commandPath} --help for an example.");
        }

        return path;
    }
}
