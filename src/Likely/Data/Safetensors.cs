using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Likely.Data;

/// <summary>
/// Reads and writes the safetensors format (https://github.com/huggingface/safetensors), which PyTorch's
/// <c>safetensors</c> package loads: an 8-byte little-endian unsigned header size n; n bytes of UTF-8 JSON,
/// <c>{"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, ..., "__metadata__": {"key": "value"}}</c>;
/// then the byte buffer, where each tensor's values lie little-endian in row-major order between its offsets
/// (relative to the buffer's start). Likely writes and reads F32 tensors only.
/// </summary>
public static class Safetensors
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Writes <paramref name="tensors"/> (in this order, packed without gaps) and <paramref name="metadata"/> to
    /// <paramref name="path"/> atomically (<see cref="AtomicFile"/>): a crash leaves the old file or the new one, never half of one.
    /// The JSON header is padded with spaces to a multiple of 8 bytes, as the reference implementation does, so the buffer is aligned.
    /// </summary>
    /// <exception cref="ArgumentException">A name is empty, repeated or "__metadata__", a size is negative, or a shape does not match its data.</exception>
    public static void Write(string path, IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        ArgumentNullException.ThrowIfNull(metadata);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (SafetensorsTensor tensor in tensors)
        {
            ArgumentNullException.ThrowIfNull(tensor, nameof(tensors));
            if (string.IsNullOrEmpty(tensor.Name) || tensor.Name == MetadataKey || !names.Add(tensor.Name))
            {
                throw new ArgumentException($"Tensor name '{tensor.Name}' is empty, reserved or used twice; every tensor needs its own name.", nameof(tensors));
            }

            long count = ElementCount(tensor.Shape, tensor.Name);
            if (count != tensor.Data.Length)
            {
                throw new ArgumentException($"Tensor '{tensor.Name}' has shape [{string.Join(", ", tensor.Shape)}] ({count} values) but {tensor.Data.Length} values.", nameof(tensors));
            }
        }

        byte[] header = Header(tensors, metadata);
        AtomicFile.Write(path, stream =>
        {
            Span<byte> size = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)header.Length);
            stream.Write(size);
            stream.Write(header);
            foreach (SafetensorsTensor tensor in tensors)
            {
                WriteLittleEndian(stream, tensor.Data);
            }
        });
    }

    /// <summary>Reads a safetensors file holding F32 tensors, checking its structure before trusting any offset.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is too short, its header size or JSON is invalid, a dtype is not F32, a tensor's byte range does not
    /// match its shape (4 bytes a value) or lies outside the buffer, or the ranges leave holes or overlap.
    /// </exception>
    public static SafetensorsContent Read(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The safetensors file '{path}' does not exist; check the path.", path);
        }

        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 8)
        {
            throw new InvalidDataException($"{path} is {file.Length} bytes long; a safetensors file starts with an 8-byte header size, so it is truncated or not a safetensors file.");
        }

        ulong headerSize = BinaryPrimitives.ReadUInt64LittleEndian(file);
        if (headerSize > (ulong)(file.Length - 8) || headerSize > MaxHeaderBytes)
        {
            throw new InvalidDataException($"{path} declares a {headerSize}-byte header but the file has {file.Length - 8} bytes after the size; the file is truncated or not a safetensors file.");
        }

        ReadOnlySpan<byte> buffer = file.AsSpan(8 + (int)headerSize);
        var tensors = new List<SafetensorsTensor>();
        var ranges = new List<(long Begin, long End, string Name)>();
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(file.AsMemory(8, (int)headerSize));
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

                (int[] shape, long begin, long end) = ReadEntry(path, property.Name, property.Value, buffer.Length);
                float[] data = new float[(end - begin) / sizeof(float)];
                ReadLittleEndian(buffer[(int)begin..(int)end], data);
                tensors.Add(new SafetensorsTensor(property.Name, shape, data));
                ranges.Add((begin, end, property.Name));
            }
        }

        CheckCoverage(path, ranges, buffer.Length);
        return new SafetensorsContent(tensors, metadata);
    }

    private static (int[] Shape, long Begin, long End) ReadEntry(string path, string name, JsonElement entry, int bufferLength)
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

        int[] shape = new int[shapeElement.GetArrayLength()];
        int d = 0;
        foreach (JsonElement size in shapeElement.EnumerateArray())
        {
            if (size.ValueKind != JsonValueKind.Number || !size.TryGetInt32(out shape[d]) || shape[d] < 0)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' has shape entry {size.GetRawText()}, not a size ≥ 0; the file is corrupt.");
            }

            d++;
        }

        long begin = Offset(path, name, offsets[0]);
        long end = Offset(path, name, offsets[1]);
        long expected = ElementCountOrThrow(path, name, shape) * sizeof(float);
        if (end < begin || end - begin != expected)
        {
            throw new InvalidDataException(
                $"{path}: tensor '{name}' has data_offsets [{begin}, {end}] ({end - begin} bytes) but shape [{string.Join(", ", shape)}] of F32 needs {expected} bytes; the file is corrupt.");
        }

        if (end > bufferLength)
        {
            throw new InvalidDataException($"{path}: tensor '{name}' ends at byte {end} of the data buffer, which has only {bufferLength}; the file is truncated.");
        }

        return (shape, begin, end);
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

    private static void CheckCoverage(string path, List<(long Begin, long End, string Name)> ranges, int bufferLength)
    {
        // The format requires the buffer to be covered exactly: no holes (hidden data) and no overlaps (aliasing).
        ranges.Sort((a, b) => a.Begin != b.Begin ? a.Begin.CompareTo(b.Begin) : a.End.CompareTo(b.End));
        long position = 0;
        foreach ((long begin, long end, string name) in ranges)
        {
            if (begin != position)
            {
                string problem = begin < position ? "overlaps the tensor before it" : $"leaves a gap of {begin - position} bytes before it";
                throw new InvalidDataException($"{path}: tensor '{name}' starts at byte {begin}, which {problem}; the file is corrupt.");
            }

            position = end;
        }

        if (position != bufferLength)
        {
            throw new InvalidDataException($"{path}: the tensors cover {position} bytes of a {bufferLength}-byte data buffer; the file is corrupt.");
        }
    }

    /// <summary>The JSON header; relaxed escaping keeps names like "T-shirt/top" or "é" readable (the header is never embedded in HTML).</summary>
    private static byte[] Header(IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata)
    {
        using var json = new MemoryStream();
        using (var writer = new Utf8JsonWriter(json, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (metadata.Count > 0)
            {
                writer.WriteStartObject(MetadataKey);
                foreach ((string key, string value) in metadata)
                {
                    writer.WriteString(key, value);
                }

                writer.WriteEndObject();
            }

            long offset = 0;
            foreach (SafetensorsTensor tensor in tensors)
            {
                writer.WriteStartObject(tensor.Name);
                writer.WriteString("dtype", "F32");
                writer.WriteStartArray("shape");
                foreach (int size in tensor.Shape)
                {
                    writer.WriteNumberValue(size);
                }

                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                offset += (long)tensor.Data.Length * sizeof(float);
                writer.WriteNumberValue(offset);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
        }

        int padding = (int)((8 - (json.Length % 8)) % 8);
        for (int i = 0; i < padding; i++)
        {
            json.WriteByte((byte)' ');
        }

        return json.ToArray();
    }

    private static long ElementCount(int[] shape, string name)
    {
        ArgumentNullException.ThrowIfNull(shape, nameof(shape));
        long count = 1;
        foreach (int size in shape)
        {
            if (size < 0)
            {
                throw new ArgumentException($"Tensor '{name}' has a negative size in shape [{string.Join(", ", shape)}].", nameof(shape));
            }

            count = checked(count * size);
        }

        return count;
    }

    private static long ElementCountOrThrow(string path, string name, int[] shape)
    {
        long count = 1;
        foreach (int size in shape)
        {
            count *= size;
            if (count > int.MaxValue)
            {
                throw new InvalidDataException($"{path}: tensor '{name}' has shape [{string.Join(", ", shape)}], too large to load; the file is corrupt or too big.");
            }
        }

        return count;
    }

    private static void WriteLittleEndian(Stream stream, float[] data)
    {
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(data.AsSpan()));
            return;
        }

        Span<byte> value = stackalloc byte[4];
        foreach (float x in data)
        {
            BinaryPrimitives.WriteSingleLittleEndian(value, x);
            stream.Write(value);
        }
    }

    private static void ReadLittleEndian(ReadOnlySpan<byte> bytes, Span<float> destination)
    {
        if (BitConverter.IsLittleEndian)
        {
            bytes.CopyTo(MemoryMarshal.AsBytes(destination));
            return;
        }

        for (int i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes[(i * 4)..]);
        }
    }
}
