namespace Stepwise.Stats;

/// <summary>The outcome of a CUPED-adjusted comparison.</summary>
/// <param name="Adjusted">Welch test on the adjusted values: the estimate to report.</param>
/// <param name="Unadjusted">Plain Welch test on the raw metric, for reference.</param>
/// <param name="Theta">θ = cov(Y, X) / var(X), pooled over the units of both groups.</param>
/// <param name="VarianceReduction">1 − Var(adjusted effect) / Var(unadjusted effect); 0.3 means 30% less variance.</param>
public readonly record struct CupedResult(EffectEstimate Adjusted, EffectEstimate Unadjusted, double Theta, double VarianceReduction);

/// <summary>
/// CUPED (Deng, Xu, Kohavi and Walker, WSDM 2013): regression adjustment on a pre-period covariate X.
/// Each unit's metric becomes Y − θ(X − x̄) with θ = cov(Y, X) / var(X) estimated on the units of
/// both groups together and x̄ their pooled mean; Welch's test then runs on the adjusted values.
/// Everything is computed from <see cref="CoMoments"/>, so no second pass over the data is needed.
/// </summary>
public static class Cuped
{
    /// <summary>Compares treatment with control after CUPED adjustment.</summary>
    /// <param name="control">Control co-moments (Y = metric, X = pre-period covariate).</param>
    /// <param name="treatment">Treatment co-moments (Y = metric, X = pre-period covariate).</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <returns>Adjusted and unadjusted estimates, θ and the variance reduction achieved.</returns>
    public static CupedResult Compare(CoMoments control, CoMoments treatment, double alpha = 0.05)
    {
        CoMoments pooled = CoMoments.Combine(control, treatment);
        double theta = pooled.SumSquaredDeviationsX > 0 ? pooled.SumCrossDeviations / pooled.SumSquaredDeviationsX : 0;
        Moments adjustedControl = Adjust(control, theta, pooled.MeanX);
        Moments adjustedTreatment = Adjust(treatment, theta, pooled.MeanX);
        EffectEstimate adjusted = TwoSampleTests.Welch(adjustedControl, adjustedTreatment, alpha);
        EffectEstimate unadjusted = TwoSampleTests.Welch(control.Y, treatment.Y, alpha);
        double reduction = 1 - (adjusted.StandardError * adjusted.StandardError) / (unadjusted.StandardError * unadjusted.StandardError);
        return new CupedResult(adjusted, unadjusted, theta, reduction);
    }

    /// <summary>Moments of Y − θ(X − centre) for one group, exactly, from its co-moments.</summary>
    /// <param name="group">The group's co-moments.</param>
    /// <param name="theta">The adjustment coefficient.</param>
    /// <param name="centre">The pooled covariate mean.</param>
    /// <returns>The adjusted moments.</returns>
    public static Moments Adjust(CoMoments group, double theta, double centre)
    {
        double mean = group.MeanY - theta * (group.MeanX - centre);
        double m2 = group.SumSquaredDeviationsY - 2 * theta * group.SumCrossDeviations + theta * theta * group.SumSquaredDeviationsX;
        return new Moments(group.Count, mean, Math.Max(0, m2));
    }
}
