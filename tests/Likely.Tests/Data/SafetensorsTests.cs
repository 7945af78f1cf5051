using System.Buffers.Binary;
using System.Text;
using Likely.Data;

namespace Likely.Tests.Data;

public sealed class SafetensorsTests : IDisposable
{
    private readonly DataTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void Read_PythonReferenceFile_MatchesValuesWrittenByPython()
    {
        // safetensors_reference.safetensors was written by make_safetensors_reference.py (struct/json per the spec,
        // since the safetensors package is not importable here); the values below are the ones in that script.
        SafetensorsContent content = Safetensors.Read(DataTestFiles.Committed("safetensors_reference.safetensors"));

        Assert.Equal(["layers.0.weight", "layers.0.bias", "temperature"], content.Tensors.Select(t => t.Name));
        Assert.Equal([2, 3], content["layers.0.weight"].Shape);
        Assert.Equal([0.5f, -1.25f, 3f, 1e-8f, -0f, 65504f], content["layers.0.weight"].Data);
        Assert.True(float.IsNegative(content["layers.0.weight"].Data[4])); // −0 survives
        Assert.Equal([3], content["layers.0.bias"].Shape);
        Assert.Equal([0.1f, -0.2f, 0.3f], content["layers.0.bias"].Data);
        Assert.Empty(content["temperature"].Shape);
        Assert.Equal([1.5f], content["temperature"].Data);
        Assert.Equal("pt", content.Metadata["format"]);
        Assert.Equal("[\"T-shirt/top\", \"Trouser\"]", content.Metadata["classes"]);
    }

    [Fact]
    public void WriteThenRead_RoundTripsTensorsBitForBitAndMetadata()
    {
        string path = _files.PathOf("model.safetensors");
        float nan = BitConverter.Int32BitsToSingle(0x7FC00123);
        SafetensorsTensor[] tensors =
        [
            new("w", [2, 2], [1f, -2.5f, float.Epsilon, float.MaxValue]),
            new("b", [3], [nan, float.NegativeInfinity, -0f]),
            new("empty", [0, 4], []),
        ];
        var metadata = new Dictionary<string, string> { ["architecture"] = "{\"hidden\": [256, 128]}", ["classes"] = "T-shirt/top,Ankle boot,é" };

        Safetensors.Write(path, tensors, metadata);
        SafetensorsContent content = Safetensors.Read(path);

        Assert.Equal(tensors.Select(t => t.Name), content.Tensors.Select(t => t.Name));
        for (int i = 0; i < tensors.Length; i++)
        {
            Assert.Equal(tensors[i].Shape, content.Tensors[i].Shape);
            Assert.Equal(tensors[i].Data.Select(BitConverter.SingleToInt32Bits), content.Tensors[i].Data.Select(BitConverter.SingleToInt32Bits));
        }

        Assert.Equal(metadata, content.Metadata);
    }

