using Likely.Data;
using Likely.Tests.Data;
using Likely.Training;

using static Likely.Tests.Cli.CliRunner;

namespace Likely.Tests.Cli;

/// <summary>
/// <c>likely train</c> with the user's files and hours at stake: bad output paths fail before training, a diverged run
/// never replaces the model, a checkpointed run resumes to the same bits, and bad widths fail before allocating.
/// </summary>
public sealed class TrainSafetyTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("likely-train-safety-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Train_OutIsAFolder_ExitsTwoBeforeTraining()
    {
        var (status, output, error) = Run("train", "--data", "digits", "--epochs", "50", "--out", folder);
        Assert.Equal(2, status);
        Assert.Equal($"error: --out: '{folder}' is a folder; give a file name, e.g. '{Path.Combine(folder, "out")}'.", error.Trim());
        Assert.DoesNotContain("epoch", error + output); // nothing was trained
    }

    [Fact]
    public void Train_OutIsACharacterDevice_WritesInPlaceAndKeepsReportsOffStandardOutput()
    {
        // /dev/null stands for /dev/stdout: a device written in place, so standard output must carry only the model.
        var (status, output, error) = Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "1", "--out", "/dev/null");
        Assert.True(status == 0, error);
        Assert.Equal("", output);
        Assert.Contains("Saved the model to /dev/null.", error);
        Assert.Equal("character special file", FileSystemTools.FileType("/dev/null").Trim());
    }

    [Fact]
    public void Train_OutInMissingFolder_ExitsTwoBeforeTraining()
    {
        string path = Path.Combine(folder, "no", "such", "m.safetensors");
        var (status, _, error) = Run("train", "--data", "digits", "--epochs", "50", "--out", path);
        Assert.Equal(2, status);
        Assert.StartsWith("error: --out:", error);
        Assert.DoesNotContain("epoch", error);
    }

    [Fact]
    public void Train_OutIsTheTrainingCsv_ExitsTwoAndLeavesItAlone()
    {
        string csv = Path.Combine(folder, "data.safetensors");
        File.WriteAllText(csv, "x,y\n1,0\n2,1\n");
        var (status, _, error) = Run("train", "--data", csv, "--label", "y", "--out", csv);
        Assert.Equal(2, status);
        Assert.Contains("--out", error);
        Assert.Equal("x,y\n1,0\n2,1\n", File.ReadAllText(csv));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0")]
    [InlineData("-5")]
    [InlineData("64,,32")]
    [InlineData("99999999999")]
    public void Train_BadHiddenWidths_ExitsTwoNamingTheFlag(string widths)
    {
        var (status, _, error) = Run("train", "--data", "digits", "--hidden-widths", widths);
        Assert.Equal(2, status);
        Assert.StartsWith("error: --hidden-widths", error);
        Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Train_AbsurdWidth_ExitsTwoBeforeAllocating()
    {
        var (status, _, error) = Run("train", "--data", "digits", "--hidden", "99999999");
        Assert.Equal(2, status);
        Assert.StartsWith("error: --hidden-widths 99999999 is out of range: it must be small enough to fit in memory", error);
    }

    [Fact]
    public void Train_Diverges_ExitsTwoAndKeepsTheExistingModel()
    {
        string model = Path.Combine(folder, "m.safetensors");
        byte[] before = "the model from yesterday"u8.ToArray();
        File.WriteAllBytes(model, before);

        // Adam at η = 1 on a 64-wide MLP: training cross-entropy far above 4·ln 10 in the first epoch.
        var (status, _, error) = Run("train", "--data", "digits", "--hidden-widths", "64", "--epochs", "20", "--learning-rate", "1", "--out", model);
        Assert.Equal(2, status);
        Assert.Contains("error: Training diverged at epoch 1, ", error);
        Assert.Contains("try --learning-rate 0.1, or clip the gradient norm with --clip-norm 1.", error);
        Assert.Contains($"{model} is untouched.", error);
        Assert.Equal(before, File.ReadAllBytes(model));
        Assert.False(File.Exists(Path.Combine(folder, "m.last-good.safetensors")));
    }

    [Fact]
    public void Train_DivergesAfterGoodEpochsWithKeepLastGood_SavesThemBesideOut()
    {
        // SGD with momentum 0.99 at η = 0.2: three good epochs on the digits, then the fourth's mean cross-entropy passes 4·ln 10.
        string model = Path.Combine(folder, "m.safetensors"), beside = Path.Combine(folder, "m.last-good.safetensors");
        string[] args = ["train", "--data", "digits", "--optimizer", "sgd", "--momentum", "0.99", "--learning-rate", "0.2", "--epochs", "20", "--out", model];

        var (status, _, error) = Run(args);
        Assert.Equal(2, status);
        Assert.Contains("Add --keep-last-good to save the last good epoch's model beside it.", error);
        Assert.False(File.Exists(beside));

        (status, _, error) = Run([.. args, "--keep-last-good"]);
        Assert.Equal(2, status);
        Assert.False(File.Exists(model)); // a diverged run never writes --out
        ClassifierModel good = ClassifierModel.Load(beside);
        Assert.Equal(StopReason.Diverged, good.Provenance!.StopReason);
        Assert.Contains($"Saved the model of epoch {good.Provenance.EpochsRun} to {beside}.", error);
        Assert.True(good.Provenance.EpochsRun >= 1);
        Assert.All(good.Provenance.History, e => Assert.True(e.Training.CrossEntropy <= 4 * Math.Log(10)));
    }

    [Fact]
    public void Train_SgdInfiniteRate_FriendlyDivergenceNotAnInternalMessage()
    {
        var (status, _, error) = Run("train", "--data", "digits", "--hidden-widths", "64", "--optimizer", "sgd", "--learning-rate", "1e30");
        Assert.Equal(2, status);
        Assert.StartsWith("error: Training diverged at epoch 1, batch ", error.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1]);
        Assert.DoesNotContain("logits row", error);
    }

    [Fact]
    public void Train_CheckpointThenResume_SameModelBytesAsOneRun()
    {
        string straight = Path.Combine(folder, "straight.safetensors"), resumed = Path.Combine(folder, "resumed.safetensors");
        string checkpoint = Path.Combine(folder, "run.ckpt");
        string[] common = ["train", "--data", "digits", "--hidden-widths", "32", "--dropout", "0.1", "--validation-fraction", "0.2", "--seed", "3"];
        Assert.Equal(0, Run([.. common, "--epochs", "4", "--out", straight]).Status);
        Assert.Equal(0, Run([.. common, "--epochs", "2", "--checkpoint", checkpoint]).Status);
        var (status, _, error) = Run("train", "--resume", checkpoint, "--data", "digits", "--epochs", "4", "--out", resumed);
        Assert.True(status == 0, error);

        SafetensorsContent a = Safetensors.Read(straight), b = Safetensors.Read(resumed);
        Assert.Equal(a.Tensors.Select(t => t.Name), b.Tensors.Select(t => t.Name));
        foreach ((SafetensorsTensor x, SafetensorsTensor y) in a.Tensors.Zip(b.Tensors))
        {
            Assert.Equal(x.Data, y.Data); // exact float equality, element by element
        }
    }

    [Fact]
    public void Train_ResumeWithOtherDataOrOptions_ExitsTwoNamingTheDifference()
    {
        string checkpoint = Path.Combine(folder, "c.ckpt");
        Assert.Equal(0, Run("train", "--data", "digits", "--hidden-widths", "16", "--epochs", "1", "--checkpoint", checkpoint).Status);

        var (status, _, error) = Run("train", "--resume", checkpoint, "--data", "digits:test", "--epochs", "2");
        Assert.Equal(2, status);
        Assert.Contains("are not those the checkpoint was trained on", error);

        (status, _, error) = Run("train", "--resume", checkpoint, "--data", "digits", "--epochs", "2", "--learning-rate", "0.01");
        Assert.Equal(2, status);
        Assert.Contains("LearningRate was 0.001, now 0.01", error);
    }

    [Fact]
    public void Train_ResumeOverwritingItsOwnCheckpoint_IsAllowed()
    {
        string checkpoint = Path.Combine(folder, "run.ckpt");
        Assert.Equal(0, Run("train", "--data", "digits", "--hidden-widths", "16", "--epochs", "1", "--checkpoint", checkpoint).Status);
        var (status, _, error) = Run("train", "--resume", checkpoint, "--data", "digits", "--epochs", "2", "--checkpoint", checkpoint);
        Assert.True(status == 0, error);
        Assert.Equal(2, TrainingCheckpoint.Load(checkpoint).Epoch);
    }

    [Fact]
    public void Train_ZeroClassWeights_ExitTwoButOneZeroWeightTrains()
    {
        var (status, _, error) = Run("train", "--data", "digits", "--architecture", "softmax", "--class-weights", "0,0,0,0,0,0,0,0,0,0");
        Assert.Equal(2, status);
        Assert.StartsWith("error: --class-weights 0,0,0,0,0,0,0,0,0,0 is out of range: it must be finite numbers ≥ 0, not all 0", error);

        // One-row batches of class 1 have Σw = 0: loss 0 and no gradient, not a divergence.
        (status, _, error) = Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "1", "--batch-size", "1", "--class-weights", "1,0,1,1,1,1,1,1,1,1");
        Assert.True(status == 0, error);
    }

    [Fact]
    public void Train_ResumeFromAModelFile_ExitsTwoWithHint()
    {
        string model = Path.Combine(folder, "m.safetensors");
        Assert.Equal(0, Run("train", "--data", "digits", "--architecture", "softmax", "--epochs", "1", "--out", model).Status);
        var (status, _, error) = Run("train", "--resume", model, "--data", "digits");
        Assert.Equal(2, status);
        Assert.Contains("is not a Likely training checkpoint", error);
    }

    [Fact]
    public void Train_CheckpointWithLbfgs_ExitsTwo()
    {
        var (status, _, error) = Run("train", "--data", "digits", "--architecture", "softmax", "--solver", "lbfgs", "--checkpoint", Path.Combine(folder, "c.ckpt"));
        Assert.Equal(2, status);
        Assert.StartsWith("error: --checkpoint works with minibatch training", error);
    }

    [TmpfsFact]
    public void Train_OutOnReadOnlyFileSystem_ExitsTwoBeforeTraining()
    {
        using Tmpfs mount = Tmpfs.TryMount("size=1m")!;
        mount.RemountReadOnly();
        var (status, _, error) = Run("train", "--data", "digits", "--epochs", "50", "--out", Path.Combine(mount.Folder, "m.safetensors"));
        Assert.Equal(2, status);
        Assert.StartsWith("error: --out:", error);
        Assert.Contains("read-only file system", error);
        Assert.DoesNotContain("epoch", error);
    }

    [TmpfsFact]
    public void Train_DiskFullWhileSaving_ExitsTwoAndRescuesTheModel()
    {
        // 16 KiB: room for the probe file, not for the model (64 → 256 → 10 is about 70 KB of weights).
        using Tmpfs mount = Tmpfs.TryMount("size=16k")!;
        string path = Path.Combine(mount.Folder, "m.safetensors");
        var (status, _, error) = Run("train", "--data", "digits", "--hidden-widths", "256", "--epochs", "1", "--out", path);

        Assert.Equal(2, status);
        Assert.Contains("no space left on device", error);
        Assert.DoesNotContain("bug", error);
        string rescued = error.Split(' ').Single(w => w.StartsWith(Path.GetTempPath(), StringComparison.Ordinal) && w.EndsWith(".safetensors", StringComparison.Ordinal));
        try
        {
            Assert.Equal([256], ClassifierModel.Load(rescued).Network.HiddenWidths);
        }
        finally
        {
            File.Delete(rescued);
        }

        Assert.Empty(Directory.GetFiles(mount.Folder)); // no half-written model, no temporary file
    }
}
