using System.Buffers.Binary;
using System.IO.Compression;

namespace Likely.Data;

/// <summary>
/// Reads a data set in the IDX format of MNIST and Fashion-MNIST: an images file (magic 0x00000803: N, rows, columns,
/// then N·rows·columns unsigned bytes) and a labels file (magic 0x00000801: N, then N unsigned bytes), all integers
/// big-endian. Each file may be gzipped; that is detected from its first two bytes (1F 8B), not from its name.
/// </summary>
public static class IdxDataset
{
    private const int ImagesMagic = 0x00000803;
    private const int LabelsMagic = 0x00000801;

    /// <summary>Reads the images and labels files into a data set whose features are pixel / 255, in [0, 1].</summary>
    /// <param name="imagesPath">The images file (for example train-images-idx3-ubyte.gz).</param>
    /// <param name="labelsPath">The labels file (for example train-labels-idx1-ubyte.gz).</param>
    /// <param name="classNames">
    /// The class names in label order; null names the classes "0", "1", …, up to the largest label found, and then each
    /// of them must occur (a stray 200 among labels 0…9 is an error, not 190 empty classes). Known names allow data that
    /// lack some classes, as when evaluating a model on a subset.
    /// </param>
    /// <returns>N rows of rows·columns features, named pixel_r_c (row r, column c of the image).</returns>
    /// <exception cref="FileNotFoundException">A file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// A file has the wrong magic number, is truncated or too long, the two counts differ, a label is outside the classes
    /// given, or (with no class names given) the labels leave a class below the largest one empty.
    /// </exception>
    public static Dataset Read(string imagesPath, string labelsPath, IReadOnlyList<string>? classNames = null)
    {
        byte[] pixels = ReadPayload(imagesPath, ImagesMagic, "images", out int imageCount, out int height, out int width);
        byte[] labelBytes = ReadPayload(labelsPath, LabelsMagic, "labels", out int labelCount, out _, out _);
        if (imageCount != labelCount)
        {
            throw new InvalidDataException(
                $"{imagesPath} holds {imageCount} images but {labelsPath} holds {labelCount} labels; pass the labels file that belongs to the images file.");
        }

        int[] labels = new int[labelCount];
        int largest = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = labelBytes[i];
            largest = Math.Max(largest, labels[i]);
        }

        if (classNames is null)
        {
            ThrowIfClassGap(labelBytes, labelsPath);
        }
        else if (largest >= classNames.Count)
        {
            int row = Array.IndexOf(labels, largest);
            throw new InvalidDataException(
                $"{labelsPath}: label {largest} of image {row} is outside [0, {classNames.Count}); these data do not match the {classNames.Count} classes given.");
        }

        IReadOnlyList<string> names = classNames ?? [.. Enumerable.Range(0, largest + 1).Select(k => k.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        int featureCount = height * width;
        if (featureCount == 0)
        {
            throw new InvalidDataException($"{imagesPath}: the images are {height}×{width} pixels; an image needs at least one pixel.");
        }

        float[] features = ScalePixels(pixels);
        string[] featureNames = new string[featureCount];
        for (int r = 0; r < height; r++)
        {
            for (int c = 0; c < width; c++)
            {
                featureNames[(r * width) + c] = $"pixel_{r}_{c}";
            }
        }

        return new Dataset(features, labels, featureCount, names, featureNames);
    }

    /// <summary>
    /// Applies <see cref="IntegerLabels"/> to the label bytes: each value 0…255 that occurs, with its first item (0-based
    /// index in the labels file) and its count, from one pass and a 256-entry table.
    /// </summary>
    private static void ThrowIfClassGap(ReadOnlySpan<byte> labels, string path)
    {
        Span<int> counts = stackalloc int[256];
        Span<int> firstItems = stackalloc int[256];
        for (int i = 0; i < labels.Length; i++)
        {
            if (counts[labels[i]]++ == 0)
            {
                firstItems[labels[i]] = i;
            }
        }

        var occurring = new List<IntegerLabels.Occurrence>();
        for (int value = 0; value < 256; value++)
        {
            if (counts[value] > 0)
            {
                occurring.Add(new IntegerLabels.Occurrence(value, firstItems[value], counts[value]));
            }
        }

        IntegerLabels.ThrowIfGap(
            occurring,
            path,
            "item",
            "labels",
            "Correct or remove the items with stray labels; to load data that lack some classes on purpose, pass the full list of class names.");
    }

    /// <summary>Pixel bytes to features: x = b / 255 through a 256-entry table, so every value is exactly the rounded quotient.</summary>
    internal static float[] ScalePixels(ReadOnlySpan<byte> pixels)
    {
        Span<float> table = stackalloc float[256];
        for (int b = 0; b < 256; b++)
        {
            table[b] = b / 255f;
        }

        float[] features = GC.AllocateUninitializedArray<float>(pixels.Length);
        for (int i = 0; i < pixels.Length; i++)
        {
            features[i] = table[pixels[i]];
        }

        return features;
    }

    private static byte[] ReadPayload(string path, int expectedMagic, string kind, out int count, out int height, out int width)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The IDX {kind} file '{path}' does not exist; check the path.", path);
        }

