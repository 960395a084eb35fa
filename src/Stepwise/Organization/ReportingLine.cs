namespace Stepwise.Organization;

/// <summary>Who a person reported to over a period.</summary>
public sealed class ReportingLine : IEffectiveDatedMutable
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public Guid ManagerId { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}
