using nietras.SeparatedValues;

namespace Likely.Data;

/// <summary>
/// A data argument that names one file or a glob of files (<c>events/*.parquet</c>, <c>part-??.csv</c>): the sorted
/// list of files it names, checked to be of one format with one schema, so a streaming reader can read them in turn.
/// </summary>
public static class DataFiles
{
    /// <summary>
    /// The files <paramref name="pattern"/> names, sorted ordinally: the file itself when it has no wildcard, else every
    /// file of its directory whose name matches (<c>*</c> any run of characters, <c>?</c> one; case-sensitive; the
    /// directory part itself may not have wildcards).
    /// </summary>
    /// <exception cref="ArgumentException">The directory part has a wildcard.</exception>
    /// <exception cref="FileNotFoundException">The pattern matches no file (the message names the pattern).</exception>
    /// <exception cref="InvalidDataException">
    /// The files mix formats (.csv and .parquet), or one has other columns than the first (the message names both files).
    /// </exception>
    public static IReadOnlyList<string> Expand(string pattern)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        string[] files = Match(pattern);
        if (files.Length == 0)
        {
            throw new FileNotFoundException($"'{pattern}' matches no file; check the directory and the pattern (e.g. 'events/*.parquet').", pattern);
        }

        bool parquet = IsParquet(files[0]);
        IReadOnlyList<string>? schema = null;
        foreach (string file in files)
        {
            if (IsParquet(file) != parquet)
            {
                string formats = parquet ? $"{file} is CSV but {files[0]} is Parquet" : $"{file} is Parquet but {files[0]} is CSV";
                throw new InvalidDataException($"{formats}; every file of '{pattern}' must have one format — narrow the pattern (e.g. '*.parquet').");
            }

            IReadOnlyList<string> columns = parquet ? ParquetColumn.ReadSchema(file) : CsvHeader(file);
            if (schema is null)
            {
                schema = columns;
            }
            else if (!schema.SequenceEqual(columns))
            {
                throw new InvalidDataException($"{file} has the columns ({string.Join(", ", columns)}) but {files[0]} has ({string.Join(", ", schema)}); every file of '{pattern}' needs the same columns — convert or leave out {Path.GetFileName(file)}.");
            }
        }

        return files;
    }

    /// <summary>True for a file named *.parquet (any case): it is read as Parquet; every other file as CSV.</summary>
    public static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    private static string[] Match(string pattern)
    {
        if (pattern.IndexOfAny(['*', '?']) < 0)
        {
            return File.Exists(pattern) ? [pattern] : [];
        }

        string directory = Path.GetDirectoryName(pattern) ?? "";
        string name = Path.GetFileName(pattern);
        if (directory.IndexOfAny(['*', '?']) >= 0)
        {
            throw new ArgumentException($"The pattern '{pattern}' has a wildcard in its directory part; only the file name may have one (e.g. 'events/*.parquet').", nameof(pattern));
        }

        string root = directory.Length == 0 ? "." : directory;
        if (!Directory.Exists(root))
        {
            return [];
        }

        var options = new EnumerationOptions { MatchType = MatchType.Simple, MatchCasing = MatchCasing.CaseSensitive, RecurseSubdirectories = false };
        string[] files = Directory.EnumerateFiles(root, name, options)
            .Select(f => directory.Length == 0 ? Path.GetFileName(f) : Path.Combine(directory, Path.GetFileName(f)))
            .ToArray();
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    private static string[] CsvHeader(string path)
    {
        using SepReader reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All }).FromFile(path);
        return reader.Header.ColNames.ToArray();
    }
}
