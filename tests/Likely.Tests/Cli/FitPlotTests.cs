using Likely.Cli.Commands.Likelihood;
using Likely.Cli.Output;
using Likely.Data;
using Likely.Distributions;
using Likely.Likelihood;

namespace Likely.Tests.Cli;

/// <summary>The <c>fit --plot</c> figure: fitdistrplus's four panels for a continuous family, two for a discrete one.</summary>
public sealed class FitPlotTests : IDisposable
{
    // LIKELY_KEEP_TEST_FIGURES=1 keeps the figures (their folder is printed) so that a person can look at them.
    private readonly string folder = Directory.CreateTempSubdirectory("likely-fit-plot-").FullName;

    public void Dispose()
    {
        if (Environment.GetEnvironmentVariable("LIKELY_KEEP_TEST_FIGURES") is null) Directory.Delete(folder, recursive: true);
    }

    private static LikelihoodSample Normal(int n)
    {
        var values = new double[n];
        new Normal(170, 8).Sample(new Random(1), values);
        return new LikelihoodSample(values, null);
    }

    [Fact]
    public void Continuous_FourPanels_InOrder()
    {
        LikelihoodSample sample = Normal(500);
        DistributionFit fit = Families.Find("normal").Fit(sample.Values);
        var panels = FitPlot.Panels(fit, sample, "height_cm");
        Assert.Equal(4, panels.Length);
        Assert.Equal(["Data and the maximum-likelihood normal", "Empirical and fitted CDFs", "Q-Q plot", "P-P plot"],
            panels.Select(p => p.Axes.Title.Label.Text));
    }

    [Fact]
    public void Discrete_TwoPanels()
    {
        double[] counts = [0, 1, 1, 2, 2, 2, 3, 3, 4, 6];
        var sample = new LikelihoodSample(counts, null);
        Assert.Equal(2, FitPlot.Panels(Families.Find("poisson").Fit(counts), sample, "goals").Length);
    }

    [Theory]
    [InlineData("fit.png", 1280, 800)]
    [InlineData("fit.svg", 1280, 800)]
    public void Figure_IsWrittenAtTheGridsSize(string name, int width, int height)
    {
        LikelihoodSample sample = Normal(5000); // more rows than the 2,000 points drawn: the panels thin them
        DistributionFit fit = Families.Find("normal").Fit(sample.Values);
        string path = Path.Combine(folder, name);
        (OutputFile file, FigureFormat format) = FitPlot.Prepare(path, Path.Combine(folder, "data.csv"));
        FitPlot.Write(file, format, fit, sample, "height_cm");

        byte[] bytes = File.ReadAllBytes(path);
        // Branch on the file name the test chose, not on the format Prepare returned: a wrong mapping must fail here.
        bool png = name.EndsWith(".png", StringComparison.Ordinal);
        Assert.Equal(png ? FigureFormat.Png : FigureFormat.Svg, format);
        if (png)
        {
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], bytes[..4]);
            // The PNG header's IHDR chunk: width and height, big-endian, at bytes 16–23.
            Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
            Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        }
        else
        {
            string svg = System.Text.Encoding.UTF8.GetString(bytes);
            Assert.StartsWith($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\">", svg);
            Assert.Equal(4, System.Text.RegularExpressions.Regex.Matches(svg, "<g transform=\"translate").Count);
        }

        Console.WriteLine($"figure: {path}");
    }

    [Fact]
    public void Discrete_FigureIsOneRowHigh()
    {
        var values = new double[1000];
        new Poisson(2.3).Sample(new Random(2), values);
        var sample = new LikelihoodSample(values, null);
        string path = Path.Combine(folder, "counts.png");
        (OutputFile file, FigureFormat format) = FitPlot.Prepare(path, "counts.csv");
        FitPlot.Write(file, format, Families.Find("poisson").Fit(values), sample, "goals");
        byte[] bytes = File.ReadAllBytes(path);
        Assert.Equal(400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Console.WriteLine($"figure: {path}");
    }

    [Theory]
    [InlineData("-")]
    [InlineData("fit.jpg")]
    public void BadPlotPath_IsRefusedBeforeAnyWork(string path) =>
        Assert.Throws<Likely.Cli.UsageException>(() => FitPlot.Prepare(path, "data.csv"));
}
