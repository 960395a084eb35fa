using Stepwise.Events.Metrics;
using Stepwise.Stats;

namespace Stepwise.Server.Components.Metrics;

/// <summary>The metric form's fields; the margin is entered in percent.</summary>
public sealed class MetricInput
{
    public string? Key { get; set; }
    public string? Name { get; set; }
    public string? Description { get; set; }
    public MetricKind Kind { get; set; } = MetricKind.Conversion;
    public string? EventName { get; set; }
    public string? DenominatorEventName { get; set; }
    public int? RetentionDays { get; set; }
    public Direction Direction { get; set; } = Direction.Increase;
    public double? GuardrailMarginPercent { get; set; }
    public int? CupedPrePeriodDays { get; set; } = 0;

    public static MetricInput From(MetricView m) => new()
    {
        Key = m.Key, Name = m.Name, Description = m.Description, Kind = m.Kind, EventName = m.EventName,
        DenominatorEventName = m.DenominatorEventName, RetentionDays = m.RetentionDays, Direction = m.Direction,
        GuardrailMarginPercent = m.GuardrailMargin * 100, CupedPrePeriodDays = m.CupedPrePeriodDays,
    };

    public MetricRequest ToRequest() => new(Key, Name, Description, Kind, EventName,
        string.IsNullOrWhiteSpace(DenominatorEventName) ? null : DenominatorEventName, RetentionDays, Direction,
        GuardrailMarginPercent / 100, CupedPrePeriodDays);
}
