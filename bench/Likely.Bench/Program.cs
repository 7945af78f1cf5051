using BenchmarkDotNet.Running;

// Run one class with: dotnet run -c Release --project bench/Likely.Bench -- --filter '*Entropy*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
