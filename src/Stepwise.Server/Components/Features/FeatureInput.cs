using System.Globalization;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Server.Components.Delivery;

namespace Stepwise.Server.Components.Features;

/// <summary>The new-feature form: a fixed number of metric rows (blank rows are left out) and flags as a comma-separated list.</summary>
public sealed class FeatureInput
{
    public const int MetricRows = 3;

    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Summary { get; set; }
    public string? OwnerUnitId { get; set; }
    public string? Statement { get; set; }
    public string? Flags { get; set; }
    public MetricRow[] Success { get; set; } = [.. Enumerable.Range(0, MetricRows).Select(_ => new MetricRow())];
    public MetricRow[] Guardrails { get; set; } = [.. Enumerable.Range(0, MetricRows).Select(_ => new MetricRow())];

    public Guid? Owner => Guid.TryParse(OwnerUnitId, out var id) ? id : null;

    public List<string> FlagKeys => [.. (Flags ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    /// <summary>Parses the rows into the request's lists; a percentage that is not a number is a field error on its row.</summary>
    public HypothesisRequest Hypothesis(PageErrors errors)
    {
        var success = new List<SuccessMetric>();
        for (var i = 0; i < Success.Length; i++)
        {
            if (Success[i].IsBlank) continue;
            var effect = Success[i].Share($"hypothesis.successMetrics[{success.Count}].minimumEffect", errors);
            success.Add(new SuccessMetric(Success[i].Metric ?? "", Success[i].Direction, effect));
        }
        var guardrails = new List<GuardrailMetric>();
        for (var i = 0; i < Guardrails.Length; i++)
        {
            if (Guardrails[i].IsBlank) continue;
            var margin = Guardrails[i].Share($"hypothesis.guardrailMetrics[{guardrails.Count}].margin", errors);
            guardrails.Add(new GuardrailMetric(Guardrails[i].Metric ?? "", Guardrails[i].Direction, margin));
        }
        return new HypothesisRequest(Statement, success, guardrails);
    }
}

public sealed class MetricRow
{
    public string? Metric { get; set; }
    public MetricDirection Direction { get; set; }
    public string? Percent { get; set; }

    public bool IsBlank => string.IsNullOrWhiteSpace(Metric) && string.IsNullOrWhiteSpace(Percent);

    public double Share(string field, PageErrors errors)
    {
        if (double.TryParse((Percent ?? "").Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)) return percent / 100;
        errors.Add(field, $"'{Percent}' is not a percentage (e.g. 2 or 0.5).");
        return 0;
    }
}
