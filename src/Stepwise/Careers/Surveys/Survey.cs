using Stepwise.Auditing;

namespace Stepwise.Careers.Surveys;

/// <summary>A pulse survey: Likert items asked in a baseline round and follow-up rounds.</summary>
public sealed class Survey
{
    public Guid Id { get; init; }
    public required string Title { get; set; }
    public string Description { get; set; } = "";
    /// <summary>No score is shown for a group with fewer respondents. Fixed once the first round opens.</summary>
    public int MinRespondents { get; set; } = SurveyRules.DefaultMinRespondents;
    /// <summary>No comments are shown for a group with fewer respondents. Fixed once the first round opens.</summary>
    public int MinForComments { get; set; } = SurveyRules.DefaultMinForComments;
    public List<SurveyItem> Items { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    /// <summary>True from the moment the first round opens: thresholds and items stop changing.</summary>
    public bool Opened { get; set; }
}

public sealed record SurveyItem(Guid Id, string Text);

public sealed class SurveyRound
{
    public Guid Id { get; init; }
    public Guid SurveyId { get; init; }
    /// <summary>1 is the baseline; 2 and later are follow-ups.</summary>
    public int Number { get; init; }
    public required string Name { get; init; }
    public DateOnly OpenedOn { get; init; }
    public DateOnly? ClosedOn { get; set; }

    public bool IsOpen => ClosedOn is null;
}

/// <summary>That someone answered a round, kept apart from what they answered so the two can never be joined.</summary>
public sealed class SurveyParticipation
{
    public Guid RoundId { get; init; }
    public Guid PersonId { get; init; }
}

/// <summary>One answer to one item. It carries no person, no time and no link to the respondent's other answers; only the group they answered for.</summary>
public sealed class SurveyAnswer : INotAudited
{
    public Guid Id { get; init; }
    public Guid RoundId { get; init; }
    public Guid? UnitId { get; init; }
    public Guid ItemId { get; init; }
    public int Value { get; init; }
}

/// <summary>A free-text comment, as unlinkable as an answer.</summary>
public sealed class SurveyComment : INotAudited
{
    public Guid Id { get; init; }
    public Guid RoundId { get; init; }
    public Guid? UnitId { get; init; }
    public required string Text { get; init; }
}
