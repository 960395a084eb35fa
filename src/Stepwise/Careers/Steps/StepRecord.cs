namespace Stepwise.Careers.Steps;

/// <summary>
/// One decision about someone's step, effective from a date. The history is append-only apart from
/// <see cref="EndedOn"/>, which closes the step a leaver held.
/// </summary>
public sealed class StepRecord
{
    public Guid Id { get; init; }
    public Guid PersonId { get; init; }
    /// <summary>The step by sphere of influence: 1 Individual, 2 Squad/Chapter, 3 Tribe/Guild, 4 Technology/Company.</summary>
    public int Level { get; init; }
    /// <summary>The level held before this decision, so promotions are a plain comparison in SQL.</summary>
    public int? PreviousLevel { get; init; }
    /// <summary>The framework version the decision was made against, when known (e.g. "2.1.0").</summary>
    public string? FrameworkVersion { get; init; }
    public DateOnly EffectiveOn { get; init; }
    public required string Rationale { get; init; }
    public Guid? DecidedByPersonId { get; init; }
    public required string DecidedBy { get; init; }
    public StepSource Source { get; init; }
    public DateTimeOffset RecordedAt { get; init; }
    public DateOnly? EndedOn { get; set; }

    public bool IsPromotion => PreviousLevel is { } previous && Level > previous;
}

public enum StepSource
{
    Cycle,
    Import,
    Manual,
    Promotion,
}

/// <summary>The default steps, by sphere of influence. Frameworks may rename them; the levels stay.</summary>
public static class StepLevels
{
    public const int Min = 1;
    public const int Max = 4;

    public static string Name(int level) => level switch
    {
        1 => "Individual",
        2 => "Squad / Chapter",
        3 => "Tribe / Guild",
        4 => "Technology / Company",
        _ => $"Step {level}",
    };
}
