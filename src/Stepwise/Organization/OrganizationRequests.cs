namespace Stepwise.Organization;

public sealed record CreateUnitRequest(string Key, string Name, UnitKind Kind, Guid? ParentId, string? Discipline);
public sealed record UpdateUnitRequest(string Name, Guid? ParentId, string? Discipline);
public sealed record HirePersonRequest(string Email, string Name, string? Title, string? Discipline, string? Location, CareerTrack Track,
    DateOnly EmploymentStart, Guid? UnitId, Guid? ManagerId);
public sealed record UpdatePersonRequest(string Name, string? Title, string? Discipline, string? Location, CareerTrack Track, DateOnly EffectiveOn);
public sealed record JoinUnitRequest(Guid UnitId, MembershipRole Role, DateOnly EffectiveOn);
public sealed record LeaveUnitRequest(Guid UnitId, DateOnly EffectiveOn);
public sealed record SetManagerRequest(Guid? ManagerId, DateOnly EffectiveOn);
public sealed record LeaveCompanyRequest(DateOnly EffectiveOn);
public sealed record RelationshipView(Guid PersonId, IReadOnlyList<string> Relationships);
