using System.Runtime.InteropServices;
using Likely.Data;
using Likely.Numerics;
using Likely.Training;

namespace Likely.Diagnostics;

/// <summary>
/// What a bug report needs about the machine Likely runs on: its version, the runtime, the CPU, the vector path the
/// kernels use, and where the data sets are looked for.
/// </summary>
/// <param name="Version">Likely's version.</param>
/// <param name="Runtime">The .NET runtime, e.g. ".NET 10.0.1".</param>
/// <param name="Platform">Operating system and architecture, e.g. "linux-x64".</param>
/// <param name="Processor">The CPU model, when the operating system says it (Linux: /proc/cpuinfo), else "unknown".</param>
/// <param name="Cores">Logical processors this process may use.</param>
/// <param name="VectorPath">The path every kernel runs.</param>
/// <param name="InstructionSet">That path's instruction set on this CPU ("AVX-512", "AVX2 + FMA", "SSE4.2", "AdvSIMD", "scalar").</param>
/// <param name="BestVectorPath">The widest path the CPU runs in hardware.</param>
/// <param name="VectorPathProblem">Why <see cref="VectorPaths.EnvironmentVariable"/> was ignored, or null.</param>
/// <param name="DataSets">Each named data set and where it comes from.</param>
public sealed record RuntimeReport(
    string Version, string Runtime, string Platform, string Processor, int Cores,
    VectorPath VectorPath, string InstructionSet, VectorPath BestVectorPath, string? VectorPathProblem,
    IReadOnlyList<DataSetLocation> DataSets)
{
    /// <summary>Describes this process on this machine.</summary>
    public static RuntimeReport Current()
    {
        VectorPaths.Parse(Environment.GetEnvironmentVariable(VectorPaths.EnvironmentVariable), out string? problem);
        string fashion = DatasetCatalog.FashionMnistFolder;
        return new RuntimeReport(
            TrainingProvenance.CurrentVersion,
            RuntimeInformation.FrameworkDescription,
            RuntimeInformation.RuntimeIdentifier,
            ProcessorModel(),
            Environment.ProcessorCount,
            VectorPaths.Current,
            VectorPaths.Name(VectorPaths.Current),
            VectorPaths.Best,
            problem,
            [
                new DataSetLocation("digits", "embedded in Likely", true),
                new DataSetLocation("fashion-mnist", fashion, Directory.Exists(fashion)),
            ]);
    }

    /// <summary>The "model name" line of /proc/cpuinfo on Linux; "unknown" elsewhere or when it cannot be read.</summary>
    private static string ProcessorModel()
    {
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (string line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':') is int colon and > 0)
                    {
                        return line[(colon + 1)..].Trim();
                    }
                }
            }
        }
        catch (IOException)
        {
            // A sandbox without /proc: the model is simply unknown.
        }
        catch (UnauthorizedAccessException)
        {
        }

        return "unknown";
    }
}

/// <summary>Where a named data set is read from.</summary>
/// <param name="Name">The name <c>--data</c> takes.</param>
/// <param name="Location">A folder, or "embedded in Likely".</param>
/// <param name="Available">Whether it is there now.</param>
public sealed record DataSetLocation(string Name, string Location, bool Available);
