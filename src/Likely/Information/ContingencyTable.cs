namespace Likely.Information;

/// <summary>
/// A contingency table of counts n_xy for two categorical variables X (rows) and Y (columns), N = Σ n_xy, and the
/// information quantities of its empirical joint distribution p(x, y) = n_xy / N (plug-in estimates):
/// joint entropy H(X, Y), marginal entropies H(X), H(Y), conditional entropies H(Y|X), H(X|Y), and mutual information I(X; Y).
/// </summary>
/// <remarks>
/// Identities that hold exactly for the plug-in estimates: H(Y|X) = H(X, Y) − H(X); I(X; Y) = H(X) + H(Y) − H(X, Y)
/// = H(Y) − H(Y|X) ≥ 0, with I = 0 when the counts factor as n_xy = n_x·n_y / N (independence).
/// Every quantity is in nats unless a <see cref="LogBase"/> is given. Shapes: R = rows (values of X), C = columns (values of Y).
/// </remarks>
public sealed class ContingencyTable
{
    private readonly long[] _counts;

    /// <summary>Creates a table from R×C counts in row-major order.</summary>
    /// <param name="counts">R·C counts n_xy ≥ 0, row x = value of X, column y = value of Y, with a positive total.</param>
    /// <param name="rows">R ≥ 1.</param>
    /// <param name="columns">C ≥ 1.</param>
    /// <exception cref="ArgumentException">The shape does not match the counts, a count is negative, or all are 0.</exception>
    public ContingencyTable(ReadOnlySpan<long> counts, int rows, int columns)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (counts.Length != (long)rows * columns)
        {
            throw new ArgumentException($"'counts' has {counts.Length} entries but a {rows}×{columns} table needs {(long)rows * columns}.", nameof(counts));
        }

        long total = 0;
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentException($"The count at row {i / columns}, column {i % columns} is {counts[i]}; counts must be ≥ 0.", nameof(counts));
            }

            total += counts[i];
        }

        if (total == 0)
        {
            throw new ArgumentException("Every count in the table is 0; at least one pair must have been observed.", nameof(counts));
        }

        _counts = counts.ToArray();
        Rows = rows;
        Columns = columns;
        Total = total;
    }

    /// <summary>R, the number of values of X.</summary>
    public int Rows { get; }

    /// <summary>C, the number of values of Y.</summary>
    public int Columns { get; }

    /// <summary>N = Σ n_xy, the number of observed pairs.</summary>
    public long Total { get; }

    /// <summary>The R·C counts in row-major order (for resampling the table).</summary>
    internal ReadOnlySpan<long> Counts => _counts;

    /// <summary>n_xy, the count at row <paramref name="x"/> and column <paramref name="y"/>.</summary>
    public long this[int x, int y] => _counts[checked(x * Columns + y)];

    /// <summary>
    /// Counts the pairs (xᵢ, yᵢ) of two equally long sequences of observed categories into a table whose rows are the
    /// distinct values of X and whose columns are those of Y, each in order of first appearance.
    /// </summary>
    /// <exception cref="ArgumentException">The sequences are empty or of different lengths.</exception>
    public static ContingencyTable FromPairs<TX, TY>(IReadOnlyList<TX> x, IReadOnlyList<TY> y)
        where TX : notnull
        where TY : notnull
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count != y.Count)
        {
            throw new ArgumentException($"'x' has {x.Count} observations but 'y' has {y.Count}; they must be paired one to one.", nameof(y));
        }

        if (x.Count == 0)
        {
            throw new ArgumentException("There are no observations; mutual information needs at least one (x, y) pair.", nameof(x));
        }

        var rowOf = new Dictionary<TX, int>();
        var columnOf = new Dictionary<TY, int>();
        var cells = new (int Row, int Column)[x.Count];
        for (int i = 0; i < x.Count; i++)
        {
            if (!rowOf.TryGetValue(x[i], out int row)) rowOf[x[i]] = row = rowOf.Count;
            if (!columnOf.TryGetValue(y[i], out int column)) columnOf[y[i]] = column = columnOf.Count;
            cells[i] = (row, column);
        }

        var counts = new long[rowOf.Count * columnOf.Count];
        foreach ((int row, int column) in cells)
        {
            counts[row * columnOf.Count + column]++;
        }

        return new ContingencyTable(counts, rowOf.Count, columnOf.Count);
    }

    /// <summary>H(X, Y) = −Σ p(x, y) log p(x, y).</summary>
    public double JointEntropy(LogBase logBase = default) => CountEntropy.Compute(_counts, EntropyEstimator.PlugIn, logBase);

    /// <summary>H(X) = −Σ p(x) log p(x), from the row sums.</summary>
    public double RowEntropy(LogBase logBase = default) => CountEntropy.Compute(RowSums(), EntropyEstimator.PlugIn, logBase);

    /// <summary>H(Y) = −Σ p(y) log p(y), from the column sums.</summary>
    public double ColumnEntropy(LogBase logBase = default) => CountEntropy.Compute(ColumnSums(), EntropyEstimator.PlugIn, logBase);

    /// <summary>H(Y|X) = H(X, Y) − H(X) = −Σ p(x, y) log p(y|x): what is left to learn about Y once X is known.</summary>
    public double ConditionalEntropyOfColumnsGivenRows(LogBase logBase = default) =>
        logBase.FromNats(Math.Max(0, JointEntropy() - RowEntropy()));

    /// <summary>H(X|Y) = H(X, Y) − H(Y) = −Σ p(x, y) log p(x|y).</summary>
    public double ConditionalEntropyOfRowsGivenColumns(LogBase logBase = default) =>
        logBase.FromNats(Math.Max(0, JointEntropy() - ColumnEntropy()));

    /// <summary>
    /// I(X; Y) = Σ p(x, y) log[p(x, y) / (p(x) p(y))] = Σ (n_xy / N) log(n_xy N / (n_x n_y)) ≥ 0: how much knowing one
    /// variable tells about the other. Summed term by term (not as a difference of entropies) so that it stays accurate
    /// when it is small; 0 for independent counts.
    /// </summary>
    public double MutualInformation(LogBase logBase = default)
    {
        long[] rowSums = RowSums(), columnSums = ColumnSums();
        double total = Total, sum = 0;
        for (int x = 0; x < Rows; x++)
        {
            for (int y = 0; y < Columns; y++)
            {
                long n = _counts[x * Columns + y];
                if (n > 0)
                {
                    sum += n * Math.Log(n * total / ((double)rowSums[x] * columnSums[y]));
                }
            }
        }

        return logBase.FromNats(Math.Max(0, sum / total));
    }

    private long[] RowSums()
    {
        var sums = new long[Rows];
        for (int x = 0; x < Rows; x++)
        {
            for (int y = 0; y < Columns; y++) sums[x] += _counts[x * Columns + y];
        }

        return sums;
    }

    private long[] ColumnSums()
    {
        var sums = new long[Columns];
        for (int x = 0; x < Rows; x++)
        {
            for (int y = 0; y < Columns; y++) sums[y] += _counts[x * Columns + y];
        }

        return sums;
    }
}
