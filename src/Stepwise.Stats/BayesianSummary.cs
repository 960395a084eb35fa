using Stepwise.Stats.Distributions;

namespace Stepwise.Stats;

/// <summary>A Bayesian reading of an estimate.</summary>
/// <param name="ChanceToBeatControl">Posterior probability that the treatment is better in the preferred direction.</param>
/// <param name="ExpectedLoss">Expected shortfall if the treatment is shipped: E[max(0, −gain)], in the metric's units.</param>
/// <param name="RelativeExpectedLoss">The same, for the relative effect.</param>
public readonly record struct BayesianResult(double ChanceToBeatControl, double ExpectedLoss, double RelativeExpectedLoss);

/// <summary>
/// Optional Bayesian view using the normal approximation with a flat prior: the posterior of the
/// effect is N(estimate, SE²). Chance to beat control = Φ(gain/SE); expected loss of shipping =
/// E[max(0, −gain)] = SE·φ(gain/SE) − gain·Φ(−gain/SE), where gain is the effect oriented so that
/// positive is good. Not a substitute for the frequentist decision; a way to talk about risk.
/// </summary>
public static class BayesianSummary
{
    /// <summary>Summarizes an estimate.</summary>
    /// <param name="estimate">The treatment-vs-control estimate.</param>
    /// <param name="preferred">The metric's preferred direction.</param>
    /// <returns>Chance to beat control and expected losses.</returns>
    public static BayesianResult Summarize(in EffectEstimate estimate, Direction preferred = Direction.Increase)
    {
        double sign = preferred == Direction.Increase ? 1 : -1;
        double gain = sign * estimate.AbsoluteEffect, se = estimate.StandardError;
        return new BayesianResult(
            se > 0 ? Normal.Cdf(gain / se) : gain > 0 ? 1 : gain < 0 ? 0 : 0.5,
            ExpectedLoss(gain, se),
            ExpectedLoss(sign * estimate.RelativeEffect, estimate.RelativeStandardError));
    }

    /// <summary>E[max(0, −G)] for G ~ N(mean, sd²).</summary>
    /// <param name="mean">Posterior mean of the gain.</param>
    /// <param name="sd">Posterior standard deviation.</param>
    /// <returns>The expected loss.</returns>
    public static double ExpectedLoss(double mean, double sd)
    {
        if (!(sd > 0)) return Math.Max(0, -mean);
        double z = mean / sd;
        return sd * Normal.Pdf(z) - mean * Normal.Cdf(-z);
    }
}
