using Likely.Data;
using Likely.Training;

namespace Likely.Cli.Commands.Training;

/// <summary>
/// The validation rows <c>likely calibrate</c> fits on: a data spec, or <c>validation</c>, the rows the model held out
/// when it was trained with <c>--validation</c> (rebuilt from its provenance: the data's name, the fraction and the seed,
/// with the data's fingerprint checked), so that a model trained on all of a training set can still be calibrated on
/// rows it never trained on, without touching the test set.
/// </summary>
internal static class CalibrationData
{
    /// <summary>The spec that names the model's own held-out validation rows.</summary>
    public const string HeldOut = "validation";

    /// <summary>Loads the labelled rows <paramref name="spec"/> names, with the model's features and classes.</summary>
    /// <exception cref="UsageException"><c>validation</c> was asked of a model that held out no rows, or whose training data changed.</exception>
    public static Dataset Load(string spec, ClassifierModel model, string? label)
    {
        if (!string.Equals(spec.Trim(), HeldOut, StringComparison.OrdinalIgnoreCase))
        {
            return DatasetCatalog.Load(spec, new CsvDatasetOptions { Label = label, Features = model.FeatureNames, ClassNames = model.ClassNames });
        }

        TrainingProvenance provenance = model.Provenance
            ?? throw new UsageException("--data validation: the model file does not say how it was trained (no likely.provenance), so its validation rows are unknown; pass validation data with --data FILE.");
        double fraction = provenance.Options.ValidationFraction;
        if (fraction <= 0)
        {
            throw new UsageException($"--data validation: the model was trained on all {Output.NumberText.Count(provenance.DataRows)} rows of '{provenance.DataName}' (without --validation), so it held none out; train with --validation 0.1, or pass other validation data with --data.");
        }

        Dataset all = DatasetCatalog.Load(provenance.DataName, new CsvDatasetOptions { Label = label, Features = model.FeatureNames });
        if (all.Fingerprint() != provenance.DataFingerprint)
        {
            throw new UsageException(
                $"--data validation: '{provenance.DataName}' is not the data the model was trained on (its SHA-256 fingerprint differs; for a CSV file, pass the --label used in training); pass the validation data with --data.");
        }

        (_, Dataset validation) = DatasetSplit.Split(all, fraction, provenance.Options.Seed);
        return validation.WithName(
            $"{HeldOut} (the {fraction.ToString(System.Globalization.CultureInfo.InvariantCulture)} of {provenance.DataName} held out in training, seed {provenance.Options.Seed})");
    }
}
