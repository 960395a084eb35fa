// Benchmarks for `stepwise analyze` (issue #4).
//   Metric analyses from sufficient statistics and CSV parsing (BenchmarkDotNet):
//     dotnet run -c Release --project bench/Stepwise.Bench.Analyze -- --filter '*'
//   Generate the big input for the end-to-end timing (bench/analyze-10m.sh does this):
//     dotnet run -c Release --project bench/Stepwise.Bench.Analyze -- generate /tmp/stepwise-analyze-10m.csv 10000000
using System.Globalization;
using BenchmarkDotNet.Running;
using Stepwise.Bench.Analyze;

if (args.Length >= 2 && args[0] == "generate")
{
    long rows = args.Length > 2 ? long.Parse(args[2], CultureInfo.InvariantCulture) : 10_000_000;
    ExperimentFileGenerator.Write(args[1], rows);
    Console.WriteLine($"wrote {rows:N0} rows to {args[1]} ({new FileInfo(args[1]).Length / (1024.0 * 1024.0):F0} MB)");
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(ExperimentFileGenerator).Assembly).Run(args);
