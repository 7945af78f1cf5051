using Likely.Data;
using Likely.Losses;
using Likely.Numerics;
using Likely.Optimization;

namespace Likely.Models;

/// <summary>
/// Full-batch maximum-likelihood fit of softmax (multinomial logistic) regression, q(c|x) = softmax(W·x + b)_c,
/// by L-BFGS. The objective is convex, so the fit reaches the (penalized) maximum-likelihood estimate itself.
/// Shapes: N = rows, D = features, C = classes; W is C×D, b has C entries.
/// </summary>
/// <remarks>
/// Minimizes F(W, b) = Σ_i −ln q(y_i|x_i) + ‖W‖²/(2·C_reg), scikit-learn's <c>LogisticRegression</c> objective with
/// inverse regularization strength C_reg (its <c>C</c>) up to the constant factor 1/N it divides by; the intercept b is
/// not penalized. Gradient: ∂F/∂W = (P − Y)ᵀ·X + W/C_reg, ∂F/∂b = Σ_i (p_i − y_i), with P the N×C probabilities and
/// Y the one-hot labels. Small problems (N·D·C ≤ <see cref="DoublePrecisionLimit"/>) are computed wholly in double, so the
/// fit agrees with double-precision references to the optimizer's tolerance; larger ones run the logits and the gradient's
/// matrix products in float32 through the fast matrix multiply, with the loss, the penalty and the bias gradient in double.
/// </remarks>
public static class SoftmaxRegression
{
    /// <summary>Largest N·D·C computed wholly in double precision.</summary>
    public const long DoublePrecisionLimit = 20_000_000;

    /// <summary>Rows per block of the float path: a block of X stays in cache between the forward and gradient products.</summary>
    private const int Block = 256;

    /// <summary>Row chunks of the float path (fixed, so that the result does not depend on the thread count).</summary>
    private const int Chunks = 16;

    /// <summary>
    /// Largest N·D for which the float path packs the features once per fit (two packed copies, 8·N·D bytes) instead of
    /// at every evaluation; the products are the same bits either way.
    /// </summary>
    private const long PrepackLimit = 64L << 20;

    /// <summary>Fits W and b on <paramref name="training"/> by L-BFGS, starting from zero.</summary>
    /// <param name="training">The rows (standardized already if wanted).</param>
    /// <param name="inverseRegularization">C_reg &gt; 0 (scikit-learn's C); +∞ for no penalty.</param>
    /// <param name="options">L-BFGS settings; null for 100 iterations (scikit-learn's default max_iter), a gradient tolerance of 1e-5 (relative to F) and a relative function tolerance of 1e-10.</param>
    /// <param name="threads">Threads for the matrix multiplies; the result does not depend on it.</param>
    /// <returns>The fitted model (a network with no hidden layer) and the L-BFGS outcome (its Value is F, summed over rows).</returns>
    /// <exception cref="ArgumentException">The data set has no row or fewer than 2 classes, or C_reg ≤ 0.</exception>
    public static (MultilayerPerceptron Model, LbfgsResult Fit) FitLbfgs(Dataset training, double inverseRegularization = 1.0, LbfgsOptions? options = null, int threads = 1) =>
        FitLbfgs(training, inverseRegularization, options, threads, DoublePrecisionLimit, VectorPaths.Current);

