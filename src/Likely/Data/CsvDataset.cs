using System.Globalization;
using nietras.SeparatedValues;

namespace Likely.Data;

/// <summary>
/// Reads a labelled data set from a CSV file with a header row (parsed by Sep; the separator — comma, semicolon,
/// tab or pipe — is detected from the header): numeric feature columns and one label column of strings or integers.
/// </summary>
/// <remarks>
/// Every error is an <see cref="InvalidDataException"/> that names the file, the line (the header is line 1), the
/// column and the fix: a row with the wrong number of columns, a feature that is not a finite number, an empty label,
/// a label outside known classes, a column name the header lacks (the message lists the columns it has).
/// <para>
/// When the classes are discovered from the file and every label is a plain whole number (digits only: 0, 1, 10), the
/// labels are class indices: with K = the largest + 1, each of 0…K−1 must occur, so a stray 30 among labels 0…9 is an
/// error naming 30 and its line, not an eleventh class. Other labels (cat, -1 and +1, 01) are names with no such rule.
/// </para>
/// </remarks>
public static class CsvDataset
{
    /// <summary>Reads the data set in <paramref name="path"/>, as <paramref name="options"/> selects.</summary>
    /// <param name="path">A CSV file with a header row and at least one data row.</param>
    /// <param name="options">The label column (required), the feature columns and the known class order, if any.</param>
    /// <returns>N rows of D float32 features in the order of <see cref="CsvDatasetOptions.Features"/> (or of the file).</returns>
    /// <exception cref="ArgumentException"><see cref="CsvDatasetOptions.Label"/> is null or empty.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">
    /// The file is malformed, or (with no known classes) its integer labels leave a class below the largest empty; the
    /// message gives line and column, or the stray label and the line it first occurs on.
    /// </exception>
    public static Dataset Read(string path, CsvDatasetOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Label))
        {
            throw new ArgumentException($"Reading the data set '{path}' needs the name of its label column; pass it as the label (--label NAME).", nameof(options));
        }

        using SepReader reader = Open(path);
        string[] columns = [.. reader.Header.ColNames];
        int labelColumn = IndexOf(columns, options.Label, path);
        int[] featureColumns = options.Features is null
            ? [.. Enumerable.Range(0, columns.Length).Where(c => c != labelColumn)]
            : FeatureIndices(columns, options.Features, path, labelColumn);
        if (featureColumns.Length == 0)
        {
            throw new InvalidDataException($"{path} has no feature columns besides the label '{options.Label}'; a data set needs at least one numeric feature column.");
        }

        var features = new FloatBuffer(featureColumns.Length * 1024);
        var rowLabels = new List<int>();
        var seen = new LabelTable();
        string labelName = columns[labelColumn];
        foreach (SepReader.Row row in reader)
        {
            CheckColumnCount(row, columns.Length, path);
            ParseFeatures(row, featureColumns, columns, path, features.Append(featureColumns.Length));
            ReadOnlySpan<char> label = row[labelColumn].Span;
            if (label.IsEmpty)
            {
                throw new InvalidDataException($"{path}, line {row.LineNumberFrom}, column {labelColumn + 1} ('{labelName}'): the label is missing; every row needs a label (remove the row or fill it in).");
            }

            int id = seen.Add(label, row.LineNumberFrom, out bool isNew);
            if (isNew && options.ClassNames is not null && !options.ClassNames.Contains(label.ToString(), StringComparer.Ordinal))
            {
                throw new InvalidDataException(
                    $"{path}, line {row.LineNumberFrom}, column {labelColumn + 1} ('{labelName}'): label '{label}' is not one of the {options.ClassNames.Count} known classes ({Listing(options.ClassNames)}); use data labelled with the model's classes.");
            }

            rowLabels.Add(id);
        }

        if (rowLabels.Count == 0)
        {
            throw new InvalidDataException($"{path} has a header but no data rows; a data set needs at least one row.");
        }

        if (options.ClassNames is null)
        {
            ThrowIfClassGap(seen, rowLabels, path, labelName);
        }

        IReadOnlyList<string> classNames = options.ClassNames ?? DiscoverClassOrder(seen.Names);
        var classIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int k = 0; k < classNames.Count; k++)
        {
            classIndex.TryAdd(classNames[k], k);
        }

        int[] labels = new int[rowLabels.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            labels[i] = classIndex[seen.Names[rowLabels[i]]];
        }

        string[] featureNames = [.. featureColumns.Select(c => columns[c])];
        return new Dataset(features.ToArray(), labels, featureColumns.Length, classNames, featureNames);
    }

    /// <summary>Reads only the feature columns <paramref name="featureNames"/> (in that order), for prediction: no label column is needed.</summary>
    /// <param name="path">A CSV file with a header row and at least one data row; other columns are ignored.</param>
    /// <param name="featureNames">The columns to read, for example the ones a model was trained on.</param>
    /// <param name="rowCount">N, the number of data rows read.</param>
    /// <returns>N×D float32 features, row-major, D = <paramref name="featureNames"/>.Count.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">A column is missing or a value malformed; the message gives line and column.</exception>
    public static float[] ReadFeatures(string path, IReadOnlyList<string> featureNames, out int rowCount)
    {
        ArgumentNullException.ThrowIfNull(featureNames);
        if (featureNames.Count == 0)
        {
            throw new ArgumentException("At least one feature column name is needed.", nameof(featureNames));
        }

        using SepReader reader = Open(path);
        string[] columns = [.. reader.Header.ColNames];
        int[] featureColumns = FeatureIndices(columns, featureNames, path, labelColumn: -1);
        var features = new FloatBuffer(featureColumns.Length * 1024);
        rowCount = 0;
        foreach (SepReader.Row row in reader)
        {
            CheckColumnCount(row, columns.Length, path);
            ParseFeatures(row, featureColumns, columns, path, features.Append(featureColumns.Length));
            rowCount++;
        }

        if (rowCount == 0)
        {
            throw new InvalidDataException($"{path} has a header but no data rows; there is nothing to read.");
        }

        return features.ToArray();
    }

    /// <summary>
    /// The class order discovered from distinct labels: numeric order when every label is an integer
    /// (so "2" comes before "10"), ordinal string order otherwise.
    /// </summary>
    internal static string[] DiscoverClassOrder(IEnumerable<string> distinctLabels)
    {
        string[] names = [.. distinctLabels];
        var values = new long[names.Length];
        bool allIntegers = true;
        for (int i = 0; i < names.Length && allIntegers; i++)
        {
            allIntegers = long.TryParse(names[i], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out values[i]);
        }

        if (allIntegers)
        {
            int[] order = [.. Enumerable.Range(0, names.Length).OrderBy(i => values[i]).ThenBy(i => names[i], StringComparer.Ordinal)];
            return [.. order.Select(i => names[i])];
        }

        Array.Sort(names, StringComparer.Ordinal);
        return names;
    }

    /// <summary>
    /// Applies the rule of integer labels (<see cref="IntegerLabels"/>) when every label is a class index: a whole number
    /// written plainly, digits only with no sign or leading zero (0, 1, 10), so the class names are those integers.
    /// Labels such as -1 and +1, 01, or cat are names: ordered, but not required to count from 0 without a gap.
    /// </summary>
    private static void ThrowIfClassGap(LabelTable seen, List<int> rowLabels, string path, string labelName)
    {
        var values = new long[seen.Names.Count];
        for (int id = 0; id < values.Length; id++)
        {
            if (!TryParseClassIndex(seen.Names[id], out values[id]))
            {
                return;
            }
        }

        // How often each label occurs, for the message: counted here, once, rather than row by row while reading.
        var counts = new int[values.Length];
        foreach (int id in rowLabels) counts[id]++;
        var occurring = new List<IntegerLabels.Occurrence>(values.Length);
        for (int id = 0; id < values.Length; id++)
        {
            occurring.Add(new IntegerLabels.Occurrence(values[id], seen.FirstLines[id], counts[id]));
        }

        occurring.Sort((a, b) => a.Value.CompareTo(b.Value));
        IntegerLabels.ThrowIfGap(
            occurring,
            path,
            "line",
            $"labels in column '{labelName}'",
            "Correct or remove the rows with stray labels, or renumber the classes from 0; to load data that lack some classes on purpose, pass the full list of class names.");
    }

    /// <summary>Whether <paramref name="text"/> is a class index: digits only, no sign, no leading zero, within a long.</summary>
    internal static bool TryParseClassIndex(string text, out long value)
    {
        value = 0;
        bool plain = text.Length == 1 || (text.Length > 1 && text[0] != '0');
        return plain && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    private static SepReader Open(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The data file '{path}' does not exist; check the path.", path);
        }

        SepReader reader;
        try
        {
            reader = Sep.Reader(o => o with { Unescape = true, Trim = SepTrim.All, DisableColCountCheck = true }).FromFile(path);
        }
        catch (ArgumentException exception)
        {
            // Sep rejects a header that repeats a column name; say which file and how to fix it.
            throw new InvalidDataException($"{path}, line 1: {exception.Message}; give every column a distinct name.", exception);
        }

        if (reader.Header.IsEmpty)
        {
            reader.Dispose();
            throw new InvalidDataException($"{path} is empty; a CSV file with a header row naming the columns is expected.");
        }

        return reader;
    }

    private static int IndexOf(string[] columns, string name, string path)
    {
        int index = Array.IndexOf(columns, name);
        if (index < 0)
        {
            throw new InvalidDataException($"{path} has no column '{name}'; its columns are: {Listing(columns)}.");
        }

        return index;
    }

    private static int[] FeatureIndices(string[] columns, IReadOnlyList<string> names, string path, int labelColumn)
    {
        int[] indices = new int[names.Count];
        for (int j = 0; j < names.Count; j++)
        {
            indices[j] = IndexOf(columns, names[j], path);
            if (indices[j] == labelColumn)
            {
                throw new ArgumentException($"Column '{names[j]}' is the label, so it cannot also be a feature; leave it out of the feature list.", nameof(names));
            }

            if (Array.IndexOf(indices, indices[j], 0, j) >= 0)
            {
                throw new ArgumentException($"Feature column '{names[j]}' is listed twice; list each feature once.", nameof(names));
            }
        }

        return indices;
    }

    private static void CheckColumnCount(SepReader.Row row, int expected, string path)
    {
        if (row.ColCount != expected)
        {
            throw new InvalidDataException(
                $"{path}, line {row.LineNumberFrom}: the row has {row.ColCount} columns but the header has {expected}; every row needs one value per header column.");
        }
    }

    private static void ParseFeatures(SepReader.Row row, int[] featureColumns, string[] columns, string path, Span<float> destination)
    {
        for (int j = 0; j < featureColumns.Length; j++)
        {
            int c = featureColumns[j];
            ReadOnlySpan<char> text = row[c].Span;
            if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) || !float.IsFinite(value))
            {
                string problem = text.IsEmpty ? "the value is missing" : $"'{text}' is not a finite number";
                throw new InvalidDataException(
                    $"{path}, line {row.LineNumberFrom}, column {c + 1} ('{columns[c]}'): {problem}; features must be finite numbers (fix the value, or leave the column out of the features).");
            }

            destination[j] = value;
        }
    }

    private static string Listing(IReadOnlyList<string> names) =>
        names.Count <= 20 ? string.Join(", ", names) : string.Join(", ", names.Take(20)) + $", … ({names.Count} in all)";

    /// <summary>The distinct labels of a file, numbered in order of first appearance, with the line each first occurs on.</summary>
    private sealed class LabelTable
    {
        private readonly Dictionary<string, int> _ids;
        private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
        private readonly List<string> _names = [];
        private readonly List<int> _firstLines = [];

        public LabelTable()
        {
            _ids = new Dictionary<string, int>(StringComparer.Ordinal);
            _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        /// <summary>The labels, by number.</summary>
        public IReadOnlyList<string> Names => _names;

        /// <summary>The line each label first occurs on (the header is line 1).</summary>
        public IReadOnlyList<int> FirstLines => _firstLines;

        /// <summary>The number of <paramref name="label"/>, on line <paramref name="line"/>; a label not seen before gets the next number.</summary>
        public int Add(ReadOnlySpan<char> label, int line, out bool isNew)
        {
            isNew = !_lookup.TryGetValue(label, out int id);
            if (isNew)
            {
                id = _names.Count;
                string name = label.ToString();
                _ids[name] = id;
                _names.Add(name);
                _firstLines.Add(line);
            }

            return id;
        }
    }

    /// <summary>A float array that grows by doubling, so rows of a file of unknown length are parsed in place.</summary>
    private sealed class FloatBuffer(int capacity)
    {
        private float[] _values = new float[Math.Max(capacity, 16)];
        private int _count;

        public Span<float> Append(int length)
        {
            if (_count + length > _values.Length)
            {
                Array.Resize(ref _values, Math.Max(_values.Length * 2, _count + length));
            }

            Span<float> slot = _values.AsSpan(_count, length);
            _count += length;
            return slot;
        }

        public float[] ToArray() => _values.AsSpan(0, _count).ToArray();
    }
}
