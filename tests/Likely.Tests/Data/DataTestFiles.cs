namespace Likely.Tests.Data;

/// <summary>Temporary folders for tests that write files, and the committed data files next to this source file.</summary>
internal sealed class DataTestFiles : IDisposable
{
    public DataTestFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), "likely-data-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
    }

    /// <summary>A fresh, empty folder, deleted on dispose.</summary>
    public string Folder { get; }

    /// <summary>The full path of <paramref name="name"/> in the temporary folder.</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Writes <paramref name="text"/> to a new file in the temporary folder and returns its path.</summary>
    public string WriteText(string name, string text)
    {
        string path = PathOf(name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>
    /// The committed file tests/Likely.Tests/Data/<paramref name="name"/>, found by walking up from the test assembly's
    /// folder to the repository (so it works from any build output folder without copying data into it).
    /// </summary>
    public static string Committed(string name)
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            string candidate = Path.Combine(folder.FullName, "tests", "Likely.Tests", "Data", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"Committed test file tests/Likely.Tests/Data/{name} not found above {AppContext.BaseDirectory}.");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is harmless; never fail a test over cleanup.
        }
    }
}
