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

    /// <summary>
    /// The most files <see cref="ReadShards{T}"/> reads at once: each reader holds a row group or a CSV chunk, so memory
    /// grows with it; four keeps a glob's peak within a few row groups on any machine while using a laptop's cores.
    /// </summary>
    public const int MaxParallelFiles = 4;

    /// <summary>
    /// Reads every file into a shard with <paramref name="read"/>, up to <see cref="MaxParallelFiles"/> files at once (no
    /// more than the cores), and hands the shards to <paramref name="merge"/> one at a time in file order on the calling
    /// thread: merged in that order, the result does not depend on the number of threads. Readers run ahead of the merge
    /// by at most twice their number of shards, so memory stays that of a few files. When reads fail, the failure of the
    /// first file in order is thrown, as a sequential read would have.
    /// </summary>
    /// <typeparam name="T">A shard: an accumulator or counts of one file.</typeparam>
    /// <param name="files">The files, in the order the shards are merged.</param>
    /// <param name="read">Reads one file into its shard; must not share mutable state across files.</param>
    /// <param name="merge">Takes each shard, in file order, on the calling thread.</param>
    public static void ReadShards<T>(IReadOnlyList<string> files, Func<string, T> read, Action<T> merge)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(merge);
        int workers = Math.Clamp(Environment.ProcessorCount, 1, MaxParallelFiles);
        if (files.Count <= 1 || workers == 1)
        {
            foreach (string file in files) merge(read(file));
            return;
        }

        var results = new TaskCompletionSource<T>[files.Count];
        for (int i = 0; i < results.Length; i++) results[i] = new TaskCompletionSource<T>();
        using var ahead = new SemaphoreSlim(2 * workers); // a permit per shard being read or waiting to be merged
        using var stop = new CancellationTokenSource();
        int next = -1;
        void Work()
        {
            // Files start in index order, each after taking a permit, so the smallest unmerged file always gets read.
            while (true)
            {
                try
                {
                    ahead.Wait(stop.Token);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                int i = Interlocked.Increment(ref next);
                if (i >= files.Count) return;
                try
                {
                    results[i].SetResult(read(files[i]));
                }
                catch (Exception exception)
                {
                    results[i].SetException(exception);
                }
            }
        }

        Task[] readers = [.. Enumerable.Range(0, workers).Select(_ => Task.Run(Work))];
        try
        {
            for (int i = 0; i < files.Count; i++)
            {
                T shard = results[i].Task.GetAwaiter().GetResult(); // that file's failure, if it failed
                results[i] = null!; // the shard is the merge's now
                merge(shard);
                ahead.Release();
            }
        }
        finally
        {
            stop.Cancel(); // readers stop after the file in hand
            Task.WaitAll(readers);
        }
    }

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
