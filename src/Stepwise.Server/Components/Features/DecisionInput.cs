using System.Globalization;
using Stepwise.Delivery.Lifecycle;
using Stepwise.Server.Components.Delivery;

namespace Stepwise.Server.Components.Features;

/// <summary>The gate form. <see cref="ExpectedPhase"/> travels in a hidden field so a decision taken meanwhile by someone else is caught.</summary>
public sealed class DecisionInput
{
    public const int EvidenceRows = 3;

    public string? Rationale { get; set; }
    public string? MeasuredEffect { get; set; }

    /// <summary>A stored analysis to cite; its effect is copied rather than typed.</summary>
    public Guid? AnalysisId { get; set; }
    public FeaturePhase? ExpectedPhase { get; set; }
    public FeaturePhase? ToPhase { get; set; }
    public EvidenceRow[] Evidence { get; set; } = [.. Enumerable.Range(0, EvidenceRows).Select(_ => new EvidenceRow())];

    public double? Effect(PageErrors errors)
    {
        if (string.IsNullOrWhiteSpace(MeasuredEffect)) return null;
        if (double.TryParse(MeasuredEffect.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out var percent)) return percent / 100;
        errors.Add("measuredEffect", $"'{MeasuredEffect}' is not a percentage (e.g. 3.5 or -1).");
        return null;
    }

    public List<EvidenceLink> Links => [.. Evidence.Where(e => !string.IsNullOrWhiteSpace(e.Title) || !string.IsNullOrWhiteSpace(e.Url)).Select(e => new EvidenceLink(e.Kind, e.Title ?? "", e.Url))];
}

public sealed class EvidenceRow
{
    public EvidenceKind Kind { get; set; }
    public string? Title { get; set; }
    public string? Url { get; set; }
}
