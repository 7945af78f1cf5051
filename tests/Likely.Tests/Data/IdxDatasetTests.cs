using System.IO.Compression;
using Likely.Data;

namespace Likely.Tests.Data;

public sealed class IdxDatasetTests : IDisposable
{
    // Two 2×3 images; pixel bytes chosen so b / 255 is a short decimal: 0, 255, 51 (0.2), 102 (0.4), 153 (0.6), 204 (0.8).
    private static readonly byte[] Pixels = [0, 255, 51, 102, 153, 204, 204, 153, 102, 51, 255, 0];

    private readonly DataTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    internal static byte[] ImagesFile(int count, int rows, int columns, byte[] pixels) =>
        [.. BigEndian(0x00000803), .. BigEndian(count), .. BigEndian(rows), .. BigEndian(columns), .. pixels];

    internal static byte[] LabelsFile(byte[] labels) => [.. BigEndian(0x00000801), .. BigEndian(labels.Length), .. labels];

    internal static byte[] Gzip(byte[] content)
    {
        using var memory = new MemoryStream();
        using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(content);
        }

        return memory.ToArray();
    }

    [Fact]
    public void Read_RawFiles_ScalesPixelsToUnitInterval()
    {
        string images = Write("images", ImagesFile(2, 2, 3, Pixels));
        string labels = Write("labels", LabelsFile([1, 0]));

        Dataset data = IdxDataset.Read(images, labels);

        // Worked by hand: b / 255 for each byte above.
        float[] expected = [0f, 1f, 0.2f, 0.4f, 0.6f, 0.8f, 0.8f, 0.6f, 0.4f, 0.2f, 1f, 0f];
        Assert.Equal(expected, data.Features);
        Assert.Equal([1, 0], data.Labels);
        Assert.Equal(6, data.FeatureCount);
        Assert.Equal(["0", "1"], data.ClassNames);
        Assert.Equal("pixel_1_2", data.FeatureNames[5]);
    }

    [Fact]
    public void Read_GzippedFilesWithoutGzName_DetectsGzipFromMagicBytes()
    {
        string images = Write("images.idx", Gzip(ImagesFile(2, 2, 3, Pixels)));
        string labels = Write("labels.idx", Gzip(LabelsFile([1, 0])));

        Dataset data = IdxDataset.Read(images, labels, ["zero", "one", "two"]);

        Assert.Equal(0.2f, data.Features[2]);
        Assert.Equal(["zero", "one", "two"], data.ClassNames);
        Assert.Equal([1, 0], data.Labels);
    }

    [Fact]
    public void Read_SwappedFiles_ThrowsNamingTheMagicNumber()
    {
        string images = Write("images", ImagesFile(2, 2, 3, Pixels));
        string labels = Write("labels", LabelsFile([1, 0]));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(labels, images));

        Assert.Contains("0x00000801, not 0x00000803", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_CountsDiffer_Throws()
    {
        string images = Write("images", ImagesFile(2, 2, 3, Pixels));
        string labels = Write("labels", LabelsFile([1, 0, 1]));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels));

        Assert.Contains("holds 2 images but", error.Message, StringComparison.Ordinal);
        Assert.Contains("holds 3 labels", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TruncatedImages_Throws()
    {
        string images = Write("images.gz", Gzip(ImagesFile(2, 2, 3, Pixels[..^1])));
        string labels = Write("labels", LabelsFile([1, 0]));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels));

        Assert.Contains("holds only 11", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TrailingBytes_Throws()
    {
        string images = Write("images", ImagesFile(2, 2, 3, [.. Pixels, 7]));
        string labels = Write("labels", LabelsFile([1, 0]));

        Assert.Contains("bytes after", Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LabelOutsideGivenClasses_Throws()
    {
        string images = Write("images", ImagesFile(2, 2, 3, Pixels));
        string labels = Write("labels", LabelsFile([1, 5]));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels, ["a", "b"]));

        Assert.Contains("label 5 of image 1 is outside [0, 2)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_StrayLabel200AmongDigits_ThrowsNamingTheValueItsItemAndTheEmptyClasses()
    {
        // Labels 0…9 with a 200 written at item 5 (0-based): classes 10…199 would have no examples.
        byte[] labelBytes = [0, 1, 2, 3, 4, 200, 5, 6, 7, 8, 9];
        string images = Write("images", ImagesFile(labelBytes.Length, 1, 1, new byte[labelBytes.Length]));
        string labels = Write("train-labels-idx1-ubyte", LabelsFile(labelBytes));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels));

        Assert.Contains(
            $"Label 200 at item 5 of '{labels}' leaves classes 10…199 empty; labels must be 0…K−1 with no gap (the other labels are 0…9).",
            error.Message,
            StringComparison.Ordinal);
        Assert.Contains("pass the full list of class names", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_GzippedStrayLabel_ThrowsTheSameError()
    {
        byte[] labelBytes = [0, 1, 2, 3, 4, 200, 5, 6, 7, 8, 9];
        string images = Write("images.gz", Gzip(ImagesFile(labelBytes.Length, 1, 1, new byte[labelBytes.Length])));
        string labels = Write("labels.gz", Gzip(LabelsFile(labelBytes)));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels));

        Assert.Contains($"Label 200 at item 5 of '{labels}' leaves classes 10…199 empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LabelsOneAndTwoWithoutZero_ThrowsNamingClassZeroAndEachStrayWithItsCount()
    {
        // Counted from 1 by mistake: 1 at item 0, 2 at items 1 and 2.
        string images = Write("images", ImagesFile(3, 1, 1, [0, 0, 0]));
        string labels = Write("labels", LabelsFile([1, 2, 2]));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels));

        Assert.Contains(
            $"Labels 1 at item 0 and 2 (2 times, first at item 1) of '{labels}' leave class 0 empty; labels must be 0…K−1 with no gap (no label is 0).",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TwoGaps_NamesTheFirstGapAndCountsAllEmptyClasses()
    {
        // Labels 0, 2, 5: classes 1, 3 and 4 are empty; the first gap is class 1, the values beyond it 2 and 5.
        string images = Write("images", ImagesFile(3, 1, 1, [0, 0, 0]));
        string labels = Write("labels", LabelsFile([0, 2, 5]));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels));

        Assert.Contains(
            $"Labels 2 at item 1 and 5 at item 2 of '{labels}' leave class 1 empty, among 3 empty classes below 5; labels must be 0…K−1 with no gap (the other labels are 0).",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ManyStrays_ListsTheFirstFiveAndCountsTheRest()
    {
        // 0 at item 0, then 3…9 at items 1…7: seven values beyond the empty classes 1…2.
        string images = Write("images", ImagesFile(8, 1, 1, new byte[8]));
        string labels = Write("labels", LabelsFile([0, 3, 4, 5, 6, 7, 8, 9]));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels));

        Assert.Contains(
            $"Labels 3 at item 1, 4 at item 2, 5 at item 3, 6 at item 4, 7 at item 5 and 2 more of '{labels}' leave classes 1…2 empty;",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_AllTenDigitClassesPresent_Loads()
    {
        byte[] labelBytes = [9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 0];
        string images = Write("images", ImagesFile(labelBytes.Length, 1, 1, new byte[labelBytes.Length]));
        string labels = Write("labels", LabelsFile(labelBytes));

        Dataset data = IdxDataset.Read(images, labels);

        Assert.Equal(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"], data.ClassNames);
        Assert.Equal(labelBytes.Select(b => (int)b), data.Labels);
    }

    [Fact]
    public void Read_ClassNamesGivenAndDataLackSomeClasses_LoadsTheSubset()
    {
        // Evaluating a model on data that hold only classes 0 and 2 of its three is legitimate: no gap rule then.
        string images = Write("images", ImagesFile(2, 2, 3, Pixels));
        string labels = Write("labels", LabelsFile([2, 0]));

        Dataset data = IdxDataset.Read(images, labels, ["a", "b", "c"]);

        Assert.Equal(["a", "b", "c"], data.ClassNames);
        Assert.Equal([2, 0], data.Labels);
    }

    [Fact]
    public void Read_HeaderClaimsMoreImagesThanTheRawFileHolds_ThrowsBeforeReadingThem()
    {
        // 1,000,000 images of 28×28 declared, 12 pixel bytes present: 784,000,000 bytes declared after the 16-byte header.
        string images = Write("images", ImagesFile(1_000_000, 28, 28, Pixels));
        string labels = Write("labels", LabelsFile([1, 0]));

        var error = Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels));

        Assert.Contains("(784000000 bytes after the header) but holds only 12", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShortHeader_Throws()
    {
        string images = Write("images", [0, 0, 8]);
        string labels = Write("labels", LabelsFile([1, 0]));

        Assert.Contains("shorter than the 16-byte header", Assert.Throws<InvalidDataException>(() => IdxDataset.Read(images, labels)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_IdxFolderWithTestSuffix_ReadsTheT10kFiles()
    {
        File.WriteAllBytes(_files.PathOf("train-images-idx3-ubyte.gz"), Gzip(ImagesFile(2, 2, 3, Pixels)));
        File.WriteAllBytes(_files.PathOf("train-labels-idx1-ubyte.gz"), Gzip(LabelsFile([1, 0])));
        File.WriteAllBytes(_files.PathOf("t10k-images-idx3-ubyte"), ImagesFile(1, 2, 3, Pixels[..6]));
        // Label 0, not 1: with the classes inferred, a lone label 1 would leave class 0 empty (see Read_LabelsOneAndTwoWithoutZero…).
        File.WriteAllBytes(_files.PathOf("t10k-labels-idx1-ubyte"), LabelsFile([0]));

        Dataset train = DatasetCatalog.Load(_files.Folder);
        Dataset test = DatasetCatalog.Load(_files.Folder + ":test");
        Dataset named = DatasetCatalog.Load(_files.Folder + ":train", new CsvDatasetOptions { ClassNames = ["no", "yes"] });

        Assert.Equal(2, train.RowCount);
        Assert.Equal(1, test.RowCount);
        Assert.Equal([0f, 1f, 0.2f, 0.4f, 0.6f, 0.8f], test.Features);
        Assert.Equal(["no", "yes"], named.ClassNames);
    }

    [Fact]
    public void Load_IdxFolderMissingAFile_ThrowsFileNotFound()
    {
        File.WriteAllBytes(_files.PathOf("train-images-idx3-ubyte.gz"), Gzip(ImagesFile(2, 2, 3, Pixels)));

        var error = Assert.Throws<FileNotFoundException>(() => DatasetCatalog.Load(_files.Folder));

        Assert.Contains("train-labels-idx1-ubyte", error.Message, StringComparison.Ordinal);
    }

    private string Write(string name, byte[] content)
    {
        string path = _files.PathOf(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] BigEndian(int value)
    {
        byte[] bytes = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes, value);
        return bytes;
    }
}
