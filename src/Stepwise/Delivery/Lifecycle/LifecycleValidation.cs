using Stepwise.Api;

namespace Stepwise.Delivery.Lifecycle;

/// <summary>Field checks shared by creating and updating features.</summary>
internal static class LifecycleValidation
{
    public const int MaxMetrics = 10;
    public const int MaxFlags = 20;
    public const int MaxEvidence = 20;

    public static (string Statement, List<SuccessMetric> Success, List<GuardrailMetric> Guardrails) Hypothesis(this FieldErrors errors, HypothesisRequest? hypothesis)
    {
        var statement = hypothesis?.Statement?.Trim() ?? "";
        errors.Limit("hypothesis.statement", statement, 4000);
        var success = hypothesis?.SuccessMetrics ?? [];
        var guardrails = hypothesis?.GuardrailMetrics ?? [];
        if (success.Count > MaxMetrics) errors.Add("hypothesis.successMetrics", $"At most {MaxMetrics} success metrics.");
        if (guardrails.Count > MaxMetrics) errors.Add("hypothesis.guardrailMetrics", $"At most {MaxMetrics} guardrail metrics.");
        for (var i = 0; i < success.Count; i++)
        {
            var field = $"hypothesis.successMetrics[{i}]";
            if (success[i] is null) { errors.Add(field, "A success metric is missing."); continue; }
            errors.MetricKey($"{field}.metricKey", success[i].MetricKey);
            if (!Enum.IsDefined(success[i].Direction)) errors.Add($"{field}.direction", "'direction' is increase or decrease.");
            if (!double.IsFinite(success[i].MinimumEffect) || success[i].MinimumEffect is <= 0 or > 10)
                errors.Add($"{field}.minimumEffect", "'minimumEffect' is the smallest relative change worth having, above 0 (0.02 = 2%) and at most 10.");
        }
        for (var i = 0; i < guardrails.Count; i++)
        {
            var field = $"hypothesis.guardrailMetrics[{i}]";
            if (guardrails[i] is null) { errors.Add(field, "A guardrail metric is missing."); continue; }
            errors.MetricKey($"{field}.metricKey", guardrails[i].MetricKey);
            if (!Enum.IsDefined(guardrails[i].Direction)) errors.Add($"{field}.direction", "'direction' is increase or decrease (the good direction).");
            if (!double.IsFinite(guardrails[i].Margin) || guardrails[i].Margin is <= 0 or > 1)
                errors.Add($"{field}.margin", "'margin' is the largest relative harm tolerated, above 0 and at most 1 (0.01 = 1%).");
        }
        var keys = success.Where(m => m is not null).Select(m => m.MetricKey).Concat(guardrails.Where(m => m is not null).Select(m => m.MetricKey)).ToList();
        if (keys.Count != keys.Distinct(StringComparer.Ordinal).Count())
            errors.Add("hypothesis", "A metric appears twice; each metric is either a success metric or a guardrail, once.");
        return (statement,
            [.. success.Where(m => m is not null).Select(m => m with { MetricKey = DeliveryValidation.NormalizeKey(m.MetricKey) })],
            [.. guardrails.Where(m => m is not null).Select(m => m with { MetricKey = DeliveryValidation.NormalizeKey(m.MetricKey) })]);
    }

    public static FieldErrors MetricKey(this FieldErrors errors, string field, string? key) =>
        errors.Key(field, DeliveryValidation.NormalizeKey(key));

    public static List<string> FlagKeys(this FieldErrors errors, List<string>? keys)
    {
        var list = (keys ?? []).Select(DeliveryValidation.NormalizeKey).Distinct(StringComparer.Ordinal).ToList();
        if (list.Count > MaxFlags) errors.Add("flagKeys", $"At most {MaxFlags} flags.");
        for (var i = 0; i < list.Count; i++) errors.Key($"flagKeys[{i}]", list[i]);
        return list;
    }

    public static List<EvidenceLink> Evidence(this FieldErrors errors, List<EvidenceLink>? evidence)
    {
        var list = evidence ?? [];
        if (list.Count > MaxEvidence) errors.Add("evidence", $"At most {MaxEvidence} pieces of evidence.");
        var result = new List<EvidenceLink>();
        for (var i = 0; i < list.Count; i++)
        {
            var field = $"evidence[{i}]";
            if (list[i] is not { } link) { errors.Add(field, "Evidence is missing."); continue; }
            if (!Enum.IsDefined(link.Kind)) errors.Add($"{field}.kind", "'kind' is analysis, experiment, prototypeTest, userTest, research or other.");
            errors.Require($"{field}.title", link.Title, 300);
            var url = string.IsNullOrWhiteSpace(link.Url) ? null : link.Url.Trim();
            if (url is not null && !IsLink(url)) errors.Add($"{field}.url", "'url' must be an http(s) address or a path in Stepwise starting with '/'.");
            result.Add(new EvidenceLink(link.Kind, link.Title?.Trim() ?? "", url));
        }
        return result;
    }

    private static bool IsLink(string url) =>
        url.Length <= 2000 && ((url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"));
}
