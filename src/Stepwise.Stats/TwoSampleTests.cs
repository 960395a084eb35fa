namespace Stepwise.Stats;

/// <summary>
/// Two-sample comparisons of a treatment against the control from sufficient statistics.
/// All return an <see cref="EffectEstimate"/> whose effect is treatment − control.
/// </summary>
public static class TwoSampleTests
{
    /// <summary>
    /// Welch's unequal-variance t-test for a difference in means, with the Welch–Satterthwaite degrees
    /// of freedom. Matches <c>scipy.stats.ttest_ind(treatment, control, equal_var=False)</c>.
    /// </summary>
    /// <param name="control">Control group moments.</param>
    /// <param name="treatment">Treatment group moments.</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <returns>The estimate; NaN fields when a group has fewer than two units.</returns>
    public static EffectEstimate Welch(Moments control, Moments treatment, double alpha = 0.05)
    {
        double vc = control.VarianceOfMean, vt = treatment.VarianceOfMean;
        return EffectEstimate.FromGroupMeans(control.Mean, vc, treatment.Mean, vt, WelchDegreesOfFreedom(vc, control.Count, vt, treatment.Count), alpha);
    }

    /// <summary>Welch–Satterthwaite degrees of freedom (v_c + v_t)² / (v_c²/(n_c − 1) + v_t²/(n_t − 1)).</summary>
    /// <param name="controlMeanVariance">s_c²/n_c.</param>
    /// <param name="controlCount">n_c.</param>
    /// <param name="treatmentMeanVariance">s_t²/n_t.</param>
    /// <param name="treatmentCount">n_t.</param>
    /// <returns>The degrees of freedom.</returns>
    public static double WelchDegreesOfFreedom(double controlMeanVariance, long controlCount, double treatmentMeanVariance, long treatmentCount)
    {
        double sum = controlMeanVariance + treatmentMeanVariance;
        return sum * sum / (controlMeanVariance * controlMeanVariance / (controlCount - 1)
            + treatmentMeanVariance * treatmentMeanVariance / (treatmentCount - 1));
    }

    /// <summary>
    /// Two-proportion z-test with the unpooled (Wald) variance p(1 − p)/n per group, the usual choice
    /// for A/B conversion metrics because its interval and test agree. Matches
    /// <c>statsmodels.stats.proportion.test_proportions_2indep(method='wald')</c> and
    /// <c>confint_proportions_2indep(method='wald')</c>.
    /// </summary>
    /// <param name="control">Control moments of the 0/1 metric.</param>
    /// <param name="treatment">Treatment moments of the 0/1 metric.</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <returns>The estimate, with a normal reference distribution.</returns>
    public static EffectEstimate Proportions(Moments control, Moments treatment, double alpha = 0.05)
    {
        double pc = control.Mean, pt = treatment.Mean;
        return EffectEstimate.FromGroupMeans(pc, pc * (1 - pc) / control.Count, pt, pt * (1 - pt) / treatment.Count, double.PositiveInfinity, alpha);
    }

    /// <summary>Two-proportion z-test from unit and success counts; see <see cref="Proportions(Moments, Moments, double)"/>.</summary>
    /// <param name="controlUnits">Control units.</param>
    /// <param name="controlSuccesses">Control successes.</param>
    /// <param name="treatmentUnits">Treatment units.</param>
    /// <param name="treatmentSuccesses">Treatment successes.</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <returns>The estimate.</returns>
    public static EffectEstimate Proportions(long controlUnits, long controlSuccesses, long treatmentUnits, long treatmentSuccesses, double alpha = 0.05) =>
        Proportions(Moments.FromProportion(controlUnits, controlSuccesses), Moments.FromProportion(treatmentUnits, treatmentSuccesses), alpha);

    /// <summary>
    /// Ratio metric Σy / Σx per group (for example revenue per session with users randomized), where
    /// numerator and denominator are summed over the randomization units. The variance of each ratio
    /// comes from the delta method (Deng, Knoblich and Lu, KDD 2018):
    /// Var(ȳ/x̄) ≈ (s_y² − 2R·s_xy + R²·s_x²) / (n·x̄²) with R = ȳ/x̄. Normal reference distribution.
    /// </summary>
    /// <param name="control">Control co-moments (Y = numerator, X = denominator).</param>
    /// <param name="treatment">Treatment co-moments (Y = numerator, X = denominator).</param>
    /// <param name="alpha">Two-sided significance level.</param>
    /// <returns>The estimate of the difference in ratios.</returns>
    public static EffectEstimate Ratio(CoMoments control, CoMoments treatment, double alpha = 0.05)
    {
        (double rc, double vc) = RatioAndVariance(control);
        (double rt, double vt) = RatioAndVariance(treatment);
        return EffectEstimate.FromGroupMeans(rc, vc, rt, vt, double.PositiveInfinity, alpha);
    }

    /// <summary>A group's ratio ȳ/x̄ and its delta-method variance.</summary>
    /// <param name="group">Co-moments with Y = numerator, X = denominator.</param>
    /// <returns>The ratio and the estimated variance of the ratio.</returns>
    public static (double Ratio, double Variance) RatioAndVariance(CoMoments group)
    {
        double ratio = group.MeanY / group.MeanX;
        double variance = (group.Y.Variance - 2 * ratio * group.Covariance + ratio * ratio * group.X.Variance)
            / (group.Count * group.MeanX * group.MeanX);
        return (ratio, variance);
    }
}
