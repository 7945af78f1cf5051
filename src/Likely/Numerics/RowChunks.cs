namespace Likely.Numerics;

/// <summary>
/// Deterministic row parallelism: rows are cut into chunks whose size depends only on the shape (never on the
/// thread count), each chunk's partial sum is computed by one thread, and the partial sums are added in chunk order.
/// So the same inputs give bit-identical results for any degree of parallelism.
/// </summary>
internal static class RowChunks
{
    /// <summary>About this many values per chunk: large enough to amortize a task, small enough to balance 2–64 cores.</summary>
    private const long ValuesPerChunk = 1 << 15;

    /// <summary>Below this many values the work runs on the calling thread (a task costs microseconds).</summary>
    private const long ParallelThreshold = 1 << 17;

    /// <summary>Rows per chunk for rows of <paramref name="width"/> values.</summary>
    public static int RowsPerChunk(int width) => (int)Math.Max(1, ValuesPerChunk / Math.Max(1, width));

    /// <summary>
    /// Runs <paramref name="chunkSum"/>(firstRow, rowCount) over all chunks of <paramref name="rows"/> rows and
    /// returns the sum of its results, added in chunk order.
    /// </summary>
    /// <param name="rows">N.</param>
    /// <param name="width">Values per row, which fixes the chunk size.</param>
    /// <param name="maxDegreeOfParallelism">At most this many threads; −1 for the runtime's default.</param>
    /// <param name="chunkSum">The per-chunk work; it must write only inside its own rows.</param>
    public static double Sum(int rows, int width, int maxDegreeOfParallelism, Func<int, int, double> chunkSum)
    {
        int rowsPerChunk = RowsPerChunk(width);
        int chunks = (rows + rowsPerChunk - 1) / rowsPerChunk;
        if (chunks == 0)
        {
            return 0;
        }

        var partials = new double[chunks];
        bool parallel = maxDegreeOfParallelism != 1 && chunks > 1 && (long)rows * width >= ParallelThreshold;
        if (parallel)
        {
            var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            Parallel.For(0, chunks, options, chunk =>
            {
                int first = chunk * rowsPerChunk;
                partials[chunk] = chunkSum(first, Math.Min(rowsPerChunk, rows - first));
            });
        }
        else
        {
            for (int chunk = 0; chunk < chunks; chunk++)
            {
                int first = chunk * rowsPerChunk;
                partials[chunk] = chunkSum(first, Math.Min(rowsPerChunk, rows - first));
            }
        }

        double total = 0;
        foreach (double partial in partials)
        {
            total += partial;
        }

        return total;
    }
}
