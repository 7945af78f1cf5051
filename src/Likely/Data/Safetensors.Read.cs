using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.Win32.SafeHandles;

namespace Likely.Data;

/// <summary>Reading: check the structure before trusting any offset, then read only the declared tensors.</summary>
public static partial class Safetensors
{
    /// <summary>
    /// Reads a safetensors file holding F32 tensors, trusting nothing before it is checked: first the 8-byte size and
    /// the JSON header (the size against the format's 100 MB limit and the file's length), then every tensor's dtype,
    /// shape and byte range, then the file's length against what the header declares; only then the declared tensors,
    /// so a corrupt file is rejected without being read whole.
    /// </summary>
    /// <param name="path">A regular file in the safetensors format.</param>
    /// <returns>The tensors, in header order, and the "__metadata__" strings.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The path is a directory, or reports 0 bytes (an empty file, or a device such as /dev/zero, a pipe or a socket:
    /// these are never opened); the file is shorter than 8 bytes; the header size is over 100 MB or runs past the end of
    /// the file; the header is not a JSON object of tensors and string metadata; a dtype is not F32; a shape has a size
    /// below 0 or more values than an array holds; a tensor's byte range does not match its shape (4 bytes a value); the
    /// ranges leave holes or overlap; or the file is shorter (truncated) or longer (trailing bytes) than its header declares.
    /// </exception>
    public static SafetensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        CheckRegularFile(path);
        using SafeFileHandle file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        long fileLength = RandomAccess.GetLength(file);
        long headerSize = ReadHeaderSize(path, file, fileLength);
        byte[] header = new byte[headerSize];
        ReadExactly(path, file, header, offset: 8);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        List<Entry> entries = ParseHeader(path, header, metadata);
        CheckInsideFile(path, entries, headerSize, fileLength);
        long covered = CheckCoverage(path, entries);
        CheckNoTrailingBytes(path, covered, headerSize, fileLength);
        var tensors = new List<SafetensorsTensor>(entries.Count);
        foreach (Entry entry in entries)
        {
            tensors.Add(new SafetensorsTensor(entry.Name, entry.Shape, ReadTensor(path, file, 8 + headerSize + entry.Begin, entry.Count)));
        }

