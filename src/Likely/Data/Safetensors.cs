using System.Buffers.Binary;
using System.Runtime.InteropServices;
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
public static partial class Safetensors
{
    private const string MetadataKey = "__metadata__";
    private const long MaxHeaderBytes = 100_000_000;

    /// <summary>
    /// Writes <paramref name="tensors"/> (in this order, packed without gaps) and <paramref name="metadata"/> to
    /// <paramref name="path"/> through <see cref="OutputFile"/>: atomically, so a crash leaves the old file or the new one, never half of one.
    /// The JSON header is padded with spaces to a multiple of 8 bytes, as the reference implementation does, so the buffer is aligned.
    /// </summary>
    /// <param name="path">The destination.</param>
    /// <param name="tensors">The tensors, in file order.</param>
    /// <param name="metadata">The string-to-string metadata.</param>
    /// <param name="what">What the file holds, for error messages ("model", "checkpoint").</param>
    /// <exception cref="ArgumentException">A name is empty, repeated or "__metadata__", a size is negative, or a shape does not match its data.</exception>
    /// <exception cref="OutputFileException">The file cannot be written there (the message says why and what to do).</exception>
    public static void Write(string path, IReadOnlyList<SafetensorsTensor> tensors, IReadOnlyDictionary<string, string> metadata, string what = "safetensors file")
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
        OutputFile.Write(path, what, stream =>
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
}
