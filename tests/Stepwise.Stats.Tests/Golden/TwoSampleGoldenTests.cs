using System.Text.Json;

namespace Stepwise.Stats.Tests.Golden;

/// <summary>Welch, proportions, ratio, CUPED and non-inferiority against SciPy/statsmodels (producer in each vector).</summary>
public class TwoSampleGoldenTests
{
    private const double Tolerance = 1e-9;

    public static TheoryData<string> WelchIds => GoldenVectors.Ids("welch");
    public static TheoryData<string> ProportionIds => GoldenVectors.Ids("proportions");
    public static TheoryData<string> RatioIds => GoldenVectors.Ids("ratio");
    public static TheoryData<string> CupedIds => GoldenVectors.Ids("cuped");
    public static TheoryData<string> NonInferiorityIds => GoldenVectors.Ids("noninferiority");

    [Theory]
    [MemberData(nameof(WelchIds))]
    public void Welch_ScipyTtestIndUnequalVar_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("welch", id);
        string producer = v.S("producer");
        EffectEstimate e = TwoSampleTests.Welch(v.Moments("control"), v.Moments("treatment"), v.D("alpha"));
        Close.Assert(v.D("statistic"), e.Statistic, Tolerance, "t statistic", producer);
        Close.Assert(v.D("pvalue"), e.PValue, Tolerance, "p-value", producer);
        Close.Assert(v.D("df"), e.DegreesOfFreedom, Tolerance, "Welch df", producer);
        Close.Assert(v.D("ci_low"), e.CiLow, Tolerance, "CI low", producer);
        Close.Assert(v.D("ci_high"), e.CiHigh, Tolerance, "CI high", producer);
        Close.Assert(v.D("relative"), e.RelativeEffect, Tolerance, "relative effect", producer);
        Close.Assert(v.D("relative_se"), e.RelativeStandardError, Tolerance, "relative SE", producer);
        Close.Assert(v.D("relative_ci_low"), e.RelativeCiLow, Tolerance, "relative CI low", producer);
        Close.Assert(v.D("relative_ci_high"), e.RelativeCiHigh, Tolerance, "relative CI high", producer);
    }

    [Theory]
    [MemberData(nameof(WelchIds))]
    public void Welch_FromRawValues_MatchesScipy(string id)
    {
        JsonElement v = GoldenVectors.ById("welch", id);
        if (!v.TryGetProperty("control_values", out _)) return; // only small samples carry raw values
        EffectEstimate e = TwoSampleTests.Welch(Moments.FromValues(v.Doubles("control_values")), Moments.FromValues(v.Doubles("treatment_values")), v.D("alpha"));
        Close.Assert(v.D("pvalue"), e.PValue, 1e-10, "p-value from raw values", v.S("producer"));
    }

    [Theory]
    [MemberData(nameof(ProportionIds))]
    public void Proportions_StatsmodelsWald_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("proportions", id);
        string producer = v.S("producer");
        EffectEstimate e = TwoSampleTests.Proportions(
            v.GetProperty("control_units").GetInt64(), v.GetProperty("control_successes").GetInt64(),
            v.GetProperty("treatment_units").GetInt64(), v.GetProperty("treatment_successes").GetInt64(), v.D("alpha"));
        Close.Assert(v.D("statistic"), e.Statistic, Tolerance, "z statistic", producer);
        Close.Assert(v.D("pvalue"), e.PValue, Tolerance, "p-value", producer);
        Close.Assert(v.D("ci_low"), e.CiLow, Tolerance, "CI low", producer);
        Close.Assert(v.D("ci_high"), e.CiHigh, Tolerance, "CI high", producer);
    }

    [Theory]
    [MemberData(nameof(RatioIds))]
    public void Ratio_DeltaMethod_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("ratio", id);
        string producer = v.S("producer");
        EffectEstimate e = TwoSampleTests.Ratio(v.CoMoments("control"), v.CoMoments("treatment"), v.D("alpha"));
        Close.Assert(v.D("control_ratio"), e.ControlMean, Tolerance, "control ratio", producer);
        Close.Assert(v.D("treatment_ratio"), e.TreatmentMean, Tolerance, "treatment ratio", producer);
        Close.Assert(v.D("se"), e.StandardError, Tolerance, "SE", producer);
        Close.Assert(v.D("pvalue"), e.PValue, Tolerance, "p-value", producer);
        Close.Assert(v.D("ci_low"), e.CiLow, Tolerance, "CI low", producer);
        Close.Assert(v.D("ci_high"), e.CiHigh, Tolerance, "CI high", producer);
    }

    [Theory]
    [MemberData(nameof(CupedIds))]
    public void Cuped_PooledThetaThenWelch_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("cuped", id);
        string producer = v.S("producer");
        CupedResult r = Cuped.Compare(v.CoMoments("control"), v.CoMoments("treatment"), v.D("alpha"));
        Close.Assert(v.D("theta"), r.Theta, Tolerance, "theta", producer, 1e-12);
        Close.Assert(v.D("adjusted_effect"), r.Adjusted.AbsoluteEffect, Tolerance, "adjusted effect", producer, 1e-12);
        Close.Assert(v.D("statistic"), r.Adjusted.Statistic, Tolerance, "t statistic", producer, 1e-12);
        Close.Assert(v.D("pvalue"), r.Adjusted.PValue, Tolerance, "p-value", producer);
        // Interval ends near zero are differences of larger numbers: allow 1e-9 of the interval width.
        double width = v.D("ci_high") - v.D("ci_low");
        Close.Assert(v.D("ci_low"), r.Adjusted.CiLow, Tolerance, "CI low", producer, 1e-9 * width);
        Close.Assert(v.D("ci_high"), r.Adjusted.CiHigh, Tolerance, "CI high", producer, 1e-9 * width);
        Close.Assert(v.D("raw_pvalue"), r.Unadjusted.PValue, Tolerance, "unadjusted p-value", producer);
        Close.Assert(v.D("variance_reduction"), r.VarianceReduction, 1e-8, "variance reduction", producer, 1e-10);
    }

    [Theory]
    [MemberData(nameof(NonInferiorityIds))]
    public void NonInferiority_ShiftedOneSidedWelch_Matches(string id)
    {
        JsonElement v = GoldenVectors.ById("noninferiority", id);
        Direction direction = Enum.Parse<Direction>(v.S("direction"));
        EffectEstimate e = TwoSampleTests.Welch(v.Moments("control"), v.Moments("treatment"), v.D("alpha"));
        NonInferiorityResult r = NonInferiority.Test(e, v.D("margin"), MarginType.Absolute, direction, v.D("alpha"));
        Close.Assert(v.D("pvalue"), r.PValue, Tolerance, "one-sided p-value", v.S("producer"));
        Assert.Equal(v.D("pvalue") < v.D("alpha"), r.IsNonInferior);
    }
}
