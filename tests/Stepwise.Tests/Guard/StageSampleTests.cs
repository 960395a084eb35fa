using Stepwise.Guard;
using Stepwise.Stats;
using Stepwise.Stats.Analysis;
using Stepwise.Stats.Planning;
using Xunit;

namespace Stepwise.Tests.Guard;

/// <summary>The stage's required sample: the guardrail margin as the harm to detect, at the observed split and variance.</summary>
public sealed class StageSampleTests
{
    private static MetricData Proportion(string key, long control, long controlHits, long treatment, long treatmentHits) => new(
        new MetricDefinition(key) { Type = MetricType.Proportion, Role = MetricRole.Guardrail },
        [CoMoments.FromSums(control, controlHits, 0, controlHits, 0, 0), CoMoments.FromSums(treatment, treatmentHits, 0, treatmentHits, 0, 0)], true);

    [Fact]
    public void OneGuardrail_NeedsThePowerAnalysisSample_ForItsMarginAtTheObservedSplit()
    {
        var data = new ExperimentData(["out", "in"], [9000, 1000], [Proportion("errors", 9000, 450, 1000, 50)]);
        var required = StageSample.Required(data, new Dictionary<string, double> { ["errors"] = 0.1 }, 0.05, 0.8);

        var sd = Math.Sqrt(0.05 * 0.95);
        var control = PowerAnalysis.ControlSampleSize(sd, 0.005, 0.05, 0.8, 1000.0 / 9000, Alternative.OneSided);
        Assert.Equal((long)Math.Ceiling(control * (1 + 1000.0 / 9000)), required);
    }

    [Fact]
    public void TheStrictestGuardrail_SetsTheSample()
    {
        var data = new ExperimentData(["out", "in"], [5000, 5000], [Proportion("a", 5000, 500, 5000, 500), Proportion("b", 5000, 500, 5000, 500)]);
        var loose = StageSample.Required(data, new Dictionary<string, double> { ["a"] = 0.2 }, 0.05, 0.8);
        var both = StageSample.Required(data, new Dictionary<string, double> { ["a"] = 0.2, ["b"] = 0.05 }, 0.05, 0.8);
        Assert.True(both > loose * 10, $"a quarter of the margin needs about sixteen times the units: {loose} vs {both}");
    }

    [Fact]
    public void NoGuardrails_NeedNoSample_AndNoDataCannotSizeIt()
    {
        var empty = new ExperimentData(["out", "in"], [0, 0], [Proportion("errors", 0, 0, 0, 0)]);
        Assert.Equal(0, StageSample.Required(empty, new Dictionary<string, double>(), 0.05, 0.8));
        Assert.Null(StageSample.Required(empty, new Dictionary<string, double> { ["errors"] = 0.1 }, 0.05, 0.8));
    }
}
