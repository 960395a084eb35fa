// Flag evaluation micro-benchmarks: the Stepwise engine against Microsoft.FeatureManagement in one run.
// Run: dotnet run -c Release --project bench/Stepwise.Bench.Flags -- --filter '*'
using BenchmarkDotNet.Running;

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
