using System.Xml.Linq;
using Likely.Tests.Data;

namespace Likely.Tests.Cli;

/// <summary>How <c>plot --out</c> and <c>explain --plot</c> treat destinations: checked first, errors on one line with exit 2.</summary>
public sealed class PlotOutputFileTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-plot-out-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Csv(string name)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllLines(path, new[] { "k" }.Concat(Enumerable.Range(0, 50).Select(i => (i % 7).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        return path;
    }

    private static void AssertOneLineError(string error, string expected)
    {
        Assert.Single(error.Trim().Split('\n'));
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void PlotOut_Directory_ExitsTwoWithOneLine()
    {
        string target = Directory.CreateDirectory(Path.Combine(folder, "figure.svg")).FullName;

        var (status, output, error) = CliRunner.Run("plot", "binary-entropy", "--out", target);

        Assert.Equal(2, status);
        Assert.Empty(output);
        AssertOneLineError(error, "is a folder");
        Assert.Empty(Directory.GetFileSystemEntries(target));
    }

    [Fact]
    public void PlotOut_MissingFolder_ExitsTwoWithOneLine()
    {
        var (status, _, error) = CliRunner.Run("plot", "binary-entropy", "--out", Path.Combine(folder, "no", "figure.png"));

        Assert.Equal(2, status);
        AssertOneLineError(error, "does not exist");
    }

    [Fact]
    public void PlotOut_DashSvg_WritesTheFigureToOutput()
    {
        var (status, output, error) = CliRunner.Run("plot", "binary-entropy", "--out", "-");

        Assert.True(status == 0, error);
        XDocument svg = XDocument.Parse(output); // the whole output is the figure and nothing else
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains("H(p) (bits)", output, StringComparison.Ordinal);
        Assert.Contains("wrote -", error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Environment.CurrentDirectory, "-")));
    }

    [Fact]
    public void PlotOut_DashPng_ExitsTwoNamingStandardOutput()
    {
        var (status, output, error) = CliRunner.Run("plot", "binary-entropy", "--out", "-", "--format", "png");

        Assert.Equal(2, status);
        Assert.Empty(output);
        AssertOneLineError(error, "'-' (standard output) cannot receive the PNG figure");
    }

    [Fact]
    public void PlotOut_FormatOverridesExtension_WritesPng()
    {
        string path = Path.Combine(folder, "figure.img");

        var (status, _, error) = CliRunner.Run("plot", "binary-entropy", "--out", path, "--format", "png");

        Assert.True(status == 0, error);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(path)[..4]); // the PNG signature
    }

    [TmpfsFact]
    public void PlotOut_DiskFull_ExitsTwoWithNoSpaceLeft()
    {
        using Tmpfs mount = Tmpfs.TryMount("size=4k")!;
        string path = Path.Combine(mount.Folder, "figure.svg");

        var (status, _, error) = CliRunner.Run("plot", "binary-entropy", "--out", path);

        Assert.Equal(2, status);
        AssertOneLineError(error, "no space left on device");
        Assert.DoesNotContain("bug", error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(mount.Folder));
    }

    [Fact]
    public void ExplainPlot_Directory_ExitsTwoWithOneLine()
    {
        string data = Csv("data.csv");
        string target = Directory.CreateDirectory(Path.Combine(folder, "ledger.svg")).FullName;

        var (status, output, error) = CliRunner.Run("explain", "poisson", "--data", data, "--plot", target);

        Assert.Equal(2, status);
        Assert.Empty(output);
        AssertOneLineError(error, "is a folder");
    }

    [Fact]
    public void ExplainPlot_Dash_ExitsTwoBecauseOutputCarriesTheExplanation()
    {
        var (status, output, error) = CliRunner.Run("explain", "poisson", "--data", Csv("data.csv"), "--plot", "-");

        Assert.Equal(2, status);
        Assert.Empty(output);
        AssertOneLineError(error, "standard output");
    }

    [Fact]
    public void ExplainPlot_SameFileAsData_ExitsTwoAndKeepsTheData()
    {
        string data = Csv("data.svg");
        byte[] before = File.ReadAllBytes(data);

        var (status, output, error) = CliRunner.Run("explain", "poisson", "--data", data, "--plot", data);

        Assert.Equal(2, status);
        Assert.Empty(output);
        AssertOneLineError(error, "input");
        Assert.Equal(before, File.ReadAllBytes(data));
    }
}
