using System.Text.Json;
using Likely.Numerics;

namespace Likely.Tests.Cli;

public class InfoCommandTests
{
    [Fact]
    public void Info_Json_NamesThePathTheKernelsUse()
    {
        var (status, output, _) = CliRunner.Run("info", "--json");
        Assert.Equal(0, status);
        using JsonDocument document = JsonDocument.Parse(output);
        JsonElement root = document.RootElement;
        // The expected values come from the process itself (the test runs without LIKELY_VECTOR_PATH).
        Assert.Equal(VectorPaths.Current.ToString().ToLowerInvariant(), root.GetProperty("vectorPath").GetString());
        Assert.Equal(Environment.ProcessorCount, root.GetProperty("cores").GetInt32());
        JsonElement[] sets = root.GetProperty("dataSets").EnumerateArray().ToArray();
        JsonElement digits = sets.Single(set => set.GetProperty("name").GetString() == "digits");
        Assert.Equal("embedded in Likely", digits.GetProperty("location").GetString());
        Assert.True(digits.GetProperty("available").GetBoolean());
        Assert.Contains(sets, set => set.GetProperty("name").GetString() == "fashion-mnist");
    }

    [Fact]
    public void Info_Text_ShowsVersionPathAndDataSets()
    {
        var (status, output, _) = CliRunner.Run("info");
        Assert.Equal(0, status);
        Assert.Contains($"vector path: {VectorPaths.Name(VectorPaths.Current)}", output);
        Assert.Contains("data set:    digits", output);
        Assert.Contains("fashion-mnist", output);
    }
}

[Trait("Category", "Kernel")]
public class VectorPathTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_Unset_GivesTheBestPath(string? value)
    {
        Assert.Equal(VectorPaths.Best, VectorPaths.Parse(value, out string? problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Parse_NarrowerPath_IsHonoured()
    {
        Assert.Equal(VectorPath.Scalar, VectorPaths.Parse("scalar", VectorPath.Vector512, out string? problem));
        Assert.Null(problem);
        Assert.Equal(VectorPath.Vector128, VectorPaths.Parse(" Vector128 ", VectorPath.Vector512, out problem));
        Assert.Null(problem);
    }

    [Fact]
    public void Parse_UnknownName_SaysWhatToSet()
    {
        Assert.Equal(VectorPaths.Best, VectorPaths.Parse("avx", out string? problem));
        Assert.Equal("LIKELY_VECTOR_PATH='avx' is not a vector path; set it to scalar, vector128, vector256 or vector512, or unset it.", problem);
    }

    [Fact]
    public void Parse_WiderThanTheCpu_IsRefused()
    {
        // An AVX2 machine asked for 512-bit vectors keeps its best path and is told what to set.
        Assert.Equal(VectorPath.Vector256, VectorPaths.Parse("vector512", VectorPath.Vector256, out string? problem));
        Assert.Equal("LIKELY_VECTOR_PATH=vector512 is wider than this CPU runs in hardware (AVX2 + FMA); set it to vector256 or narrower, or unset it.", problem);
    }
}
