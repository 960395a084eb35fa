using Stepwise.Stats.Analysis;
using Stepwise.Stats.Tests.Simulation;

namespace Stepwise.Stats.Tests.Unit;

public class ExperimentAnalysisTests
{
    private static readonly MetricDefinition Revenue = new("revenue") { HasCovariate = true };
    private static readonly MetricDefinition Converted = new("converted");
    private static readonly MetricDefinition Latency = new("latency_ms")
    {
        Role = MetricRole.Guardrail, PreferredDirection = Direction.Decrease, NonInferiorityMargin = 0.02,
    };

    /// <summary>Simulated rows: revenue with a pre-period covariate, a 0/1 conversion and a latency guardrail.</summary>
    private static ExperimentAccumulator Simulate(int perArm, double revenueLift, double latencyShift, int seed = 1, double treatmentShare = 0.5)
    {
        var normal = new SeededNormal(seed);
        var accumulator = new ExperimentAccumulator([Revenue, Converted, Latency]);
        int control = accumulator.GetVariantIndex("control"), treatment = accumulator.GetVariantIndex("treatment");
        Span<double> values = stackalloc double[3];
        Span<double> pre = stackalloc double[3];
        for (int i = 0; i < 2 * perArm; i++)
        {
            bool treated = normal.Bernoulli(treatmentShare);
            double before = 10 + 3 * normal.Next();
            values[0] = 10 + 0.8 * (before - 10) + 1.5 * normal.Next() + (treated ? revenueLift : 0);
            values[1] = normal.Bernoulli(0.1) ? 1 : 0;
            values[2] = 200 + 20 * normal.Next() + (treated ? latencyShift : 0);
            pre[0] = before;
            accumulator.Add(treated ? treatment : control, values, pre);
        }
        return accumulator;
    }

    [Fact]
    public void Analyze_RealLiftAndHealthyGuardrail_RecommendsShip()
    {
        ExperimentReport report = ExperimentAnalysis.Analyze(Simulate(5000, revenueLift: 0.3, latencyShift: 0).ToData());
        VariantDecision decision = Assert.Single(report.Decisions);
        Assert.Equal(Recommendation.Ship, decision.Recommendation);
        MetricResult revenue = report.Results.Single(r => r.Metric == "revenue");
        Assert.True(revenue.Cuped);
        Assert.True(revenue.VarianceReduction > 0.5, $"variance reduction {revenue.VarianceReduction}");
        Assert.Equal(Outcome.Better, revenue.Outcome);
        Assert.Contains(decision.Reasons, r => r.StartsWith("revenue: significantly better", StringComparison.Ordinal));
        Assert.Equal(Outcome.NonInferior, report.Results.Single(r => r.Metric == "latency_ms").Outcome);
    }

    [Fact]
    public void Analyze_ZeroOneMetric_IsAnalysedAsProportion()
    {
        ExperimentReport report = ExperimentAnalysis.Analyze(Simulate(2000, 0, 0).ToData());
        MetricResult converted = report.Results.Single(r => r.Metric == "converted");
        Assert.Equal(MetricType.Proportion, converted.Type);
        Assert.False(converted.Cuped);
        Assert.Equal(MetricType.Mean, report.Results.Single(r => r.Metric == "latency_ms").Type);
    }

    [Fact]
    public void Analyze_GuardrailRegression_RecommendsDoNotShip()
    {
        ExperimentReport report = ExperimentAnalysis.Analyze(Simulate(5000, revenueLift: 0.3, latencyShift: 15).ToData());
        Assert.Equal(Recommendation.DoNotShip, report.Decisions[0].Recommendation);
        Assert.Equal(Outcome.Worse, report.Results.Single(r => r.Metric == "latency_ms").Outcome);
    }

    [Fact]
    public void Analyze_NoEffectSmallSample_ReportsInconclusive()
    {
        ExperimentReport report = ExperimentAnalysis.Analyze(Simulate(100, 0, 0, seed: 3).ToData());
        Assert.Equal(Recommendation.Inconclusive, report.Decisions[0].Recommendation);
        Assert.Contains(report.Decisions[0].Reasons, r => r.StartsWith("Inconclusive", StringComparison.Ordinal));
    }

    [Fact]
    public void Analyze_BrokenAllocation_RecommendsUntrustworthy()
    {
        ExperimentReport report = ExperimentAnalysis.Analyze(Simulate(5000, 0.3, 0, treatmentShare: 0.47).ToData());
        Assert.True(report.Srm.IsMismatch);
        Assert.Equal(Recommendation.Untrustworthy, report.Decisions[0].Recommendation);
    }

