using FsCheck.Xunit;

namespace Stepwise.Stats.Tests.Properties;

/// <summary>Invariances every two-sample comparison must respect, checked on generated samples.</summary>
[Properties(Arbitrary = [typeof(SampleArbitraries)], MaxTest = 200)]
public class TwoSampleTestProperties
{
    private static bool Near(double a, double b, double relative = 1e-7, double absolute = 1e-9) =>
        Math.Abs(a - b) <= Math.Max(absolute, relative * Math.Max(Math.Abs(a), Math.Abs(b)));

    private static EffectEstimate Welch(double[] control, double[] treatment) =>
        TwoSampleTests.Welch(Moments.FromValues(control), Moments.FromValues(treatment));

    [Property]
    public bool Welch_ShiftingBothGroups_KeepsEffectAndPValue(TwoSamples s, short shift)
    {
        EffectEstimate before = Welch(s.Control, s.Treatment);
        EffectEstimate after = Welch([.. s.Control.Select(x => x + shift)], [.. s.Treatment.Select(x => x + shift)]);
        return Near(before.AbsoluteEffect, after.AbsoluteEffect, 1e-7, 1e-8) && Near(before.PValue, after.PValue, 1e-6, 1e-10);
    }

    [Property]
    public bool Welch_SwappingLabels_FlipsSignAndKeepsPValue(TwoSamples s)
    {
        EffectEstimate forward = Welch(s.Control, s.Treatment);
        EffectEstimate backward = Welch(s.Treatment, s.Control);
        return forward.AbsoluteEffect == -backward.AbsoluteEffect
            && Near(forward.PValue, backward.PValue, 1e-12, 1e-15)
            && Near(forward.CiLow, -backward.CiHigh, 1e-12, 1e-12);
    }

    [Property]
    public bool Welch_ScalingBothGroups_ScalesEffectAndKeepsPValue(TwoSamples s, byte factorSeed)
    {
        double factor = (factorSeed + 1) / 16.0;
        EffectEstimate before = Welch(s.Control, s.Treatment);
        EffectEstimate after = Welch([.. s.Control.Select(x => x * factor)], [.. s.Treatment.Select(x => x * factor)]);
        return Near(after.AbsoluteEffect, factor * before.AbsoluteEffect, 1e-9, 1e-9)
            && Near(after.StandardError, factor * before.StandardError, 1e-9)
            && Near(before.PValue, after.PValue, 1e-8, 1e-12);
    }

    [Property]
    public bool Welch_AnySamples_CiContainsEstimateAndPValueInUnitInterval(TwoSamples s)
    {
        EffectEstimate e = Welch(s.Control, s.Treatment);
        return e.PValue is >= 0 and <= 1
            && e.CiLow <= e.AbsoluteEffect && e.AbsoluteEffect <= e.CiHigh
            && (double.IsNaN(e.RelativeEffect) || (e.RelativeCiLow <= e.RelativeEffect && e.RelativeEffect <= e.RelativeCiHigh));
    }

    [Property]
    public bool Welch_AnySamples_SignificantExactlyWhenCiExcludesZero(TwoSamples s)
    {
        EffectEstimate e = Welch(s.Control, s.Treatment);
        bool excludesZero = e.CiLow > 0 || e.CiHigh < 0;
        // Only disagree on the knife edge where both are within rounding of the boundary.
        return e.IsSignificant == excludesZero || Math.Abs(e.PValue - e.Alpha) < 1e-9;
    }

    [Property]
    public bool Proportions_SwappingLabels_FlipsSignAndKeepsPValue(ushort nc, ushort nt, ushort xcSeed, ushort xtSeed)
    {
        long controlUnits = nc + 2, treatmentUnits = nt + 2;
        long controlSuccesses = xcSeed % (controlUnits + 1), treatmentSuccesses = xtSeed % (treatmentUnits + 1);
        EffectEstimate forward = TwoSampleTests.Proportions(controlUnits, controlSuccesses, treatmentUnits, treatmentSuccesses);
        EffectEstimate backward = TwoSampleTests.Proportions(treatmentUnits, treatmentSuccesses, controlUnits, controlSuccesses);
        return forward.AbsoluteEffect == -backward.AbsoluteEffect
            && forward.PValue == backward.PValue
            && forward.PValue is >= 0 and <= 1
            && forward.CiLow <= forward.AbsoluteEffect && forward.AbsoluteEffect <= forward.CiHigh;
    }

