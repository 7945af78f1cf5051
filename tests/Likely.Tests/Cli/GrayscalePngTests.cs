using System.Buffers.Binary;
using System.IO.Compression;
using Likely.Cli.Commands.Report;

namespace Likely.Tests.Cli;

public sealed class GrayscalePngTests
{
    [Fact]
    public void Crc_CheckString_IsTheStandardCheckValue()
    {
        // The CRC-32 check value of the ASCII string "123456789" is 0xCBF43926 (every CRC-32 catalogue lists it).
        uint crc = GrayscalePng.Crc(0xFFFFFFFFu, "123456789"u8) ^ 0xFFFFFFFFu;
        Assert.Equal(0xCBF43926u, crc);
    }

    [Fact]
    public void Encode_TwoByTwo_HasTheSignatureHeaderPixelsAndTheFixedEnd()
    {
        byte[] png = GrayscalePng.Encode([0f, 1f, 0.5f, float.NaN], side: 2);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // IHDR: length 13, then width 2, height 2, bit depth 8, colour type 0 (grayscale).
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(8)));
        Assert.Equal("IHDR"u8.ToArray(), png[12..16]);
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        Assert.Equal(2, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
        Assert.Equal(8, png[24]);
        Assert.Equal(0, png[25]);
        // Every PNG ends with the empty IEND chunk, whose CRC is AE 42 60 82 (the PNG specification's example).
        Assert.Equal(new byte[] { 0, 0, 0, 0, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82 }, png[^12..]);

        // IDAT: two scanlines, each filter 0 then the pixels as ink on paper, 255·(1 − v): 255, 0 / 128 (127.5 rounds to even), NaN white.
        int idatLength = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(33));
        Assert.Equal("IDAT"u8.ToArray(), png[37..41]);
        using var zlib = new ZLibStream(new MemoryStream(png, 41, idatLength), CompressionMode.Decompress);
        var raw = new MemoryStream();
        zlib.CopyTo(raw);
        Assert.Equal(new byte[] { 0, 255, 0, 0, 128, 255 }, raw.ToArray());
    }
}
