namespace Stepwise.Learn.Model;

/// <summary>Where a lesson came from: the classification that makes the repository searchable by kind of mistake.</summary>
public enum LessonSource
{
    Process,
    Team,
    CustomerPerception,
    ProductUnderstanding,
    Yourself,
}

public sealed class Lesson
{
    public Guid Id { get; set; }
    public Guid RetrospectiveId { get; set; }
    public LessonSource Source { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
