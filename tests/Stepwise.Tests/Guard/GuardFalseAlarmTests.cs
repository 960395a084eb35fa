using Stepwise.Delivery.Model;
using Stepwise.Guard;
using Stepwise.Stats;
using Stepwise.Stats.Analysis;
using Xunit;

namespace Stepwise.Tests.Guard;

/// <summary>
/// A/A simulation: healthy rollouts (the value changes nothing) checked every day for two weeks. Because the guardrail test
/// is always valid, looking daily must not roll back more than α of them; a plain fixed-horizon test looked at daily would.
/// </summary>
public sealed class GuardFalseAlarmTests
{
    private const int Rollouts = 400;
    private const int Days = 14;
    private const int UnitsPerDay = 400;
    private const double Alpha = 0.05;

    [Fact]
    public void HealthyRollouts_CheckedDaily_AreRolledBackAtMostAlphaOfTheTime()
    {
        var random = new Random(20261124);
        var guard = new RolloutGuard { OnHarm = GuardHarmAction.RollBack, Alpha = Alpha, Completion = StageCompletion.Duration };
        int rolledBack = 0, naive = 0;
        for (var r = 0; r < Rollouts; r++)
        {
            long[] units = [0, 0], errors = [0, 0];
            bool stopped = false, naiveStopped = false;
            for (var day = 1; day <= Days; day++)
            {
                for (var i = 0; i < UnitsPerDay; i++)
                {
                    var arm = random.NextDouble() < 0.5 ? 1 : 0;
                    units[arm]++;
                    if (random.NextDouble() < 0.05) errors[arm]++;
                }
                var report = Analyze(units, errors, planned: Days * UnitsPerDay);
                var guardrail = report.Results.Single();
                var check = new GuardCheck(RolloutStatus.Running, false, guard, report.Srm.IsMismatch, report.Srm.PValue,
                    [new GuardMetricOutcome("errors", guardrail.Outcome.ToString(), guardrail.RelativeEffect)], [],
                    units.Sum(), null, TimeSpan.FromDays(day), TimeSpan.FromDays(100), null);
                if (!stopped && GuardRule.Decide(check).Kind == GuardVerdictKind.RollBack) stopped = true;
                if (!naiveStopped && NaiveHarm(units, errors)) naiveStopped = true;
            }
            if (stopped) rolledBack++;
            if (naiveStopped) naive++;
        }
        var rate = (double)rolledBack / Rollouts;
        Assert.True(rate <= Alpha, $"{rolledBack} of {Rollouts} healthy rollouts rolled back ({rate:P1}), more than α = {Alpha:P0}");
        Assert.True(naive > rolledBack, $"the fixed-horizon test looked at daily should alarm more often ({naive}) than the always-valid one ({rolledBack})");
    }

    private static ExperimentReport Analyze(long[] units, long[] errors, long planned)
    {
        var definition = new MetricDefinition("errors")
        {
            Type = MetricType.Proportion, Role = MetricRole.Guardrail, PreferredDirection = Direction.Decrease,
            NonInferiorityMargin = 0.1, MarginType = MarginType.Relative,
        };
        var moments = Enumerable.Range(0, 2).Select(v => CoMoments.FromSums(units[v], errors[v], 0, errors[v], 0, 0)).ToList();
        var data = new ExperimentData(["not-in-rollout", "in-rollout"], units, [new MetricData(definition, moments, true)]);
        return ExperimentAnalysis.Analyze(data, new AnalysisOptions
        {
            Control = "not-in-rollout", Alpha = Alpha, Weights = new Dictionary<string, double> { ["not-in-rollout"] = 0.5, ["in-rollout"] = 0.5 },
            AlwaysValidPlannedUnits = planned,
        });
    }

    /// <summary>A one-sided two-proportion z-test at α for "treatment has more errors", as if each day were the last.</summary>
    private static bool NaiveHarm(long[] units, long[] errors)
    {
        double p0 = (double)errors[0] / units[0], p1 = (double)errors[1] / units[1];
        var se = Math.Sqrt(p0 * (1 - p0) / units[0] + p1 * (1 - p1) / units[1]);
        return se > 0 && (p1 - p0) / se > 1.6449;
    }
}
