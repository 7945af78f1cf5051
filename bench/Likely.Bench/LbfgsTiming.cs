using System.Diagnostics;
using Likely.Data;
using Likely.Models;
using Likely.Optimization;

namespace Likely.Bench;

/// <summary>
/// Full-batch L-BFGS softmax regression on standardized Fashion-MNIST (60,000 × 784, 10 classes, C = 1, 100 iterations,
/// as bench/sklearn_logistic.py): the whole fit, its evaluation count and the time per evaluation of F and ∇F.
/// Run: dotnet run -c Release --project bench/Likely.Bench -- lbfgs [threads]
/// </summary>
internal static class LbfgsTiming
{
    public static void Run(int threads)
    {
        Dataset raw = DatasetCatalog.Load("fashion-mnist");
        Dataset training = Standardizer.Fit(raw).Apply(raw);
        var options = new LbfgsOptions { MaxIterations = 100, GradientTolerance = 1e-5, RelativeFunctionTolerance = 1e-10 };
        long start = Stopwatch.GetTimestamp();
        (_, LbfgsResult fit) = SoftmaxRegression.FitLbfgs(training, 1.0, options, threads);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        Console.WriteLine($"L-BFGS, {threads} thread(s): {seconds:F2} s, {fit.Iterations} iterations, {fit.Evaluations} evaluations " +
            $"({1e3 * seconds / fit.Evaluations:F1} ms each), objective {fit.Value:F2}");
    }
}
