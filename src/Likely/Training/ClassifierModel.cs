using Likely.Data;
using Likely.Evaluation;
using Likely.Models;

namespace Likely.Training;

/// <summary>
/// A fitted classifier, self-contained: the network, the standardizer fitted on its training rows, the class and
/// feature names, how it was trained (<see cref="Provenance"/>) and its <see cref="Calibration"/>. It takes <b>raw</b>
/// features — the standardizer is applied inside — so a model loaded from a file predicts exactly as the one that was
/// saved. Its probabilities are q(c|x) = softmax(w ⊙ z + b)_c, where z are the network's logits and w, b the
/// calibration: w = 1/T, b = 0 for a temperature T (1 unless the model was calibrated by <see cref="TemperatureScaling"/>),
/// or the per-class w and b of <see cref="VectorScaling"/>.
/// Shapes: N = rows, D = features, C = classes; probabilities are N×C row-major, class k in column k.
/// </summary>
/// <remarks>Immutable. Made by <see cref="Classifier"/>'s <c>Fit</c> or <see cref="Load"/>.</remarks>
public sealed class ClassifierModel
{
    private const int Chunk = 512;

    /// <summary>Assembles a model from its parts, checking that they agree.</summary>
    /// <param name="network">The trained network; it takes standardized features when <paramref name="standardizer"/> is given.</param>
    /// <param name="standardizer">The training standardization, or null when the network takes raw features.</param>
    /// <param name="classNames">C class names, in the network's output order.</param>
    /// <param name="featureNames">D feature names, in the network's input order.</param>
    /// <param name="provenance">How the model was trained, or null when unknown (an older model file).</param>
    /// <param name="temperature">T, the divisor of the logits before the softmax. Range: 0 &lt; T &lt; ∞. Default 1 (the network's own probabilities).</param>
    /// <exception cref="ArgumentException">The names or the standardizer do not match the network's D and C.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The temperature is not a finite number above 0.</exception>
    public ClassifierModel(MultilayerPerceptron network, Standardizer? standardizer, IReadOnlyList<string> classNames, IReadOnlyList<string> featureNames, TrainingProvenance? provenance,
        double temperature = 1)
        : this(network, standardizer, classNames, featureNames, provenance, LogitCalibration.FromTemperature(temperature))
    {
    }

    /// <summary>Assembles a model from its parts with any calibration, checking that they agree.</summary>
    /// <param name="network">The trained network; it takes standardized features when <paramref name="standardizer"/> is given.</param>
    /// <param name="standardizer">The training standardization, or null when the network takes raw features.</param>
    /// <param name="classNames">C class names, in the network's output order.</param>
    /// <param name="featureNames">D feature names, in the network's input order.</param>
    /// <param name="provenance">How the model was trained, or null when unknown (an older model file).</param>
    /// <param name="calibration">The map applied to the logits before the softmax (<see cref="LogitCalibration.None"/> for the network's own probabilities).</param>
    /// <exception cref="ArgumentException">The names, the standardizer or a vector calibration do not match the network's D and C.</exception>
    public ClassifierModel(MultilayerPerceptron network, Standardizer? standardizer, IReadOnlyList<string> classNames, IReadOnlyList<string> featureNames, TrainingProvenance? provenance,
        LogitCalibration calibration)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentNullException.ThrowIfNull(featureNames);
        if (classNames.Count != network.ClassCount)
        {
            throw new ArgumentException($"There are {classNames.Count} class names but the network has {network.ClassCount} classes.", nameof(classNames));
        }

        if (featureNames.Count != network.InputCount)
        {
            throw new ArgumentException($"There are {featureNames.Count} feature names but the network takes {network.InputCount} inputs.", nameof(featureNames));
        }

        if (standardizer is not null && standardizer.Mean.Count != network.InputCount)
        {
            throw new ArgumentException($"The standardizer has {standardizer.Mean.Count} features but the network takes {network.InputCount}.", nameof(standardizer));
        }

        if (calibration.Method == CalibrationMethod.Vector && calibration.ClassCount != network.ClassCount)
        {
            throw new ArgumentException($"The vector calibration has {calibration.ClassCount} classes but the network has {network.ClassCount}.", nameof(calibration));
        }

