using Stepwise.Delivery.Lifecycle;

namespace Stepwise.Align.Duhbs;

public sealed record DuhbSummary(Guid Id, string Title, Guid UnitId, string UnitName, DuhbState State, string AuthorName, string? PriorityTitle,
    int Bets, int BetsTaken, int Endorsements, DateTimeOffset UpdatedAt);

public sealed record ExperimentLink(string Key, string Name, string Status, string AnalysisLink);

public sealed record LessonLink(Guid RetrospectiveId, string RetrospectiveTitle, string Text);

/// <summary>What became of a bet: the feature it turned into, where that feature is, what was decided and learned.</summary>
public sealed record BetFate(string FeatureKey, string FeatureName, FeaturePhase Phase, string PhaseLabel, IReadOnlyList<DecisionView> Decisions,
    double? LatestMeasuredEffect, IReadOnlyList<ExperimentLink> Experiments, IReadOnlyList<LessonLink> Lessons);

public sealed record BetView(Guid Id, string Title, HypothesisView Hypothesis, Guid SquadId, string SquadName, DateTimeOffset? ConvertedAt,
    string? ConvertedBy, BetFate? Fate);

public sealed record EndorsementView(string Name, DateTimeOffset At);

public sealed record CommentView(Guid Id, string AuthorName, string Text, DateTimeOffset At);

public sealed record DuhbDetails(
    Guid Id, string Title, Guid UnitId, string UnitName, Guid? PriorityItemId, string? PriorityTitle, DuhbState State, string AuthorName,
    string Data, IReadOnlyList<DataPoint> DataPoints, IReadOnlyList<string> Links, string Understanding, IReadOnlyList<string> Hypotheses,
    IReadOnlyList<BetView> Bets, IReadOnlyList<EndorsementView> Endorsements, IReadOnlyList<CommentView> Comments,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, bool IsAuthor, bool CanEdit, bool CanEndorse, bool EndorsedByMe);

/// <summary>The DUHB a feature came from, for a line on the feature's page.</summary>
public sealed record DuhbOrigin(Guid DuhbId, string DuhbTitle, string BetTitle);
