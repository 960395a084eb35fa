namespace Stepwise.Organization;

public sealed record PersonSummary(Guid Id, string Name, string Email, string Title, string Discipline, string Location, CareerTrack Track,
    DateOnly EmploymentStart, DateOnly? EmploymentEnd);

public sealed record UnitSummary(Guid Id, string Key, string Name, UnitKind Kind, Guid? ParentId, string? Discipline, int MemberCount);

public sealed record UnitMember(PersonSummary Person, MembershipRole Role, DateOnly From, DateOnly? To);

public sealed record UnitDetails(UnitSummary Unit, IReadOnlyList<UnitSummary> Ancestors, IReadOnlyList<UnitSummary> Children,
    DateOnly AsOf, IReadOnlyList<UnitMember> Members);

public sealed record OrgTreeNode(UnitSummary Unit, IReadOnlyList<OrgTreeNode> Children);

public sealed record OrgTree(DateOnly AsOf, IReadOnlyList<OrgTreeNode> Roots);

public sealed record MembershipView(Guid Id, UnitSummary Unit, MembershipRole Role, DateOnly From, DateOnly? To);

public sealed record ReportingLineView(Guid Id, PersonSummary Manager, DateOnly From, DateOnly? To);

public sealed record TransitionView(Guid Id, TransitionKind Kind, DateOnly EffectiveOn, string? FromValue, string? ToValue, DateTimeOffset RecordedAt);

public sealed record PersonDetails(PersonSummary Person, DateOnly AsOf, PersonSummary? Manager, IReadOnlyList<PersonSummary> Reports,
    IReadOnlyList<MembershipView> Memberships, IReadOnlyList<ReportingLineView> ReportingLines, IReadOnlyList<TransitionView> History);

/// <summary>One page of a longer list. <see cref="PageNumber"/> counts from 1.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public const int MaxPageSize = 200;
    public int PageCount => PageSize == 0 ? 0 : (Total + PageSize - 1) / PageSize;
}

internal static class OrgViewMapping
{
    public static PersonSummary AsSummary(this Person p) =>
        new(p.Id, p.Name, p.Email, p.Title, p.Discipline, p.Location, p.Track, p.EmploymentStart, p.EmploymentEnd);

    public static UnitSummary AsSummary(this OrgUnit u, int memberCount = 0) =>
        new(u.Id, u.Key, u.Name, u.Kind, u.ParentId, u.Discipline, memberCount);
}