        (Network, Standardizer, Provenance, Calibration) = (network, standardizer, provenance, calibration);
        ClassNames = classNames.ToArray();
        FeatureNames = featureNames.ToArray();
    }

    /// <summary>The network (it takes standardized features when <see cref="Standardizer"/> is not null).</summary>
    public MultilayerPerceptron Network { get; }

    /// <summary>The standardization fitted on the training rows, applied inside every prediction; null for none.</summary>
    public Standardizer? Standardizer { get; }

    /// <summary>C class names; probabilities follow this order.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>D feature names, in the order the features are taken.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    /// <summary>How the model was trained: the options, Likely's version, the data's name, rows and fingerprint, the
    /// epochs run, why training stopped and the per-epoch history; null for a model file written before provenance was kept.</summary>
    public TrainingProvenance? Provenance { get; }

    /// <summary>
    /// T, the temperature: every prediction and evaluation divides the network's logits z by T before the softmax,
    /// q(c|x) = softmax(z/T)_c. 1 for a model as trained; a calibrated model has the maximum-likelihood T̂ of
    /// <see cref="TemperatureScaling"/>. T &gt; 1 softens the probabilities, T &lt; 1 sharpens them; the most probable
    /// class, and so the accuracy, does not change. Range: 0 &lt; T &lt; ∞. A vector-scaled model has no single T and
    /// gives 1 here: its map is in <see cref="Calibration"/>.
    /// </summary>
    public double Temperature => Calibration.Method == CalibrationMethod.Temperature ? Calibration.Temperature : 1;

    /// <summary>
    /// The map every prediction and evaluation applies to the network's logits z before the softmax: z′ = w ⊙ z + b
    /// (<see cref="LogitCalibration.ScaleOf"/>, <see cref="LogitCalibration.BiasOf"/>), so q(c|x) = softmax(z′)_c.
    /// <see cref="LogitCalibration.None"/> for a model as trained; a temperature (w = 1/T, b = 0) after
    /// <see cref="TemperatureScaling"/>; a scale and bias per class after <see cref="VectorScaling"/>. An exporter
    /// applies it after the network's last layer.
    /// </summary>
    public LogitCalibration Calibration { get; }

    /// <summary>D, the number of raw features a row needs.</summary>
    public int FeatureCount => Network.InputCount;

    /// <summary>C, the number of classes.</summary>
    public int ClassCount => Network.ClassCount;

    /// <summary>The same model with temperature <paramref name="temperature"/> (a new model; this one is unchanged).</summary>
    /// <param name="temperature">T. Range: 0 &lt; T &lt; ∞; 1 gives the network's own probabilities.</param>
    /// <exception cref="ArgumentOutOfRangeException">T is not a finite number above 0.</exception>
    public ClassifierModel WithTemperature(double temperature) =>
        new(Network, Standardizer, ClassNames, FeatureNames, Provenance, temperature);

    /// <summary>The same model with <paramref name="calibration"/> in place of its own (a new model; this one is unchanged).</summary>
    /// <param name="calibration">The new map of the logits; <see cref="LogitCalibration.None"/> gives the network's own probabilities.</param>
    /// <exception cref="ArgumentException">A vector calibration with another number of classes than the model's C.</exception>
    public ClassifierModel WithCalibration(LogitCalibration calibration) =>
        new(Network, Standardizer, ClassNames, FeatureNames, Provenance, calibration);

    /// <summary>The class probabilities q(c|x) = softmax(w ⊙ z + b)_c of N rows of raw features, as an N×C row-major array
    /// (w, b of <see cref="Calibration"/>; softmax(z/T) for a temperature).</summary>
    /// <param name="rawFeatures">N×D raw (not standardized) features, row-major.</param>
    /// <param name="rows">N.</param>
    /// <param name="threads">Threads for the matrix multiplies (≥ 1; 0 for all cores); the result does not depend on it.</param>
    /// <exception cref="ArgumentException">The length is not N·D.</exception>
    public float[] PredictProbabilities(ReadOnlySpan<float> rawFeatures, int rows, int threads = 0)
    {
        return Forward(rawFeatures, rows, threads, probabilities: true);
    }

    /// <summary>The calibrated logits w ⊙ z + b of N rows of raw features, as an N×C row-major array: the network's logits
    /// mapped by <see cref="Calibration"/> (divided by <see cref="Temperature"/> for a temperature), so that
    /// q(c|x) = softmax(w ⊙ z + b)_c is their softmax.</summary>
    /// <param name="rawFeatures">N×D raw (not standardized) features, row-major.</param>
    /// <param name="rows">N.</param>
    /// <param name="threads">Threads for the matrix multiplies (≥ 1; 0 for all cores); the result does not depend on it.</param>
    /// <exception cref="ArgumentException">The length is not N·D.</exception>
    public float[] PredictLogits(ReadOnlySpan<float> rawFeatures, int rows, int threads = 0)
    {
        float[] logits = Forward(rawFeatures, rows, threads, probabilities: false);
        Calibration.Apply(logits, ClassCount);
        return logits;
    }

    /// <summary>The most probable class index (argmax of q(c|x), the first on ties) of each of N rows of raw features
    /// (after the calibration: vector scaling can change it).</summary>
    /// <param name="rawFeatures">N×D raw features, row-major.</param>
    /// <param name="rows">N.</param>
    /// <param name="threads">Threads for the matrix multiplies (0 for all cores).</param>
    /// <exception cref="ArgumentException">The length is not N·D.</exception>
    public int[] Predict(ReadOnlySpan<float> rawFeatures, int rows, int threads = 0)
    {
        float[] logits = PredictLogits(rawFeatures, rows, threads);
        var classes = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            classes[r] = System.Numerics.Tensors.TensorPrimitives.IndexOfMax(logits.AsSpan(r * ClassCount, ClassCount));
        }

        return classes;
    }

    /// <summary>
    /// Cross-entropy (nats and bits), perplexity, accuracy, top-k accuracy, calibration, per-class log-loss and the
    /// confusion matrix on labelled data with raw features.
    /// </summary>
    /// <param name="data">Labelled rows whose features are this model's (same D) and whose class names are this model's.</param>
    /// <param name="topK">k of the top-k accuracy.</param>
    /// <param name="threads">Threads for the matrix multiplies (0 for all cores).</param>
    /// <exception cref="ArgumentException">The data have other features or classes than the model.</exception>
    public ClassificationMetrics Evaluate(Dataset data, int topK = 5, int threads = 0)
    {
        CheckFeaturesAndClasses(data);

        // The logits come through the same chunked, standardizing forward pass as Predict: N×C floats, not a copy of N×D features.
        float[] logits = PredictLogits(data.Features, data.RowCount, threads);
        return ClassificationMetrics.Compute(logits, data.Labels, ClassCount, topK);
    }

    /// <summary>Checks that <paramref name="data"/> have this model's D features and its C classes, in its order
    /// (what <see cref="Evaluate"/> and <see cref="TemperatureScaling"/> need).</summary>
    /// <exception cref="ArgumentException">They have other features or classes; the message says which.</exception>
    internal void CheckFeaturesAndClasses(Dataset data)
    {
        CheckFeatures(data);
        if (!data.ClassNames.SequenceEqual(ClassNames))
        {
            throw new ArgumentException(
                $"The data '{data.Name}' have classes [{string.Join(", ", data.ClassNames)}] but the model was trained on [{string.Join(", ", ClassNames)}]; use data with the same classes.",
                nameof(data));
        }
    }

    /// <summary>Checks that <paramref name="data"/> have this model's number of features, D.</summary>
    /// <exception cref="ArgumentException">They have another number; the message names the model's features.</exception>
    public void CheckFeatures(Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FeatureCount != FeatureCount)
        {
            throw new ArgumentException(
                $"The data '{data.Name}' have {data.FeatureCount} features but the model takes {FeatureCount}; use data with the model's features ({Preview(FeatureNames)}).",
                nameof(data));
        }
    }

    /// <summary>Saves the model as one safetensors file (see <see cref="ModelFile"/>), atomically: a crash leaves the old file or the new one.</summary>
    /// <param name="path">The destination (a <c>.safetensors</c> file).</param>
    /// <exception cref="OutputFileException">The file cannot be written there (the message says why and what to do).</exception>
    public void Save(string path) => ModelFile.Save(path, this);

    /// <summary>Loads a model saved by <see cref="Save"/> (or by <c>likely train</c>).</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a Likely model or is damaged.</exception>
    public static ClassifierModel Load(string path) => ModelFile.Load(path);

    /// <summary>A one-line description, e.g. <c>MultilayerPerceptron(784 → 256 → 128 → 10, Relu)</c>, with <c>, T = 1.43</c>
    /// or <c>, vector scaling</c> when calibrated.</summary>
    public override string ToString() => Calibration.IsNone ? Network.ToString() : $"{Network}, {Calibration}";

    /// <summary>The network's own logits z (without the calibration) of N rows of raw features.</summary>
    internal float[] NetworkLogits(ReadOnlySpan<float> rawFeatures, int rows, int threads) => Forward(rawFeatures, rows, threads, probabilities: false);

    /// <summary>The logits, or the probabilities, of N rows of raw features, standardized chunk by chunk (the input is never modified).</summary>
    private float[] Forward(ReadOnlySpan<float> rawFeatures, int rows, int threads, bool probabilities)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        int d = FeatureCount, c = ClassCount;
        if (rawFeatures.Length != (long)rows * d)
        {
            throw new ArgumentException($"rawFeatures has {rawFeatures.Length} values but {rows} rows of {d} features need {(long)rows * d}.", nameof(rawFeatures));
        }

        var logits = new float[(long)rows * c];
        var chunk = new float[Math.Min(rows, Chunk) * d];
        for (int start = 0; start < rows; start += Chunk)
        {
            int count = Math.Min(Chunk, rows - start);
            Span<float> x = chunk.AsSpan(0, count * d);
            rawFeatures.Slice(start * d, count * d).CopyTo(x);
            Standardizer?.Apply(x);
            Span<float> destination = logits.AsSpan(start * c, count * c);
            if (probabilities && Calibration.IsNone)
            {
                Network.PredictProbabilities(x, destination, Threads(threads));
            }
            else if (probabilities)
            {
                Network.ComputeLogits(x, destination, Threads(threads));
                Calibration.Apply(destination, c);
                MultilayerPerceptron.SoftmaxRows(destination, c);
            }
            else
            {
                Network.ComputeLogits(x, destination, Threads(threads));
            }
        }

        return logits;
    }

    private static int Threads(int threads) => threads > 0 ? threads : Environment.ProcessorCount;

    private static string Preview(IReadOnlyList<string> names) =>
        names.Count <= 4 ? string.Join(", ", names) : $"{string.Join(", ", names.Take(3))}, …, {names[^1]}";
}