    [Fact]
    public void Write_Layout_FollowsTheSpec()
    {
        string path = _files.PathOf("layout.safetensors");

        Safetensors.Write(path, [new("x", [2], [1f, 2f])], new Dictionary<string, string>());

        byte[] file = File.ReadAllBytes(path);
        ulong headerSize = BinaryPrimitives.ReadUInt64LittleEndian(file);
        string header = Encoding.UTF8.GetString(file, 8, (int)headerSize);
        // Worked by hand from the spec: JSON header padded with spaces to a multiple of 8, then 2 × 4 bytes of F32.
        Assert.Equal(0UL, headerSize % 8);
        Assert.Equal("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", header.TrimEnd(' '));
        Assert.Equal(8 + (int)headerSize + 8, file.Length);
        Assert.Equal(1f, BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(8 + (int)headerSize)));
        Assert.Equal(2f, BinaryPrimitives.ReadSingleLittleEndian(file.AsSpan(12 + (int)headerSize)));
    }

    [Fact]
    public void Write_ShapeDisagreesWithData_ThrowsAndLeavesNoFile()
    {
        string path = _files.PathOf("bad.safetensors");

        Assert.Throws<ArgumentException>(() => Safetensors.Write(path, [new("x", [2, 2], [1f, 2f, 3f])], new Dictionary<string, string>()));
        Assert.Empty(Directory.GetFiles(_files.Folder));
    }

    [Fact]
    public void Write_DuplicateName_Throws()
    {
        Assert.Throws<ArgumentException>(() => Safetensors.Write(_files.PathOf("d.safetensors"), [new("x", [1], [1f]), new("x", [1], [2f])], new Dictionary<string, string>()));
    }

    [Fact]
    public void Read_TruncatedFile_ThrowsSayingTruncated()
    {
        string path = _files.PathOf("t.safetensors");
        Safetensors.Write(path, [new("x", [4], [1f, 2f, 3f, 4f])], new Dictionary<string, string>());
        byte[] file = File.ReadAllBytes(path);
        File.WriteAllBytes(path, file[..^1]);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "3 bytes long")]
    [InlineData(new byte[] { 255, 0, 0, 0, 0, 0, 0, 0, (byte)'{', (byte)'}' }, "declares a 255-byte header")]
    public void Read_TooShortOrOversizedHeader_Throws(byte[] content, string expected)
    {
        string path = _files.PathOf("short.safetensors");
        File.WriteAllBytes(path, content);

        Assert.Contains(expected, Assert.Throws<InvalidDataException>(() => Safetensors.Read(path)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8, "needs 12 bytes")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 12, "cover 8 bytes of a 12-byte")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 8, "ends at byte 16")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", 12, "gap of 4 bytes")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"y\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8, "overlaps")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,0]}}", 8, "data_offsets [8, 0]")]
    [InlineData("{\"x\":{\"dtype\":\"F64\",\"shape\":[1],\"data_offsets\":[0,8]}}", 8, "unsupported dtype F64")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,8]}}", 8, "not a size ≥ 0")]
    [InlineData("{\"x\":{\"dtype\":\"F32\",\"shape\":[2]}}", 8, "\"data_offsets\"")]
    [InlineData("{\"__metadata__\":{\"k\":1},\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}", 8, "metadata 'k'")]
    [InlineData("{\"x\": [1, 2", 8, "not valid JSON")]
    [InlineData("[1, 2]", 8, "not an object")]
    public void Read_CorruptHeader_ThrowsNamingTheProblem(string header, int bufferBytes, string expected)
    {
        string path = _files.PathOf("corrupt.safetensors");
        WriteRaw(path, header, new byte[bufferBytes]);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HandBuiltFile_ReadsTheValuesItsBytesHold()
    {
        string path = _files.PathOf("hand.safetensors");
        File.WriteAllBytes(path, HandBuiltFile());

        SafetensorsContent content = Safetensors.Read(path);

        // 00 00 C0 3F is 1.5f and 00 00 00 C0 is −2f, little-endian (sign, exponent and mantissa worked by hand).
        Assert.Equal(["x"], content.Tensors.Select(t => t.Name));
        Assert.Equal([2], content["x"].Shape);
        Assert.Equal([1.5f, -2f], content["x"].Data);
    }

    [Fact]
    public void Read_TenTrailingBytes_ThrowsNamingTheSizes()
    {
        // 8 + 64 + 8 = 80 bytes declared; 10 more appended make 90.
        string path = _files.PathOf("trailing.safetensors");
        File.WriteAllBytes(path, [.. HandBuiltFile(), .. new byte[10]]);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.Contains("is 90 bytes long but its header declares 80 (8-byte size, 64-byte header, 8-byte data buffer)", error.Message, StringComparison.Ordinal);
        Assert.Contains("the tensors cover 8 bytes of a 18-byte data buffer, leaving 10 trailing bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_LastByteCut_ThrowsNamingTheSizes()
    {
        // 80 bytes declared, 79 present: the data buffer after the 8 + 64 header bytes holds 7 of tensor x's 8.
        string path = _files.PathOf("cut.safetensors");
        File.WriteAllBytes(path, HandBuiltFile()[..^1]);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.Contains(
            "is 79 bytes long but its header declares at least 80: tensor 'x' ends at byte 8 of the data buffer, which has only 7; the file is truncated.",
            error.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderLengthTwoToThe40_ThrowsNamingTheFormatLimit()
    {
        // 2^40 little-endian: byte 5 is 1 (2^(8·5)); the limit is the spec's 100 MB.
        string path = _files.PathOf("huge-header.safetensors");
        File.WriteAllBytes(path, [0, 0, 0, 0, 0, 1, 0, 0, (byte)'{', (byte)'}']);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.Contains("is not a safetensors file, or is corrupt: its first 8 bytes declare a 1099511627776-byte header, over the 100000000-byte (100 MB) limit", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_HeaderLengthPastTheEndOfTheFile_ThrowsNamingBoth()
    {
        string path = _files.PathOf("long-header.safetensors");
        File.WriteAllBytes(path, [64, 0, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes("{\"x\": {}}")]);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        // {"x": {}} is 9 bytes, far fewer than the 64 the size promises.
        Assert.Contains("declares a 64-byte header but the file has 9 bytes after the size", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_TensorDeclaringTwoGigabytesInASmallFile_ThrowsTruncatedBeforeReadingIt()
    {
        // 536,870,911 F32 values are 2,147,483,644 bytes; the file has none after its header.
        string path = _files.PathOf("claims.safetensors");
        WriteRaw(path, "{\"x\":{\"dtype\":\"F32\",\"shape\":[536870911],\"data_offsets\":[0,2147483644]}}", []);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.Contains("tensor 'x' ends at byte 2147483644 of the data buffer, which has only 0; the file is truncated.", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[65536,65536,65536]", "shape [65536, 65536, 65536], more than the")]
    [InlineData("[1099511627776]", "shape entry 1099511627776, not a size ≥ 0 and ≤ 2147483647")]
    public void Read_ShapeTooLargeForAnArray_Throws(string shape, string expected)
    {
        // 65536³ = 2^48 values, past any array; 2^40 does not fit a 32-bit size.
        string path = _files.PathOf("shape.safetensors");
        WriteRaw(path, $"{{\"x\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[0,0]}}}}", []);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ShapeWithAZeroAfterHugeSizes_IsAnEmptyTensor()
    {
        // 65536 · 65536 · 0 = 0 values: the product is zero however large the other sizes are.
        string path = _files.PathOf("zero.safetensors");
        WriteRaw(path, "{\"x\":{\"dtype\":\"F32\",\"shape\":[65536,65536,0],\"data_offsets\":[0,0]}}", []);

        SafetensorsContent content = Safetensors.Read(path);

        Assert.Equal([65536, 65536, 0], content["x"].Shape);
        Assert.Empty(content["x"].Data);
    }

    [Fact]
    public void Read_EmptyRegularFile_ThrowsSayingEmptyOrNotRegular()
    {
        string path = _files.PathOf("empty.safetensors");
        File.WriteAllBytes(path, []);

        var error = Assert.Throws<InvalidDataException>(() => Safetensors.Read(path));

        Assert.Contains($"'{path}' is empty or not a regular file", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => Safetensors.Read(_files.PathOf("absent.safetensors")));
    }

    /// <summary>
    /// An 80-byte file built by hand: size 64 (40 00 00 00 00 00 00 00), the header of one F32 tensor x of shape [2] at
    /// bytes [0, 8), padded with spaces to 64 bytes, then 1.5f and −2f little-endian.
    /// </summary>
    internal static byte[] HandBuiltFile()
    {
        string header = "{\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}".PadRight(64);
        return [0x40, 0, 0, 0, 0, 0, 0, 0, .. Encoding.ASCII.GetBytes(header), 0x00, 0x00, 0xC0, 0x3F, 0x00, 0x00, 0x00, 0xC0];
    }

    private static void WriteRaw(string path, string header, byte[] buffer)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] size = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)json.Length);
        File.WriteAllBytes(path, [.. size, .. json, .. buffer]);
    }
}
