using static System.FormattableString;

namespace Stepwise.Stats.Analysis;

/// <summary>
/// The risk-aware ship rule. Recommend <see cref="Recommendation.Ship"/> only when at least one
/// success metric is significantly better (after the multiple-comparison correction, which applies to
/// success metrics only) and every guardrail is significantly non-inferior (each at α: requiring all
/// of them is an intersection–union test, which needs no correction, so guardrails keep their power).
/// Any significantly worse success metric or guardrail beyond its margin gives
/// <see cref="Recommendation.DoNotShip"/>; a sample ratio mismatch gives
/// <see cref="Recommendation.Untrustworthy"/>; everything else is honestly <see cref="Recommendation.Inconclusive"/>.
/// </summary>
public static class DecisionRule
{
    /// <summary>Decides for one variant from its metric results.</summary>
    /// <param name="variant">The variant.</param>
    /// <param name="results">That variant's results (outcomes already set).</param>
    /// <param name="srm">The experiment's SRM check.</param>
    /// <param name="alpha">Significance level, for the wording of reasons.</param>
    /// <returns>The decision and its reasons.</returns>
    public static VariantDecision Decide(string variant, IEnumerable<MetricResult> results, SrmResult srm, double alpha)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(srm);
        var reasons = new List<string>();
        if (srm.IsMismatch)
        {
            reasons.Add(Invariant($"Sample ratio mismatch (chi-square p = {srm.PValue:G3} < {srm.Threshold:G3}): assignment or logging is broken, so no effect can be trusted. Find the cause before reading results."));
            return new VariantDecision(variant, Recommendation.Untrustworthy, reasons);
        }

        int successes = 0, better = 0, worse = 0, guardrails = 0, guardrailsHeld = 0;
        foreach (MetricResult r in results)
        {
            if (r.Role == MetricRole.Diagnostic) continue;
            reasons.Add(Explain(r, alpha));
            if (r.Role == MetricRole.Success)
            {
                successes++;
                if (r.Outcome == Outcome.Better) better++;
                if (r.Outcome == Outcome.Worse) worse++;
            }
            else
            {
                guardrails++;
                if (r.Outcome == Outcome.NonInferior) guardrailsHeld++;
                if (r.Outcome == Outcome.Worse) worse++;
            }
        }

        Recommendation recommendation;
        if (worse > 0)
        {
            recommendation = Recommendation.DoNotShip;
            reasons.Add("Do not ship: at least one metric is significantly worse.");
        }
        else if (better > 0 && guardrailsHeld == guardrails)
        {
            recommendation = Recommendation.Ship;
            reasons.Add(guardrails == 0
                ? "Ship: a success metric is significantly better and no guardrails are defined."
                : "Ship: a success metric is significantly better and every guardrail is non-inferior.");
        }
        else
        {
            recommendation = Recommendation.Inconclusive;
            if (successes == 0) reasons.Add("Inconclusive: no success metric is defined.");
            else if (better == 0) reasons.Add("Inconclusive: no success metric is significantly better; collect more data or accept no detectable effect.");
            if (guardrailsHeld < guardrails) reasons.Add(Invariant($"Inconclusive: {guardrails - guardrailsHeld} of {guardrails} guardrail(s) cannot yet rule out a regression beyond the margin."));
        }
        return new VariantDecision(variant, recommendation, reasons);
    }

    private static string Explain(MetricResult r, double alpha)
    {
        string effect = Invariant($"{r.RelativeEffect:+0.00%;-0.00%;0.00%} ({r.AbsoluteEffect:+0.####;-0.####;0}, CI {r.CiLow:0.####} to {r.CiHigh:0.####})");
        string cuped = r.Cuped ? Invariant($", CUPED cut variance by {r.VarianceReduction:0%}") : "";
        if (r.Role == MetricRole.Success)
        {
            string p = Invariant($"adjusted p = {r.AdjustedPValue:G3}");
            return r.Outcome switch
            {
                Outcome.Better => Invariant($"{r.Metric}: significantly better, {effect}, {p} < {alpha}{cuped}."),
                Outcome.Worse => Invariant($"{r.Metric}: significantly worse, {effect}, {p} < {alpha}{cuped}."),
                _ => Invariant($"{r.Metric}: no significant difference, {effect}, {p}{cuped}."),
            };
        }
        NonInferiorityResult? ni = r.NonInferiority;
        string margin = ni is { } m
            ? m.MarginType == MarginType.Relative ? Invariant($"{m.Margin:0.##%}") : Invariant($"{m.Margin:G4}")
            : "?";
        return r.Outcome switch
        {
            Outcome.NonInferior => Invariant($"{r.Metric} (guardrail): non-inferior within margin {margin}, {effect}, p = {ni!.Value.PValue:G3}{cuped}."),
            Outcome.Worse => Invariant($"{r.Metric} (guardrail): significantly worse and not shown to be within margin {margin}, {effect}, p = {r.PValue:G3}{cuped}."),
            _ => Invariant($"{r.Metric} (guardrail): cannot rule out a regression beyond margin {margin}, {effect}{(ni is { } n ? Invariant($", non-inferiority p = {n.PValue:G3}") : "")}{cuped}."),
        };
    }
}
