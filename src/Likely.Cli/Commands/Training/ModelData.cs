using Likely.Data;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>Loads the data a saved model is applied to, with its columns and classes in the model's order.</summary>
internal static class ModelData
{
    /// <summary>Loads labelled data for <paramref name="model"/>: CSV columns are selected by the model's feature names and labels mapped to its class names.</summary>
    public static Dataset LoadLabelled(string spec, string? label, ClassifierModel model)
    {
        Dataset data = DatasetCatalog.Load(spec, new CsvDatasetOptions { Label = label, Features = model.FeatureNames, ClassNames = model.ClassNames });
        CheckShape(data.FeatureCount, spec, model);
        if (!data.ClassNames.SequenceEqual(model.ClassNames))
        {
            throw new UsageException($"The data '{spec}' have classes [{string.Join(", ", data.ClassNames)}] but the model was trained on [{string.Join(", ", model.ClassNames)}]; evaluate it on data with the same classes.");
        }

        return data;
    }

    /// <summary>Fails with a usage error when the data do not have the model's number of features.</summary>
    public static void CheckShape(int featureCount, string spec, ClassifierModel model)
    {
        if (featureCount != model.FeatureCount)
        {
            throw new UsageException($"The data '{spec}' have {featureCount} features but the model takes {model.FeatureCount}; use data with the model's features ({Preview(model.FeatureNames)}).");
        }
    }

    private static string Preview(IReadOnlyList<string> names) =>
        names.Count <= 4 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))}, …, {names[^1]}";
}
