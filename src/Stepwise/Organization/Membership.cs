namespace Stepwise.Organization;

/// <summary>A person belongs to a unit over a period, as a member or as its lead.</summary>
public sealed class Membership : IEffectiveDatedMutable
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    public Guid UnitId { get; init; }
    public MembershipRole Role { get; set; }
    public DateOnly From { get; set; }
    public DateOnly? To { get; set; }
}

public enum MembershipRole
{
    Member,
    Lead,
}