        return new SafetensorsContent(tensors, metadata);
    }

    /// <summary>
    /// Rejects a path that is not a regular file with data, before opening it: opening a pipe blocks until something
    /// writes to it, and a device such as /dev/zero never ends. Devices, pipes and sockets report a length of 0, as an
    /// empty file does, and no safetensors file is empty, so a length of 0 rules them all out unopened. The length is
    /// that of what symbolic links finally name (a link's own length is that of the path it holds).
    /// </summary>
    private static void CheckRegularFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"'{path}' is a directory, not a regular file; give the path of a .safetensors file (a model or a checkpoint).");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The safetensors file '{path}' does not exist; check the path.", path);
        }

        string target = File.ResolveLinkTarget(path, returnFinalTarget: true)?.FullName ?? path;
        if (new FileInfo(target).Length == 0)
        {
            throw new InvalidDataException($"'{path}' is empty or not a regular file (a device, pipe or socket reports 0 bytes); give the path of a .safetensors file (a model or a checkpoint).");
        }
    }

    /// <summary>The header size n of the first 8 bytes, checked against the format's limit and the bytes that follow it.</summary>
    private static long ReadHeaderSize(string path, SafeFileHandle file, long fileLength)
    {
        if (fileLength < 8)
        {
            throw new InvalidDataException($"{path} is {fileLength} bytes long; a safetensors file starts with an 8-byte header size, so it is truncated or not a safetensors file.");
        }

        Span<byte> size = stackalloc byte[8];
        ReadExactly(path, file, size, offset: 0);
        ulong headerSize = BinaryPrimitives.ReadUInt64LittleEndian(size);
        if (headerSize > MaxHeaderBytes)
        {
            throw new InvalidDataException(
                $"{path} is not a safetensors file, or is corrupt: its first 8 bytes declare a {headerSize}-byte header, over the {MaxHeaderBytes}-byte (100 MB) limit of the format; give a file written by 'likely train' or safetensors.");
        }

        if (headerSize > (ulong)(fileLength - 8))
        {
            throw new InvalidDataException($"{path} declares a {headerSize}-byte header but the file has {fileLength - 8} bytes after the size; the file is truncated or not a safetensors file.");
        }

        return (long)headerSize;
    }

    /// <summary>The tensors of the JSON header, in its order, each checked on its own; the metadata go to <paramref name="metadata"/>.</summary>
    private static List<Entry> ParseHeader(string path, byte[] header, Dictionary<string, string> metadata)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(header);
        }
        catch (JsonException exception)
        {
            throw new InvalidDataException($"{path}: the header is not valid JSON ({exception.Message}); the file is corrupt.", exception);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidDataException($"{path}: the header is a JSON {document.RootElement.ValueKind}, not an object of tensors; the file is corrupt.");
            }

            var entries = new List<Entry>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty property in document.RootElement.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    throw new InvalidDataException($"{path}: the header names '{property.Name}' twice; the file is corrupt.");
                }

                if (property.Name == MetadataKey)
                {
                    ReadMetadata(path, property.Value, metadata);
                    continue;
                }

                entries.Add(ReadEntry(path, property.Name, property.Value));
            }

            return entries;
        }
    }

    private static Entry ReadEntry(string path, string name, JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object
            || !entry.TryGetProperty("dtype", out JsonElement dtype) || dtype.ValueKind != JsonValueKind.String
            || !entry.TryGetProperty("shape", out JsonElement shapeElement) || shapeElement.ValueKind != JsonValueKind.Array
            || !entry.TryGetProperty("data_offsets", out JsonElement offsets) || offsets.ValueKind != JsonValueKind.Array || offsets.GetArrayLength() != 2)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' lacks a string \"dtype\", an array \"shape\" or a two-number \"data_offsets\"; the file is corrupt.");
        }

        string type = dtype.GetString()!;
        if (type != "F32")
        {
            throw new InvalidDataException($"{path}: tensor '{name}' has unsupported dtype {type}; Likely reads F32 tensors only (in PyTorch, save tensor.float()).");
        }

        int[] shape = ReadShape(path, name, shapeElement);
        long begin = Offset(path, name, offsets[0]);
        long end = Offset(path, name, offsets[1]);
        long expected = ElementCountOrThrow(path, name, shape) * sizeof(float);
        if (end < begin || end - begin != expected)
        {
            throw new InvalidDataException(
                $"{path}: tensor '{name}' has data_offsets [{begin}, {end}] ({end - begin} bytes) but shape [{string.Join(", ", shape)}] of F32 needs {expected} bytes; the file is corrupt.");
        }

        return new Entry(name, shape, begin, end);
    }

    private static int[] ReadShape(string path, string name, JsonElement shapeElement)
    {
        int[] shape = new int[shapeElement.GetArrayLength()];
        int d = 0;
        foreach (JsonElement size in shapeElement.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out shape[d]) || shape[d] < 0)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' has shape entry {size.GetRawText()}, not a size ≥ 0 and ≤ {int.MaxValue}; the file is corrupt.");
            }

            d++;
        }

        return shape;
    }

    private static long Offset(string path, string name, JsonElement element) =>
        element.ValueKind == JsonValueKind.Number && element.TryGetInt64(out long value) && value >= 0
            ? value
            : throw new InvalidDataException($"{path}: tensor '{name}' has data offset {element.GetRawText()}, not a byte offset ≥ 0; the file is corrupt.");

    private static void ReadMetadata(string path, JsonElement element, Dictionary<string, string> metadata)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{path}: \"{MetadataKey}\" is a JSON {element.ValueKind}, not an object of strings; the file is corrupt.");
        }

        foreach (JsonProperty entry in element.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                throw new InvalidDataException($"{path}: metadata '{entry.Name}' is a JSON {entry.Value.ValueKind}; safetensors metadata values are strings.");
            }

            metadata[entry.Name] = entry.Value.GetString()!;
        }
    }

    /// <summary>Rejects a file too short for the tensor that ends last: the header declares at least 8 + n + that end bytes.</summary>
    private static void CheckInsideFile(string path, List<Entry> entries, long headerSize, long fileLength)
    {
        if (entries.Count == 0)
        {
            return;
        }

        long bufferLength = fileLength - 8 - headerSize;
        Entry last = entries.MaxBy(e => e.End);
        if (last.End > bufferLength)
        {
            throw new InvalidDataException(
                $"{path} is {fileLength} bytes long but its header declares at least {8 + headerSize + last.End}: tensor '{last.Name}' ends at byte {last.End} of the data buffer, which has only {bufferLength}; the file is truncated.");
        }
    }

    /// <summary>The bytes the tensors cover from the buffer's start, which they must tile without holes or overlaps.</summary>
    private static long CheckCoverage(string path, List<Entry> entries)
    {
        // The format requires the buffer to be covered exactly: no holes (hidden data) and no overlaps (aliasing).
        Entry[] ranges = [.. entries];
        Array.Sort(ranges, (a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long position = 0;
        foreach (Entry range in ranges)
        {
            if (range.Begin != position)
            {
                string problem = range.Begin < position ? "overlaps the tensor before it" : $"leaves a gap of {range.Begin - position} bytes before it";
                throw new InvalidDataException($"{path}: tensor '{range.Name}' starts at byte {range.Begin}, which {problem}; the file is corrupt.");
            }

            position = range.End;
        }

        return position;
    }

    /// <summary>Rejects bytes past the last tensor: the format requires the tensors to cover the data buffer exactly.</summary>
    private static void CheckNoTrailingBytes(string path, long covered, long headerSize, long fileLength)
    {
        long bufferLength = fileLength - 8 - headerSize;
        if (covered != bufferLength)
        {
            throw new InvalidDataException(
                $"{path} is {fileLength} bytes long but its header declares {8 + headerSize + covered} (8-byte size, {headerSize}-byte header, {covered}-byte data buffer): "
                + $"the tensors cover {covered} bytes of a {bufferLength}-byte data buffer, leaving {bufferLength - covered} trailing bytes; the format allows none, so the file is corrupt or something was appended to it.");
        }
    }

    /// <summary>The values of one tensor, read from its declared byte range and no further.</summary>
    private static float[] ReadTensor(string path, SafeFileHandle file, long offset, long count)
    {
        float[] data = new float[count];
        ReadExactly(path, file, MemoryMarshal.AsBytes(data.AsSpan()), offset);
        if (!BitConverter.IsLittleEndian)
        {
            // The file holds little-endian values: swap each one's bytes in place.
            Span<int> bits = MemoryMarshal.Cast<float, int>(data.AsSpan());
            BinaryPrimitives.ReverseEndianness(bits, bits);
        }

        return data;
    }

    /// <summary>Fills <paramref name="destination"/> from byte <paramref name="offset"/>; a file that ends first shrank after its length was checked.</summary>
    private static void ReadExactly(string path, SafeFileHandle file, Span<byte> destination, long offset)
    {
        while (!destination.IsEmpty)
        {
            int read = RandomAccess.Read(file, destination, offset);
            if (read == 0)
            {
                throw new InvalidDataException($"{path} ends at byte {offset}, before the bytes its header declares; the file is truncated (or was cut short while being read).");
            }

            destination = destination[read..];
            offset += read;
        }
    }

    /// <summary>
    /// The number of values of <paramref name="shape"/>, at most <see cref="Array.MaxLength"/>; checked after each factor,
    /// so the product (at most 2³¹ · 2³¹) cannot overflow a long.
    /// </summary>
    private static long ElementCountOrThrow(string path, string name, int[] shape)
    {
        if (Array.IndexOf(shape, 0) >= 0)
        {
            return 0;
        }

        long count = 1;
        foreach (int size in shape)
        {
            count *= size;
            if (count > Array.MaxLength)
            {
                throw new InvalidDataException(
                    $"{path}: tensor '{name}' has shape [{string.Join(", ", shape)}], more than the {Array.MaxLength} values an array holds; the file is corrupt or too big to load.");
            }
        }

        return count;
    }

    /// <summary>One tensor's entry in the header: bytes [Begin, End) of the data buffer hold its Count values.</summary>
    private readonly record struct Entry(string Name, int[] Shape, long Begin, long End)
    {
        public long Count => (End - Begin) / sizeof(float);
    }
}
