using Stepwise.Learn.Model;

namespace Stepwise.Learn;

public sealed record RetrospectiveSummary(
    Guid Id, string Title, SubjectKind SubjectKind, string? SubjectRef, Guid OwnerUnitId, string OwnerUnit, RetroOutcome Outcome,
    RetroStatus Status, bool IsPrivate, DateOnly HeldOn, IReadOnlyList<string> Tags, int Lessons, int OpenActions);

public sealed record RetrospectiveDetails(
    Guid Id, string Title, SubjectKind SubjectKind, string? SubjectRef, Guid OwnerUnitId, string OwnerUnit, RetroOutcome Outcome,
    RetroStatus Status, bool IsPrivate, DateOnly HeldOn, IReadOnlyList<string> Tags, string? Summary,
    IReadOnlyList<CriticalDecision> Decisions, IReadOnlyList<ContributionView> Contributions, IReadOnlyList<LessonView> Lessons,
    IReadOnlyList<ActionView> Actions, IReadOnlyList<ActionView> CarriedOverActions, DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt,
    bool CanFacilitate);

/// <summary>A note as everyone sees it: an anonymous one has no author, and votes are a count (plus whether the caller voted).</summary>
public sealed record ContributionView(Guid Id, ContributionKind Kind, string Text, string? Group, string? Author, int Votes, bool VotedByMe);

public sealed record LessonView(Guid Id, Guid RetrospectiveId, LessonSource Source, string Text, DateTimeOffset CreatedAt);

/// <summary>A feature's retrospectives (about it, its rollouts and its experiments) and the lessons written in them, oldest lesson first.</summary>
public sealed record FeatureLessons(IReadOnlyList<RetrospectiveSummary> Retrospectives, IReadOnlyList<LessonView> Lessons);

public sealed record ActionView(
    Guid Id, Guid RetrospectiveId, string RetrospectiveTitle, string Text, string Owner, DateOnly? DueOn, ActionStatus Status,
    DateTimeOffset CreatedAt, DateTimeOffset? ClosedAt);

public sealed record SearchHitView(
    SearchDocumentKind Kind, Guid RetrospectiveId, Guid? LessonId, string Title, string Text, Guid UnitId, string Unit,
    LessonSource? Source, RetroOutcome Outcome, DateOnly HeldOn);

public sealed record SearchResults(IReadOnlyList<SearchHitView> Items, int Page, int PageSize, bool HasMore);

public sealed record MissingRetrospective(SubjectKind SubjectKind, string SubjectRef, string Name, string Reason, DateTimeOffset FinishedAt, Guid? OwnerUnitId);

public sealed record ClosureRate(Guid? UnitId, string Unit, int Total, int Closed, int Open, int Overdue)
{
    public double Rate => Total == 0 ? 0 : (double)Closed / Total;
}

public sealed record ClosureReport(ClosureRate Organization, IReadOnlyList<ClosureRate> Units);

public sealed record FailPostView(
    Guid Id, Guid UnitId, string Unit, string WhatFailed, string WhatWeLearned, string Author, DateTimeOffset CreatedAt,
    IReadOnlyDictionary<ReactionKind, int> Reactions, IReadOnlyList<ReactionKind> MyReactions);

public sealed record FeedTokenView(string Token, string Url);

public sealed record WebhookView(Guid Id, string Name, string Url, bool Active, DateTimeOffset CreatedAt);

public sealed record WebhookDeliveryView(
    Guid Id, Guid SubscriptionId, string Webhook, string Title, DeliveryState State, int Attempts, int? LastStatusCode, string? LastError,
    DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, DateTimeOffset? DeliveredAt);
