using System.Text.Json;
using Likely.Cli;
using Likely.Cli.Commands.Training;
using Likely.Data;
using Likely.Tests.Data;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

/// <summary>
/// <c>likely train --memory-limit</c>: digits written to Parquet in row groups of 100 rows, 260 bytes a row (4·64 + 4),
/// 373,620 bytes in all; 60000B holds two row groups, 400000B all of them.
/// </summary>
public sealed class TrainMemoryLimitTests : IDisposable
{
    private readonly DataTestFiles files = new();
    private readonly string parquet;

    public TrainMemoryLimitTests()
    {
        parquet = files.PathOf("digits.parquet");
        ParquetTestFiles.Write(parquet, DatasetCatalog.Load("digits:train"), rowGroupRows: 100).GetAwaiter().GetResult();
    }

    public void Dispose() => files.Dispose();

    [Theory]
    [InlineData("512MB", 512_000_000L)]
    [InlineData("2GB", 2_000_000_000L)]
    [InlineData("1.5GiB", 1_610_612_736L)] // 1.5 × 2³⁰
    [InlineData("64kib", 65_536L)]
    [InlineData("60000B", 60_000L)]
    public void Bytes_SizeWithUnit_ParsesToBytes(string text, long expected) =>
        Assert.Equal(expected, OptionParsing.Bytes(text, "--memory-limit"));

    [Theory]
    [InlineData("512")]
    [InlineData("12XB")]
    [InlineData("-1GB")]
    [InlineData("0MB")]
    [InlineData("MB")]
    public void Train_BadSize_ExitsTwoWithOneLine(string size)
    {
        var (status, _, error) = Run("train", "--data", parquet, "--label", "label", "--memory-limit", size);

        AssertOneLineError(status, error, "--memory-limit");
    }

    [Fact]
    public void Train_LimitBelowARowGroup_ExitsTwoNamingTheLimitNeeded()
    {
        var (status, _, error) = Run("train", "--data", parquet, "--label", "label", "--memory-limit", "20000B");

        // A row group of 100 rows takes 100 × 260 = 26,000 bytes.
        AssertOneLineError(status, error, "at least 26,000 bytes");
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("digits")]
    public void Train_MemoryLimitWithoutParquet_ExitsTwoSayingItNeedsParquet(string kind)
    {
        string data = kind == "csv" ? files.WriteText("d.csv", "x,y\n1,a\n2,b\n3,a\n") : "digits";

        var (status, _, error) = Run("train", "--data", data, "--label", "y", "--memory-limit", "1MB");

        AssertOneLineError(status, error, "Parquet");
    }

    [Theory]
    [InlineData("60000B", true)]
    [InlineData("400000B", false)]
    public void Train_Json_SaysWhetherTheDataWereStreamed(string limit, bool streamed)
    {
        var (status, output, error) = Run("train", "--data", parquet, "--label", "label", "--architecture", "softmax", "--epochs", "1",
            "--validation-fraction", "0.2", "--memory-limit", limit, "--json");

        Assert.True(status == 0, error);
        JsonElement summary = JsonDocument.Parse(output.Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(streamed, summary.GetProperty("streamed").GetBoolean());
        // Streamed, whole row groups are held out: round(15 × 0.2) = 3 of them, 300 rows (237 if the short last group of 37 is one);
        // in memory, rows: round(1,437 × 0.2) = 287.
        int validation = summary.GetProperty("validationRows").GetInt32();
        Assert.Equal(1437, validation + summary.GetProperty("trainingRows").GetInt32());
        Assert.True(streamed ? validation is 300 or 237 : validation == 287, $"{validation} validation rows");
    }

    [Fact]
    public void Train_StreamedWithCheckpoint_ResumesUnderTheSameLimit()
    {
        string checkpoint = files.PathOf("run.ckpt"), model = files.PathOf("model.safetensors");
        string[] common = ["train", "--data", parquet, "--label", "label", "--architecture", "softmax", "--memory-limit", "60000B"];

        var (first, _, firstError) = Run([.. common, "--epochs", "1", "--checkpoint", checkpoint]);
        var (other, _, otherError) = Run(["train", "--resume", checkpoint, "--data", parquet, "--label", "label", "--memory-limit", "100000B", "--epochs", "2"]);
        var (second, _, secondError) = Run(["train", "--resume", checkpoint, "--data", parquet, "--label", "label", "--memory-limit", "60000B", "--epochs", "2", "--out", model]);

        Assert.True(first == 0, firstError);
        AssertOneLineError(other, otherError, "60,000 bytes");
        Assert.True(second == 0, secondError);
        Assert.Equal(2, Likely.Training.ClassifierModel.Load(model).Provenance!.EpochsRun);
    }

    private static void AssertOneLineError(int status, string error, string contains)
    {
        Assert.Equal(CliApp.BadInput, status);
        Assert.StartsWith("error:", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(contains, error);
    }
}