    /// <summary>As the public overload, with the size limit of the double-precision path (tests force the float path with 0).</summary>
    internal static (MultilayerPerceptron Model, LbfgsResult Fit) FitLbfgs(
        Dataset training, double inverseRegularization, LbfgsOptions? options, int threads, long doublePrecisionLimit, VectorPath path,
        CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(training);
        if (!(inverseRegularization > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(inverseRegularization), inverseRegularization, "The inverse regularization C must be > 0 (use +∞ for no penalty).");
        }

        if (training.RowCount == 0 || training.ClassCount < 2)
        {
            throw new ArgumentException($"Softmax regression needs at least one row and two classes; the data have {training.RowCount} rows and {training.ClassCount} classes.", nameof(training));
        }

        int n = training.RowCount, d = training.FeatureCount, c = training.ClassCount;
        options ??= new LbfgsOptions { MaxIterations = 100, GradientTolerance = 1e-5, RelativeFunctionTolerance = 1e-10 };
        var weights = new float[c * d];
        var bias = new float[c];
        double penalty = double.IsPositiveInfinity(inverseRegularization) ? 0 : 1 / inverseRegularization;
        float[] features = training.Features;
        int[] labels = training.Labels;
        // A fixed number of row chunks, whatever the thread count, each with its own partial gradient summed in chunk
        // order: the result is the same on any number of threads.
        int chunks = (int)Math.Min(Chunks, (n + Block - 1) / Block);
        // The packed panels are the vector kernels' layout: the scalar path multiplies the blocks directly.
        bool prepack = path != VectorPath.Scalar && (long)n * d <= PrepackLimit && (long)n * d * c > doublePrecisionLimit;
        var partials = Enumerable.Range(0, chunks)
            .Select(chunk => new ChunkState(c, d, features, (int)((long)chunk * n / chunks), (int)((long)(chunk + 1) * n / chunks), prepack, path))
            .ToArray();

        double Objective(ReadOnlySpan<double> x, Span<double> gradient)
        {
            cancellation.ThrowIfCancellationRequested();
            if ((long)n * d * c <= doublePrecisionLimit)
            {
                return ObjectiveDouble(x, gradient, features, labels, n, d, c, penalty);
            }

            for (int i = 0; i < c * d; i++) weights[i] = (float)x[i];
            for (int k = 0; k < c; k++) bias[k] = (float)x[c * d + k];
            Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = threads }, chunk =>
                partials[chunk].Run(weights, bias, features, labels));

            double loss = 0, squares = 0;
            gradient.Clear();
            foreach (ChunkState partial in partials)
            {
                loss += partial.Loss;
                for (int i = 0; i < c * d; i++) gradient[i] += partial.WeightGradient[i];
                for (int k = 0; k < c; k++) gradient[c * d + k] += partial.BiasGradient[k];
            }

            for (int i = 0; i < c * d; i++)
            {
                squares += x[i] * x[i];
                gradient[i] += penalty * x[i];
            }