    [Property]
    public bool Cuped_SwappingLabels_FlipsSignAndKeepsPValue(TwoSamples s)
    {
        CoMoments control = Paired(s.Control), treatment = Paired(s.Treatment);
        CupedResult forward = Cuped.Compare(control, treatment), backward = Cuped.Compare(treatment, control);
        return Near(forward.Adjusted.AbsoluteEffect, -backward.Adjusted.AbsoluteEffect, 1e-9, 1e-9)
            && Near(forward.Adjusted.PValue, backward.Adjusted.PValue, 1e-9, 1e-12)
            && forward.Adjusted.PValue is >= 0 and <= 1;
    }

    [Property]
    public bool Cuped_ShiftingCovariate_ChangesNothing(TwoSamples s, short shift)
    {
        CupedResult before = Cuped.Compare(Paired(s.Control), Paired(s.Treatment));
        CupedResult after = Cuped.Compare(Paired(s.Control, shift), Paired(s.Treatment, shift));
        return Near(before.Adjusted.AbsoluteEffect, after.Adjusted.AbsoluteEffect, 1e-7, 1e-7) && Near(before.Adjusted.PValue, after.Adjusted.PValue, 1e-6, 1e-10);
    }

    [Property]
    public bool Cuped_AnySamples_NeverIncreasesVarianceOfPooledEstimateMuch(TwoSamples s)
    {
        CupedResult r = Cuped.Compare(Paired(s.Control), Paired(s.Treatment));
        // θ minimizes the pooled residual variance, so large losses are impossible.
        return r.VarianceReduction > -1 && r.VarianceReduction <= 1;
    }

    [Property]
    public bool Moments_SplitAndCombined_EqualsWhole(TwoSamples s)
    {
        Moments whole = Moments.FromValues([.. s.Control, .. s.Treatment]);
        Moments streamed = s.Treatment.Aggregate(default(Moments), (m, x) => m.Add(x));
        Moments merged = Moments.Combine(Moments.FromValues(s.Control), streamed);
        return merged.Count == whole.Count && Near(merged.Mean, whole.Mean, 1e-12, 1e-12) && Near(merged.SumSquaredDeviations, whole.SumSquaredDeviations, 1e-10, 1e-9);
    }

    [Property]
    public bool MultipleComparisons_AnyPValues_AdjustedAreOrderedAndBounded(PValueSet set)
    {
        double[] p = set.Values;
        double[] bonferroni = MultipleComparisons.Adjust(p, CorrectionMethod.Bonferroni);
        double[] holm = MultipleComparisons.Adjust(p, CorrectionMethod.Holm);
        double[] bh = MultipleComparisons.Adjust(p, CorrectionMethod.BenjaminiHochberg);
        for (int i = 0; i < p.Length; i++)
        {
            if (!(p[i] <= bh[i] + 1e-15 && bh[i] <= holm[i] + 1e-15 && holm[i] <= bonferroni[i] + 1e-15 && bonferroni[i] <= 1)) return false;
            for (int j = 0; j < p.Length; j++)
                if (p[i] < p[j] && (holm[i] > holm[j] || bh[i] > bh[j])) return false;
        }
        return true;
    }

    // Pairs each value with a correlated, deterministic covariate: x = 0.5·y + a fixed wobble + shift.
    private static CoMoments Paired(double[] y, double shift = 0)
    {
        double[] x = [.. y.Select((v, i) => 0.5 * v + ((i * 37) % 11) - 5 + shift)];
        return CoMoments.FromValues(y, x);
    }
}
