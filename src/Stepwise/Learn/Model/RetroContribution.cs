using Stepwise.Auditing;

namespace Stepwise.Learn.Model;

public enum ContributionKind
{
    WentWell,
    WentWrong,
    CouldBeBetter,
}

/// <summary>
/// A sticky note in a live session. An anonymous note stores no author, no creation time and a random id, so neither
/// the row nor its position in a list tells who wrote it; the audit log records it without an actor (see
/// <see cref="IAnonymousAuthorship"/>).
/// </summary>
public sealed class RetroContribution : IAnonymousAuthorship
{
    public Guid Id { get; set; }
    public Guid RetrospectiveId { get; set; }
    public ContributionKind Kind { get; set; }
    public required string Text { get; set; }

    /// <summary>The facilitator's grouping label; notes with the same label are discussed together.</summary>
    public string? Group { get; set; }

    /// <summary>The author's user account, for named notes only.</summary>
    public Guid? AuthorUserId { get; set; }
    public string? AuthorName { get; set; }

    public bool WrittenAnonymously => AuthorUserId is null;
}

/// <summary>One person's vote on one note. The voter is kept only to allow a single vote per person; views show counts.</summary>
public sealed class RetroVote
{
    public Guid ContributionId { get; set; }
    public Guid VoterUserId { get; set; }
    public Guid RetrospectiveId { get; set; }
}
