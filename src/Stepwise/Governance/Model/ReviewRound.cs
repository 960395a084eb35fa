namespace Stepwise.Governance.Model;

/// <summary>Who is asked to comment, from the narrowest circle to the widest. Rounds on one draft never narrow.</summary>
public enum ReviewAudience { WorkingGroup, Managers, Organization }

/// <summary>A comment period on a draft for one audience. Comments belong to their round and stay with it.</summary>
public sealed class ReviewRound
{
    public Guid Id { get; init; }
    public Guid VersionId { get; init; }
    public int Number { get; init; }
    public ReviewAudience Audience { get; init; }
    public string? Purpose { get; init; }
    public DateTimeOffset OpensAt { get; init; }
    public DateTimeOffset ClosesAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";

    public bool IsOpenAt(DateTimeOffset now) => OpensAt <= now && now < ClosesAt;
}

/// <summary>A comment on one section within a review round; <see cref="ParentId"/> makes it a reply in a thread.</summary>
public sealed class ReviewComment
{
    public Guid Id { get; init; }
    public Guid RoundId { get; init; }
    public string SectionId { get; init; } = "";
    public Guid? ParentId { get; init; }
    public Guid AuthorUserId { get; init; }
    public string AuthorName { get; init; } = "";
    public string Text { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
}
