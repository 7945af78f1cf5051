using Likely.Models;

namespace Likely.Evaluation;

/// <summary>Evaluates a network on labelled rows: its logits in chunks, then <see cref="ClassificationMetrics"/>.</summary>
public static class ModelEvaluation
{
    private const int Chunk = 1024;

    /// <summary>The metrics of <paramref name="model"/> on N rows of features (already standardized if the model expects it) and their labels.</summary>
    /// <param name="model">The network.</param>
    /// <param name="features">N×D features, row-major.</param>
    /// <param name="labels">N labels in [0, C).</param>
    /// <param name="topK">k of the top-k accuracy.</param>
    /// <param name="threads">Threads for the matrix multiplies; the result does not depend on it.</param>
    /// <exception cref="ArgumentException">The shapes disagree with the model, or there is no row.</exception>
    public static ClassificationMetrics Evaluate(MultilayerPerceptron model, ReadOnlySpan<float> features, ReadOnlySpan<int> labels, int topK = 5, int threads = 1)
    {
        ArgumentNullException.ThrowIfNull(model);
        int inputs = model.InputCount, classes = model.ClassCount;
        if (features.Length != (long)labels.Length * inputs)
        {
            throw new ArgumentException($"features has {features.Length} values but {labels.Length} rows of the model's {inputs} inputs need {(long)labels.Length * inputs}.", nameof(features));
        }

        var accumulator = new MetricsAccumulator(classes, topK);
        var logits = new float[Math.Min(Chunk, labels.Length) * classes];
        for (int start = 0; start < labels.Length; start += Chunk)
        {
            int rows = Math.Min(Chunk, labels.Length - start);
            Span<float> chunkLogits = logits.AsSpan(0, rows * classes);
            model.ComputeLogits(features.Slice(start * inputs, rows * inputs), chunkLogits, threads);
            accumulator.Add(chunkLogits, labels.Slice(start, rows));
        }

        return accumulator.ToMetrics();
    }
}
