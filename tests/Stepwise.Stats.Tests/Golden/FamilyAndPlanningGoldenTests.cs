using System.Text.Json;
using Stepwise.Stats.Planning;
using Stepwise.Stats.Sequential;

namespace Stepwise.Stats.Tests.Golden;

/// <summary>SRM, multiple comparisons, power, rollout, group-sequential and Bayesian vectors (producer in each vector).</summary>
public class FamilyAndPlanningGoldenTests
{
    public static TheoryData<string> SrmIds => GoldenVectors.Ids("srm");
    public static TheoryData<string> MultitestIds => GoldenVectors.Ids("multitest");
    public static TheoryData<string> PowerIds => GoldenVectors.Ids("power");
    public static TheoryData<string> GroupSequentialIds => GoldenVectors.Ids("group_sequential");
    public static TheoryData<string> BayesianIds => GoldenVectors.Ids("bayesian");

    [Theory]
    [MemberData(nameof(SrmIds))]
    public void SampleRatioMismatch_ScipyChisquare_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("srm", id);
        long[] observed = [.. v.GetProperty("observed").EnumerateArray().Select(x => x.GetInt64())];
        SrmResult r = SampleRatioMismatch.Test(observed, v.Doubles("weights"));
        Close.Assert(v.D("statistic"), r.ChiSquare, 1e-10, "chi-square", v.S("producer"));
        Close.Assert(v.D("pvalue"), r.PValue, 1e-10, "p-value", v.S("producer"));
    }

    [Theory]
    [MemberData(nameof(MultitestIds))]
    public void MultipleComparisons_StatsmodelsMultipletests_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("multitest", id);
        double[] adjusted = MultipleComparisons.Adjust(v.Doubles("pvalues"), Enum.Parse<CorrectionMethod>(v.S("method")));
        double[] expected = v.Doubles("adjusted");
        bool[] reject = [.. v.GetProperty("reject").EnumerateArray().Select(x => x.GetBoolean())];
        for (int i = 0; i < expected.Length; i++)
        {
            Close.Assert(expected[i], adjusted[i], 1e-12, $"adjusted p[{i}]", v.S("producer"));
            Assert.Equal(reject[i], adjusted[i] <= 0.05);
        }
    }

    [Theory]
    [MemberData(nameof(PowerIds))]
    public void Planning_StatsmodelsNormalIndPower_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("power", id);
        string producer = v.S("producer");
        double alpha = v.D("alpha");
        if (id.StartsWith("rollout", StringComparison.Ordinal))
        {
            var stage = new RolloutStage(v.D("treatment_share"), v.D("control_share"));
            StagePlan plan = RolloutPlanner.StageDurations([stage], v.D("daily_units"), v.D("sd"), v.D("regression"), alpha)[0];
            Assert.True(v.GetProperty("days").GetInt32() == plan.Days, $"days: expected {v.GetProperty("days").GetInt32()} from {producer}, got {plan.Days}");
            return;
        }
        Alternative alternative = v.S("alternative") == "two-sided" ? Alternative.TwoSided : Alternative.OneSided;
        double es = v.D("effect_size"), n1 = v.D("nobs1"), ratio = v.D("ratio");
        Close.Assert(v.D("power"), PowerAnalysis.Power(1, es, n1, ratio, alpha, alternative), 1e-10, "power", producer);
        Close.Assert(v.D("nobs1_for_80"), PowerAnalysis.ControlSampleSize(1, es, alpha, 0.8, ratio, alternative), 1e-6, "sample size", producer);
        // statsmodels' solve_power for effect_size stops early (its own power there is off by up to 7e-5),
        // so the MDE is compared loosely and checked exactly through the power it achieves.
        double mde = PowerAnalysis.MinimumDetectableEffect(1, n1, alpha, 0.8, ratio, alternative);
        Close.Assert(v.D("mde_for_80"), mde, 2e-4, "MDE", producer);
        Close.Assert(0.8, PowerAnalysis.Power(1, mde, n1, ratio, alpha, alternative), 1e-10, "power at the MDE", producer);
    }

    [Theory]
    [MemberData(nameof(GroupSequentialIds))]
    public void GroupSequentialBoundaries_GenzMultivariateNormal_Match(string id)
    {
        JsonElement v = GoldenVectors.ById("group_sequential", id);
        string kind = v.S("spending");
        SpendingFunction spending = kind switch
        {
            "OBrienFleming" => SpendingFunction.OBrienFleming,
            "Pocock" => SpendingFunction.Pocock,
            _ => SpendingFunction.Power(double.Parse(kind.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture)),
        };
        GroupSequentialDesign design = GroupSequentialDesign.Create(v.Doubles("fractions"), spending, v.D("alpha"), v.GetProperty("two_sided").GetBoolean());
        double[] expected = v.Doubles("boundaries");
        // Genz's quasi-Monte Carlo integration is accurate to about 1e-6 in probability, ~1e-4 in z.
        for (int k = 0; k < expected.Length; k++)
            Close.Assert(expected[k], design.Boundaries[k], 5e-4, $"boundary at look {k + 1}", v.S("producer"));
    }

    [Theory]
    [MemberData(nameof(BayesianIds))]
    public void BayesianSummary_ScipyNormAndQuad_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("bayesian", id);
        var estimate = new EffectEstimate { AbsoluteEffect = v.D("effect"), StandardError = v.D("se"), RelativeStandardError = 1 };
        BayesianResult r = BayesianSummary.Summarize(estimate);
        Close.Assert(v.D("chance_to_beat"), r.ChanceToBeatControl, 1e-12, "chance to beat control", v.S("producer"));
        Close.Assert(v.D("expected_loss"), r.ExpectedLoss, 1e-8, "expected loss", v.S("producer"), 1e-14);
    }
}
