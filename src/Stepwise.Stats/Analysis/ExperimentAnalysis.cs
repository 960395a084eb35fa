using Stepwise.Stats.Sequential;

namespace Stepwise.Stats.Analysis;

/// <summary>
/// The one-call analysis of an A/B/n experiment from sufficient statistics: SRM check, one comparison
/// per metric and treatment variant (Welch, proportions, ratio or CUPED), multiple-comparison
/// correction across success metrics, non-inferiority for guardrails, optional always-valid inference
/// and Bayesian summary, and a ship decision per variant with reasons.
/// </summary>
public static class ExperimentAnalysis
{
    /// <summary>Analyses an experiment.</summary>
    /// <param name="data">Per-variant sufficient statistics (from <see cref="ExperimentAccumulator.ToData"/> or a database).</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <returns>The report.</returns>
    /// <exception cref="ArgumentException">The data or options are inconsistent (message says what and where).</exception>
    public static ExperimentReport Analyze(ExperimentData data, AnalysisOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        options ??= new AnalysisOptions();
        Validate(data, options);
        int control = IndexOf(data.Variants, options.Control);
        double alpha = options.Alpha;
        double[] weights = ResolveWeights(data.Variants, options.Weights);
        long[] units = [.. data.UnitCounts];
        SrmResult srm = SampleRatioMismatch.Test(units, weights, options.SrmThreshold);

        var results = new List<MetricResult>(data.Metrics.Count * (data.Variants.Count - 1));
        foreach (MetricData metric in data.Metrics)
        {
            for (int v = 0; v < data.Variants.Count; v++)
            {
                if (v != control) results.Add(Compare(metric, data.Variants[v], metric.ByVariant[control], metric.ByVariant[v], options));
            }
        }

        ApplyCorrection(results, options.Correction);
        for (int i = 0; i < results.Count; i++) results[i] = results[i] with { Outcome = OutcomeOf(results[i], alpha) };

        var decisions = new List<VariantDecision>(data.Variants.Count - 1);
        for (int v = 0; v < data.Variants.Count; v++)
        {
            if (v == control) continue;
            string name = data.Variants[v];
            decisions.Add(DecisionRule.Decide(name, results.Where(r => r.Variant == name), srm, alpha));
        }

        double weightSum = weights.Sum();
        return new ExperimentReport(options.Control, [.. data.Variants], units, [.. weights.Select(w => w / weightSum)],
            srm, results, decisions, alpha, options.Correction, options.AlwaysValidPlannedUnits is not null);
    }

    /// <summary>Compares one variant with the control on one metric (no correction, outcome provisional).</summary>
    /// <param name="metric">The metric's data.</param>
    /// <param name="variant">The variant's name.</param>
    /// <param name="control">Control statistics.</param>
    /// <param name="treatment">Variant statistics.</param>
    /// <param name="options">Settings.</param>
    /// <returns>The result.</returns>
    public static MetricResult Compare(MetricData metric, string variant, CoMoments control, CoMoments treatment, AnalysisOptions options)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(options);
        MetricDefinition def = metric.Definition;
        double alpha = options.Alpha;
        MetricType type = def.Type == MetricType.Auto ? (metric.IsBinary ? MetricType.Proportion : MetricType.Mean) : def.Type;
        EffectEstimate estimate;
        CupedResult? cuped = null;
        string method;
        double controlMean = control.MeanY, variantMean = treatment.MeanY;
        if (type == MetricType.Ratio)
        {
            estimate = TwoSampleTests.Ratio(control, treatment, alpha);
            (controlMean, variantMean) = (estimate.ControlMean, estimate.TreatmentMean);
            method = "Delta-method z-test (ratio)";
        }
        else if (def.HasCovariate)
        {
            CupedResult c = Cuped.Compare(control, treatment, alpha);
            cuped = c;
            estimate = c.Adjusted;
            method = "CUPED + Welch t-test";
        }
        else if (type == MetricType.Proportion)
        {
            estimate = TwoSampleTests.Proportions(control.Y, treatment.Y, alpha);
            method = "Two-proportion z-test";
        }
        else
        {
            estimate = TwoSampleTests.Welch(control.Y, treatment.Y, alpha);
            method = "Welch t-test";
        }

        double pValue = estimate.PValue, ciLow = estimate.CiLow, ciHigh = estimate.CiHigh;
        long totalUnits = control.Count + treatment.Count;
        bool enoughData = control.Count > 1 && treatment.Count > 1;
        if (options.AlwaysValidPlannedUnits is long planned && enoughData)
        {
            AlwaysValidResult av = AlwaysValidInference.Evaluate(estimate, totalUnits, planned, alpha);
            (pValue, ciLow, ciHigh) = (av.PValue, av.CiLow, av.CiHigh);
            method += " (always-valid)";
        }

