using Stepwise.Governance.Model;

namespace Stepwise.Governance;

public sealed record DocumentSettingsRequest(int? RequiredApprovals, List<Guid>? EditorPersonIds);

public sealed record ForkDraftRequest(Guid? FromVersionId);

public sealed record SuggestionRequest(string? SectionId, string? Text, string? Rationale);

/// <summary>A change written by two people together: applied at once, recorded with both authors.</summary>
public sealed record PairEditRequest(string? SectionId, string? Text, Guid? PartnerPersonId, string? Rationale);

public sealed record ReviewRoundRequest(ReviewAudience? Audience, DateTimeOffset? OpensAt, DateTimeOffset? ClosesAt, string? Purpose);

public sealed record CommentRequest(string? SectionId, string? Text, Guid? ParentId);

public sealed record PublishRequest(VersionBump? Bump, string? ReleaseNotes);

/// <summary>The content of a new governed document or of a draft that replaces a document's structure (a kind's import).</summary>
public sealed record DocumentContent(string Title, string Structure, IReadOnlyList<DocumentSection> Sections);