        using Stream stream = OpenMaybeGzipped(path);
        int headerLength = expectedMagic == ImagesMagic ? 16 : 8;
        Span<byte> header = stackalloc byte[16];
        header = header[..headerLength];
        int headerRead = stream.ReadAtLeast(header, headerLength, throwOnEndOfStream: false);
        int magic = headerRead >= 4 ? BinaryPrimitives.ReadInt32BigEndian(header) : -1;
        if (headerRead >= 4 && magic != expectedMagic)
        {
            throw new InvalidDataException(
                $"{path} starts with magic number 0x{magic:X8}, not 0x{expectedMagic:X8} as an IDX {kind} file does; check that it is the {kind} file (images: 0x00000803, labels: 0x00000801).");
        }

        if (headerRead < headerLength)
        {
            throw new InvalidDataException($"{path} is shorter than the {headerLength}-byte header of an IDX {kind} file; the file is truncated or not an IDX file.");
        }

        count = BinaryPrimitives.ReadInt32BigEndian(header[4..]);
        height = headerLength == 16 ? BinaryPrimitives.ReadInt32BigEndian(header[8..]) : 1;
        width = headerLength == 16 ? BinaryPrimitives.ReadInt32BigEndian(header[12..]) : 1;
        long length = (long)count * height * width;
        if (count < 0 || height < 0 || width < 0 || length > Array.MaxLength)
        {
            throw new InvalidDataException($"{path} declares {count} {kind} of {height}×{width}, which is not a valid size; the header is corrupt.");
        }

        // An uncompressed file's length is known: check it before allocating what a corrupt header may claim (up to 2 GB).
        if (stream is FileStream { CanSeek: true, Length: > 0 } file && file.Length - headerLength < length)
        {
            throw new InvalidDataException($"{path} declares {count} {kind} ({length} bytes after the header) but holds only {file.Length - headerLength}; the file is truncated.");
        }

        byte[] payload = GC.AllocateUninitializedArray<byte>((int)length);
        int read = stream.ReadAtLeast(payload, payload.Length, throwOnEndOfStream: false);
        if (read < payload.Length)
        {
            throw new InvalidDataException($"{path} declares {count} {kind} ({length} bytes after the header) but holds only {read}; the file is truncated.");
        }

        if (stream.ReadByte() >= 0)
        {
            throw new InvalidDataException($"{path} has bytes after the {count} {kind} its header declares; the header or the file is corrupt.");
        }

        return payload;
    }

    private static Stream OpenMaybeGzipped(string path)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16);
        Span<byte> start = stackalloc byte[2];
        int read = file.ReadAtLeast(start, 2, throwOnEndOfStream: false);
        file.Position = 0;
        return read == 2 && start[0] == 0x1F && start[1] == 0x8B
            ? new BufferedStream(new GZipStream(file, CompressionMode.Decompress), 1 << 16)
            : file;
    }
}
