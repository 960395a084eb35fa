using Stepwise.Governance.Model;

namespace Stepwise.Align.Rfcs;

/// <summary>
/// A request for comments: a Markdown proposal that moves from draft through discussion in widening circles and a final
/// comment period to a decision. Its text lives in a governed document (kind <c>rfc</c>), so suggestions, review rounds
/// and diffs work as they do for the career framework; this entity holds what is particular to RFCs: state, approvals
/// and concerns. <see cref="Revision"/> goes up with every change to the text.
/// </summary>
public sealed class Rfc
{
    public Guid Id { get; init; }
    public int Number { get; init; }
    public Guid DocumentId { get; init; }
    public required string Title { get; set; }
    public Guid UnitId { get; set; }
    public Guid AuthorUserId { get; init; }
    public Guid? AuthorPersonId { get; init; }
    public required string AuthorName { get; init; }
    public RfcState State { get; set; }
    /// <summary>The widest circle a discussion round has been opened for.</summary>
    public ReviewAudience? Circle { get; set; }
    public int Revision { get; set; } = 1;
    public DateTimeOffset? FinalCommentEndsAt { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }
    public string? DecidedBy { get; set; }
    public string? DecisionNote { get; set; }
    /// <summary>The lesson from a retrospective that prompted the proposal, when there was one.</summary>
    public Guid? PromptedByLessonId { get; set; }
    public List<string> Tags { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }

    public bool IsFinal => State is RfcState.Accepted or RfcState.Rejected or RfcState.Withdrawn;

    public string Key => $"RFC-{Number:0000}";
}

public enum RfcState
{
    Draft,
    Discussion,
    FinalComment,
    Accepted,
    Rejected,
    Withdrawn,
}

/// <summary>Every text the RFC has had, so any two can be compared.</summary>
public sealed class RfcRevision
{
    public Guid Id { get; init; }
    public Guid RfcId { get; init; }
    public int Revision { get; init; }
    public required string Markdown { get; init; }
    public required string By { get; init; }
    public DateTimeOffset At { get; init; }
    public string? Note { get; init; }
}

/// <summary>An approval of one revision of the text. When the text changes, approvals of older revisions stop counting (by default).</summary>
public sealed class RfcApproval
{
    public Guid Id { get; init; }
    public Guid RfcId { get; init; }
    public Guid UserId { get; init; }
    public Guid? PersonId { get; init; }
    public required string Name { get; init; }
    public int Revision { get; init; }
    public DateTimeOffset At { get; init; }
}

/// <summary>A concern raised on an RFC. A blocking one stops the final comment period and acceptance until the person who raised it lifts it.</summary>
public sealed class RfcConcern
{
    public Guid Id { get; init; }
    public Guid RfcId { get; init; }
    public Guid RaisedByUserId { get; init; }
    public required string RaisedBy { get; init; }
    public required string Text { get; init; }
    public bool Blocking { get; init; }
    public DateTimeOffset RaisedAt { get; init; }
    public DateTimeOffset? LiftedAt { get; set; }
    public string? LiftNote { get; set; }
}
