using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using Likely.Cli.Output;

namespace Likely.Tests.Cli;

/// <summary>
/// A small model trained once on three named classes (a seeded CSV), shared by the figure tests: the CSV gives class
/// names to look for in the figures. LIKELY_KEEP_TEST_FIGURES=1 keeps the folder so a person can look at the figures.
/// </summary>
public sealed class NamedClassModel : IDisposable
{
    public static readonly string[] Classes = ["setosa", "versicolor", "virginica"];

    public NamedClassModel()
    {
        Folder = Directory.CreateTempSubdirectory("likely-classifier-plot-").FullName;
        Data = Path.Combine(Folder, "flowers.csv");
        var random = new Random(11);
        var lines = new List<string> { "petal,sepal,species" };
        for (int i = 0; i < 150; i++)
        {
            int c = i % 3; // three overlapping blobs, so some rows are confused and every calibration bin is not trivial
            double petal = c + random.NextDouble() * 1.8, sepal = 2 * c + random.NextDouble() * 3;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"{petal:F3},{sepal:F3},{Classes[c]}"));
        }

        File.WriteAllLines(Data, lines);
        Model = Path.Combine(Folder, "model.safetensors");
        var (status, _, error) = CliRunner.Run("train", "--data", Data, "--label", "species", "--architecture", "softmax",
            "--epochs", "6", "--validation", "0.2", "--patience", "2", "--batch", "16", "--out", Model);
        Assert.True(status == 0, error);
    }

    public string Folder { get; }

    public string Data { get; }

    public string Model { get; }

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("LIKELY_KEEP_TEST_FIGURES") is null) Directory.Delete(Folder, recursive: true);
        else Console.WriteLine($"figures: {Folder}");
    }
}

/// <summary><c>likely plot learning-curves|confusion-matrix|reliability-diagram|per-class-cross-entropy</c> and <c>train --plot</c>.</summary>
public sealed class ClassifierPlotCommandTests(NamedClassModel trained) : IClassFixture<NamedClassModel>
{
    private string Out(string name) => Path.Combine(trained.Folder, name);

