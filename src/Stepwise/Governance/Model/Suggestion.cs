namespace Stepwise.Governance.Model;

public enum ChangeKind { Suggestion, PairEdit }

public enum SuggestionState { Open, Applied, Withdrawn, Superseded }

/// <summary>
/// A proposed new text for one section of a draft. A suggestion waits for approvals by people other than its
/// author; a pair edit was written by two people together and is applied at once, recorded with both names.
/// <see cref="BaseText"/> is the section text the author saw, so a change made meanwhile is not silently overwritten.
/// </summary>
public sealed class Suggestion
{
    public Guid Id { get; init; }
    public Guid VersionId { get; init; }
    public string SectionId { get; init; } = "";
    public ChangeKind Kind { get; init; }
    public SuggestionState State { get; set; }
    public string BaseText { get; init; } = "";
    public string ProposedText { get; init; } = "";
    public string? Rationale { get; init; }
    public Guid AuthorUserId { get; init; }
    public Guid? AuthorPersonId { get; init; }
    public string AuthorName { get; init; } = "";
    public Guid? PartnerPersonId { get; init; }
    public string? PartnerName { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; set; }
    public string? ClosedBy { get; set; }
    public List<SuggestionApproval> Approvals { get; init; } = [];
}

/// <summary>One person's approval of a suggestion; a unique index keeps it to one per user.</summary>
public sealed class SuggestionApproval
{
    public Guid Id { get; init; }
    public Guid SuggestionId { get; init; }
    public Guid UserId { get; init; }
    public Guid? PersonId { get; init; }
    public string Name { get; init; } = "";
    public DateTimeOffset At { get; init; }
}
