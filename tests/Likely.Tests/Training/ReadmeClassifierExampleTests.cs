using Likely.Data;
using Likely.Evaluation;
using Likely.Training;

namespace Likely.Tests.Training;

/// <summary>
/// The README's "Training a classifier (library)" example: compiled and run here, and the README's text checked to be
/// these very lines, so the two cannot drift apart.
/// </summary>
[Collection(Likely.Tests.Cli.WorkingDirectoryCollection.Name)] // it changes the process's current folder
public sealed class ReadmeClassifierExampleTests : IDisposable
{
    private const string Begin = "// --- README example begins ---", End = "// --- README example ends ---";
    private readonly string folder = Directory.CreateTempSubdirectory("likely-readme-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ReadmeExample_DigitsMlp_FitsSavesLoadsAndPredictsFromRawFeatures()
    {
        string previous = Directory.GetCurrentDirectory();
        Directory.SetCurrentDirectory(folder); // the example saves digits.safetensors in the current folder
        try
        {
            // --- README example begins ---
            Dataset train = DatasetCatalog.Load("digits:train"), test = DatasetCatalog.Load("digits:test");
            var options = new ClassifierOptions { HiddenWidths = [64], Epochs = 20, ValidationFraction = 0.1, Patience = 3 };
            ClassifierModel model = Classifier.Fit(train, options);       // standardizes, splits, trains by minimizing CE
            ClassificationMetrics metrics = model.Evaluate(test);         // cross-entropy in nats and bits, accuracy, calibration, …
            model.Save("digits.safetensors");                              // weights, standardizer, names, provenance

            ClassifierModel loaded = ClassifierModel.Load("digits.safetensors");
            float[] probabilities = loaded.PredictProbabilities(test.Features, test.RowCount); // raw features in: N×C
            int[] classes = loaded.Predict(test.Features, test.RowCount);
            // --- README example ends ---

            Assert.True(metrics.Accuracy > 0.95, $"accuracy {metrics.Accuracy}");
            Assert.Equal(metrics.Accuracy, classes.Zip(test.Labels).Count(p => p.First == p.Second) / (double)test.RowCount, 12);
            Assert.Equal(test.RowCount * 10, probabilities.Length);
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }

    [Fact]
    public void Readme_ContainsTheExampleVerbatim()
    {
        string root = RepositoryRoot();
        string[] source = File.ReadAllLines(Path.Combine(root, "tests", "Likely.Tests", "Training", "ReadmeClassifierExampleTests.cs"));
        int first = Array.FindIndex(source, l => l.Trim() == Begin) + 1, last = Array.FindIndex(source, l => l.Trim() == End);
        int indent = source[first].Length - source[first].TrimStart().Length;
        string example = string.Join("\n", source[first..last].Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        Assert.Contains(example, readme);
    }

    /// <summary>The folder holding Likely.sln, found upwards from the test binaries (bin/Release/net10.0 under the test project).</summary>
    private static string RepositoryRoot()
    {
        for (DirectoryInfo? folder = new(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Likely.sln"))) return folder.FullName;
        }

        throw new InvalidOperationException($"No Likely.sln above {AppContext.BaseDirectory}.");
    }
}