    [Fact]
    public void Analyze_PlannedWeights_UsedForSrm()
    {
        ExperimentData data = Simulate(5000, 0, 0, treatmentShare: 0.2).ToData();
        var weights = new Dictionary<string, double> { ["control"] = 0.8, ["treatment"] = 0.2 };
        ExperimentReport report = ExperimentAnalysis.Analyze(data, new AnalysisOptions { Weights = weights });
        Assert.False(report.Srm.IsMismatch);
        Assert.Equal([0.8, 0.2], report.ExpectedWeights);
    }

    [Fact]
    public void Analyze_AlwaysValidMode_WidensIntervalsAndKeepsEstimate()
    {
        ExperimentData data = Simulate(3000, 0.3, 0).ToData();
        MetricResult fixedHorizon = ExperimentAnalysis.Analyze(data).Results[0];
        MetricResult alwaysValid = ExperimentAnalysis.Analyze(data, new AnalysisOptions { AlwaysValidPlannedUnits = 10_000 }).Results[0];
        Assert.Equal(fixedHorizon.AbsoluteEffect, alwaysValid.AbsoluteEffect);
        Assert.True(alwaysValid.CiHigh - alwaysValid.CiLow > fixedHorizon.CiHigh - fixedHorizon.CiLow);
        Assert.True(alwaysValid.PValue >= fixedHorizon.PValue);
    }

    [Fact]
    public void Analyze_ThreeVariants_CorrectsSuccessMetricsAcrossVariants()
    {
        var accumulator = new ExperimentAccumulator([new MetricDefinition("m")]);
        var normal = new SeededNormal(5);
        foreach (string variant in new[] { "control", "a", "b" })
            for (int i = 0; i < 500; i++) accumulator.Add(variant, [normal.Next()]);
        ExperimentReport report = ExperimentAnalysis.Analyze(accumulator.ToData(), new AnalysisOptions { Correction = CorrectionMethod.Bonferroni, IncludeBayesian = true });
        Assert.Equal(2, report.Results.Count);
        foreach (MetricResult r in report.Results)
        {
            Assert.Equal(Math.Min(1, 2 * r.PValue), r.AdjustedPValue, 12);
            Assert.NotNull(r.Bayesian);
        }
    }

    [Fact]
    public void Analyze_UnknownControl_ThrowsNamingTheVariants()
    {
        ExperimentData data = Simulate(50, 0, 0).ToData();
        var e = Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(data, new AnalysisOptions { Control = "baseline" }));
        Assert.Contains("'baseline'", e.Message, StringComparison.Ordinal);
        Assert.Contains("control, treatment", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_SingleVariant_Throws()
    {
        var accumulator = new ExperimentAccumulator([Converted]);
        accumulator.Add("control", [1]);
        Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(accumulator.ToData()));
    }

    [Fact]
    public void Analyze_GuardrailWithoutMargin_Throws()
    {
        var accumulator = new ExperimentAccumulator([new MetricDefinition("errors") { Role = MetricRole.Guardrail }]);
        accumulator.Add("control", [1]);
        accumulator.Add("treatment", [1]);
        Assert.Throws<ArgumentException>(() => ExperimentAnalysis.Analyze(accumulator.ToData()));
    }

    [Fact]
    public void Accumulator_MergedHalves_EqualsSinglePass()
    {
        ExperimentAccumulator whole = Simulate(500, 0.2, 0, seed: 9);
        ExperimentAccumulator first = Simulate(250, 0.2, 0, seed: 9);
        ExperimentAccumulator second = Simulate(250, 0.2, 0, seed: 10);
        first.Merge(second);
        Assert.Equal(1000, first.RowCount);
        Assert.Equal(whole.RowCount, first.RowCount);
        ExperimentData merged = first.ToData();
        Assert.Equal(merged.UnitCounts.Sum(), merged.Metrics[0].ByVariant.Sum(m => m.Count));
    }

    [Fact]
    public void Accumulator_NonFiniteValue_ThrowsNamingTheMetric()
    {
        var accumulator = new ExperimentAccumulator([Converted]);
        var e = Assert.Throws<ArgumentException>(() => accumulator.Add("control", [double.NaN]));
        Assert.Contains("'converted'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Analyze_RatioMetric_UsesDeltaMethod()
    {
        var accumulator = new ExperimentAccumulator([new MetricDefinition("revenue_per_session") { Type = MetricType.Ratio }]);
        var normal = new SeededNormal(21);
        for (int i = 0; i < 2000; i++)
        {
            double sessions = 1 + Math.Floor(3 * Math.Abs(normal.Next()));
            accumulator.Add(i % 2 == 0 ? "control" : "treatment", [sessions * (5 + normal.Next())], [sessions]);
        }
        MetricResult r = ExperimentAnalysis.Analyze(accumulator.ToData()).Results[0];
        Assert.Equal(MetricType.Ratio, r.Type);
        Assert.InRange(r.ControlMean, 4.5, 5.5);
        Assert.StartsWith("Delta-method", r.Method, StringComparison.Ordinal);
    }
}
