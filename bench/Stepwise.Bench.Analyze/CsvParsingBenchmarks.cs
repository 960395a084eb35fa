using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using CsvHelper;
using CsvHelper.Configuration;
using Stepwise.Cli.Analyze;
using Stepwise.Stats.Analysis;

namespace Stepwise.Bench.Analyze;

/// <summary>
/// Parsing one million experiment rows (≈31 MB, the analyze-10m format) into the accumulator:
/// the hand-written UTF-8 span reader used by <c>stepwise analyze</c> against CsvHelper's low-level
/// parser (strings per field, then double.Parse) feeding the same accumulator. Basis of decision 0111.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 5)]
public class CsvParsingBenchmarks
{
    private const int Rows = 1_000_000;
    private byte[] _csv = [];

    [GlobalSetup]
    public void Setup()
    {
        var path = Path.Combine(Path.GetTempPath(), $"stepwise-bench-parse-{Environment.ProcessId}.csv");
        ExperimentFileGenerator.Write(path, Rows);
        _csv = File.ReadAllBytes(path);
        File.Delete(path);
    }

    [Benchmark(Baseline = true)]
    public long SpanReader() => ExperimentCsvReader.Read(new MemoryStream(_csv)).Rows;

    [Benchmark]
    public long CsvHelperParser()
    {
        using var reader = new StreamReader(new MemoryStream(_csv), Encoding.UTF8);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture));
        parser.Read();
        var accumulator = new ExperimentAccumulator([new MetricDefinition("revenue") { HasCovariate = true }, new MetricDefinition("converted"), new MetricDefinition("sessions")]);
        Span<double> values = stackalloc double[3];
        Span<double> covariates = stackalloc double[3];
        long rows = 0;
        while (parser.Read())
        {
            int variant = accumulator.GetVariantIndex(parser[1]);
            values[0] = double.Parse(parser[2], CultureInfo.InvariantCulture);
            covariates[0] = double.Parse(parser[3], CultureInfo.InvariantCulture);
            values[1] = double.Parse(parser[4], CultureInfo.InvariantCulture);
            values[2] = double.Parse(parser[5], CultureInfo.InvariantCulture);
            accumulator.Add(variant, values, covariates);
            rows++;
        }

        return rows;
    }
}
