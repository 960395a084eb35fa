using Stepwise.Governance.Model;

namespace Stepwise.Governance;

public sealed record PersonRef(Guid Id, string Name);

public sealed record VersionSummary(Guid Id, string Label, VersionState State, VersionBump? Bump, Guid? ForkedFromId,
    DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy, string? ReleaseNotes);

/// <summary>A governed document with its versions, its editing group and what the caller may do with it.</summary>
public sealed record DocumentView(Guid Id, string Kind, string Key, string Title, int RequiredApprovals, IReadOnlyList<PersonRef> Editors,
    IReadOnlyList<VersionSummary> Versions, Guid? DraftId, Guid? LatestPublishedId, bool CanEdit, bool CanPublish, bool CanManage);

public sealed record VersionView(Guid Id, Guid DocumentId, string DocumentKind, string DocumentKey, string Label, VersionState State,
    VersionBump? Bump, Guid? ForkedFromId, DateTimeOffset CreatedAt, string CreatedBy, DateTimeOffset? PublishedAt, string? PublishedBy,
    string? ReleaseNotes, string Structure, IReadOnlyList<DocumentSection> Sections, bool CanEdit)
{
    public DocumentSection? Section(string id) => Sections.FirstOrDefault(s => s.Id == id);
}

public sealed record ApprovalView(string Name, DateTimeOffset At);

public sealed record SuggestionView(Guid Id, Guid VersionId, string SectionId, ChangeKind Kind, SuggestionState State, string BaseText,
    string ProposedText, string? Rationale, string AuthorName, string? PartnerName, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt,
    string? ClosedBy, IReadOnlyList<ApprovalView> Approvals, int ApprovalsRequired)
{
    public bool HasEnoughApprovals => Approvals.Count >= ApprovalsRequired;

    public static SuggestionView Of(Suggestion s, int required) => new(s.Id, s.VersionId, s.SectionId, s.Kind, s.State, s.BaseText,
        s.ProposedText, s.Rationale, s.AuthorName, s.PartnerName, s.CreatedAt, s.ClosedAt, s.ClosedBy,
        [.. s.Approvals.OrderBy(a => a.At).Select(a => new ApprovalView(a.Name, a.At))], required);
}

public sealed record CommentView(Guid Id, string SectionId, Guid? ParentId, string AuthorName, string Text, DateTimeOffset CreatedAt);

public sealed record ReviewRoundView(Guid Id, Guid VersionId, int Number, ReviewAudience Audience, string? Purpose, DateTimeOffset OpensAt,
    DateTimeOffset ClosesAt, bool IsOpen, IReadOnlyList<CommentView> Comments);

public enum SectionChange { Unchanged, Changed, Added, Removed }

public sealed record SectionDiff(string SectionId, string Title, SectionChange Change, IReadOnlyList<DiffSegment> Segments);

public sealed record VersionDiff(Guid DocumentId, string From, string To, DiffGranularity Granularity, IReadOnlyList<SectionDiff> Sections);
