using BenchmarkDotNet.Running;
using Likely.Bench;

// Run one class with: dotnet run -c Release --project bench/Likely.Bench -- --filter '*Entropy*'
// Quick GEMM timing on the MLP's shapes: dotnet run -c Release --project bench/Likely.Bench -- gemm [threads]
// Where one MLP training step's time goes: dotnet run -c Release --project bench/Likely.Bench -- step [threads]
if (args.Length > 0 && args[0] == "gemm")
{
    GemmTiming.Run(args.Length > 1 ? int.Parse(args[1]) : 1);
    return;
}

if (args.Length > 0 && args[0] == "step")
{
    StepTiming.Run(args.Length > 1 ? int.Parse(args[1]) : 1);
    return;
}

if (args.Length > 0 && args[0] == "lbfgs")
{
    LbfgsTiming.Run(args.Length > 1 ? int.Parse(args[1]) : 2);
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
