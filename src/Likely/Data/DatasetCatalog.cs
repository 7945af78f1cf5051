namespace Likely.Data;

/// <summary>
/// Resolves a data-set spec — what <c>--data</c> takes on the command line — to a loaded <see cref="Dataset"/>.
/// </summary>
/// <remarks>
/// Specs:
/// <list type="bullet">
/// <item><c>digits</c> (= <c>digits:train</c>), <c>digits:train</c> (1,437 rows), <c>digits:test</c> (360 rows), <c>digits:all</c> (1,797):
/// the UCI handwritten digits embedded in the library, features = pixel count / 16; the split is fixed and stratified
/// (seed 1998; see README "Data sets").</item>
/// <item><c>fashion-mnist</c> (= <c>fashion-mnist:train</c>, 60,000 rows), <c>fashion-mnist:test</c> (10,000 rows): the official files
/// under <see cref="FashionMnistFolder"/>, features = pixel / 255.</item>
/// <item>a path to a <c>.csv</c> file, with the label column in <see cref="CsvDatasetOptions.Label"/>.</item>
/// <item>a path to a <c>.parquet</c> file, read the same way (<see cref="ParquetDataset"/>).</item>
/// <item>a folder holding train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte
/// (each optionally .gz), with an optional <c>:train</c> (the default) or <c>:test</c> (the t10k files) suffix.</item>
/// </list>
/// </remarks>
public static class DatasetCatalog
{
    private static readonly string[] FashionMnistClasses =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];

    /// <summary>Where Debian's dataset-fashion-mnist package puts the Fashion-MNIST IDX files.</summary>
    public static string FashionMnistFolder { get; } = "/usr/share/datasets/fashion-mnist";

    /// <summary>Fashion-MNIST's ten class names, in label order 0..9.</summary>
    public static IReadOnlyList<string> FashionMnistClassNames => FashionMnistClasses;

    /// <summary>The seed of the fixed, stratified digits:train / digits:test split (never changes).</summary>
    public const int DigitsSplitSeed = DigitsDataset.SplitSeed;

    /// <summary>Loads the data set that <paramref name="spec"/> names (see the remarks for the forms it takes).</summary>
    /// <param name="spec">A built-in name with an optional <c>:train</c>/<c>:test</c> part, a CSV file or an IDX folder.</param>
    /// <param name="csv">Columns and class order for a CSV file (<see cref="CsvDatasetOptions.Label"/> is required there);
    /// its <see cref="CsvDatasetOptions.ClassNames"/> also name the classes of an IDX folder.</param>
    /// <exception cref="ArgumentException">The spec is empty or names nothing known, or a CSV file comes without a label column.</exception>
    /// <exception cref="FileNotFoundException">Fashion-MNIST is not installed, or a file is missing; the message says how to fix it.</exception>
    /// <exception cref="InvalidDataException">The data are malformed; the message says where.</exception>
    public static Dataset Load(string spec, CsvDatasetOptions? csv = null) => LoadUnnamed(spec, csv).WithName(spec.Trim());

    private static Dataset LoadUnnamed(string spec, CsvDatasetOptions? csv)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(spec);
        switch (spec.Trim().ToLowerInvariant())
        {
            case "digits" or "digits:train":
                return DigitsDataset.Load(test: false);
            case "digits:test":
                return DigitsDataset.Load(test: true);
            case "digits:all":
                return DigitsDataset.LoadAll();
            case "fashion-mnist" or "fashion-mnist:train":
                return LoadFashionMnist(FashionMnistFolder, test: false);
            case "fashion-mnist:test":
                return LoadFashionMnist(FashionMnistFolder, test: true);
        }

        if (DataFiles.IsParquet(spec))
        {
            if (string.IsNullOrWhiteSpace(csv?.Label))
            {
                throw new ArgumentException($"The Parquet data set '{spec}' needs the name of its label column; pass it with --label NAME.", nameof(csv));
            }

            return ParquetDataset.Read(spec, csv);
        }

        if (File.Exists(spec) || spec.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(csv?.Label))
            {
                throw new ArgumentException($"The CSV data set '{spec}' needs the name of its label column; pass it with --label NAME.", nameof(csv));
            }

            return CsvDataset.Read(spec, csv);
        }

        (string folder, bool test) = SplitSuffix(spec);
        if (Directory.Exists(folder))
        {
            return LoadIdxFolder(folder, test, csv?.ClassNames);
        }

        throw new ArgumentException(
            $"Unknown data set '{spec}': expected digits[:train|:test], fashion-mnist[:train|:test], a .csv file, or a folder with train-/t10k- IDX files (optionally followed by :train or :test).",
            nameof(spec));
    }

    /// <summary>Loads Fashion-MNIST from <paramref name="folder"/> (a parameter so the not-installed message can be tested).</summary>
    internal static Dataset LoadFashionMnist(string folder, bool test)
    {
        if (!Directory.Exists(folder))
        {
            throw new FileNotFoundException(
                $"Fashion-MNIST is not installed: the folder {folder} does not exist. Install it with `sudo apt-get install dataset-fashion-mnist` (Debian), or pass --data with a folder that holds the IDX files (train-images-idx3-ubyte.gz, …).",
                folder);
        }

        return LoadIdxFolder(folder, test, FashionMnistClasses);
    }

    private static Dataset LoadIdxFolder(string folder, bool test, IReadOnlyList<string>? classNames)
    {
        string prefix = test ? "t10k" : "train";
        string images = FindIdxFile(folder, $"{prefix}-images-idx3-ubyte");
        string labels = FindIdxFile(folder, $"{prefix}-labels-idx1-ubyte");
        return IdxDataset.Read(images, labels, classNames);
    }

    private static string FindIdxFile(string folder, string name)
    {
        foreach (string candidate in new[] { name + ".gz", name })
        {
            string path = Path.Combine(folder, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException($"The folder {folder} has no IDX file {name}[.gz]; an IDX folder holds train-images-idx3-ubyte, train-labels-idx1-ubyte, t10k-images-idx3-ubyte and t10k-labels-idx1-ubyte (each optionally .gz).", Path.Combine(folder, name));
    }

    private static (string Folder, bool Test) SplitSuffix(string spec)
    {
        if (Directory.Exists(spec))
        {
            return (spec, false);
        }

        if (spec.EndsWith(":test", StringComparison.OrdinalIgnoreCase))
        {
            return (spec[..^":test".Length], true);
        }

        return spec.EndsWith(":train", StringComparison.OrdinalIgnoreCase) ? (spec[..^":train".Length], false) : (spec, false);
    }
}
