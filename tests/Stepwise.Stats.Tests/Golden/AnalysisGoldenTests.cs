using System.Text.Json;
using Stepwise.Stats.Analysis;

namespace Stepwise.Stats.Tests.Golden;

/// <summary>The streaming path (rows → ExperimentAccumulator → ExperimentAnalysis) against SciPy.</summary>
public class AnalysisGoldenTests
{
    public static TheoryData<string> WelchIds => GoldenVectors.Ids("welch");

    [Theory]
    [MemberData(nameof(WelchIds))]
    public void Analyze_StreamedRawRows_MatchesScipyTtestInd(string id)
    {
        JsonElement v = GoldenVectors.ById("welch", id);
        if (!v.TryGetProperty("control_values", out _)) return; // only small samples carry raw values
        var accumulator = new ExperimentAccumulator([new MetricDefinition("metric")]);
        foreach (double x in v.Doubles("treatment_values")) accumulator.Add("treatment", [x]);
        foreach (double x in v.Doubles("control_values")) accumulator.Add("control", [x]);

        MetricResult r = ExperimentAnalysis.Analyze(accumulator.ToData()).Results.Single();

        string producer = v.S("producer");
        Assert.Equal(MetricType.Mean, r.Type);
        Close.Assert(v.D("pvalue"), r.PValue, 1e-9, "p-value", producer);
        Close.Assert(v.D("ci_low"), r.CiLow, 1e-9, "CI low", producer);
        Close.Assert(v.D("ci_high"), r.CiHigh, 1e-9, "CI high", producer);
        Close.Assert(v.D("relative"), r.RelativeEffect, 1e-9, "relative effect", producer);
    }
}
