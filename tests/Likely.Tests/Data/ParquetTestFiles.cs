using Likely.Data;
using Parquet;
using Parquet.Schema;

namespace Likely.Tests.Data;

/// <summary>Writes a data set to Parquet with many row groups, for the tests of streamed reading and training.</summary>
internal static class ParquetTestFiles
{
    /// <summary>
    /// Writes <paramref name="data"/> to <paramref name="path"/>: one float column per feature (named as the data's
    /// features; float32 values are stored exactly), then an int64 column <c>label</c> holding the class index, in row
    /// groups of <paramref name="rowGroupRows"/> rows (the last one shorter). With <paramref name="rowIds"/>, a first
    /// column <c>id</c> holds the row's index, so a test can tell which rows a minibatch holds.
    /// </summary>
    public static async Task Write(string path, Dataset data, int rowGroupRows, bool rowIds = false)
    {
        DataField<float>[] features = [.. data.FeatureNames.Select(name => new DataField<float>(name))];
        var label = new DataField<long>("label");
        var id = new DataField<float>("id");
        Field[] fields = [.. (rowIds ? new Field[] { id } : []), .. features, label];
        await using FileStream stream = File.Create(path);
        await using ParquetWriter writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream);
        int d = data.FeatureCount;
        for (int start = 0; start < data.RowCount; start += rowGroupRows)
        {
            int end = Math.Min(data.RowCount, start + rowGroupRows);
            using ParquetRowGroupWriter group = writer.CreateRowGroup();
            if (rowIds)
            {
                await group.WriteAsync<float>(id, Enumerable.Range(start, end - start).Select(i => (float)i).ToArray().AsMemory());
            }

            for (int f = 0; f < d; f++)
            {
                float[] column = new float[end - start];
                for (int i = start; i < end; i++) column[i - start] = data.Features[i * d + f];
                await group.WriteAsync<float>(features[f], column.AsMemory());
            }

            await group.WriteAsync<long>(label, data.Labels[start..end].Select(k => (long)k).ToArray().AsMemory());
        }
    }
}
