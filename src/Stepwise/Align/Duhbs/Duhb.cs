using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Align.Duhbs;

/// <summary>
/// A DUHB: the data someone looked at, what they understood from it, the hypotheses it suggests and the bets they propose.
/// Anyone writes one for a unit (a squad, tribe or journey team); only its author changes it; everyone reads it.
/// </summary>
public sealed class Duhb
{
    public Guid Id { get; init; }
    public required string Title { get; set; }
    public Guid UnitId { get; set; }
    public Guid? PriorityItemId { get; set; }
    public Guid AuthorUserId { get; init; }
    public Guid? AuthorPersonId { get; init; }
    public required string AuthorName { get; init; }
    public DuhbState State { get; set; }
    public string Data { get; set; } = "";
    public List<DataPoint> DataPoints { get; set; } = [];
    /// <summary>Attachments and dashboards, as http(s) addresses.</summary>
    public List<string> Links { get; set; } = [];
    public string Understanding { get; set; } = "";
    public List<string> Hypotheses { get; set; } = [];
    public List<DuhbBet> Bets { get; set; } = [];
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public enum DuhbState
{
    Draft,
    InReview,
    Closed,
}

/// <summary>One number the DUHB rests on, and where it comes from.</summary>
public sealed record DataPoint(string Label, double Value, string? Unit, string? Source);

/// <summary>
/// A bet the DUHB proposes, shaped like a feature's hypothesis so it can become one. Once it has become a feature
/// (<see cref="FeatureId"/>) it no longer changes: the feature carries it on.
/// </summary>
public sealed class DuhbBet
{
    public Guid Id { get; init; }
    public Guid DuhbId { get; init; }
    public int Position { get; set; }
    public required string Title { get; set; }
    public string HypothesisStatement { get; set; } = "";
    public List<SuccessMetric> SuccessMetrics { get; set; } = [];
    public List<GuardrailMetric> GuardrailMetrics { get; set; } = [];
    public Guid SquadId { get; set; }
    public Guid? FeatureId { get; set; }
    public DateTimeOffset? ConvertedAt { get; set; }
    public string? ConvertedBy { get; set; }
}

/// <summary>Someone other than the author backing the DUHB. One per person; it can be withdrawn.</summary>
public sealed class DuhbEndorsement
{
    public Guid DuhbId { get; init; }
    public Guid UserId { get; init; }
    public required string Name { get; init; }
    public DateTimeOffset At { get; init; }
}

public sealed class DuhbComment
{
    public Guid Id { get; init; }
    public Guid DuhbId { get; init; }
    public Guid AuthorUserId { get; init; }
    public required string AuthorName { get; init; }
    public required string Text { get; init; }
    public DateTimeOffset At { get; init; }
}
