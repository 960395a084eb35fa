namespace Stepwise.Careers.Cycles;

/// <summary>
/// A submitted assessment, by the person or their manager. Entries are never edited: a change after submitting is a new
/// revision with a reason, so the first, independent ratings stay on record.
/// </summary>
public sealed class AssessmentEntry
{
    public Guid Id { get; init; }
    public Guid ParticipantId { get; init; }
    public AssessmentKind Kind { get; init; }
    /// <summary>1 for the first submission; each revision adds one.</summary>
    public int Revision { get; init; }
    public List<CharacteristicRating> Ratings { get; init; } = [];
    public int OverallStep { get; init; }
    /// <summary>Why a revision was made; null on the first submission.</summary>
    public string? Reason { get; init; }
    public Guid? SubmittedByPersonId { get; init; }
    public required string SubmittedBy { get; init; }
    public DateTimeOffset SubmittedAt { get; init; }
}

public enum AssessmentKind
{
    Self,
    Manager,
}

/// <summary>A step for one characteristic and the behaviours that show it.</summary>
public sealed record CharacteristicRating(string CharacteristicId, int Step, string Evidence);