    private static void AssertPng(string path, int width, int height)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], bytes[..8]); // the PNG signature
        // The IHDR chunk follows: width and height, big-endian, at bytes 16–23.
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
    }

    /// <summary>The SVG parsed as XML, and the text of its &lt;text&gt; elements, trimmed.</summary>
    private static (XElement Root, string[] Texts) Svg(string path)
    {
        XElement root = XDocument.Load(path).Root!;
        Assert.Equal("svg", root.Name.LocalName);
        return (root, root.Descendants().Where(e => e.Name.LocalName == "text").Select(e => e.Value.Trim()).ToArray());
    }

    private static void AssertOneLineError(int status, string error, string expected)
    {
        Assert.Equal(2, status);
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("learning-curves")]
    [InlineData("confusion-matrix")]
    [InlineData("reliability-diagram")]
    [InlineData("per-class-cross-entropy")]
    public void Plot_Png_WritesAPngOfTheRequestedSize(string figure)
    {
        string path = Out($"{figure}.png");
        string[] data = figure == "learning-curves" ? [] : ["--data", trained.Data, "--label", "species"];

        var (status, output, error) = CliRunner.Run(["plot", figure, "--model", trained.Model, .. data, "--out", path, "--width", "800", "--height", "500"]);

        Assert.True(status == 0, error);
        AssertPng(path, 800, 500);
        Assert.StartsWith($"wrote {path} (800×500, ", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("confusion-matrix")]
    [InlineData("per-class-cross-entropy")]
    public void Plot_Svg_ParsesAndNamesEveryClass(string figure)
    {
        string path = Out($"{figure}.svg");

        var (status, _, error) = CliRunner.Run("plot", figure, "--model", trained.Model, "--data", trained.Data, "--label", "species", "--out", path);

        Assert.True(status == 0, error);
        (XElement root, string[] texts) = Svg(path);
        Assert.Equal("640", root.Attribute("width")!.Value);
        Assert.All(NamedClassModel.Classes, name => Assert.Contains(name, texts));
    }

    [Fact]
    public void PlotReliabilityDiagram_Svg_ShowsTheCalibrationErrorThatEvaluateReports()
    {
        string path = Out("reliability.svg");
        var evaluated = CliRunner.Run("evaluate", "--model", trained.Model, "--data", trained.Data, "--label", "species", "--json");
        Assert.True(evaluated.Status == 0, evaluated.Error);
        double ece = JsonDocument.Parse(evaluated.Output).RootElement.GetProperty("expectedCalibrationError").GetDouble();

        var (status, _, error) = CliRunner.Run("plot", "reliability-diagram", "--model", trained.Model, "--data", trained.Data, "--label", "species",
            "--out", path, "--width", "1600", "--height", "1000");

        Assert.True(status == 0, error);
        (_, string[] texts) = Svg(path);
        Assert.Contains(texts, t => t.StartsWith($"Reliability diagram: ECE = {NumberText.Format(ece, 4)} over 15 bins", StringComparison.Ordinal));
    }

    [Fact]
    public void PlotLearningCurves_SvgInBits_LabelsTheUnitAndTheBestEpoch()
    {
        string path = Out("curves.svg");

        var (status, _, error) = CliRunner.Run("plot", "learning-curves", "--model", trained.Model, "--base", "2", "--out", path);

        Assert.True(status == 0, error);
        (_, string[] texts) = Svg(path);
        Assert.Contains("cross-entropy (bits)", texts);
        Assert.Contains("validation rows", texts);
        Assert.Contains(texts, t => t.StartsWith("best epoch, ", StringComparison.Ordinal)); // trained with --patience 2
    }

    [Fact]
    public void PlotLearningCurves_LbfgsModel_ExitsTwoWithOneLine()
    {
        string model = Out("lbfgs.safetensors");
        Assert.Equal(0, CliRunner.Run("train", "--data", trained.Data, "--label", "species", "--architecture", "softmax", "--solver", "lbfgs", "--out", model).Status);

        var (status, _, error) = CliRunner.Run("plot", "learning-curves", "--model", model, "--out", Out("lbfgs.png"));

        AssertOneLineError(status, error, "L-BFGS");
        Assert.False(File.Exists(Out("lbfgs.png")));
    }

    [Theory]
    [InlineData("no-such-folder/figure.png", "does not exist")]
    [InlineData("figure.jpg", "must end in .svg or .png")]
    public void PlotConfusionMatrix_BadOut_ExitsTwoWithOneLine(string name, string expected)
    {
        var (status, output, error) = CliRunner.Run("plot", "confusion-matrix", "--model", trained.Model, "--data", trained.Data, "--label", "species", "--out", Out(name));

        AssertOneLineError(status, error, expected);
        Assert.Empty(output);
    }

    [Fact]
    public void PlotPerClass_OutIsTheData_ExitsTwoAndKeepsTheData()
    {
        string before = File.ReadAllText(trained.Data);

        var (status, _, error) = CliRunner.Run("plot", "per-class-cross-entropy", "--model", trained.Model, "--data", trained.Data, "--label", "species",
            "--out", trained.Data, "--format", "svg");

        Assert.Equal(2, status);
        Assert.Single(error.Trim().Split('\n'));
        Assert.Equal(before, File.ReadAllText(trained.Data));
    }

    [Fact]
    public void TrainPlot_WritesTheLearningCurves()
    {
        string path = Out("train-curves.png");

        var (status, output, error) = CliRunner.Run("train", "--data", trained.Data, "--label", "species", "--architecture", "softmax", "--epochs", "3", "--plot", path);

        Assert.True(status == 0, error);
        AssertPng(path, 640, 400);
        Assert.Contains($"Drew the learning curves to {path}.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("no-such-folder/curves.png", "does not exist")]
    [InlineData("curves.gif", ".png or .svg")]
    [InlineData("-", "standard output")]
    public void TrainPlot_BadPath_ExitsTwoWithOneLineBeforeTraining(string name, string expected)
    {
        string model = Out($"never-{Guid.NewGuid():N}.safetensors");

        var (status, output, error) = CliRunner.Run("train", "--data", trained.Data, "--label", "species", "--epochs", "3",
            "--out", model, "--plot", name == "-" ? name : Out(name));

        AssertOneLineError(status, error, expected);
        Assert.DoesNotContain("Training on", output + error, StringComparison.Ordinal);
        Assert.False(File.Exists(model));
    }

    [Fact]
    public void TrainPlot_Lbfgs_ExitsTwoWithOneLine()
    {
        var (status, _, error) = CliRunner.Run("train", "--data", trained.Data, "--label", "species", "--architecture", "softmax", "--solver", "lbfgs",
            "--plot", Out("lbfgs-curves.png"));

        AssertOneLineError(status, error, "no epochs");
    }
}
