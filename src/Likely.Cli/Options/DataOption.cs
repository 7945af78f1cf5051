using System.CommandLine;
using Likely.Data;

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

    /// <summary>The help of --data where a command reads labelled rows (evaluate, report, calibrate's test set, the figures).</summary>
    public const string LabelledDataDescription = "Labelled data: digits:test, fashion-mnist:test, a .csv or .parquet file (with --label) or an IDX folder.";

    /// <summary>The help of --label, wherever labelled rows are read from a file (the built-in data sets name their own).</summary>
    public const string LabelDescription = "CSV or Parquet data: the label column.";

    /// <summary>The description of a --data that reads columns through <see cref="Files"/>.</summary>
    public const string ColumnFilesDescription = "A .csv (with a header row) or .parquet file, or a quoted glob of them ('events/*.parquet').";

    /// <summary>
    /// The files a --data value names: the path itself when it has no wildcard (the reader then says if it is missing),
    /// else the glob's files (<see cref="DataFiles.Expand"/>: sorted, one format, one schema).
    /// </summary>
    /// <exception cref="FileNotFoundException">The glob matches no file.</exception>
    /// <exception cref="InvalidDataException">The glob's files mix formats or columns, or one is not readable Parquet.</exception>
    /// <exception cref="ArgumentException">The glob has a wildcard in its directory part.</exception>
    public static IReadOnlyList<string> Files(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return path.IndexOfAny(['*', '?']) < 0 ? [path] : DataFiles.Expand(path);
    }
}