            return loss + 0.5 * penalty * squares;
        }

        LbfgsResult result = Lbfgs.Minimize(Objective, new double[c * d + c], options);
        float[] w = result.Minimizer.Take(c * d).Select(v => (float)v).ToArray();
        float[] b = result.Minimizer.Skip(c * d).Select(v => (float)v).ToArray();
        return (new MultilayerPerceptron([new DenseLayer(d, c, w, b)], Activation.Relu), result);
    }

    /// <summary>F and ∇F in double: logits z_i = W·x_i + b, log-sum-exp, then (p_i − y_i) ⊗ x_i.</summary>
    private static double ObjectiveDouble(ReadOnlySpan<double> x, Span<double> gradient, float[] features, int[] labels, int n, int d, int c, double penalty)
    {
        gradient.Clear();
        Span<double> z = stackalloc double[c];
        double loss = 0;
        for (int i = 0; i < n; i++)
        {
            ReadOnlySpan<float> row = features.AsSpan(i * d, d);
            for (int k = 0; k < c; k++)
            {
                double sum = x[c * d + k];
                ReadOnlySpan<double> w = x.Slice(k * d, d);
                for (int j = 0; j < d; j++) sum += w[j] * row[j];
                z[k] = sum;
            }

            double logSumExp = LogSumExp.Compute(z);
            loss += logSumExp - z[labels[i]];
            for (int k = 0; k < c; k++)
            {
                double g = Math.Exp(z[k] - logSumExp) - (k == labels[i] ? 1 : 0);
                Span<double> gw = gradient.Slice(k * d, d);
                for (int j = 0; j < d; j++) gw[j] += g * row[j];
                gradient[c * d + k] += g;
            }
        }

        double squares = 0;
        for (int i = 0; i < c * d; i++)
        {
            squares += x[i] * x[i];
            gradient[i] += penalty * x[i];
        }

        return loss + 0.5 * penalty * squares;
    }

    /// <summary>
    /// One chunk of rows [first, last) of the float path: for each block of rows, logits Z = X·Wᵀ + b, Σ CE and
    /// dZ = P − Y by the loss kernel, then G += dZᵀ·X while the block is still in cache. With <c>prepack</c> the block's
    /// panels for both products are packed once, at construction.
    /// </summary>
    private sealed class ChunkState
    {
        private static readonly CrossEntropyOptions SumOptions = new() { Reduction = Reduction.Sum };
        private readonly int classes, features, first, last;
        private readonly VectorPath path;
        private readonly float[] logits, transposed, logitGradient;
        private readonly MatrixMultiplyKernel.PackedB[]? forwardPanels, gradientPanels;

        public ChunkState(int classes, int features, float[] x, int first, int last, bool prepack, VectorPath path)
        {
            (this.classes, this.features, this.first, this.last, this.path) = (classes, features, first, last, path);
            logits = new float[Block * classes];
            transposed = new float[Block * classes];
            logitGradient = new float[Block * classes];
            WeightGradient = new float[classes * features];
            BiasGradient = new double[classes];
            if (prepack)
            {
                int blocks = (last - first + Block - 1) / Block;
                forwardPanels = new MatrixMultiplyKernel.PackedB[blocks];
                gradientPanels = new MatrixMultiplyKernel.PackedB[blocks];
                for (int i = 0; i < blocks; i++)
                {
                    int start = first + i * Block, rows = Math.Min(Block, last - start);
                    ReadOnlySpan<float> block = x.AsSpan(start * features, rows * features);
                    forwardPanels[i] = new MatrixMultiplyKernel.PackedB(block, transposeB: true, k: features, n: rows, path);
                    gradientPanels[i] = new MatrixMultiplyKernel.PackedB(block, transposeB: false, k: rows, n: features, path);
                }
            }
        }

        public float[] WeightGradient { get; }

        public double[] BiasGradient { get; }

        public double Loss { get; private set; }

        public void Run(float[] weights, float[] bias, float[] x, int[] labels)
        {
            Loss = 0;
            Array.Clear(BiasGradient);
            for (int start = first, i = 0; start < last; start += Block, i++)
            {
                int rows = Math.Min(Block, last - start);
                ReadOnlySpan<float> block = x.AsSpan(start * features, rows * features);
                Span<float> z = logits.AsSpan(0, rows * classes), dz = logitGradient.AsSpan(0, rows * classes);
                if (forwardPanels is not null)
                {
                    // Zᵀ = W·Xᵀ on the pre-packed Xᵀ, then Z = (Zᵀ)ᵀ: the bits of MatrixMultiply's narrow (transposed) path.
                    Span<float> zt = transposed.AsSpan(0, rows * classes);
                    MatrixMultiplyKernel.RunPrepacked(weights, false, forwardPanels[i], zt, classes, accumulate: false);
                    for (int k = 0; k < classes; k++)
                    {
                        for (int r = 0; r < rows; r++) z[r * classes + k] = zt[k * rows + r];
                    }
                }
                else
                {
                    MatrixMultiply.Multiply(block, false, weights, true, z, rows, classes, features, accumulate: false, threads: 1, path);
                }

                MinibatchKernels.AddToEveryRow(z, rows, bias, path);

                Loss += SoftmaxCrossEntropy.Compute(z, classes, labels.AsSpan(start, rows), dz, SumOptions, default, maxDegreeOfParallelism: 1);
                if (gradientPanels is not null)
                {
                    MatrixMultiplyKernel.RunPrepacked(dz, true, gradientPanels[i], WeightGradient, classes, accumulate: start != first);
                }
                else
                {
                    MatrixMultiply.Multiply(dz, true, block, false, WeightGradient, classes, features, rows, accumulate: start != first, threads: 1, path);
                }

                for (int r = 0; r < rows; r++)
                {
                    for (int k = 0; k < classes; k++) BiasGradient[k] += dz[r * classes + k];
                }
            }
        }
    }
}
