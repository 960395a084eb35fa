using Stepwise.Auditing;

namespace Stepwise.Learn.Model;

public enum SearchDocumentKind
{
    Retrospective,
    Lesson,
}

/// <summary>
/// One searchable row per retrospective and per lesson, with the filter columns copied in so a search touches one
/// table. The full-text index lives beside it in each provider's own form (an FTS5 table kept in step by triggers on
/// SQLite, a generated tsvector column with a GIN index on PostgreSQL; see the Learn migrations).
/// </summary>
public sealed class SearchDocument : INotAudited
{
    public long Id { get; set; }
    public SearchDocumentKind Kind { get; set; }
    public Guid RetrospectiveId { get; set; }
    public Guid? LessonId { get; set; }
    public Guid UnitId { get; set; }
    public LessonSource? Source { get; set; }
    public RetroOutcome Outcome { get; set; }
    public DateOnly HeldOn { get; set; }

    /// <summary>Tags as " tag1 tag2 " (padded) so a tag filter is one LIKE.</summary>
    public required string Tags { get; set; }
    public bool IsPrivate { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
}
