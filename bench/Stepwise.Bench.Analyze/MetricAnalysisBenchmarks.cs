using BenchmarkDotNet.Attributes;
using Stepwise.Stats;
using Stepwise.Stats.Analysis;

namespace Stepwise.Bench.Analyze;

/// <summary>
/// Issue #4 target: 1,000 metric analyses from sufficient statistics in under 10 ms. The data is a
/// two-arm experiment with 1,000 metrics: a third plain means (Welch), a third 0/1 (proportions), a
/// third with a pre-period covariate (CUPED).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class MetricAnalysisBenchmarks
{
    private const int MetricCount = 1_000;
    private ExperimentData _data = null!;
    private readonly AnalysisOptions _options = new() { Control = "control", Alpha = 0.05 };

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(1);
        var metrics = new MetricData[MetricCount];
        for (int m = 0; m < MetricCount; m++)
        {
            int kind = m % 3;
            var definition = new MetricDefinition($"metric_{m}") { HasCovariate = kind == 2 };
            metrics[m] = new MetricData(definition, [Group(random, kind, 0), Group(random, kind, 0.02)], IsBinary: kind == 1);
        }

        _data = new ExperimentData(["control", "treatment"], [50_000, 50_100], metrics);
    }

    /// <summary>The whole analysis: SRM, 1,000 comparisons, Holm across them, decisions with reasons.</summary>
    [Benchmark]
    public ExperimentReport Analyze1000Metrics() => ExperimentAnalysis.Analyze(_data, _options);

    /// <summary>The comparisons alone, each with its own test, as a server would run them per metric.</summary>
    [Benchmark]
    public double Compare1000Metrics()
    {
        double sum = 0;
        foreach (MetricData metric in _data.Metrics)
        {
            sum += ExperimentAnalysis.Compare(metric, "treatment", metric.ByVariant[0], metric.ByVariant[1], _options).PValue;
        }

        return sum;
    }

    private static CoMoments Group(Random random, int kind, double lift)
    {
        long n = 50_000;
        if (kind == 1)
        {
            double p = 0.1 + lift + random.NextDouble() * 0.01;
            return new CoMoments(n, p, 0, n * p * (1 - p), 0, 0);
        }

        double mean = 10 + lift * 10 + random.NextDouble();
        double sdY = 3 + random.NextDouble(), sdX = 3, correlation = 0.6;
        return kind == 2
            ? new CoMoments(n, mean, 10, sdY * sdY * (n - 1), sdX * sdX * (n - 1), correlation * sdY * sdX * (n - 1))
            : new CoMoments(n, mean, 0, sdY * sdY * (n - 1), 0, 0);
    }
}
