using System.Diagnostics;
using Likely.Numerics;

namespace Likely.Bench;

/// <summary>
/// A quick side-by-side timing of <see cref="MatrixMultiply"/> on the MLP's shapes and 1024³ (median of many calls, after
/// warm-up), printed as one line per shape; bench/compare_gemm.py times OpenBLAS on the same shapes.
/// Run: dotnet run -c Release --project bench/Likely.Bench -- gemm [threads]
/// </summary>
internal static class GemmTiming
{
    internal static readonly string[] Shapes = ["128,256,784,N,T", "256,784,128,T,N", "128,784,256,N,N", "128,128,256,N,T", "128,256,128,N,N", "128,10,128,N,T", "1024,1024,1024,N,N"];

    public static void Run(int threads)
    {
        Console.WriteLine($"# Likely sgemm, path {VectorPaths.Current} ({VectorPaths.Name(VectorPaths.Current)}), {threads} thread(s); median µs and GFLOP/s");
        foreach (string shape in Shapes)
        {
            string[] parts = shape.Split(',');
            int m = int.Parse(parts[0]), n = int.Parse(parts[1]), k = int.Parse(parts[2]);
            bool ta = parts[3] == "T", tb = parts[4] == "T";
            var random = new Random(1);
            float[] a = Enumerable.Range(0, m * k).Select(_ => (float)random.NextDouble()).ToArray();
            float[] b = Enumerable.Range(0, k * n).Select(_ => (float)random.NextDouble()).ToArray();
            float[] c = new float[m * n];
            double flops = 2.0 * m * n * k;
            int calls = (int)Math.Clamp(2e10 / flops, 3, 2000);
            for (int i = 0; i < calls; i++) MatrixMultiply.Multiply(a, ta, b, tb, c, m, n, k, threads: threads);
            var times = new double[calls];
            for (int i = 0; i < calls; i++)
            {
                long start = Stopwatch.GetTimestamp();
                MatrixMultiply.Multiply(a, ta, b, tb, c, m, n, k, threads: threads);
                times[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
            }

            Array.Sort(times);
            double median = times[calls / 2], fastest = times[0];
            Console.WriteLine($"{shape,-20} {median,10:F1} µs {flops / median / 1e3,8:F1} GFLOP/s   (fastest {fastest:F1} µs, {flops / fastest / 1e3:F1} GFLOP/s)");
        }
    }
}
