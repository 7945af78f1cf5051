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
    public void Read_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => Safetensors.Read(_files.PathOf("absent.safetensors")));
    }

    private static void WriteRaw(string path, string header, byte[] buffer)
    {
        byte[] json = Encoding.UTF8.GetBytes(header);
        byte[] size = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(size, (ulong)json.Length);
        File.WriteAllBytes(path, [.. size, .. json, .. buffer]);
    }
}