        NonInferiorityResult? nonInferiority = null;
        if (def.NonInferiorityMargin is double margin && enoughData)
        {
            nonInferiority = options.AlwaysValidPlannedUnits is long plannedUnits
                ? NonInferiority.TestAlwaysValid(estimate, margin, def.MarginType, def.PreferredDirection, totalUnits, plannedUnits, alpha)
                : NonInferiority.Test(estimate, margin, def.MarginType, def.PreferredDirection, alpha);
        }

        return new MetricResult
        {
            Metric = def.Name,
            Variant = variant,
            Type = type,
            Role = def.Role,
            PreferredDirection = def.PreferredDirection,
            Method = method,
            ControlUnits = control.Count,
            VariantUnits = treatment.Count,
            ControlMean = controlMean,
            VariantMean = variantMean,
            Estimate = estimate,
            CiLow = ciLow,
            CiHigh = ciHigh,
            PValue = pValue,
            AdjustedPValue = pValue,
            Cuped = cuped is not null,
            CupedTheta = cuped?.Theta,
            VarianceReduction = cuped?.VarianceReduction,
            NonInferiority = nonInferiority,
            Bayesian = options.IncludeBayesian ? BayesianSummary.Summarize(estimate, def.PreferredDirection) : null,
            Outcome = Outcome.Inconclusive,
        };
    }

    private static void ApplyCorrection(List<MetricResult> results, CorrectionMethod method)
    {
        var family = new List<int>();
        for (int i = 0; i < results.Count; i++) if (results[i].Role == MetricRole.Success) family.Add(i);
        double[] raw = [.. family.Select(i => results[i].PValue)];
        double[] adjusted = MultipleComparisons.Adjust(raw, method);
        for (int k = 0; k < family.Count; k++) results[family[k]] = results[family[k]] with { AdjustedPValue = adjusted[k] };
    }

    private static Outcome OutcomeOf(MetricResult r, double alpha)
    {
        double sign = r.PreferredDirection == Direction.Increase ? 1 : -1;
        bool improves = sign * r.AbsoluteEffect > 0;
        if (r.Role == MetricRole.Guardrail)
        {
            if (r.NonInferiority is { IsNonInferior: true }) return Outcome.NonInferior;
            return r.PValue < alpha && !improves ? Outcome.Worse : Outcome.Inconclusive;
        }
        if (!(r.AdjustedPValue < alpha)) return Outcome.Inconclusive;
        return improves ? Outcome.Better : Outcome.Worse;
    }

    private static void Validate(ExperimentData data, AnalysisOptions options)
    {
        if (!(options.Alpha > 0 && options.Alpha < 1)) throw new ArgumentException($"alpha must be between 0 and 1 (got {options.Alpha}).", nameof(options));
        if (data.Variants.Count < 2) throw new ArgumentException($"At least two variants are needed; found {data.Variants.Count}.", nameof(data));
        if (IndexOf(data.Variants, options.Control) < 0)
            throw new ArgumentException($"The control variant '{options.Control}' is not in the data (variants: {string.Join(", ", data.Variants)}).", nameof(options));
        if (data.UnitCounts.Count != data.Variants.Count) throw new ArgumentException("One unit count per variant is needed.", nameof(data));
        if (data.Variants.Distinct(StringComparer.Ordinal).Count() != data.Variants.Count) throw new ArgumentException("Variant names must be unique.", nameof(data));
        if (options.AlwaysValidPlannedUnits is <= 0) throw new ArgumentException("AlwaysValidPlannedUnits must be positive.", nameof(options));
        foreach (MetricData m in data.Metrics)
        {
            if (m.ByVariant.Count != data.Variants.Count) throw new ArgumentException($"Metric '{m.Definition.Name}' needs statistics for every variant.", nameof(data));
            if (m.Definition.Role == MetricRole.Guardrail && m.Definition.NonInferiorityMargin is null)
                throw new ArgumentException($"Guardrail '{m.Definition.Name}' needs a non-inferiority margin.", nameof(data));
        }
    }

    private static double[] ResolveWeights(IReadOnlyList<string> variants, IReadOnlyDictionary<string, double>? weights)
    {
        if (weights is null) return [.. variants.Select(_ => 1.0)];
        foreach (string name in weights.Keys)
        {
            if (IndexOf(variants, name) < 0) throw new ArgumentException($"Weight given for unknown variant '{name}' (variants: {string.Join(", ", variants)}).", nameof(weights));
        }
        var result = new double[variants.Count];
        for (int v = 0; v < variants.Count; v++)
        {
            if (!weights.TryGetValue(variants[v], out double w)) throw new ArgumentException($"No weight given for variant '{variants[v]}'.", nameof(weights));
            if (!(w > 0) || double.IsInfinity(w)) throw new ArgumentException($"The weight of variant '{variants[v]}' must be a positive number (got {w}).", nameof(weights));
            result[v] = w;
        }
        return result;
    }

    private static int IndexOf(IReadOnlyList<string> variants, string name)
    {
        for (int i = 0; i < variants.Count; i++) if (string.Equals(variants[i], name, StringComparison.Ordinal)) return i;
        return -1;
    }
}
