using System.CommandLine;
using Likely.Cli.Options;
using Likely.Cli.Output;
using Likely.Diagnostics;
using Likely.Numerics;

namespace Likely.Cli.Commands;

/// <summary>
/// <c>likely info</c>: Likely's version, the runtime, the CPU, the vector path in use and where the data sets are looked
/// for — what to attach to a bug report.
/// </summary>
public static class InfoCommand
{
    /// <summary>Creates the <c>info</c> command.</summary>
    public static Command Create(CliContext context)
    {
        Option<bool> json = JsonOption.Create("{\"version\":…,\"vectorPath\":\"vector512\",\"instructionSet\":\"AVX-512\",…}");
        var command = new Command("info",
            "Version, runtime, CPU, the vector path the kernels use (AVX-512, AVX2, SSE/AdvSIMD or scalar) and where data sets are looked for: attach it to a bug report.\n" +
            $"The environment variable {VectorPaths.EnvironmentVariable}=vector256|vector128|scalar forces a narrower path.\n" +
            "Examples: likely info\n" +
            "          likely info --json");
        command.Options.Add(json);
        command.SetAction(parseResult =>
        {
            RuntimeReport report = RuntimeReport.Current();
            if (parseResult.GetValue(json))
            {
                DataSetResult[] dataSets = report.DataSets.Select(set => new DataSetResult(set.Name, set.Location, set.Available)).ToArray();
                var result = new RuntimeResult(
                    report.Version, report.Runtime, report.Platform, report.Processor, report.Cores, Vocabulary.VectorPath.NameOf(report.VectorPath),
                    report.InstructionSet, Vocabulary.VectorPath.NameOf(report.BestVectorPath), dataSets);
                JsonOutput.Write(context.Output, result, CliJson.Default.RuntimeResult);
                return CliApp.Success;
            }

            TextWriter output = context.Output;
            output.WriteLine($"likely {report.Version} on {report.Runtime} ({report.Platform})");
            output.WriteLine($"processor:   {report.Processor}, {report.Cores} core{(report.Cores == 1 ? "" : "s")} available");
            // A Native AOT binary fixes its widest vectors when it is compiled (x86-64-v2, i.e. 128 bits, by default), so
            // there "the widest this CPU runs" would be wrong on an AVX-512 machine.
            bool jit = System.Runtime.CompilerServices.RuntimeFeature.IsDynamicCodeSupported;
            string widest = jit
                ? "the widest this CPU runs"
                : "the widest this Native AOT binary was compiled for (publish with -p:IlcInstructionSet=native for the CPU's widest)";
            string forced = report.VectorPath == report.BestVectorPath
                ? widest
                : $"forced by {VectorPaths.EnvironmentVariable}; {(jit ? "the CPU" : "this binary")} runs up to {VectorPaths.Name(report.BestVectorPath)}";
            output.WriteLine($"vector path: {report.InstructionSet} ({Vocabulary.VectorPath.NameOf(report.VectorPath)}), {forced}");
            foreach (DataSetLocation set in report.DataSets)
            {
                output.WriteLine($"data set:    {set.Name,-14} {set.Location}{(set.Available ? "" : " (not installed)")}");
            }

            return CliApp.Success;
        });
        return command;
    }
}
