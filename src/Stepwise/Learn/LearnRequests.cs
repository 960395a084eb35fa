namespace Stepwise.Learn;

// Enumerations arrive as text so an unknown value is a field error naming the allowed ones, not a parse failure.

public sealed record RetrospectiveRequest(
    string? Title, string? SubjectKind, string? SubjectRef, Guid? OwnerUnitId, string? Outcome, string? Summary,
    IReadOnlyList<string>? Tags, bool? IsPrivate, DateOnly? HeldOn, IReadOnlyList<DecisionRequest>? Decisions);

public sealed record DecisionRequest(DateOnly? On, string? Decided, string? InformedBy, string? Result);

public sealed record ContributionRequest(string? Kind, string? Text, bool? Anonymous);

public sealed record GroupRequest(string? Group);

public sealed record LessonRequest(string? Source, string? Text);

public sealed record ActionRequest(string? Text, string? Owner, DateOnly? DueOn);

public sealed record ActionStatusRequest(string? Status);

public sealed record FailPostRequest(string? WhatFailed, string? WhatWeLearned);

public sealed record ReactionRequest(string? Kind);

public sealed record RelatedLessonsRequest(string? Text);

public sealed record WebhookRequest(string? Name, string? Url);
