using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Stepwise.Stats.Analysis;

namespace Stepwise.Cli.Analyze;

/// <summary>
/// Writes the JSON form of an analysis (snake_case, as documented in docs/cli.md). Numbers that are not
/// finite (too few units, a control mean of 0) are written as null, because JSON has no NaN.
/// </summary>
internal static class AnalysisJson
{
    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Serializes the report.</summary>
    /// <param name="report">The analysis.</param>
    /// <param name="input">The input path as typed.</param>
    /// <param name="rows">Rows read.</param>
    /// <returns>The JSON text, without a trailing newline.</returns>
    public static string Write(ExperimentReport report, string input, long rows)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, Options))
        {
            json.WriteStartObject();
            json.WriteString("control", report.Control);
            json.WriteNumber("alpha", report.Alpha);
            json.WriteString("correction", report.Correction.ToString().ToLowerInvariant());
            json.WriteString("input", input);
            json.WriteNumber("rows", rows);
            WriteSrm(json, report);
            json.WriteStartArray("results");
            foreach (MetricResult result in report.Results) WriteResult(json, result);
            json.WriteEndArray();
            json.WriteStartArray("decisions");
            foreach (VariantDecision decision in report.Decisions) WriteDecision(json, decision);
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    private static void WriteSrm(Utf8JsonWriter json, ExperimentReport report)
    {
        json.WriteStartObject("srm");
        Number(json, "p_value", report.Srm.PValue);
        Number(json, "chi_square", report.Srm.ChiSquare);
        json.WriteNumber("degrees_of_freedom", report.Srm.DegreesOfFreedom);
        json.WriteNumber("threshold", report.Srm.Threshold);
        json.WriteBoolean("mismatch", report.Srm.IsMismatch);
        json.WriteStartObject("observed");
        foreach (int v in AnalysisTable.ControlFirst(report)) json.WriteNumber(report.Variants[v], report.UnitCounts[v]);
        json.WriteEndObject();
        json.WriteStartObject("expected_weights");
        foreach (int v in AnalysisTable.ControlFirst(report)) Number(json, report.Variants[v], report.ExpectedWeights[v]);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteResult(Utf8JsonWriter json, MetricResult r)
    {
        json.WriteStartObject();
        json.WriteString("metric", r.Metric);
        json.WriteString("variant", r.Variant);
        json.WriteNumber("n_control", r.ControlUnits);
        json.WriteNumber("n_variant", r.VariantUnits);
        Number(json, "control_mean", r.ControlMean);
        Number(json, "variant_mean", r.VariantMean);
        Number(json, "absolute_effect", r.AbsoluteEffect);
        Number(json, "relative_effect", r.RelativeEffect);
        Number(json, "ci_low", r.CiLow);
        Number(json, "ci_high", r.CiHigh);
        Number(json, "p_value", r.PValue);
        json.WriteBoolean("cuped", r.Cuped);
        json.WriteString("kind", KindName(r.Type));
        json.WriteString("method", r.Method);
        Number(json, "standard_error", r.Estimate.StandardError);
        Number(json, "degrees_of_freedom", r.Estimate.DegreesOfFreedom);
        Number(json, "relative_ci_low", r.Estimate.RelativeCiLow);
        Number(json, "relative_ci_high", r.Estimate.RelativeCiHigh);
        Number(json, "adjusted_p_value", r.AdjustedPValue);
        json.WriteString("outcome", OutcomeName(r.Outcome));
        Number(json, "cuped_theta", r.CupedTheta);
        Number(json, "variance_reduction", r.VarianceReduction);
        json.WriteEndObject();
    }

    private static void WriteDecision(Utf8JsonWriter json, VariantDecision decision)
    {
        json.WriteStartObject();
        json.WriteString("variant", decision.Variant);
        json.WriteString("recommendation", RecommendationName(decision.Recommendation));
        json.WriteStartArray("reasons");
        foreach (string reason in decision.Reasons) json.WriteStringValue(reason);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Number(Utf8JsonWriter json, string name, double? value)
    {
        if (value is double v && double.IsFinite(v))
        {
            json.WriteNumber(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    internal static string KindName(MetricType type) => type switch
    {
        MetricType.Proportion => "proportion",
        MetricType.Ratio => "ratio",
        _ => "mean",
    };

    internal static string OutcomeName(Outcome outcome) => outcome switch
    {
        Outcome.Better => "better",
        Outcome.Worse => "worse",
        Outcome.NonInferior => "non_inferior",
        _ => "inconclusive",
    };

    internal static string RecommendationName(Recommendation recommendation) => recommendation switch
    {
        Recommendation.Ship => "ship",
        Recommendation.DoNotShip => "do_not_ship",
        Recommendation.Untrustworthy => "untrustworthy",
        _ => "inconclusive",
    };
}
