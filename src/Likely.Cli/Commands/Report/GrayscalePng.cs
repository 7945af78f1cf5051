using System.Buffers.Binary;
using System.IO.Compression;

namespace Likely.Cli.Commands.Report;

/// <summary>
/// A small 8-bit grayscale PNG (RFC 2083) of one image row of a data set, for a <c>data:</c> URI in the report: the
/// signature, IHDR, one zlib-compressed IDAT (each scanline with filter 0) and IEND, each chunk with its CRC-32.
/// </summary>
internal static class GrayscalePng
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    /// <summary>
    /// Encodes <paramref name="pixels"/> (side×side values in [0, 1], row-major) as ink on paper: 0 is white, 1 black,
    /// values outside [0, 1] clamped and NaN white.
    /// </summary>
    /// <exception cref="ArgumentException">The length is not side².</exception>
    public static byte[] Encode(ReadOnlySpan<float> pixels, int side)
    {
        if (side < 1 || pixels.Length != side * side)
        {
            throw new ArgumentException($"A {side}×{side} image needs {side * side} pixels, not {pixels.Length}.", nameof(pixels));
        }

        var raw = new byte[side * (side + 1)];
        for (int y = 0; y < side; y++)
        {
            raw[y * (side + 1)] = 0; // filter type: none
            for (int x = 0; x < side; x++)
            {
                float v = pixels[y * side + x];
                float ink = float.IsNaN(v) ? 0 : Math.Clamp(v, 0, 1);
                raw[y * (side + 1) + 1 + x] = (byte)Math.Round(255 * (1 - ink));
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, side);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), side);
        header[8] = 8; // bit depth
        header[9] = 0; // colour type: grayscale (compression, filter and interlace stay 0)

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        WriteChunk(png, "IHDR", header);
        WriteChunk(png, "IDAT", compressed.ToArray());
        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>Length, type, data and the CRC-32 of type and data.</summary>
    private static void WriteChunk(Stream stream, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        stream.Write(four);
        byte[] typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        stream.Write(typeBytes);
        stream.Write(data);
        uint crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(four, crc);
        stream.Write(four);
    }

    /// <summary>The running CRC-32 (polynomial 0xEDB88320, as PNG and zlib use) over <paramref name="bytes"/>.</summary>
    internal static uint Crc(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
