using System.Globalization;
using System.Text;
using CsCheck;
using Likely.Data;

namespace Likely.Tests.Data;

/// <summary>Round-trip properties over random inputs: what Likely writes (or a plain text writer writes) reads back exactly.</summary>
public sealed class DataPropertyTests : IDisposable
{
    private readonly DataTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void SafetensorsWriteThenRead_RandomTensors_RoundTripBitForBit()
    {
        // Any float bit pattern (NaN payloads, ±0, subnormals, ±∞) and any sizes, including empty tensors.
        Gen<float[][]> tensors = Gen.Int.Select(BitConverter.Int32BitsToSingle).Array[0, 40].Array[1, 5];
        int file = 0; // CsCheck samples on several threads at once: each sample needs its own file, hence Interlocked.

        tensors.Sample(arrays =>
        {
            string path = _files.PathOf($"random{Interlocked.Increment(ref file)}.safetensors");
            SafetensorsTensor[] written = [.. arrays.Select((data, i) => new SafetensorsTensor($"t{i}", i % 2 == 0 ? [data.Length] : [1, data.Length], data))];

            Safetensors.Write(path, written, new Dictionary<string, string> { ["n"] = arrays.Length.ToString(CultureInfo.InvariantCulture) });
            SafetensorsContent read = Safetensors.Read(path);

            Assert.Equal(written.Length, read.Tensors.Count);
            for (int i = 0; i < written.Length; i++)
            {
                Assert.Equal(written[i].Shape, read.Tensors[i].Shape);
                Assert.Equal(written[i].Data.Select(BitConverter.SingleToInt32Bits), read.Tensors[i].Data.Select(BitConverter.SingleToInt32Bits));
            }
        }, iter: 100);
    }

    [Fact]
    public void CsvRead_RandomFiniteFloatsWrittenRoundTrip_ReadBackExactly()
    {
        // float.ToString("R") is the shortest text that parses back to the same float, so the reader must return it exactly.
        Gen<(float[] Values, int Columns)> table = Gen.Int[1, 4].SelectMany(columns =>
            Gen.Float.Where(float.IsFinite).Array[columns, columns * 30].Select(values => (values[..(values.Length / columns * columns)], columns)));
        int file = 0; // CsCheck samples on several threads at once: each sample needs its own file, hence Interlocked.

        table.Sample(t =>
        {
            int rows = t.Values.Length / t.Columns;
            var text = new StringBuilder(string.Join(",", Enumerable.Range(0, t.Columns).Select(j => $"x{j}")) + ",label\n");
            for (int i = 0; i < rows; i++)
            {
                for (int j = 0; j < t.Columns; j++)
                {
                    text.Append(t.Values[(i * t.Columns) + j].ToString("R", CultureInfo.InvariantCulture)).Append(',');
                }

                text.Append(i % 3).Append('\n');
            }

            string path = _files.WriteText($"random{Interlocked.Increment(ref file)}.csv", text.ToString());

            Dataset data = CsvDataset.Read(path, new CsvDatasetOptions { Label = "label" });

            Assert.Equal(t.Values.Select(BitConverter.SingleToInt32Bits), data.Features.Select(BitConverter.SingleToInt32Bits));
            Assert.Equal(Enumerable.Range(0, rows).Select(i => data.ClassNames.ToList().IndexOf((i % 3).ToString(CultureInfo.InvariantCulture))), data.Labels);
        }, iter: 100);
    }
}
